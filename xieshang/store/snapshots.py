"""The snapshot store: immutable folders of validated Parquet and an atomically switched pointer.

Layout of the data dir:
    CURRENT                  the id of the current snapshot (absent: the embedded demo export)
    snapshots/<id>/          <table>.parquet for all eight tables, manifest.json, sources/,
                             and optionally targets.json (the targets table, see
                             xieshang.kpis.target_table; without it the defaults apply)
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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from xieshang.contract.tables import TABLE_NAMES, table
from xieshang.errors import UserError
from xieshang.paths import DEMO_DIR, data_dir
from xieshang.store import derived

if TYPE_CHECKING:
    import pyarrow as pa

# pyarrow is imported by the functions that write (reading a figure needs only DuckDB): the
# CLI's `kpis` starts without it.

DEMO_ID = "demo"
MANIFEST = "manifest.json"
# The snapshot's targets table: optional, carried over like a table that is not given.
TARGETS = "targets.json"
ROW_GROUP_SIZE = 100_000

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
        """The embedded demo export, or a snapshot holding nothing but its tables (a rollback
        to the demo, or to such a rollback): every page and the wall must mark demo data."""
        return (
            self.id == DEMO_ID
            or self.manifest.get("is_demo") is True
            # rollbacks written before the manifest said so
            or self.manifest.get("rolled_back_to") == DEMO_ID
        )

    @property
    def created_at(self) -> str:
        return self.manifest.get("created_at", "")

    def table_path(self, name: str) -> Path:
        return self.path / f"{name}.parquet"

    @property
    def targets_path(self) -> Path:
        """The snapshot's targets table (a file that may not exist)."""
        return self.path / TARGETS

    def row_counts(self) -> dict[str, int]:
        return {name: info["rows"] for name, info in self.manifest.get("tables", {}).items()}


def silent(_key: str, _params: dict[str, object]) -> None:
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

    def rollback(self, snapshot_id: str, who: str) -> Snapshot:
        """Make an earlier snapshot current again, as a new snapshot that records the rollback."""
        target = self.get(snapshot_id)
        with self.lock():
            base = self.current()
            return self.write(
                tables={},
                carried_from=target,
                who=who,
                extra={"action": "rollback", "rolled_back_to": target.id, "base": base.id},
            )

    def write(
        self,
        tables: dict[str, pa.Table],
        carried_from: Snapshot,
        who: str,
        extra: dict[str, object],
        progress: Progress = silent,
        keep: Callable[[Path], list[dict[str, object]]] | None = None,
        targets: str | None = None,
    ) -> Snapshot:
        """Write a new snapshot: `tables` given, the rest carried over (hard links) from
        `carried_from`, its derived tables, the manifest; then switch CURRENT to it. `keep`
        stores the original files in the new folder and returns their manifest entries.
        `targets` is a new targets table (JSON text); without it, `carried_from`'s is kept."""
        self.snapshots_dir.mkdir(parents=True, exist_ok=True)
        self.remove_leftovers()
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
                import pyarrow.parquet as pq

                rows = pq.ParquetFile(target).metadata.num_rows
                counts[name] = {"rows": rows, "carried_over": True}
        if targets is not None:
            _write_durably(tmp / TARGETS, targets)
        elif carried_from.targets_path.is_file():
            _link_or_copy(carried_from.targets_path, tmp / TARGETS)
        if tables or not derived.carry(carried_from.path, tmp):
            derived.write(tmp, progress)
        kept = keep(tmp) if keep is not None else []
        manifest = {
            "id": snapshot_id,
            "created_at": datetime.now(UTC).isoformat(timespec="microseconds"),
            "who": who,
            **extra,
            # every table carried from the demo: the demo's data under a new id
            "is_demo": carried_from.is_demo and not tables,
            "sources": kept,
            "tables": counts,
        }
        _write_durably(tmp / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
        fsync(tmp)
        final = self.snapshots_dir / snapshot_id
        os.rename(tmp, final)
        fsync(self.snapshots_dir)
        _write_durably(self.root / "CURRENT", snapshot_id + "\n")
        return self.get(snapshot_id)

    @contextmanager
    def lock(self) -> Iterator[None]:
        import filelock  # only a writer locks: reading commands start without it

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

    def remove_leftovers(self) -> None:
        """Folders a crashed writer left behind; only ever called under the lock."""
        for path in self.snapshots_dir.glob(".tmp-*"):
            shutil.rmtree(path, ignore_errors=True)


def write_table(data: pa.Table, name: str, target: Path) -> None:
    """Write a table sorted by its contract's sort keys, one row group at a time: the order is
    found once (an index per row) and each row group taken from it, so no sorted copy of the
    whole table is held beside it (`sort_by` did: an import's peak memory was the table
    twice over, measured in docs/benchmarks.md)."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    keys = [(c, "ascending") for c in table(name).sort_by]
    # Sorted before the file is opened: a failure leaves no file behind.
    order = pc.sort_indices(data, sort_keys=keys) if data.num_rows and keys else None
    with pq.ParquetWriter(target, data.schema, compression="zstd") as writer:
        if order is None:
            writer.write_table(data, row_group_size=ROW_GROUP_SIZE)
        else:
            for start in range(0, data.num_rows, ROW_GROUP_SIZE):
                part = data.take(order.slice(start, ROW_GROUP_SIZE))
                writer.write_table(part, row_group_size=ROW_GROUP_SIZE)
    fsync(target)


def _link_or_copy(source: Path, target: Path) -> None:
    # Snapshots never change, so a carried-over table can share its bytes with the old one.
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
        fsync(target)


def _write_durably(path: Path, text: str) -> None:
    """Write, fsync, then rename over the old file, so it is either old or new, never half."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    with tmp.open("w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    fsync(path.parent)


def fsync(path: Path) -> None:
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
