"""The rollups (queries/setup/rollups.sql) give the very figures the rows give.

Pages for a country, a province or a city read precomputed counts; everything else reads the
rows. A leader comparing two pages must never see two answers, so every block is run both
ways over the demo for every rolled-up grouping, period grain, suggestion kind and date.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from factories import COUNTY1, EAST, PROVINCE, V1, V2, V3, member, posting, scope, suggestion

from xieshang.engine import sql
from xieshang.kpis import details, metrics
from xieshang.paths import QUERIES_DIR
from xieshang.store import derived
from xieshang.store.snapshots import Store

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
DEMO_COUNTY = "990203000000"
DEMO_TOWNS = [f"990203{n:03d}000" for n in range(1, 6)]
DEMO_VILLAGE = "990203001001"
# Columns that identify a row, to compare row sets whatever their order.
KEYS = ("unit_code", "committee_level", "kind", "room_type", "criterion", "mode", "month_on")


def test_every_rolled_up_query_has_a_twin_that_reads_the_rows():
    assert len(TWINS) >= 11
    for name in TWINS:
        assert (QUERIES_DIR / f"{name}.sql").exists(), name
        assert sql.parameters(sql.rollup_name(name)) == sql.parameters(name), name


@pytest.mark.parametrize(
    "units",
    [
        None,
        [DEMO_PROVINCE],
        DEMO_CITIES,
        [DEMO_CITIES[1]],
        [DEMO_COUNTY],
        DEMO_TOWNS,
        DEMO_TOWNS[:1],
    ],
    ids=str,
)
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
    village = {"anchors": [DEMO_VILLAGE], "from": date(2025, 1, 1), "to": date(2025, 12, 31)}
    custom = {"anchors": None, "from": date(2025, 1, 15), "to": date(2025, 12, 31)}
    mid_month = {"anchors": None, "from": date(2025, 1, 1), "to": date(2025, 6, 15)}
    long_ago = {"anchors": None, "from": date(2010, 1, 1), "to": date(2010, 12, 31)}

    assert metrics.query_for(snapshot, "kpis/rooms", village) == "kpis/rooms"
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
                region_code=V1,
                submitted="2024-03-01",
                filed="2024-03-02",
                concluded=(date(2024, 3, 1) + pd.Timedelta(days=n)).isoformat(),
                outcome="adopted",
            )
            for i, n in enumerate(days)
        ]
    )
    rolled = metrics.kpis(snap, scope(kind="proposal"))["suggestions"]
    rows = metrics.kpis(snap, scope(V1, kind="proposal"))["suggestions"]

    params = metrics.scope_params(scope())
    assert metrics.query_for(snap, "kpis/suggestions", params) == "kpis/rollup/suggestions"
    params = metrics.scope_params(scope(V1))
    assert metrics.query_for(snap, "kpis/suggestions", params) == "kpis/suggestions"
    assert rolled["median_days_to_conclude"] == 25.0
    assert rows["median_days_to_conclude"] == 25.0


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


def test_the_demo_shipped_with_the_code_is_never_written_to(isolated_store):
    from xieshang.paths import DEMO_DIR

    first = metrics.kpis(Store().current(), scope())
    sql.connection.cache_clear()
    again = metrics.kpis(Store().current(), scope())  # from the derived tables kept

    assert not list(DEMO_DIR.glob("*derived*"))
    assert (isolated_store / "derived-demo" / derived.folder_name() / "COMPLETE").exists()
    assert again == first


def test_a_half_written_folder_is_not_read(snapshot_of):
    snap = snapshot_of(suggestions=[suggestion("S1", submitted="2024-03-01")])
    stored = metrics.kpis(snap, scope(PROVINCE))
    folder = snap.path / derived.folder_name()
    (folder / "COMPLETE").unlink()
    (folder / "rollup_suggestions.parquet").write_bytes(b"half a file")
    sql.connection.cache_clear()

    assert metrics.kpis(snap, scope(PROVINCE)) == stored


def test_a_member_posted_twice_counts_once_and_each_village_once(snapshot_of):
    snap = snapshot_of(
        members=[member("M1"), member("M2")],
        member_postings=[
            posting("M1", V1, start="2024-01-01"),
            posting("M1", V2, start="2024-03-01", end="2024-06-30", mode="mobile"),
            posting("M1", V1, start="2024-02-01", end="2024-05-01"),  # overlaps the first
            posting("M2", V3, start="2024-02-15", end="2024-04-10"),
        ],
        suggestions=[suggestion("S1", submitted="2024-08-01")],  # months rolled up: to 2024-08
    )

    def members_at(region: str, day: str) -> dict:
        chosen = scope(region, day[:8] + "01", day)
        name = metrics.query_for(snap, "kpis/members", metrics.scope_params(chosen))
        assert name == "kpis/rollup/members"
        rows = sql.run(snap, "kpis/members", **metrics.scope_params(chosen))
        result = metrics.kpis(snap, chosen)["members"]
        assert result["posted_here"] == rows["posted_here"].iat[0]
        assert result["villages_with_member"] == rows["villages_with_member"].iat[0]
        return result

    east_march, county_march = members_at(EAST, "2024-03-31"), members_at(COUNTY1, "2024-03-31")
    assert (east_march["posted_here"], east_march["villages_with_member"]) == (1, 2)
    assert (county_march["posted_here"], county_march["villages_with_member"]) == (2, 3)
    county_july = members_at(COUNTY1, "2024-07-31")
    assert (county_july["posted_here"], county_july["villages_with_member"]) == (1, 1)

    modes = details.postings_by_mode(snap, scope(COUNTY1, "2024-03-01", "2024-03-31"))
    assert modes.to_dict("records") == [
        {"mode": "fixed", "postings": 3, "members": 2},
        {"mode": "mobile", "postings": 1, "members": 1},
    ]
