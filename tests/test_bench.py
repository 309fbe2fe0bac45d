"""The benchmark runs as part of the suite so it cannot rot; its times are never asserted."""

import pytest

from xieshang.dev import bench, plain_sql
from xieshang.kpis import metrics
from xieshang.paths import DEMO_DIR
from xieshang.store.imports import Importer
from xieshang.store.snapshots import Store


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


def test_queries_a_page_asks_together_are_one_step_of_its_query_set(isolated_store):
    # The adoption page asks for its tiles, its charts and its table of kinds at once: the
    # benchmark replays them side by side, as the page ran them, and the rest one by one.
    steps, _rerun = bench.capture("adoption", "990203000000")

    (together,) = [step for step in steps if any(n == "suggestions/monthly" for n, _ in step)]
    assert sorted(n for n, _ in together) == [
        "kpis/suggestions",  # the county over three periods, and its towns for the ranking
        "kpis/suggestions",  # the county once per kind
        "meta/units",  # the towns' names, for the ranking
        "suggestions/monthly",
        "suggestions/satisfaction",
    ]
    assert all(len(step) == 1 for step in steps if step is not together)
    assert not [n for step in steps if step is not together for n, _ in step if n == "meta/units"]


@pytest.mark.parametrize("region", [None, "990203000000"])
def test_the_plain_sql_yardstick_gives_every_figure_xieshang_kpis_prints(isolated_store, region):
    # The CLI is timed against this script: it must do the same work, so it gives the same
    # figures, every one of them (a yardstick that computed fewer would flatter the command).
    snapshot = Store(isolated_store).current()
    start, end = metrics.default_period(snapshot)
    printed = metrics.kpis(snapshot, metrics.scope_from_input(snapshot, region))
    plain = plain_sql.main(str(snapshot.path), region, str(start), str(end))

    assert plain.keys() == {"rooms", "members", "activities", "suggestions"}
    for block, figures in plain.items():
        assert figures.keys() == printed[block].keys(), block
        for key, value in figures.items():
            if key == "by_level":  # the command lists every committee level, with zeros
                shown = {k: v for k, v in printed[block][key].items() if v["active"]}
                assert shown.keys() == value.keys(), (block, key)
                for level, counts in value.items():
                    assert shown[level] == pytest.approx(counts), (block, key, level)
            elif key == "by_kind":  # likewise every kind of activity
                shown = {k: v for k, v in printed[block][key].items() if v}
                assert shown == value, (block, key)
            else:
                assert printed[block][key] == pytest.approx(value), (block, key)
    assert printed["rooms"]["active"] > 0 and printed["suggestions"]["submitted"] > 0
