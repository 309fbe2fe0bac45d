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
import time
from collections.abc import Callable
from pathlib import Path

from xieshang import sql
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
        row = {
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
