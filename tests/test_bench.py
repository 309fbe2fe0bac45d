"""The benchmark runs as part of the suite so it cannot rot; its times are never asserted."""

from xieshang import bench


def test_the_page_benchmark_runs_and_reports_every_page(isolated_store):
    results = bench.render_pages(region="990100000000", repeats=1)

    assert [r["page"] for r in results] == list(bench.PAGES)
    assert all(r["cold_s"] > 0 and r["warm_s"] > 0 for r in results)
    assert bench.report(results).count("\n") == len(bench.PAGES) + 1
