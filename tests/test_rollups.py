"""The rollups (queries/setup/rollups.sql) give the very figures the rows give.

Pages for a country, a province or a city read precomputed counts; everything else reads the
rows. A leader comparing two pages must never see two answers, so every block is run both
ways over the demo for every rolled-up grouping, period grain, suggestion kind and date.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from factories import COUNTY1, PROVINCE, scope, suggestion

from xieshang import derived, metrics, sql
from xieshang.paths import QUERIES_DIR
from xieshang.store import Store

TWINS = sorted(
    str(path.relative_to(QUERIES_DIR).with_suffix("")).replace("/rollup/", "/")
    for path in QUERIES_DIR.glob("*/rollup/*.sql")
)
PERIODS = [
    (date(2025, 1, 1), date(2025, 12, 31)),  # a year
    (date(2024, 4, 1), date(2024, 6, 30)),  # a quarter
    (date(2026, 2, 1), date(2026, 2, 28)),  # a month
    (date(2024, 1, 1), date(2026, 9, 30)),  # the whole span
    (date(2023, 1, 1), date(2023, 12, 31)),  # the year before the data (同比 of the first)
]
DEMO_PROVINCE = "990000000000"
DEMO_CITIES = ["990100000000", "990200000000", "990300000000", "990400000000"]
# Columns that identify a row, to compare row sets whatever their order.
KEYS = ("unit_code", "committee_level", "kind", "room_type", "criterion", "mode", "month_on")


def test_every_rolled_up_query_has_a_twin_that_reads_the_rows():
    assert len(TWINS) >= 11
    for name in TWINS:
        assert (QUERIES_DIR / f"{name}.sql").exists(), name
        assert sql.parameters(sql.rollup_name(name)) == sql.parameters(name), name


@pytest.mark.parametrize("units", [None, [DEMO_PROVINCE], DEMO_CITIES, [DEMO_CITIES[1]]], ids=str)
@pytest.mark.parametrize("period", PERIODS, ids=lambda p: f"{p[0]}..{p[1]}")
def test_every_figure_is_the_same_from_the_rollups_and_from_the_rows(units, period):
    snapshot = Store().current()
    checked = 0
    for name in TWINS:
        if not name.startswith("kpis/") and units is not None and len(units) > 1:
            continue  # lists and charts are for one region
        for kind, room_type in ((None, None), ("opinion", "liaison_station")):
            params = {
                "anchors": units,
                "from": period[0],
                "to": period[1],
                "kind": kind,
                "activity_target": 3,
                "room_type": room_type,
            }
            chosen = metrics.query_for(snapshot, name, params)
            assert chosen == sql.rollup_name(name), "the rollup must be the path under test"
            params = {k: params[k] for k in sql.parameters(name)}
            rows = sql.run(snapshot, name, **params)
            rolled = sql.run(snapshot, chosen, **params)[list(rows.columns)]
            keys = [c for c in KEYS if c in rows.columns]
            if keys:
                rows = rows.sort_values(keys, ignore_index=True)
                rolled = rolled.sort_values(keys, ignore_index=True)
            pd.testing.assert_frame_equal(rows, rolled, check_dtype=False, obj=name)
            checked += len(rows)
    assert checked > 0


def test_the_rollups_answer_only_what_they_hold():
    snapshot = Store().current()
    county = {"anchors": ["990203000000"], "from": date(2025, 1, 1), "to": date(2025, 12, 31)}
    custom = {"anchors": None, "from": date(2025, 1, 15), "to": date(2025, 12, 31)}
    mid_month = {"anchors": None, "from": date(2025, 1, 1), "to": date(2025, 6, 15)}
    long_ago = {"anchors": None, "from": date(2010, 1, 1), "to": date(2010, 12, 31)}

    assert metrics.query_for(snapshot, "kpis/rooms", county) == "kpis/rooms"
    assert metrics.query_for(snapshot, "kpis/suggestions", custom) == "kpis/suggestions"
    assert metrics.query_for(snapshot, "kpis/rooms", custom) == "kpis/rollup/rooms"
    assert metrics.query_for(snapshot, "kpis/rooms", mid_month) == "kpis/rooms"
    assert metrics.query_for(snapshot, "kpis/activities", mid_month) == "kpis/activities"
    assert metrics.query_for(snapshot, "kpis/rooms", long_ago) == "kpis/rooms"
    assert metrics.query_for(snapshot, "kpis/suggestions", long_ago) == "kpis/rollup/suggestions"


def test_the_median_of_an_even_cohort_is_the_mean_of_the_middle_two(snapshot_of):
    days = [10, 20, 30, 41]
    snap = snapshot_of(
        suggestions=[
            suggestion(
                f"S{i}",
                submitted="2024-03-01",
                filed="2024-03-02",
                concluded=(date(2024, 3, 1) + pd.Timedelta(days=n)).isoformat(),
                outcome="adopted",
            )
            for i, n in enumerate(days)
        ]
    )
    whole = metrics.kpis(snap, scope(kind="proposal"))["suggestions"]
    county = metrics.kpis(snap, scope(COUNTY1, kind="proposal"))["suggestions"]

    assert metrics.query_for(snap, "kpis/suggestions", metrics.scope_params(scope())).startswith(
        "kpis/rollup"
    )
    assert whole["median_days_to_conclude"] == 25.0
    assert county["median_days_to_conclude"] == 25.0


def test_a_snapshot_keeps_its_rollups_and_a_rollback_shares_them(snapshot_of):
    first = snapshot_of(suggestions=[suggestion("S1", submitted="2024-03-01")])
    second = snapshot_of(suggestions=[suggestion("S2", submitted="2024-05-01")])
    back = Store().rollback(first.id, who="test")

    for snap in (first, second, back):
        assert (snap.path / derived.folder_name() / "COMPLETE").exists()
    shared = back.path / derived.folder_name() / "rollup_suggestions.parquet"
    original = first.path / derived.folder_name() / "rollup_suggestions.parquet"
    assert shared.stat().st_ino == original.stat().st_ino
    assert metrics.kpis(back, scope(PROVINCE))["suggestions"]["submitted"] == 1


def test_a_snapshot_without_current_rollups_builds_and_keeps_the_same_ones(snapshot_of):
    snap = snapshot_of(
        suggestions=[suggestion("S1", submitted="2024-03-01"), suggestion("S2")],
    )
    stored = metrics.kpis(snap, scope(PROVINCE))
    # As if written by a release whose SQL differed: its folder has another fingerprint.
    (snap.path / derived.folder_name()).rename(snap.path / "derived-0123456789ab")
    sql.connection.cache_clear()

    assert metrics.kpis(snap, scope(PROVINCE)) == stored
    assert (snap.path / derived.folder_name() / "COMPLETE").exists()  # kept for next time


def test_the_demo_shipped_with_the_code_is_never_written_to():
    from xieshang.paths import DEMO_DIR

    metrics.kpis(Store().current(), scope())

    assert not list(DEMO_DIR.glob("*derived*"))


def test_a_half_written_folder_is_not_read(snapshot_of):
    snap = snapshot_of(suggestions=[suggestion("S1", submitted="2024-03-01")])
    stored = metrics.kpis(snap, scope(PROVINCE))
    folder = snap.path / derived.folder_name()
    (folder / "COMPLETE").unlink()
    (folder / "rollup_suggestions.parquet").write_bytes(b"half a file")
    sql.connection.cache_clear()

    assert metrics.kpis(snap, scope(PROVINCE)) == stored
