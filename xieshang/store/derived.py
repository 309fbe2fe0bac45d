"""Tables derived from a snapshot: built once when it is written, kept beside it.

The region closure, each assessment's result and the rollups (see queries/setup/) depend only
on the snapshot's own tables, and snapshots never change, so they are built at import and
stored as Parquet in `snapshots/<id>/derived-<fingerprint>/`. A connection then only loads
them (measured at national scale: 1 s per connection for the closure alone, 5-10 s a page
for the rollups' figures, about 60 s to build them all). A snapshot without them (written before
they existed, or by a release whose SQL differed) gets them built by the very same SQL when
first opened, and stored then.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import shutil
from collections.abc import Callable
from functools import cache
from pathlib import Path

import duckdb

from xieshang import sqlfiles
from xieshang.contract.tables import TABLE_NAMES

Progress = Callable[[str, dict[str, object]], None]

# Run in this order at import: each may use the tables and macros of the ones before.
SETUP = (
    "setup/region_closure",
    "setup/assessment_results",
    "setup/macros",
    "setup/facts",
    "setup/stocks",
    "setup/flows",
    "setup/rollups",
    "setup/readers",
    "setup/figures",
)
# Macros that read the tables the files before them built, or turn counts into figures: they
# store nothing, so they are not part of the fingerprint below (a change to how figures are
# read never rebuilds a national snapshot's derived tables, which takes minutes).
# tests/test_rollups.py holds them to that.
READERS = ("setup/readers", "setup/figures")
# Files that only create macros: run again in every connection (macros are not stored).
MACROS = (
    "setup/macros",
    "setup/stocks",
    "setup/flows",
    "setup/readers",
    "setup/figures",
)
TABLES = (
    "region_closure",
    "region_picker",
    "region_levels",
    "assessment_results",
    "posting_facts",
    "room_segments",
    "member_segments",
    "data_span",
    "rollup_units",
    "rollup_unit_towns",
    "region_stock_changes",
    "rollup_stock_month_ends",
    "rollup_stock_changes",
    "rollup_stock_months",
    "rollup_activity_days",
    "rollup_activity_months",
    "rollup_activity_years",
    "rollup_town_activity_months",
    "rollup_town_activity_years",
    "rollup_suggestion_days",
    "rollup_suggestion_months",
    "rollup_suggestion_years",
    "rollup_conclusion_days",
    "rollup_conclusion_months",
    "rollup_conclusion_years",
    "rollup_room_event_days",
    "rollup_room_event_months",
    "rollup_room_event_years",
    "rollup_attendance",
)
# Small enough, and read by nearly every page, to hold in memory in a long-running server:
# the rest is read from Parquet, sorted by unit or region so a query reads only its own rows.
RESIDENT = frozenset(
    {
        "region_closure",
        "region_picker",
        "region_levels",
        "data_span",
        "rollup_units",
        "rollup_unit_towns",
        "rollup_stock_month_ends",
        "rollup_stock_changes",
        "rollup_stock_months",
        "rollup_activity_days",
        "rollup_activity_months",
        "rollup_activity_years",
        "rollup_town_activity_months",
        "rollup_town_activity_years",
        "rollup_suggestion_days",
        "rollup_suggestion_months",
        "rollup_suggestion_years",
        "rollup_conclusion_months",
        "rollup_conclusion_years",
        "rollup_room_event_days",
        "rollup_room_event_months",
        "rollup_room_event_years",
    }
)
_DONE = "COMPLETE"


@cache
def folder_name() -> str:
    """`derived-<fingerprint of the SQL that builds them>`: tables built by other SQL (an
    earlier release) are never read, they are built again."""
    digest = hashlib.sha256()
    for name in (*[name for name in SETUP if name not in READERS], *TABLES):
        digest.update(name.encode())
        digest.update(sqlfiles.load(name).encode() if name in SETUP else b"")
    return f"derived-{digest.hexdigest()[:12]}"


def build(con: duckdb.DuckDBPyConnection, progress: Progress | None = None) -> None:
    """Create every derived table and macro in `con`, whose views are the snapshot's tables."""
    for done, name in enumerate(SETUP):
        if progress:
            progress("import.deriving", {"done": done, "total": len(SETUP)})
        con.execute(sqlfiles.load(name))


def attach(con: duckdb.DuckDBPyConnection, home: Path | None, resident: bool = True) -> None:
    """Make the derived tables and the macros available in `con` (whose views are the
    snapshot's tables): the ones stored in `home`, the folder for this snapshot's derived
    tables (None: never stored), if there; otherwise built now and stored there. With
    `resident`, the small ones are loaded into memory; otherwise all are views."""
    folder = None if home is None else home / folder_name()
    if folder is None or not (folder / _DONE).exists():
        build(con)
        if home is not None:
            # A read-only store still works, building them in each new process.
            with contextlib.suppress(OSError):
                home.mkdir(parents=True, exist_ok=True)
                _store(con, home)
        return
    for name in TABLES:
        rows = con.read_parquet(str(folder / f"{name}.parquet"))
        rows.create(name) if resident and name in RESIDENT else rows.create_view(name)
    for name in MACROS:
        con.execute(sqlfiles.load(name))


def catalog(snapshot_dir: Path, home: Path) -> Path | None:
    """A DuckDB file holding views over the snapshot's tables, the derived tables (the small
    ones a server holds in memory as DuckDB tables, the rest as views) and the macros: what a
    command that answers once and exits (the CLI) opens instead of creating each view and
    macro, which DuckDB binds one by one (measured at province scale: 0.10 s, against 0.02 s
    to open the file), and of opening a Parquet file for each small table a query reads.
    Built on first use, beside the derived tables, under a name that changes with whatever it
    holds (the folders' paths, the macros' text, DuckDB's version), so a stale one is never
    opened. None when the derived tables are not stored yet or the file cannot be written (a
    read-only store): the caller then creates them itself."""
    folder = home / folder_name()
    if not (folder / _DONE).exists():
        return None
    digest = hashlib.sha256(duckdb.__version__.encode())
    for part in (str(snapshot_dir), str(folder), *TABLE_NAMES, *TABLES):
        digest.update(b"\0" + part.encode())
    for name in MACROS:
        digest.update(b"\0" + sqlfiles.load(name).encode())
    path = folder / f"catalog-{digest.hexdigest()[:16]}.duckdb"
    if path.exists():
        return path
    tmp = folder / f".{path.name}.{secrets.token_hex(4)}.tmp"
    try:
        con = duckdb.connect(str(tmp))
        try:
            for name in TABLE_NAMES:
                con.read_parquet(str(snapshot_dir / f"{name}.parquet")).create_view(name)
            for name in TABLES:
                rows = con.read_parquet(str(folder / f"{name}.parquet"))
                rows.create(name) if name in RESIDENT else rows.create_view(name)
            for name in MACROS:
                con.execute(sqlfiles.load(name))
            con.execute("checkpoint")
        finally:
            con.close()
        os.replace(tmp, path)
    except (OSError, duckdb.IOException, duckdb.PermissionException):
        tmp.unlink(missing_ok=True)
        return None
    for stale in folder.glob("catalog-*.duckdb"):  # of other code: a process may still read
        if stale != path:  # it, which unlinking allows
            stale.unlink(missing_ok=True)
    return path


def write(snapshot_dir: Path, progress: Progress | None = None) -> None:
    """Build the derived tables of the snapshot files in `snapshot_dir` and store them there."""
    con = duckdb.connect(":memory:")
    spill = snapshot_dir / ".build-spill"
    try:
        # The import's memory budget (≤ 4 GB for the national export) holds the validated
        # tables too: the build gets a bounded share and spills the rest to disk beside the
        # snapshot. Our own numbers, not a user's: no parameter needed.
        con.execute(f"SET memory_limit = '{build_memory_mb()}MB'")
        con.execute(f"SET temp_directory = '{_quoted(spill)}'")
        con.execute("SET preserve_insertion_order = false")
        for name in TABLE_NAMES:
            con.read_parquet(str(snapshot_dir / f"{name}.parquet")).create_view(name)
        build(con, progress)
        _store(con, snapshot_dir)
    finally:
        con.close()
        shutil.rmtree(spill, ignore_errors=True)


def build_memory_mb() -> int:
    """DuckDB's memory for building the derived tables: XIESHANG_BUILD_MEMORY_MB, default
    2,048 MB (measured: the national import then peaks at 2.66 GB, its validation)."""
    raw = os.environ.get("XIESHANG_BUILD_MEMORY_MB", "")
    return int(raw) if raw.isdigit() and int(raw) >= 256 else 2048


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def carry(source_dir: Path, target_dir: Path) -> bool:
    """Share a snapshot's derived tables with a copy of it (a rollback); False if it has none."""
    source = source_dir / folder_name()
    if not (source / _DONE).exists():
        return False
    target = target_dir / folder_name()
    target.mkdir()
    for name in (*[f"{t}.parquet" for t in TABLES], _DONE):
        try:
            os.link(source / name, target / name)
        except OSError:
            shutil.copyfile(source / name, target / name)
    return True


# Rows per row group of a stored table: DuckDB's default, but smaller for `posting_facts`,
# which a county's members are counted from (its towns are not rolled up) and whose rows are
# wide: a county's few hundred postings then decode 16,384 rows rather than 122,880
# (measured at national scale, interleaved: a county's members page 56.6 -> 50.9 ms and its
# overview 104.2 -> 97.6 ms). The same for `region_stock_changes` and the snapshot's
# `suggestions` made a county's pages slower, so they keep the default.
_DEFAULT_ROW_GROUP_SIZE = 122_880
_ROW_GROUP_SIZES = {"posting_facts": 16_384}


def _store(con: duckdb.DuckDBPyConnection, home: Path) -> None:
    """Write the tables to a temporary folder in `home`, then rename it into place: another
    process sees the whole folder or none of it (a crash leaves only a temporary folder)."""
    tmp = home / f".{folder_name()}.{secrets.token_hex(4)}.tmp"
    tmp.mkdir()
    try:
        for name in TABLES:
            con.table(name).write_parquet(
                str(tmp / f"{name}.parquet"),
                compression="zstd",
                row_group_size=_ROW_GROUP_SIZES.get(name, _DEFAULT_ROW_GROUP_SIZE),
            )
        marker = tmp / _DONE
        marker.write_text("\n".join(TABLES) + "\n", encoding="utf-8")
        with marker.open("rb") as f:
            os.fsync(f.fileno())
        final = home / folder_name()
        if final.exists() and not (final / _DONE).exists():
            shutil.rmtree(final)  # not written by _store: left by a crash of older code
        os.rename(tmp, final)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        if not (home / folder_name() / _DONE).exists():  # not another process's win
            raise
