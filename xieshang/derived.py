"""Tables derived from a snapshot: built once when it is written, kept beside it.

The region closure, each assessment's result and the rollups (see queries/setup/) depend only
on the snapshot's own tables, and snapshots never change, so they are built at import and
stored as Parquet in `snapshots/<id>/derived/`. A connection then only opens views over them
(measured at national scale: about 1 s per connection for the closure alone, and 5-10 s a
page for the rollups' figures). A snapshot without them, written before they existed, gets
them built in memory by the very same SQL.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb

from xieshang.contract import TABLE_NAMES

# Run in this order: each may use the tables and macros of the ones before.
SETUP = (
    "setup/region_closure",
    "setup/assessment_results",
    "setup/macros",
    "setup/rollups",
)
TABLES = (
    "region_closure",
    "region_town",
    "assessment_results",
    "data_span",
    "rollup_unit_regions",
    "rollup_months",
    "rollup_rooms",
    "rollup_room_types",
    "rollup_criteria_sets",
    "rollup_room_events",
    "rollup_members_by_level",
    "rollup_postings",
    "rollup_posting_modes",
    "rollup_activities",
    "rollup_town_activities",
    "rollup_suggestions",
    "rollup_suggestion_days",
    "rollup_satisfaction",
)
FOLDER = "derived"
_DONE = "COMPLETE"


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Create every derived table and macro in `con`, whose views are the snapshot's tables."""
    for name in SETUP:
        con.execute(_load(name))


def attach(con: duckdb.DuckDBPyConnection, snapshot_dir: Path) -> None:
    """Make the derived tables and the macros available in `con`: the stored ones if the
    snapshot has them, otherwise built now."""
    folder = snapshot_dir / FOLDER
    if not (folder / _DONE).exists():
        build(con)
        return
    for name in TABLES:
        # Small beside the facts (national: 16 MB of Parquet), and read by every query.
        con.read_parquet(str(folder / f"{name}.parquet")).create(name)
    con.execute(_load("setup/macros"))


def write(snapshot_dir: Path, progress: Callable[[str, dict], None] | None = None) -> None:
    """Build the derived tables of the snapshot files in `snapshot_dir` and store them there.

    The folder is complete only once its marker is written last, so a crash midway leaves a
    snapshot that builds them in memory instead of one that reads half of them.
    """
    folder = snapshot_dir / FOLDER
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    con = duckdb.connect(":memory:")
    try:
        for name in TABLE_NAMES:
            con.read_parquet(str(snapshot_dir / f"{name}.parquet")).create_view(name)
        for done, name in enumerate(SETUP):
            if progress:
                progress("import.deriving", {"done": done, "total": len(SETUP)})
            con.execute(_load(name))
        for name in TABLES:
            con.table(name).write_parquet(str(folder / f"{name}.parquet"), compression="zstd")
    finally:
        con.close()
    marker = folder / _DONE
    marker.write_text("\n".join(TABLES) + "\n", encoding="utf-8")
    with marker.open("rb") as f:
        os.fsync(f.fileno())


def carry(source_dir: Path, target_dir: Path) -> bool:
    """Share a snapshot's derived tables with a copy of it (a rollback); False if it has none."""
    source = source_dir / FOLDER
    if not (source / _DONE).exists():
        return False
    target = target_dir / FOLDER
    target.mkdir()
    for name in (*[f"{t}.parquet" for t in TABLES], _DONE):
        try:
            os.link(source / name, target / name)
        except OSError:
            shutil.copyfile(source / name, target / name)
    return True


def _load(name: str) -> str:
    from xieshang.sql import load  # sql opens connections through this module

    return load(name)
