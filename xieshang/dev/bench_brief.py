"""The brief's benchmark: `xieshang brief` end to end in a new process, as a person runs it,
for a county and for everything (the whole country at national scale), as DOCX and as PDF;
then where the time goes in one process (facts, charts, each renderer). Measured, recorded in
docs/benchmarks.md ("Brief"), never asserted."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# The budgets: a county's brief within 5 s, the whole country's within 20 s.
BUDGETS = {"county": 5.0, "everything": 20.0}


def scopes(data_dir: Path) -> dict[str, str | None]:
    """The regions measured: everything, and the county in the middle of the list."""
    from xieshang.kpis import metrics
    from xieshang.store.snapshots import Store

    snapshot = Store(data_dir).current()
    counties = metrics.compare(snapshot, metrics.scope_from_input(snapshot), level="county")
    county = str(counties["region_code"].iloc[len(counties) // 2]) if len(counties) else None
    return {"county": county, "everything": None}


def end_to_end(data_dir: Path, repeats: int = 1) -> list[dict[str, Any]]:
    """`xieshang brief` in a new process per run: the best of `repeats` runs."""
    env = {**os.environ, "XIESHANG_DATA_DIR": str(data_dir)}
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for scope, region in scopes(data_dir).items():
            for fmt in ("docx", "pdf"):
                out = Path(folder) / f"{scope}.{fmt}"
                argv = [sys.executable, "-m", "xieshang", "brief", "--out", str(out)]
                argv += ["--region", region] if region else []
                times, cpu = [], []
                for _ in range(repeats):
                    used = _children_cpu()
                    started = time.perf_counter()
                    subprocess.run(argv, env=env, capture_output=True, check=True)  # noqa: S603
                    times.append(time.perf_counter() - started)
                    cpu.append(_children_cpu() - used)
                results.append(
                    {
                        "scope": scope,
                        "region": region,
                        "format": fmt,
                        "seconds": min(times),
                        # On a shared machine the wall time waits for others; this does not.
                        "cpu_seconds": min(cpu),
                        "bytes": out.stat().st_size,
                        "budget_s": BUDGETS[scope],
                        "within_budget": min(times) <= BUDGETS[scope],
                    }
                )
    return results


def phases(data_dir: Path, region: str | None) -> dict[str, float]:
    """Where a brief's time goes, in one process: imports, the facts from the KPI layer, the
    content tree with its charts, the DOCX, the PDF."""
    started = time.perf_counter()
    from xieshang.brief import compose, facts, output, to_docx, to_pdf  # noqa: F401 - timed with the imports
    from xieshang.engine import sql
    from xieshang.kpis import metrics
    from xieshang.store.snapshots import Store

    to_pdf.library()
    imported = time.perf_counter()
    sql.connection.resident = False
    snapshot = Store(data_dir).current()
    scope = metrics.scope_from_input(snapshot, region)
    found = facts.gather(snapshot, scope)
    gathered = time.perf_counter()
    document = compose.write(found)
    written = time.perf_counter()
    output.render(document, "docx")
    docx_done = time.perf_counter()
    output.render(document, "pdf")
    pdf_done = time.perf_counter()
    return {
        "imports_s": imported - started,
        "facts_s": gathered - imported,
        "tree_and_charts_s": written - gathered,
        "docx_s": docx_done - written,
        "pdf_s": pdf_done - docx_done,
        "charts": len(document.charts()),
        "tables": len(document.tables()),
    }


def report(results: list[dict[str, object]]) -> str:
    lines = [
        "| scope | region | format | seconds | CPU seconds | budget | size (KB) |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        verdict = "met" if r["within_budget"] else "MISSED"
        lines.append(
            f"| {r['scope']} | {r['region'] or 'all'} | {r['format']} | {r['seconds']:.2f} | "
            f"{r['cpu_seconds']:.2f} | "
            f"≤ {r['budget_s']:.0f} s {verdict} | {int(r['bytes']) // 1024:,} |"  # type: ignore[call-overload]
        )
    return "\n".join(lines)


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime
