"""The rollups (queries/setup/rollups.sql) give the very figures the rows give.

Pages for a country, a province or a city read precomputed counts; everything else reads the
rows. A leader comparing two pages must never see two answers, so every block is run both
ways over the demo for every rolled-up grouping, period grain, suggestion kind and date.
"""

from __future__ import annotations

import shutil
from datetime import date

import pandas as pd
import pytest
from factories import COUNTY1, PROVINCE, scope, suggestion

from xieshang import derived, metrics, sql
from xieshang.store import Store

BLOCKS = ("rooms", "members", "members_by_level", "activities", "activities_by_kind", "suggestions")
PERIODS = [
    (date(2025, 1, 1), date(2025, 12, 31)),  # a year
    (date(2024, 4, 1), date(2024, 6, 30)),  # a quarter
    (date(2026, 2, 1), date(2026, 2, 28)),  # a month
    (date(2024, 1, 1), date(2026, 9, 30)),  # the whole span
    (date(2023, 1, 1), date(2023, 12, 31)),  # the year before the data (同比 of the first)
]
DEMO_PROVINCE = "990000000000"
DEMO_CITIES = ["990100000000", "990200000000", "990300000000", "990400000000"]


def both_ways(snapshot, block: str, params: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    chosen = metrics._query(snapshot, block, params)
    assert chosen == f"kpis/rollup/{block}", "the rollup path must be the one under test"
    keys = [c for c in ("unit_code", "committee_level", "kind") if c in BLOCK_COLUMNS[block]]
    rows = sql.run(snapshot, f"kpis/{block}", **params).sort_values(keys, ignore_index=True)
    rolled = sql.run(snapshot, chosen, **params).sort_values(keys, ignore_index=True)
    return rows, rolled[rows.columns]


BLOCK_COLUMNS = {
    "rooms": ("unit_code",),
    "members": ("unit_code",),
    "members_by_level": ("unit_code", "committee_level"),
    "activities": ("unit_code",),
    "activities_by_kind": ("unit_code", "kind"),
    "suggestions": ("unit_code",),
}


@pytest.mark.parametrize("units", [None, [DEMO_PROVINCE], DEMO_CITIES, [DEMO_CITIES[1]]], ids=str)
@pytest.mark.parametrize("period", PERIODS, ids=lambda p: f"{p[0]}..{p[1]}")
def test_every_block_is_the_same_from_the_rollups_and_from_the_rows(units, period):
    snapshot = Store().current()
    for kind in (None, "opinion"):
        params = {
            "anchors": units,
            "from": period[0],
            "to": period[1],
            "kind": kind,
            "activity_target": 3,
        }
        for block in BLOCKS:
            rows, rolled = both_ways(snapshot, block, params)
            if BLOCK_COLUMNS[block] == ("unit_code",):  # one row per unit, data or not
                assert len(rows) == (1 if units is None else len(units))
            pd.testing.assert_frame_equal(rows, rolled, check_dtype=False, obj=block)


def test_the_rollups_answer_only_what_they_hold():
    snapshot = Store().current()
    county = {"anchors": ["990203000000"], "from": date(2025, 1, 1), "to": date(2025, 12, 31)}
    custom = {"anchors": None, "from": date(2025, 1, 15), "to": date(2025, 12, 31)}
    mid_month = {"anchors": None, "from": date(2025, 1, 1), "to": date(2025, 6, 15)}
    long_ago = {"anchors": None, "from": date(2010, 1, 1), "to": date(2010, 12, 31)}

    assert metrics._query(snapshot, "rooms", county) == "kpis/rooms"
    assert metrics._query(snapshot, "suggestions", custom) == "kpis/suggestions"
    assert metrics._query(snapshot, "rooms", custom) == "kpis/rollup/rooms"
    assert metrics._query(snapshot, "rooms", mid_month) == "kpis/rooms"
    assert metrics._query(snapshot, "activities", mid_month) == "kpis/activities"
    assert metrics._query(snapshot, "rooms", long_ago) == "kpis/rooms"
    assert metrics._query(snapshot, "suggestions", long_ago) == "kpis/rollup/suggestions"


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

    assert metrics._query(snap, "suggestions", metrics.scope_params(scope())).startswith(
        "kpis/rollup"
    )
    assert whole["median_days_to_conclude"] == 25.0
    assert county["median_days_to_conclude"] == 25.0


def test_a_snapshot_keeps_its_rollups_and_a_rollback_shares_them(snapshot_of):
    first = snapshot_of(suggestions=[suggestion("S1", submitted="2024-03-01")])
    second = snapshot_of(suggestions=[suggestion("S2", submitted="2024-05-01")])
    back = Store().rollback(first.id, who="test")

    for snap in (first, second, back):
        assert (snap.path / derived.FOLDER / "COMPLETE").exists()
    shared = back.path / derived.FOLDER / "rollup_suggestions.parquet"
    original = first.path / derived.FOLDER / "rollup_suggestions.parquet"
    assert shared.stat().st_ino == original.stat().st_ino
    assert metrics.kpis(back, scope(PROVINCE))["suggestions"]["submitted"] == 1


def test_a_snapshot_without_stored_rollups_builds_the_same_ones(snapshot_of):
    snap = snapshot_of(
        suggestions=[suggestion("S1", submitted="2024-03-01"), suggestion("S2")],
    )
    stored = metrics.kpis(snap, scope(PROVINCE))

    shutil.rmtree(snap.path / derived.FOLDER)
    sql.connection.cache_clear()

    assert metrics.kpis(snap, scope(PROVINCE)) == stored
    assert not (snap.path / derived.FOLDER).exists()  # built in memory, the snapshot untouched


def test_an_interrupted_build_is_not_read(snapshot_of):
    snap = snapshot_of(suggestions=[suggestion("S1", submitted="2024-03-01")])
    stored = metrics.kpis(snap, scope(PROVINCE))
    folder = snap.path / derived.FOLDER
    (folder / "COMPLETE").unlink()
    (folder / "rollup_suggestions.parquet").write_bytes(b"half a file")
    sql.connection.cache_clear()

    assert metrics.kpis(snap, scope(PROVINCE)) == stored
