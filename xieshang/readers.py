"""Turn the files an analyst gives into per-table frames, remembering where each came from."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from xieshang.contract import TABLE_NAMES
from xieshang.report import Problem


@dataclass(frozen=True)
class SourceFile:
    """An input file as recorded in a snapshot's manifest."""

    name: str
    size: int
    sha256: str
    path: Path


@dataclass(frozen=True)
class Frame:
    """One table's rows as read, with the name shown to the user and the row number of row 0."""

    table: str
    data: pa.Table
    source: str
    first_row: int = 1


# Suffixes of files that can hold a table; other files inside a given folder are not data.
DATA_SUFFIXES = frozenset({".parquet"})


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, plus the data files directly inside a named folder (sorted).

    A folder may hold other things (a manifest, a README): only data files are taken from it.
    A file named directly is always read, so a wrong one is reported rather than skipped.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p
                for p in path.iterdir()
                if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in DATA_SUFFIXES
            )
        else:
            files.append(path)
    return files


def describe(path: Path) -> SourceFile:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return SourceFile(path.name, path.stat().st_size, digest.hexdigest(), path)


def table_for(path: Path) -> str | None:
    """The contract table a file holds, judged by its name: `<table>.parquet`."""
    if path.suffix.lower() == ".parquet" and path.stem.lower() in TABLE_NAMES:
        return path.stem.lower()
    return None


def read_file(path: Path) -> tuple[Frame | None, list[Problem]]:
    name = path.name
    table = table_for(path)
    if table is None:
        return None, [Problem("unknown_file", name, params={"tables": ", ".join(TABLE_NAMES)})]
    try:
        data = pq.read_table(path)
    except (OSError, pa.ArrowException) as exc:
        return None, [Problem("unreadable", name, table, params={"reason": str(exc)[:200]})]
    return Frame(table, data, name), []
