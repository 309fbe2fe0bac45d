"""Run the SQL in `queries/` against a snapshot. Values reach SQL only as named parameters."""

from __future__ import annotations

import re
import threading
from functools import cache, lru_cache
from pathlib import Path

import duckdb
import pandas as pd

from xieshang import sqlfiles
from xieshang.contract.tables import TABLE_NAMES
from xieshang.paths import DEMO_DIR, QUERIES_DIR, data_dir
from xieshang.store import derived
from xieshang.store.snapshots import Snapshot

IN_MEMORY = frozenset({"regions"})
# Re-exported: the engine is where queries are run from.
load = sqlfiles.load
parameters = sqlfiles.parameters


_COVERS = re.compile(r"^-- Rolled up: (as of a month end|whole months|any date)\.$", re.MULTILINE)


def rollup_name(name: str) -> str:
    """`kpis/rooms` -> `kpis/rollup/rooms`: where a query's rolled-up twin lives."""
    folder, _, file = name.rpartition("/")
    return f"{folder}/rollup/{file}"


@cache
def rolled_up(name: str) -> str | None:
    """What the rolled-up twin of a query covers (its "-- Rolled up:" line), None if none."""
    twin = QUERIES_DIR / f"{rollup_name(name)}.sql"
    if not twin.exists():
        return None
    found = _COVERS.search(load(rollup_name(name)))
    if found is None:
        raise ValueError(f"{rollup_name(name)}.sql does not say what it covers")
    return found.group(1)


def derived_home(snapshot_path: Path) -> Path:
    """Where a snapshot's derived tables are kept: beside it in the store; for the demo export
    shipped with the code, in the store's folder (the code's folder is never written to)."""
    if snapshot_path.resolve() == DEMO_DIR.resolve():
        return data_dir() / "derived-demo"
    return snapshot_path


class _Connections:
    """`connection(path)`: one per snapshot folder, opened once even when several sessions
    (or the warm-up at startup, see xieshang/server.py) ask for it at the same moment."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open = lru_cache(maxsize=4)(_open)

    def __call__(self, snapshot_path: str) -> duckdb.DuckDBPyConnection:
        with self._lock:
            return self._open(snapshot_path)

    def cache_clear(self) -> None:
        with self._lock:
            self._open.cache_clear()


def _open(snapshot_path: str) -> duckdb.DuckDBPyConnection:
    """Views over the snapshot's Parquet and its derived tables, then locked down.

    DuckDB connections are not thread-safe: callers take a cursor per call (see `run`).
    """
    con = duckdb.connect(":memory:")
    for name in TABLE_NAMES:
        rows = con.read_parquet(f"{snapshot_path}/{name}.parquet")
        # The region tree is small and read by almost every query: held in memory it is
        # looked up in milliseconds (measured at national scale: 3-14 ms against 30-90 ms).
        rows.create(name) if name in IN_MEMORY else rows.create_view(name)
    home = derived_home(Path(snapshot_path))
    derived.attach(con, home)
    readable = [snapshot_path.rstrip("/") + "/", f"{home}/"]
    con.execute("set allowed_directories = $dirs", {"dirs": readable})
    con.execute("set enable_external_access = false")
    con.execute("set lock_configuration = true")
    return con


connection = _Connections()


def run(snapshot: Snapshot, name: str, /, **params: object) -> pd.DataFrame:
    """Run `queries/<name>.sql` with the named parameters it uses; extra ones are ignored."""
    return run_at(str(snapshot.path), name, **params)


def run_at(snapshot_path: str, name: str, /, **params: object) -> pd.DataFrame:
    """`run` for the snapshot in this folder."""
    needed = parameters(name)
    missing = needed - params.keys()
    if missing:
        raise KeyError(f"{name} needs parameters {sorted(missing)}")
    with connection(snapshot_path).cursor() as cur:
        return cur.execute(load(name), {k: params[k] for k in needed}).df()
