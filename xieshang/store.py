"""The snapshot store: immutable folders of validated Parquet and an atomically switched pointer.

Layout of the data dir:
    CURRENT                  the id of the current snapshot (absent: the embedded demo export)
    snapshots/<id>/          <table>.parquet for all eight tables, manifest.json, sources/
    snapshots/.tmp-<id>/     a snapshot being written; removed if a crash left it behind
    .lock                    one writer at a time

A reader resolves CURRENT once and then reads a folder that never changes, so it never sees
half an import; a crash at any moment leaves the previous CURRENT in place.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import filelock
import pyarrow as pa
import pyarrow.parquet as pq

from xieshang import codebook as codebooks
from xieshang import derived
from xieshang.contract import TABLE_NAMES, table
from xieshang.errors import UserError
from xieshang.limits import Limits
from xieshang.paths import DEMO_DIR, data_dir
from xieshang.readers import FileReport, Frame, SourceFile, Upload, read_all, uploads_from_paths
from xieshang.report import Problem, ValidationError
from xieshang.validate import validate

DEMO_ID = "demo"
MANIFEST = "manifest.json"
ROW_GROUP_SIZE = 100_000
# Originals are stored under their hash with one of these suffixes; never under their own name.
_KEPT_SUFFIXES = {".parquet", ".csv", ".xlsx", ".zip"}

Progress = Callable[[str, dict[str, object]], None]


class StoreBusy(UserError):
    """Another writer holds the lock."""

    key = "error.store_busy"


class UnknownSnapshot(UserError):
    def __init__(self, snapshot_id: str):
        super().__init__("error.unknown_snapshot", snapshot=snapshot_id)
        self.snapshot_id = snapshot_id


class StaleBase(UserError):
    """The current snapshot changed between checking an import and committing it."""

    key = "error.stale_base"


@dataclass(frozen=True)
class Snapshot:
    id: str
    path: Path
    manifest: dict = field(hash=False, compare=False)

    @property
    def is_demo(self) -> bool:
        return self.id == DEMO_ID

    @property
    def created_at(self) -> str:
        return self.manifest.get("created_at", "")

    def table_path(self, name: str) -> Path:
        return self.path / f"{name}.parquet"

    def row_counts(self) -> dict[str, int]:
        return {name: info["rows"] for name, info in self.manifest.get("tables", {}).items()}


Mode = Literal["replace", "append"]


@dataclass(frozen=True)
class Prepared:
    """An import that has been read and validated but not committed."""

    base: Snapshot
    tables: dict[str, pa.Table]
    sources: list[SourceFile]
    problems: list[Problem]
    reports: list[FileReport] = field(default_factory=list)
    mode: Mode = "replace"
    codebook: dict[str, str] = field(default_factory=dict)

    @property
    def is_valid(self) -> bool:
        return not self.problems and bool(self.tables)


def _silent(_key: str, _params: dict[str, object]) -> None:
    return None


class Store:
    def __init__(self, root: Path | None = None, lock_timeout: float = 60.0):
        self.root = (root or data_dir()).resolve()
        self.snapshots_dir = self.root / "snapshots"
        self.lock_timeout = lock_timeout

    # --- reading

    def current(self) -> Snapshot:
        pointer = self.root / "CURRENT"
        try:
            snapshot_id = pointer.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return self.get(DEMO_ID)
        return self.get(snapshot_id)

    def get(self, snapshot_id: str) -> Snapshot:
        if snapshot_id == DEMO_ID:
            path = DEMO_DIR
        elif _is_snapshot_id(snapshot_id):
            path = self.snapshots_dir / snapshot_id
        else:
            raise UnknownSnapshot(snapshot_id)
        try:
            manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise UnknownSnapshot(snapshot_id) from None
        return Snapshot(snapshot_id, path, manifest)

    def history(self) -> list[Snapshot]:
        """Every snapshot, newest first; the demo export last."""
        found = []
        if self.snapshots_dir.is_dir():
            for path in self.snapshots_dir.iterdir():
                if _is_snapshot_id(path.name) and (path / MANIFEST).is_file():
                    found.append(self.get(path.name))
        found.sort(key=lambda s: s.created_at, reverse=True)
        return [*found, self.get(DEMO_ID)]

    # --- writing

    def prepare(
        self,
        uploads: Iterable[Upload | Path],
        mode: Mode = "replace",
        progress: Progress = _silent,
        limits: Limits | None = None,
    ) -> Prepared:
        """Read and validate uploads against the current snapshot, without writing anything.

        `replace` swaps the given tables for the new ones; `append` adds rows to them and
        refuses ids (or, for tables without ids, whole rows) the current snapshot already has.
        """
        base = self.current()
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
        progress: Progress = _silent,
        mode: Mode = "replace",
    ) -> Snapshot:
        """Validate and, only if everything is valid, commit a new current snapshot."""
        with self._lock():
            prepared = self.prepare(list(uploads), mode, progress)
            if not prepared.is_valid:
                raise ValidationError(prepared.problems)
            return self._commit(prepared, who, progress)

    def commit(self, prepared: Prepared, who: str, progress: Progress = _silent) -> Snapshot:
        """Commit an import prepared earlier, provided nobody committed in between."""
        if not prepared.is_valid:
            raise ValidationError(prepared.problems)
        with self._lock():
            if self.current().id != prepared.base.id:
                raise StaleBase(prepared.base.id)
            return self._commit(prepared, who, progress)

    def rollback(self, snapshot_id: str, who: str) -> Snapshot:
        """Make an earlier snapshot current again, as a new snapshot that records the rollback."""
        target = self.get(snapshot_id)
        with self._lock():
            base = self.current()
            return self._write(
                tables={},
                carried_from=target,
                sources=[],
                who=who,
                extra={"action": "rollback", "rolled_back_to": target.id, "base": base.id},
            )

    def _commit(self, prepared: Prepared, who: str, progress: Progress) -> Snapshot:
        return self._write(
            tables=prepared.tables,
            carried_from=prepared.base,
            sources=prepared.sources,
            who=who,
            extra={
                "action": "import",
                "mode": prepared.mode,
                "base": prepared.base.id,
                "codebook": prepared.codebook,
            },
            progress=progress,
        )

    def _write(
        self,
        tables: dict[str, pa.Table],
        carried_from: Snapshot,
        sources: list[SourceFile],
        who: str,
        extra: dict[str, object],
        progress: Progress = _silent,
    ) -> Snapshot:
        self.snapshots_dir.mkdir(parents=True, exist_ok=True)
        self._remove_leftovers()
        snapshot_id = _new_id()
        tmp = self.snapshots_dir / f".tmp-{snapshot_id}"
        tmp.mkdir()
        counts: dict[str, dict[str, object]] = {}
        for name in TABLE_NAMES:
            target = tmp / f"{name}.parquet"
            if name in tables:
                progress("import.writing", {"table": name})
                write_table(tables[name], name, target)
                counts[name] = {"rows": tables[name].num_rows, "carried_over": False}
            else:
                _link_or_copy(carried_from.table_path(name), target)
                rows = pq.ParquetFile(target).metadata.num_rows
                counts[name] = {"rows": rows, "carried_over": True}
        if tables or not derived.carry(carried_from.path, tmp):
            derived.write(tmp, progress)
        kept = _keep_sources(sources, tmp / "sources")
        manifest = {
            "id": snapshot_id,
            "created_at": datetime.now(UTC).isoformat(timespec="microseconds"),
            "who": who,
            **extra,
            "sources": kept,
            "tables": counts,
        }
        _write_durably(tmp / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
        _fsync(tmp)
        final = self.snapshots_dir / snapshot_id
        os.rename(tmp, final)
        _fsync(self.snapshots_dir)
        _write_durably(self.root / "CURRENT", snapshot_id + "\n")
        return self.get(snapshot_id)

    @contextmanager
    def _lock(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        lock = filelock.FileLock(self.root / ".lock", timeout=self.lock_timeout)
        try:
            lock.acquire()
        except filelock.Timeout:
            raise StoreBusy() from None
        try:
            yield
        finally:
            lock.release()

    def _remove_leftovers(self) -> None:
        """Folders a crashed writer left behind; only ever called under the lock."""
        for path in self.snapshots_dir.glob(".tmp-*"):
            shutil.rmtree(path, ignore_errors=True)


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
    new_keys = zip(*(frame.data.column(k).to_pylist() for k in keys), strict=True)
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
    combined = pa.concat_tables([current, frame.data], promote_options="permissive")
    numbers = (0,) * current.num_rows + tuple(frame.row(i) for i in range(frame.data.num_rows))
    return Frame(
        frame.table, combined, frame.source, row_numbers=numbers, headers=frame.headers
    ), problems


def _carried_frame(snapshot: Snapshot, name: str) -> Frame:
    label = f"{snapshot.id}/{name}.parquet"
    return Frame(name, pq.read_table(snapshot.table_path(name)), label)


def write_table(data: pa.Table, name: str, target: Path) -> None:
    spec = table(name)
    ordered = data.sort_by([(c, "ascending") for c in spec.sort_by]) if data.num_rows else data
    pq.write_table(ordered, target, compression="zstd", row_group_size=ROW_GROUP_SIZE)
    _fsync(target)


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
        _fsync(target)
        kept.append(
            {
                "name": source.name,
                "size": source.size,
                "sha256": source.sha256,
                "stored_as": f"sources/{stored}",
            }
        )
    return kept


def _link_or_copy(source: Path, target: Path) -> None:
    # Snapshots never change, so a carried-over table can share its bytes with the old one.
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
        _fsync(target)


def _write_durably(path: Path, text: str) -> None:
    """Write, fsync, then rename over the old file, so it is either old or new, never half."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    with tmp.open("w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    _fsync(path.parent)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _new_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f") + "-" + secrets.token_hex(3)


def _is_snapshot_id(value: str) -> bool:
    stamp, _, suffix = value.partition("-")
    return (
        len(stamp) == 21
        and stamp[8] == "T"
        and (stamp[:8] + stamp[9:]).isdigit()
        and len(suffix) == 6
        and all(c in "0123456789abcdef" for c in suffix)
    )
