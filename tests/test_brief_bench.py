"""The brief's benchmark runs in the suite so it cannot rot; its times are never asserted."""

import pytest

from xieshang.dev import bench_brief
from xieshang.paths import DEMO_DIR
from xieshang.store.imports import Importer


@pytest.mark.slow
def test_the_brief_benchmark_runs_for_a_county_and_everything(isolated_store):
    from xieshang.brief.page import pdf_possible

    if not pdf_possible():
        pytest.skip("WeasyPrint cannot load Pango here")
    Importer().import_files([DEMO_DIR], who="test")

    results = bench_brief.end_to_end(isolated_store, repeats=1)

    assert [(r["scope"], r["format"]) for r in results] == [
        ("county", "docx"),
        ("county", "pdf"),
        ("everything", "docx"),
        ("everything", "pdf"),
    ]
    assert all(r["seconds"] > 0 and r["cpu_seconds"] > 0 and r["bytes"] > 0 for r in results)
    assert bench_brief.report(results).count("\n") == len(results) + 1
    phases = bench_brief.phases(isolated_store, results[0]["region"])
    assert phases["charts"] >= 3 and phases["tables"] >= 5
