"""Imports: read and validate what an analyst gives against the current snapshot, then commit it
as a new snapshot only if everything is valid. One code path for the import page and
`xieshang import`. (The store itself, which the KPI layer reads, does not import this module:
reading a figure never loads the file readers and validation.)"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from xieshang.contract import codebook as codebooks
from xieshang.contract.aliases import TABLE_ALIASES
from xieshang.contract.tables import TABLE_NAMES, table
from xieshang.errors import UserError
from xieshang.i18n import Lang, t
from xieshang.ingest.limits import Limits
from xieshang.ingest.readers import (
    FileReport,
    Frame,
    SourceFile,
    Upload,
    read_all,
    uploads_from_paths,
)
from xieshang.ingest.report import Problem, ValidationError
from xieshang.ingest.validate import Tables, validate
from xieshang.store.snapshots import (
    Progress,
    Snapshot,
    StaleBase,
    Store,
    fsync,
    silent,
)

Mode = Literal["replace", "append"]


# Originals are stored under their hash with one of these suffixes; never under their own name.
_KEPT_SUFFIXES = {
    ".parquet",
    ".csv",
    ".txt",
    ".tsv",
    ".xlsx",
    ".xlsm",
    ".xlsb",
    ".xls",
    ".et",
    ".ods",
    ".zip",
}


@dataclass(frozen=True)
class Shrink:
    """A table that an import would cut by more than half (or empty): rows now and after."""

    table: str
    before: int
    after: int

    @property
    def removed(self) -> int:
        return self.before - self.after

    def describe(self, lang: Lang = "zh") -> str:
        name = f"{TABLE_ALIASES[self.table][0]}（{self.table}）" if lang == "zh" else self.table
        return t(
            "shrink.table",
            lang,
            table=name,
            before=f"{self.before:,}",
            after=f"{self.after:,}",
            removed=f"{self.removed:,}",
        )


class ShrinkRefused(UserError):
    """A replace that would remove most or all of a table's rows was not confirmed."""

    key = "error.shrink"

    def __init__(self, shrinks: list[Shrink]):
        super().__init__()
        self.shrinks = shrinks

    def message(self, lang: Lang = "zh") -> str:
        tables = "；".join(s.describe(lang) for s in self.shrinks)
        return t(self.key, lang, tables=tables)


@dataclass(frozen=True)
class Prepared:
    """An import that has been read and validated but not committed."""

    base: Snapshot
    tables: Tables
    sources: list[SourceFile]
    problems: list[Problem]
    reports: list[FileReport] = field(default_factory=list)
    mode: Mode = "replace"
    codebook: dict[str, str] = field(default_factory=dict)

    @property
    def is_valid(self) -> bool:
        return not self.problems and bool(self.tables)

    @property
    def shrinks(self) -> list[Shrink]:
        """Tables this import would cut by more than half, or empty: these need a confirmation.

        Replacing the embedded demo export loses nothing (it ships with the code), so never.
        """
        if self.mode == "append" or self.base.is_demo:
            return []
        out = []
        counts = _row_counts(self.base)
        for name in self.tables:
            before, after = counts.get(name, 0), self.tables.rows(name)
            if before and (before - after) * 2 > before:
                out.append(Shrink(name, before, after))
        return out


class Importer:
    """Imports into a store (by default the one in the data dir)."""

    def __init__(self, store: Store | None = None):
        self.store = store or Store()

    def prepare(
        self,
        uploads: Iterable[Upload | Path],
        mode: Mode = "replace",
        progress: Progress = silent,
        limits: Limits | None = None,
    ) -> Prepared:
        """Read and validate uploads against the current snapshot, without writing anything.

        `replace` swaps the given tables for the new ones; `append` adds rows to them and
        refuses ids (or, for tables without ids, whole rows) the current snapshot already has.
        """
        base = self.store.current()
        codebook = codebooks.load()
        reading = read_all(_as_uploads(uploads), codebook, limits or Limits.from_env(), progress)
        problems = list(reading.problems)
        given: dict[str, Frame] = {}
        for frame in reading.frames:
            if frame.table in given:
                problems.append(
                    Problem(
                        "duplicate_table", frame.source, frame.table, params={"table": frame.table}
                    )
                )
                continue
            given[frame.table] = frame
        if mode == "append":
            for name, frame in list(given.items()):
                given[name], found = _appended(base, frame)
                problems += found
        progress("import.validating", {})
        carried = {name: _carried_frame(base, name) for name in TABLE_NAMES if name not in given}
        tables, found = validate(given, carried)
        return Prepared(
            base,
            tables,
            reading.sources,
            problems + found,
            reading.reports,
            mode,
            codebook.describe(),
        )

    def import_files(
        self,
        uploads: Iterable[Upload | Path],
        who: str,
        progress: Progress = silent,
        mode: Mode = "replace",
        allow_shrink: bool = False,
    ) -> Snapshot:
        """Validate and, only if everything is valid, commit a new current snapshot.

        A replace that would remove more than half of a table's rows (or all of them) is
        refused unless `allow_shrink`: a header-only file must not empty a table on a click.
        """
        with self.store.lock():
            prepared = self.prepare(list(uploads), mode, progress)
            if not prepared.is_valid:
                raise ValidationError(prepared.problems)
            _check_shrink(prepared, allow_shrink)
            return self._commit(prepared, who, progress)

    def commit(
        self,
        prepared: Prepared,
        who: str,
        progress: Progress = silent,
        allow_shrink: bool = False,
    ) -> Snapshot:
        """Commit an import prepared earlier, provided nobody committed (or rolled back) in
        between: otherwise what was previewed is not what would be committed."""
        if not prepared.is_valid:
            raise ValidationError(prepared.problems)
        _check_shrink(prepared, allow_shrink)
        with self.store.lock():
            if self.store.current().id != prepared.base.id:
                raise StaleBase(prepared.base.id)
            return self._commit(prepared, who, progress)

    def _commit(self, prepared: Prepared, who: str, progress: Progress) -> Snapshot:
        def report(key: str, params: dict[str, object]) -> None:
            if key == "import.deriving":  # every table is written: none is needed any more
                prepared.tables.forget()
            progress(key, params)

        return self.store.write(
            tables=prepared.tables,
            carried_from=prepared.base,
            who=who,
            extra={
                "action": "import",
                "mode": prepared.mode,
                "base": prepared.base.id,
                "codebook": prepared.codebook,
            },
            progress=report,
            keep=lambda folder: _keep_sources(prepared.sources, folder / "sources"),
        )


def _check_shrink(prepared: Prepared, allow_shrink: bool) -> None:
    shrinks = prepared.shrinks
    if shrinks and not allow_shrink:
        raise ShrinkRefused(shrinks)


def _row_counts(snapshot: Snapshot) -> dict[str, int]:
    counts = snapshot.row_counts()
    for name in TABLE_NAMES:
        if name not in counts and snapshot.table_path(name).exists():
            counts[name] = pq.ParquetFile(snapshot.table_path(name)).metadata.num_rows
    return counts


def _as_uploads(items: Iterable[Upload | Path]) -> list[Upload]:
    """Uploads as given, and files or folders (their data files) from the command line."""
    out: list[Upload] = []
    for item in items:
        out += uploads_from_paths([item]) if isinstance(item, Path) else [item]
    return out


def _appended(base: Snapshot, frame: Frame) -> tuple[Frame, list[Problem]]:
    """The current rows followed by the new ones, or the new rows the current ones already have."""
    current = pq.read_table(base.table_path(frame.table))
    spec = table(frame.table)
    keys = [c.name for c in spec.columns if c.unique] or [c.name for c in spec.columns]
    existing = set(zip(*(current.column(k).to_pylist() for k in keys), strict=True))
    data = frame.read()
    new_keys = zip(*(data.column(k).to_pylist() for k in keys), strict=True)
    problems = [
        Problem(
            "exists",
            frame.source,
            frame.table,
            frame.row(i),
            frame.column(keys[0]),
            "/".join(str(v) for v in key if v is not None),
        )
        for i, key in enumerate(new_keys)
        if key in existing
    ]
    combined = pa.concat_tables([current, data], promote_options="permissive")
    new_numbers = (
        frame.row_numbers
        if frame.row_numbers is not None
        else np.arange(data.num_rows, dtype=np.int64) + frame.first_row
    )
    numbers = np.concatenate([np.zeros(current.num_rows, dtype=np.int64), new_numbers])
    unreadable = {c: rows + current.num_rows for c, rows in frame.unreadable.items()}
    return Frame(
        frame.table,
        combined,
        frame.source,
        row_numbers=numbers,
        headers=frame.headers,
        unreadable=unreadable,
    ), problems


def _carried_frame(snapshot: Snapshot, name: str) -> Frame:
    """A table of the current snapshot, read only as far as validation needs it."""
    label = f"{snapshot.id}/{name}.parquet"
    path = snapshot.table_path(name)
    parquet = pq.ParquetFile(path)
    shape = parquet.schema_arrow.empty_table()
    return Frame(name, shape, label, path=path, rows=parquet.metadata.num_rows)


def _keep_sources(sources: list[SourceFile], folder: Path) -> list[dict[str, object]]:
    """The original files, stored under their hash: an uploaded name never becomes a path."""
    kept = []
    for source in sources:
        suffix = Path(source.name).suffix.lower()
        stored = f"{source.sha256}{suffix if suffix in _KEPT_SUFFIXES else '.bin'}"
        folder.mkdir(exist_ok=True)
        target = folder / stored
        if source.upload.path is not None:
            shutil.copyfile(source.upload.path, target)
        else:
            target.write_bytes(source.upload.read())
        fsync(target)
        kept.append(
            {
                "name": source.name,
                "size": source.size,
                "sha256": source.sha256,
                "stored_as": f"sources/{stored}",
            }
        )
    return kept
