"""Run the SQL in `queries/` against a snapshot. Values reach SQL only as named parameters.

`rows` returns plain Python rows (no pandas: the CLI prints figures without importing it);
`run` returns a pandas DataFrame for the pages' tables and charts.
"""

from __future__ import annotations

import contextvars
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import duckdb

from xieshang import sqlfiles
from xieshang.contract.tables import TABLE_NAMES
from xieshang.paths import DEMO_DIR, data_dir
from xieshang.store import derived
from xieshang.store.snapshots import Snapshot

if TYPE_CHECKING:
    import pandas as pd

# The region tree is small and read by almost every query: held in memory by a long-running
# server it is looked up in milliseconds (measured at national scale: 3-14 ms against 30-90).
IN_MEMORY = frozenset({"regions"})

load = sqlfiles.load
parameters = sqlfiles.parameters

Row = dict[str, Any]


def derived_home(snapshot_path: Path) -> Path:
    """Where a snapshot's derived tables are kept: beside it in the store; for the demo export
    shipped with the code, in the store's folder (the code's folder is never written to)."""
    if snapshot_path.resolve() == DEMO_DIR.resolve():
        return data_dir() / "derived-demo"
    return snapshot_path


class _Connections:
    """`connection(path)`: one per snapshot folder, opened once even when several sessions
    (or the warm-up at startup, see xieshang/web/server.py) ask for it at the same moment.

    `resident`: a long-running server holds the small derived tables in memory; a command
    that answers once and exits (the CLI) reads everything from Parquet instead, so opening a
    national snapshot costs it milliseconds and megabytes, not seconds and gigabytes.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.resident = True
        self._open = lru_cache(maxsize=4)(_open)

    def __call__(self, snapshot_path: str) -> duckdb.DuckDBPyConnection:
        with self._lock:
            return self._open(snapshot_path, self.resident)

    def cache_clear(self) -> None:
        with self._lock:
            self._open.cache_clear()


def _open(snapshot_path: str, resident: bool) -> duckdb.DuckDBPyConnection:
    """Views over the snapshot's Parquet and its derived tables, then locked down. Not
    resident: the stored catalog of those views and the macros, when there is one.

    DuckDB connections are not thread-safe: callers take a cursor per call (see `rows`).
    """
    home = derived_home(Path(snapshot_path))
    stored = None if resident else derived.catalog(Path(snapshot_path), home)
    if stored is not None:
        con = duckdb.connect(str(stored), read_only=True)
    else:
        con = duckdb.connect(":memory:")
        for name in TABLE_NAMES:
            table = con.read_parquet(f"{snapshot_path}/{name}.parquet")
            table.create(name) if resident and name in IN_MEMORY else table.create_view(name)
        derived.attach(con, home, resident)
    # DuckDB's common-subplan optimizer hoists what two readers of one rollup share (the
    # activities and the towns' cadence both read `rollup_activity_days` over a custom
    # period's edge months) into one relation read before either filters it by its units, so
    # the join filter that skips other units' rows is lost: a county's custom-period activity
    # block read 985,108 day rows for 289. Measured at national scale, interleaved: the
    # custom-period overview 130 -> 107 ms for a county and 307 -> 256 ms for the country;
    # whole-year pages and the other pages the same.
    con.execute("set disabled_optimizers = 'common_subplan'")
    readable = [snapshot_path.rstrip("/") + "/", f"{home}/"]
    con.execute("set allowed_directories = $dirs", {"dirs": readable})
    con.execute("set enable_external_access = false")
    con.execute("set lock_configuration = true")
    return con


connection = _Connections()


def _bound(name: str, params: dict[str, object]) -> dict[str, object]:
    needed = parameters(name)
    missing = needed - params.keys()
    if missing:
        raise KeyError(f"{name} needs parameters {sorted(missing)}")
    return {k: params[k] for k in needed}


def text(name: str, params: dict[str, object]) -> str:
    """The query's text for these parameters: planned for the path its `$rolled` takes, and
    without the rollups' days when its `$whole` is true (see sqlfiles.load)."""
    rolled = params.get("rolled")
    if isinstance(rolled, bool) and "rolled" in parameters(name):
        whole = rolled and params.get("whole") is True and "whole" in parameters(name)
        return load(name, rolled, whole)
    return load(name)


def rows(snapshot: Snapshot, name: str, /, **params: object) -> list[Row]:
    """Run `queries/<name>.sql` with the named parameters it uses (extra ones are ignored);
    its rows as dicts of plain Python values."""
    return rows_at(str(snapshot.path), name, **params)


def rows_at(snapshot_path: str, name: str, /, **params: object) -> list[Row]:
    """`rows` for the snapshot in this folder."""
    with connection(snapshot_path).cursor() as cur:
        result = cur.execute(text(name, params), _bound(name, params))
        columns = [d[0] for d in result.description or ()]
        return [dict(zip(columns, values, strict=True)) for values in result.fetchall()]


# The queries of one answer (a page's KPI blocks, the CLI's) run side by side: most of a small
# query's time is DuckDB binding and planning it, which uses one core however many DuckDB has.
# At most one query per core runs at once, for every session together.
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(
                max_workers=os.cpu_count() or 2, thread_name_prefix="xieshang-sql"
            )
        return _pool


def close() -> None:
    """Close every connection and stop the query threads (made again when next asked for).
    A command that answers once calls this before it exits: left to the interpreter's
    shutdown, the same work took 0.09 s longer (measured: xieshang kpis, province scale)."""
    global _pool
    connection.cache_clear()
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True)


Query = tuple[str, dict[str, object]]

T = TypeVar("T")

# The `side_by_side` call a query runs in, if any: a benchmark that records a page's queries
# replays those of one call side by side, as the page ran them.
_batch: contextvars.ContextVar[object | None] = contextvars.ContextVar("batch", default=None)


def batch() -> object | None:
    """A token of the `side_by_side` call running this code (None outside one)."""
    return _batch.get()


def side_by_side(
    calls: Sequence[Callable[[], T]], enter: Callable[[], None] | None = None
) -> list[T]:
    """Each of `calls` at once, each in a thread of its own (the first in this one); their
    results in order. The first to fail, in that order, raises its error, as calling them one
    after the other would have (the others are still waited for). `enter` runs first in each
    new thread (the web layer gives it the page's Streamlit context).

    For a page's independent steps: binding and planning a query uses one core, so a page
    whose charts ask one after another leaves the other cores idle."""
    results: list[Any] = [None] * len(calls)
    errors: list[BaseException | None] = [None] * len(calls)

    def work(i: int) -> None:
        try:
            if i and enter is not None:
                enter()
            results[i] = calls[i]()
        except BaseException as error:  # raised again below, in order
            errors[i] = error

    token = _batch.set(object())
    try:
        threads = [
            threading.Thread(
                target=contextvars.copy_context().run, args=(work, i), name=f"xieshang-step-{i}"
            )
            for i in range(1, len(calls))
        ]
        for thread in threads:
            thread.start()
        if calls:
            work(0)
        for thread in threads:
            thread.join()
    finally:
        _batch.reset(token)
    for error in errors:
        if error is not None:
            raise error
    return results


def rows_many(snapshot: Snapshot, queries: Sequence[Query], /) -> list[list[Row]]:
    """`rows` of each (name, params) in `queries`, run side by side; the rows in the same order.
    The first query to fail raises its error, as `rows` would."""
    return rows_many_at(str(snapshot.path), queries)


def rows_many_at(snapshot_path: str, queries: Sequence[Query], /) -> list[list[Row]]:
    """`rows_many` for the snapshot in this folder."""
    if len(queries) == 1:
        name, params = queries[0]
        return [rows_at(snapshot_path, name, **params)]
    connection(snapshot_path)  # opened once, before the queries ask for it together
    pool = _executor()
    futures = [pool.submit(rows_at, snapshot_path, name, **params) for name, params in queries]
    return [future.result() for future in futures]


def counted(snapshot: Snapshot, name: str, by: Sequence[str], /, **params: object) -> list[Row]:
    """How many rows `queries/<name>.sql` returns for each distinct value of the columns `by`
    (as `units`): the same query, its rows counted by DuckDB rather than shipped to Python,
    for callers that judge groups of identical rows once (e.g. 500,000 villages with the same
    count and target) instead of every row."""
    for column in by:
        if not column.isidentifier():
            raise ValueError(f"not a column name: {column!r}")
    columns = ", ".join(f'"{column}"' for column in by)
    # Column names checked above, the query a file of ours: no value is spelled into the text.
    inner = text(name, params)
    query = f"select {columns}, count(*) as units from (\n{inner}\n) group by all"  # noqa: S608
    with connection(str(snapshot.path)).cursor() as cur:
        result = cur.execute(query, _bound(name, params))
        names = [d[0] for d in result.description or ()]
        return [dict(zip(names, values, strict=True)) for values in result.fetchall()]


def run(snapshot: Snapshot, name: str, /, **params: object) -> pd.DataFrame:
    """`rows` as a pandas DataFrame (for tables and charts)."""
    return run_at(str(snapshot.path), name, **params)


def run_at(snapshot_path: str, name: str, /, **params: object) -> pd.DataFrame:
    """`run` for the snapshot in this folder."""
    with connection(snapshot_path).cursor() as cur:
        return cur.execute(text(name, params), _bound(name, params)).df()
