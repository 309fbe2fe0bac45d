"""Benchmarks: measured by running, recorded in docs/benchmarks.md, never asserted in tests.

`render_pages` times each page's full server-side render (the page script, its queries and
the element tree) with Streamlit's AppTest: cold (caches cleared, a new session) and warm
(the same session rerun, so the cached queries are reused).
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from xieshang.contract.tables import TABLE_NAMES
from xieshang.engine import sql
from xieshang.paths import ROOT

PAGES = ("overview", "rooms", "members", "adoption", "regions")
RENDER_BUDGET_SECONDS = 1.0


def render_pages(
    region: str | None = None, repeats: int = 3, progress: Callable[[str], None] | None = None
) -> list[dict]:
    """Median cold and warm render time of every page for one region (None: everything)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    results = []
    for page in PAGES:
        cold, warm = [], []
        for _ in range(repeats):
            st.cache_data.clear()
            sql.connection.cache_clear()
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
            if page != "overview":
                at.run()  # reach the page the way a click in the navigation does
                at.switch_page(f"pages/{page}.py")
                st.cache_data.clear()
                sql.connection.cache_clear()
            if region:
                at.query_params["region"] = region
            started = time.perf_counter()
            at.run()
            cold.append(time.perf_counter() - started)
            if at.exception:
                raise RuntimeError(f"{page}: {at.exception[0].value}")
            started = time.perf_counter()
            at.run()
            warm.append(time.perf_counter() - started)
        row: dict[str, Any] = {
            "page": page,
            "region": region or "",
            "cold_s": statistics.median(cold),
            "warm_s": statistics.median(warm),
        }
        row["within_budget"] = row["cold_s"] <= RENDER_BUDGET_SECONDS
        results.append(row)
        if progress:
            progress(f"{page}: cold {row['cold_s']:.3f}s, warm {row['warm_s']:.3f}s")
    return results


def machine() -> dict:
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
    }


def report(results: list[dict]) -> str:
    lines = ["| page | region | cold (s) | warm (s) | ≤ 1 s |", "|---|---|---|---|---|"]
    for r in results:
        lines.append(
            f"| {r['page']} | {r['region'] or 'all'} | {r['cold_s']:.3f} | "
            f"{r['warm_s']:.3f} | {'yes' if r['within_budget'] else '**no**'} |"
        )
    return "\n".join(lines)


def save_json(results: list[dict], path: Path) -> None:
    path.write_text(
        json.dumps({"machine": machine(), "pages": results}, indent=2) + "\n", encoding="utf-8"
    )


# --------------------------------------------------------------------------- query sets
#
# A page's query set is captured, not listed by hand: the page is rendered once through
# AppTest with sql.run recorded, and the benchmark replays exactly those queries.

WARM_BUDGET = {"country": 0.300, "province": 0.300, "county": 0.100}
CACHED_RERUN_BUDGET = 0.050
FIRST_PAGE_BUDGET = 5.0
FLOOR_RATIO_BUDGET = 3.0
PANDAS_SPEEDUP_BUDGET = 10.0


# A page's queries as it runs them: steps one after another, each step one query or several
# run side by side (`sql.rows_many`).
Steps = list[list[tuple[str, dict]]]


def _kept(name: str, params: dict) -> tuple[str, dict]:
    return name, {k: params[k] for k in sql.parameters(name)}


def flat(steps: Steps) -> list[tuple[str, dict]]:
    return [query for step in steps for query in step]


def capture(
    page: str, region: str | None, period: tuple[str, str] | None = None
) -> tuple[Steps, float]:
    """Every query the page runs for `region`, in order and grouped as the page runs them,
    with its parameters; and the time the server then takes to render the page again with
    those queries cached (what a visitor waits for after changing a control back to a view
    already seen)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from xieshang.kpis import metrics

    recorded: Steps = []
    batches: list[object | None] = []  # the `sql.side_by_side` call of each step, if any
    lock = threading.Lock()
    originals = {"run": sql.run, "rows": sql.rows, "rows_many": sql.rows_many}

    def record(queries: list[tuple[str, dict]]) -> None:
        # Queries of one `side_by_side` call ran at once: one step, replayed side by side.
        batch = sql.batch()
        with lock:
            if batch is not None and batches and batches[-1] is batch:
                recorded[-1].extend(queries)
            else:
                recorded.append(queries)
                batches.append(batch)

    def recorder(kind: str):
        def recording(snapshot, name, /, **params):
            record([_kept(name, params)])
            return originals[kind](snapshot, name, **params)

        return recording

    def recording_many(snapshot, queries, /):
        record([_kept(name, params) for name, params in queries])
        return originals["rows_many"](snapshot, queries)

    sql.run = recorder("run")
    sql.rows = recorder("rows")
    sql.rows_many = recording_many
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        if page != "overview":
            at.run()
            at.switch_page(f"pages/{page}.py")
        st.cache_data.clear()
        metrics.forget_children_rows()
        recorded.clear()
        batches.clear()
        if region:
            at.query_params["region"] = region
        if period:  # a custom period (the default is the data's last whole year)
            at.query_params["from"], at.query_params["to"] = period
        at.run()
        if at.exception:
            raise RuntimeError(f"{page}: {at.exception[0].value}")
        queries = list(recorded)
        reruns = []
        for _ in range(3):  # the median: one rerun alone can land on a garbage collection
            started = time.perf_counter()
            at.run()
            reruns.append(time.perf_counter() - started)
        rerun = statistics.median(reruns)
    finally:
        sql.run = originals["run"]  # type: ignore[assignment]
        sql.rows = originals["rows"]  # type: ignore[assignment]
        sql.rows_many = originals["rows_many"]  # type: ignore[assignment]
    return queries, rerun


def replay(snapshot, steps: Steps) -> float:
    started = time.perf_counter()
    _run_steps(snapshot, steps)
    return time.perf_counter() - started


def _run_steps(snapshot, steps: Steps) -> None:
    for step in steps:
        if len(step) == 1:
            name, params = step[0]
            sql.rows(snapshot, name, **params)
        else:
            sql.rows_many(snapshot, step)


def columns_read(snapshot, queries: list[tuple[str, dict]]) -> dict[str, list[str]]:
    """The columns a query set can read, per table, the snapshot's and the derived ones (from
    the SQL and the macros it uses)."""
    import re

    from xieshang.store import derived

    def code(name: str) -> str:  # comments may name tables the query never reads
        return "\n".join(line.split("--", 1)[0] for line in sql.load(name).splitlines())

    text = " ".join(code(name) for name in {n for n, _ in queries})
    # Add the bodies of the macros the text calls, and of those they call in turn.
    macros = " ".join(code(name) for name in derived.MACROS)
    parts = re.split(r"create or replace macro (\w+)", macros)
    bodies = dict(zip(parts[1::2], parts[2::2], strict=True))
    used: set[str] = set()
    while called := {m for m in bodies if m not in used and re.search(rf"\b{m}\(", text)}:
        used |= called
        text += " ".join(bodies[m] for m in called)
    tables = (*TABLE_NAMES, *derived.TABLES)
    with sql.connection(str(snapshot.path)).cursor() as cur:
        described = cur.execute(
            "select table_name, column_name from duckdb_columns() "
            "where list_contains($tables, table_name)",
            {"tables": list(tables)},
        ).fetchall()
    found: dict[str, list[str]] = {}
    for table, column in described:
        if re.search(rf"\b{table}\b", text) and re.search(rf"\b{column}\b", text):
            found.setdefault(table, []).append(column)
    return found


def floor(snapshot, columns: dict[str, list[str]]) -> float:
    """One DuckDB scan of just these columns (the least any query set could cost)."""
    import duckdb

    started = time.perf_counter()
    with sql.connection(str(snapshot.path)).cursor() as cur:
        for name, cols in columns.items():
            expressions = [
                duckdb.FunctionExpression("max", duckdb.ColumnExpression(c)) for c in cols
            ]
            cur.table(name).aggregate(expressions).fetchall()
    return time.perf_counter() - started


def cold(data_dir: Path, queries: Steps) -> float:
    """The query set in a new process: imports, connection set-up and every query."""
    import subprocess
    import sys
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        # Dates (also inside the periods' structs) travel as ISO text, marked to be restored.
        json.dump(
            [[[n, p] for n, p in step] for step in queries],
            f,
            default=lambda v: {"$date": v.isoformat()},
        )
    env = {**os.environ, "XIESHANG_DATA_DIR": str(data_dir)}
    done = subprocess.run(  # noqa: S603 - our own interpreter and module, fixed arguments
        [sys.executable, "-m", "xieshang.dev.bench", f.name],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    Path(f.name).unlink()
    return float(done.stdout.strip())


def pandas_time(data_dir: Path, region: str | None) -> float:
    """The pandas yardstick (tests/yardstick.py) for one region, file reads included, in a process
    of its own (its gigabytes of frames would otherwise slow every measurement after it)."""
    import subprocess
    import sys

    env = {**os.environ, "XIESHANG_DATA_DIR": str(data_dir)}
    done = subprocess.run(  # noqa: S603 - our own interpreter and module, fixed arguments
        [sys.executable, str(ROOT / "tests" / "yardstick.py"), region or ""],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.strip())


def _replay_file(path: str) -> None:
    """Entry point of the cold run: time from here to the last query's result."""
    from datetime import date

    from xieshang.store.snapshots import Store

    def restore(value: dict) -> object:
        return date.fromisoformat(value["$date"]) if set(value) == {"$date"} else value

    started = time.perf_counter()
    steps = json.loads(Path(path).read_text(), object_hook=restore)
    snapshot = Store().current()
    _run_steps(snapshot, [[(name, params) for name, params in step] for step in steps])
    print(f"{time.perf_counter() - started:.4f}")


def query_sets(
    data_dir: Path,
    repeats: int = 3,
    progress: Callable[[str], None] | None = None,
    pages: tuple[str, ...] = PAGES,
    scopes: tuple[str, ...] = ("country", "province", "county"),
    period: tuple[str, str] | None = None,
) -> list[dict]:
    """For each page and scope (country, a province, a county): warm, cold, floor, pandas,
    and the cached re-render."""
    from xieshang.kpis import metrics
    from xieshang.store.snapshots import Store

    snapshot = Store().current()
    provinces = metrics.compare(snapshot, metrics.scope_from_input(snapshot))
    province = str(provinces["region_code"].iloc[0])
    counties = metrics.compare(
        snapshot, metrics.scope_from_input(snapshot, province), level="county"
    )
    county = str(counties["region_code"].iloc[len(counties) // 2])
    results = []
    for scope_name, region in (("country", None), ("province", province), ("county", county)):
        if scope_name not in scopes:
            continue
        # The yardstick computes every KPI of the region: the same work for every page.
        pandas_s = pandas_time(data_dir, region)
        for page in pages:
            queries, rerun = capture(page, region, period)
            sql.connection(str(snapshot.path))  # warm: the cached connection exists
            warm = statistics.median(replay(snapshot, queries) for _ in range(repeats))
            columns = columns_read(snapshot, flat(queries))
            low = statistics.median(floor(snapshot, columns) for _ in range(repeats))
            row: dict[str, Any] = {
                "page": page,
                "scope": scope_name,
                "region": region or "",
                "queries": len(flat(queries)),
                "warm_s": warm,
                "cold_s": cold(data_dir, queries),
                "floor_s": low,
                "pandas_s": pandas_s,
                "cached_rerun_s": rerun,
            }
            row["vs_floor"] = warm / low if low else None
            row["vs_pandas"] = pandas_s / warm if warm else None
            row["within_budget"] = (
                warm <= WARM_BUDGET[scope_name]
                and (row["vs_floor"] or 0) <= FLOOR_RATIO_BUDGET
                and (row["vs_pandas"] or 0) >= PANDAS_SPEEDUP_BUDGET
            )
            results.append(row)
            if progress:
                progress(
                    f"{page} {scope_name}: warm {warm * 1000:.0f} ms "
                    f"(floor {low * 1000:.0f} ms, pandas {pandas_s * 1000:.0f} ms)"
                )
    return results


def query_report(results: list[dict]) -> str:
    lines = [
        "| page | scope | queries | warm ms | cold ms | floor ms | pandas ms | ×floor "
        "| pandas÷warm | budget | cached rerun ms |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        rerun = r["cached_rerun_s"]
        lines.append(
            f"| {r['page']} | {r['scope']} | {r['queries']} | {r['warm_s'] * 1000:,.0f} | "
            f"{r['cold_s'] * 1000:,.0f} | {r['floor_s'] * 1000:,.0f} | "
            f"{r['pandas_s'] * 1000:,.0f} | {r['vs_floor'] or 0:.1f} | {r['vs_pandas'] or 0:.1f} | "
            f"{'met' if r['within_budget'] else '**MISSED**'} | {rerun * 1000:,.0f}"
            f"{'' if rerun <= CACHED_RERUN_BUDGET else ' **MISSED**'} |"
        )
    return "\n".join(lines)


def first_page_in_browser(data_dir: Path, path: str = "") -> dict[str, float] | None:
    """The first visit after `streamlit run` over `data_dir`: seconds until the server answers
    (`ready_s`), then until the first page is fully drawn in Chromium, the tiles shown and the
    script finished (`first_page_s`), and the server's peak memory after visiting every page
    for the country, a province and a county (`server_peak_mb`). None without Chromium."""
    import tempfile

    from xieshang.dev import serving

    if not Path(serving.CHROMIUM).exists():
        return None
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    with (
        tempfile.TemporaryFile("w+") as log,
        serving.serve(data_dir, log, timeout=120) as url,
        sync_playwright() as playwright,
    ):
        ready = time.perf_counter()
        browser = playwright.chromium.launch(
            executable_path=serving.CHROMIUM, args=serving.CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 900}, locale="zh-CN")
            page.goto(f"{url}/{path}")
            page.locator('[data-testid="stMetricValue"]').first.wait_for(timeout=120_000)
            finished = serving.settle(page, timeout=120)
            for region in _sample_regions():
                for name in PAGES:
                    page.goto(f"{url}/{name}?region={region}")
                    serving.settle(page, timeout=120)
            peak = serving.peak_memory_mb(url)
        finally:
            browser.close()
    return {"ready_s": ready - started, "first_page_s": finished - ready, "server_peak_mb": peak}


def _sample_regions() -> list[str]:
    """A province and one of its counties (the country is the first page itself)."""
    from xieshang.kpis import metrics
    from xieshang.store.snapshots import Store

    snapshot = Store().current()
    province = str(metrics.compare(snapshot, metrics.scope_from_input(snapshot))["region_code"][0])
    counties = metrics.compare(
        snapshot, metrics.scope_from_input(snapshot, province), level="county"
    )
    return [
        province,
        *([str(counties["region_code"].iloc[len(counties) // 2])] * bool(len(counties))),
    ]


def cli_times(data_dir: Path) -> dict[str, float]:
    """`xieshang kpis` and `xieshang compare` as a person runs them: new process, end to end."""
    import subprocess
    import sys

    from xieshang.kpis import metrics
    from xieshang.store.snapshots import Store

    snapshot = Store(data_dir).current()
    province = str(
        metrics.compare(snapshot, metrics.scope_from_input(snapshot))["region_code"].iloc[0]
    )
    env = {**os.environ, "XIESHANG_DATA_DIR": str(data_dir)}
    out = {}
    for key, args in (("kpis_s", ["kpis"]), ("compare_s", ["compare", "--region", province])):
        started = time.perf_counter()
        subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "xieshang", *args],
            env=env,
            capture_output=True,
            check=True,
        )
        out[key] = time.perf_counter() - started
    return out


CLI_RATIO_BUDGET = 1.0
CLI_MEMORY_BUDGET_MB = 500.0


def _child(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Run a command in a new process: its wall time, its own peak memory (MB) and output.

    The peak is the child's VmHWM, read from /proc while it runs: the resource usage that
    wait4 reports would include this (large) process's memory the child was forked from."""
    import subprocess
    import tempfile

    peak = 0.0
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, env=env, stdout=out, stderr=err)  # noqa: S603
        status_file = Path(f"/proc/{child.pid}/status")
        while child.poll() is None:
            try:
                for line in status_file.read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]) / 1024)
            except (OSError, ValueError):
                pass
            time.sleep(0.005)
        elapsed = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        if child.returncode:
            raise RuntimeError(f"{command[:4]} failed: {err.read().strip()[-500:]}")
        return elapsed, peak, out.read()


def cli_against_plain_sql(
    data_dir: Path, repeats: int = 3, progress: Callable[[str], None] | None = None
) -> list[dict]:
    """`xieshang kpis` end to end (a new process: start, imports, opening the snapshot, the
    queries, printing) beside the plain-SQL yardstick (xieshang/dev/plain_sql.py: DuckDB on
    the raw Parquet, nothing else imported), for the whole country, a province and a county:
    median wall time of `repeats` runs and each one's peak memory."""
    import sys

    from xieshang.kpis import metrics
    from xieshang.store.snapshots import Store

    snapshot = Store(data_dir).current()
    start, end = metrics.default_period(snapshot)
    province = str(metrics.compare(snapshot, metrics.scope_from_input(snapshot))["region_code"][0])
    counties = metrics.compare(
        snapshot, metrics.scope_from_input(snapshot, province), level="county"
    )
    county = str(counties["region_code"].iloc[0]) if not counties.empty else province
    env = {**os.environ, "XIESHANG_DATA_DIR": str(data_dir)}
    script = str(ROOT / "xieshang" / "dev" / "plain_sql.py")
    results = []
    for scope, region in (("country", None), ("province", province), ("county", county)):
        where = ["--region", region] if region else []
        cli = [sys.executable, "-m", "xieshang", "kpis", *where]
        plain = [sys.executable, script, str(snapshot.path), region or "", str(start), str(end)]
        timings: dict[str, list[tuple[float, float]]] = {"cli": [], "plain": []}
        for _ in range(repeats):
            for name, command in (("cli", cli), ("plain", plain)):
                elapsed, peak, _out = _child(command, env)
                timings[name].append((elapsed, peak))
        cli_s = statistics.median(t for t, _ in timings["cli"])
        plain_s = statistics.median(t for t, _ in timings["plain"])
        cli_mb = max(m for _, m in timings["cli"])
        row = {
            "scope": scope,
            "region": region,
            "cli_s": cli_s,
            "plain_s": plain_s,
            "ratio": cli_s / plain_s,
            "cli_peak_mb": cli_mb,
            "plain_peak_mb": max(m for _, m in timings["plain"]),
            "within_budget": cli_s / plain_s <= CLI_RATIO_BUDGET and cli_mb <= CLI_MEMORY_BUDGET_MB,
        }
        results.append(row)
        if progress:
            progress(
                f"{scope}: xieshang kpis {cli_s:.2f} s / {cli_mb:.0f} MB, "
                f"plain SQL {plain_s:.2f} s ({row['ratio']:.2f}×)"
            )
    return results


def cli_report(results: list[dict]) -> str:
    lines = [
        "| scope | xieshang kpis s | plain SQL s | ratio | kpis peak MB | plain peak MB | budget |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['scope']} | {r['cli_s']:.2f} | {r['plain_s']:.2f} | {r['ratio']:.2f} | "
            f"{r['cli_peak_mb']:,.0f} | {r['plain_peak_mb']:,.0f} | "
            f"{'met' if r['within_budget'] else '**MISSED**'} |"
        )
    return "\n".join(lines)


def peak_memory_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --------------------------------------------------------------------------- import memory
# Issue #10: validation and import peak memory within 3× the input for a CSV and 4 GB for the
# national export. Each run is a child process of its own, so its peak is its own; the
# figure is the kernel's peak resident set (ru_maxrss from wait4), interpreter included.

IMPORT_MEMORY_CSV_RATIO = 3.0
IMPORT_MEMORY_NATIONAL_MB = 4096


def import_memory(
    paths: list[Path], progress: Callable[[str], None] | None = None
) -> list[dict[str, object]]:
    """Peak memory and time of `xieshang validate` and `xieshang import` of `paths`, each in
    a fresh process over an empty data dir (the demo export current), next to the input size;
    and of `xieshang validate` of a one-row file, the interpreter and libraries alone."""
    import tempfile

    size = sum(_input_bytes(p) for p in paths)
    results = []
    with tempfile.TemporaryDirectory(prefix="xieshang-import-memory-") as folder:
        tiny = Path(folder) / "平台.csv"
        tiny.write_text("平台编号,名称,区划代码,平台类型,建成日期\n", encoding="utf-8")
        runs = [
            ("baseline: validate a header-only file", ["validate", str(tiny)], _input_bytes(tiny)),
            ("validate", ["validate", *map(str, paths)], size),
            ("import", ["import", "--allow-shrink", *map(str, paths)], size),
        ]
        baseline_mb = 0.0
        for index, (label, argv, input_bytes) in enumerate(runs):
            data_dir = Path(folder) / f"store-{index}"
            peak_mb, seconds, code = _child_peak(argv, data_dir)
            measured = index > 0  # the first run is the baseline itself
            baseline_mb = baseline_mb if measured else peak_mb
            row: dict[str, object] = {
                "run": label,
                "input_mb": input_bytes / 2**20,
                "peak_mb": peak_mb,
                "peak_per_input": peak_mb * 2**20 / input_bytes if measured else None,
                "above_baseline_per_input": (
                    (peak_mb - baseline_mb) * 2**20 / input_bytes if measured else None
                ),
                "seconds": seconds,
                "exit": code,
            }
            results.append(row)
            if progress:
                progress(f"{label}: peak {peak_mb:,.0f} MB in {seconds:.1f} s (exit {code})")
    return results


def _input_bytes(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir() if p.is_file())
    return path.stat().st_size


def _child_peak(argv: list[str], data_dir: Path) -> tuple[float, float, int]:
    """Peak RSS (MB), wall time and exit code of `xieshang ARGV` in a process of its own."""
    import subprocess
    import sys
    import tempfile

    env = {**os.environ, "XIESHANG_DATA_DIR": str(data_dir)}
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        child = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "xieshang", *argv], env=env, stdout=out, stderr=out
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss / 1024, seconds, child.returncode


def import_memory_report(results: list[dict[str, object]]) -> str:
    lines = [
        "| run | input MB | peak MB | peak ÷ input | (peak − baseline) ÷ input | s | exit |",
        "|---|---|---|---|---|---|---|",
    ]

    def ratio(value: object) -> str:
        return f"{value:.1f}×" if isinstance(value, float) else "—"

    for r in results:
        lines.append(
            f"| {r['run']} | {r['input_mb']:,.1f} | {r['peak_mb']:,.0f} | "
            f"{ratio(r['peak_per_input'])} | {ratio(r['above_baseline_per_input'])} | "
            f"{r['seconds']:.1f} | {r['exit']} |"
        )
    return "\n".join(lines)


def suggestions_csv(target: Path, copies: int = 55, encoding: str = "gb18030") -> Path:
    """The demo export's suggestions `copies` times over (new ids, the same regions, members and
    activities, so it validates against the demo export) as an analyst's CSV: Chinese headers
    and labels, GBK bytes. 55 copies: 1.8 million rows, about 150 MB."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from xieshang.contract.templates import to_chinese
    from xieshang.paths import DEMO_DIR

    demo = pq.read_table(DEMO_DIR / "suggestions.parquet")
    with target.open("wb") as out:
        for copy in range(copies):
            ids = pc.binary_join_element_wise(
                pa.scalar(f"C{copy:03d}"), demo.column("suggestion_id"), ""
            )
            part = demo.set_column(0, "suggestion_id", ids)
            frame = to_chinese("suggestions", part)
            out.write(frame.to_csv(index=False, header=copy == 0).encode(encoding))
    return target


if __name__ == "__main__":
    import sys

    if sys.argv[1] == "--import-memory":
        # python -m xieshang.dev.bench --import-memory PATH...  (files or export folders)
        found = import_memory(
            [Path(p) for p in sys.argv[2:]], progress=lambda line: print(line, file=sys.stderr)
        )
        print(import_memory_report(found))
    elif sys.argv[1] == "--suggestions-csv":
        # python -m xieshang.dev.bench --suggestions-csv FILE  (the big CSV input, ~150 MB)
        suggestions_csv(Path(sys.argv[2]))
    else:
        _replay_file(sys.argv[1])
