"""The regions page's trend reads every quarter in one query; its figures are still exactly
those the ranking shows for each quarter."""

from __future__ import annotations

from datetime import date

import pytest

from xieshang.kpis import metrics, periods
from xieshang.store.snapshots import Store

CITY = "990100000000"  # a city of the demo export, with several counties
KPIS = list(metrics.DEFAULT_WEIGHTS)  # what the page's picker offers


def test_the_trend_of_two_children_is_the_ranking_of_each_quarter():
    snapshot = Store().current()
    scope = metrics.Scope(date(2025, 1, 1), date(2025, 12, 31), CITY)
    span = metrics.data_span(snapshot)
    assert span is not None
    quarters = periods.options("quarter", *span)[::-1]
    children = metrics.compare(snapshot, scope)["region_code"].tolist()
    codes = [children[0], children[-1]]

    trends = {kpi: metrics.trend(snapshot, scope, codes, kpi, quarters) for kpi in KPIS}

    for i, (start, end) in enumerate(quarters):
        ranking = metrics.compare(snapshot, scope.shifted(start, end)).set_index("region_code")
        for kpi, found in trends.items():
            assert [series.code for series in found] == codes
            for series in found:
                expected = ranking.at[series.code, kpi]
                assert series.name == ranking.at[series.code, "name"]
                if expected != expected:  # NaN: no value that quarter
                    assert series.values[i] is None, (kpi, series.code, start)
                else:
                    assert series.values[i] == pytest.approx(expected), (kpi, series.code, start)


def test_the_trend_leaves_out_regions_that_are_not_children_of_the_scope():
    snapshot = Store().current()
    scope = metrics.Scope(date(2025, 1, 1), date(2025, 12, 31), CITY)
    child = metrics.compare(snapshot, scope)["region_code"].iloc[0]
    kpi = next(iter(metrics.DEFAULT_WEIGHTS))
    quarter = ((date(2025, 1, 1), date(2025, 3, 31)),)

    found = metrics.trend(snapshot, scope, [child, "990200000000"], kpi, quarter)

    assert [series.code for series in found] == [child]
