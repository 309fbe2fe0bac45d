"""The benchmark runs as part of the suite so it cannot rot; its times are never asserted."""

from xieshang.dev import bench
from xieshang.paths import DEMO_DIR
from xieshang.store.imports import Importer


def test_the_page_benchmark_runs_and_reports_every_page(isolated_store):
    results = bench.render_pages(region="990100000000", repeats=1)

    assert [r["page"] for r in results] == list(bench.PAGES)
    assert all(r["cold_s"] > 0 and r["warm_s"] > 0 for r in results)
    assert bench.report(results).count("\n") == len(bench.PAGES) + 1


def test_the_query_set_benchmark_runs_on_a_small_export(isolated_store):

    Importer().import_files([DEMO_DIR], who="test")  # a store of its own, with derived tables

    results = bench.query_sets(isolated_store, repeats=1, pages=("rooms",), scopes=("county",))

    (row,) = results
    assert (row["page"], row["scope"]) == ("rooms", "county")
    assert row["queries"] > 5
    assert all(row[k] > 0 for k in ("warm_s", "cold_s", "floor_s", "pandas_s", "cached_rerun_s"))
    report = bench.query_report(results)
    assert "| rooms | county |" in report
    cli = bench.cli_times(isolated_store)
    assert cli["kpis_s"] > 0 and cli["compare_s"] > 0
