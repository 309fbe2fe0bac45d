"""The rollups (queries/setup/rollups.sql) give the very figures the rows give.

A rollup is the stock and flow definitions' output stored at import; every query reads it when
it holds the units asked for and computes the same definitions from the rows otherwise. A
leader comparing two pages must never see two answers, so every block, breakdown and chart is
run both ways over the demo for every grouping, period grain (custom days included), suggestion
kind and room type. (tests/test_properties.py does the same on random exports, against an
independent oracle.)
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest
from factories import COUNTY1, EAST, PROVINCE, V1, V2, V3, member, posting, scope, suggestion

from xieshang import sqlfiles
from xieshang.engine import sql
from xieshang.kpis import details, metrics
from xieshang.kpis.registry import BLOCKS
from xieshang.store import derived
from xieshang.store.snapshots import Store

PERIODS = [
    (date(2025, 1, 1), date(2025, 12, 31)),  # a year
    (date(2024, 4, 1), date(2024, 6, 30)),  # a quarter
    (date(2026, 2, 1), date(2026, 2, 28)),  # a month
    (date(2024, 1, 1), date(2026, 9, 30)),  # the whole span
    (date(2023, 1, 1), date(2023, 12, 31)),  # the year before the data (同比 of the first)
    (date(2025, 3, 17), date(2025, 11, 4)),  # custom days, neither end a month's
    (date(2024, 7, 15), date(2025, 12, 31)),  # a partial first year, a whole last one
]
DEMO_PROVINCE = "990000000000"
DEMO_CITIES = ["990100000000", "990200000000", "990300000000", "990400000000"]
DEMO_COUNTY = "990203000000"
DEMO_TOWNS = [f"990203{n:03d}000" for n in range(1, 6)]
DEMO_VILLAGE = "990203001001"
CHARTS = (
    "rooms/by_type",
    "rooms/failing_criteria",
    "rooms/openings",
    "members/postings_by_mode",
    "suggestions/monthly",
    "suggestions/satisfaction",
    "activities/silent_towns",
)


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
def test_every_figure_is_the_same_from_the_rollups_and_from_the_rows(units):
    snapshot = Store().current()
    checked = 0
    for kind in (None, "opinion"):
        chosen = scope(kind=kind, activity_target=3)
        for name in [f"kpis/{b}" for b in BLOCKS]:  # by_level and by_kind included
            block = name.split("/")[1]
            fast = metrics.block_params(snapshot, block, units, PERIODS, chosen)
            slow = metrics.block_params(snapshot, block, units, PERIODS, chosen, force_rows=True)
            rolled, rows = sql.rows(snapshot, name, **fast), sql.rows(snapshot, name, **slow)
            assert rolled == rows, name
            checked += len(rows)
    assert checked > 0


@pytest.mark.parametrize("region", [None, DEMO_PROVINCE, DEMO_CITIES[2], DEMO_COUNTY])
@pytest.mark.parametrize("period", PERIODS, ids=lambda p: f"{p[0]}..{p[1]}")
def test_every_chart_is_the_same_from_the_rollups_and_from_the_rows(region, period):
    snapshot = Store().current()
    for kind, room_type in ((None, None), ("opinion", "liaison_station")):
        chosen = scope(region, str(period[0]), str(period[1]), kind=kind)
        for name in CHARTS:
            extra = {"room_type": room_type, "limit": None}
            if name == "rooms/openings":
                extra["whole"] = metrics.whole_months(date(1, 1, 1), period[1])
            fast = details.params(snapshot, name, chosen, **extra)
            assert fast["rolled"], "the rollup must be the path tested"
            slow = details.params(snapshot, name, chosen, force_rows=True, **extra)
            assert sql.rows(snapshot, name, **fast) == sql.rows(snapshot, name, **slow), name


def test_the_rollups_are_read_only_for_the_units_they_hold():
    snapshot = Store().current()

    assert metrics.rolled(snapshot, None)
    assert metrics.rolled(snapshot, DEMO_CITIES)
    assert metrics.rolled(snapshot, [DEMO_COUNTY])
    assert not metrics.rolled(snapshot, DEMO_TOWNS)  # towns' stocks: from their own rows
    assert metrics.rolled(snapshot, DEMO_TOWNS, "holds_activities")  # the activity cadence
    assert not metrics.rolled(snapshot, [DEMO_VILLAGE], "holds_activities")
    assert not metrics.rolled(snapshot, [DEMO_COUNTY, DEMO_VILLAGE])


@pytest.mark.parametrize("region", [None, DEMO_PROVINCE, DEMO_COUNTY], ids=str)
@pytest.mark.parametrize("period", [PERIODS[0], PERIODS[5]], ids=lambda p: f"{p[0]}..{p[1]}")
def test_children_answered_with_their_region_rank_as_when_asked_alone(region, period, monkeypatch):
    # The overview asks for the region's figures with its children's, and the ranking of the
    # children that follows takes those rows instead of asking again.
    snapshot = Store().current()
    chosen = scope(region, str(period[0]), str(period[1]), activity_target=3)
    spans = [
        period,
        (period[0].replace(year=period[0].year - 1), period[1].replace(year=period[1].year - 1)),
    ]
    metrics.forget_children_rows()
    alone = metrics.compare(snapshot, chosen)
    figures_alone = metrics.figures(snapshot, chosen, spans)

    asked: list[list[tuple[str, bool, list[str] | None]]] = []
    run_many = sql.rows_many

    def recorded(snap, queries):
        asked.append([(n, p.get("rolled"), p.get("anchors")) for n, p in queries])
        return run_many(snap, queries)

    monkeypatch.setattr(sql, "rows_many", recorded)
    together = metrics.figures(snapshot, chosen, spans, children=True)
    (batch,) = asked
    asked.clear()
    shared = metrics.compare(snapshot, chosen)

    assert together == figures_alone
    pd.testing.assert_frame_equal(shared, alone)
    # The ranking asks nothing more: one query per block answered the region and its
    # children, and their names came in the same batch. Everything and a province read the
    # rollups with them. A county's towns read their own rows for all but the activity
    # cadence, and so does the county with them in those blocks.
    assert asked == []
    kids = list(metrics._children(str(snapshot.path), region))
    assert sorted(n for n, _r, _a in batch) == sorted(
        [f"kpis/{b}" for b in BLOCKS] + ["meta/units"]
    )
    assert all(a == [region or "", *kids] for n, _r, a in batch if n != "meta/units")
    from_rows = ["kpis/members", "kpis/rooms", "kpis/suggestions"] if region == DEMO_COUNTY else []
    assert sorted(n for n, r, _a in batch if r is False) == from_rows
    metrics.forget_children_rows()


def _as_written(snapshot, name: str, params: dict) -> list[tuple]:
    """The query run as its file is written: each reader chooses its path by `$rolled`."""
    with sql.connection(str(snapshot.path)).cursor() as cur:
        needed = {k: params[k] for k in sql.parameters(name)}
        return cur.execute(sqlfiles.load(name), needed).fetchall()


@pytest.mark.parametrize("force_rows", [False, True], ids=["rollups", "rows"])
def test_a_query_planned_for_its_path_gives_the_rows_of_the_file_as_written(force_rows):
    snapshot = Store().current()
    chosen = scope(DEMO_CITIES[1], "2025-03-17", "2025-11-04", kind="opinion")
    queries = [
        (f"kpis/{b}", metrics.block_params(snapshot, b, [DEMO_CITIES[1]], PERIODS, chosen))
        for b in BLOCKS
    ]
    for name in CHARTS:
        extra = {"room_type": None, "limit": None, "whole": False}
        queries.append((name, details.params(snapshot, name, chosen, **extra)))
    for name, params in queries:
        params = {**params, "rolled": params["rolled"] and not force_rows}
        planned = sql.text(name, params)
        other = "_live(" if params["rolled"] else "_rolled("
        assert planned != sqlfiles.load(name) and other not in planned, name
        found = [tuple(row.values()) for row in sql.rows(snapshot, name, **params)]
        assert found == _as_written(snapshot, name, params), name
        assert found, name


def test_over_whole_months_a_flow_block_is_planned_without_the_rollups_days():
    """DuckDB binds a rollup's day table even where `$whole` rules it out (a fifth of a flow
    block's time at national scale): over whole months each flow reader is its twin reading
    the years and months, and gives the figures the rows give."""
    snapshot = Store().current()
    readers = sqlfiles.load("setup/readers")
    whole_part = readers.split("create or replace macro rolled_flows(")[0]
    whole_part = whole_part.split("create or replace macro rolled_flows_whole(")[1]
    assert "query_table(p_days)" not in whole_part and "query_table(p_days)" in readers
    for block in ("activities", "suggestions"):
        for spans, whole in (([(date(2024, 4, 1), date(2025, 12, 31))], True), (PERIODS, False)):
            params = metrics.block_params(
                snapshot, block, [DEMO_CITIES[1]], spans, scope(DEMO_CITIES[1])
            )
            assert params["rolled"] and params["whole"] is whole
            planned = sql.text(f"kpis/{block}", params)
            # Every flow reader of the block has a twin: none reads the days over whole months.
            assert ("_rolled(" in planned) is not whole, (block, whole)
            assert ("_rolled_whole(" in planned) is whole, (block, whole)
            found = sql.rows(snapshot, f"kpis/{block}", **params)
            from_rows = sql.rows(snapshot, f"kpis/{block}", **{**params, "rolled": False})
            assert found == from_rows, (block, whole)
            assert any(row["period_i"] == 0 and list(row.values())[2] for row in found), block


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

    assert metrics.rolled(snap, None) and not metrics.rolled(snap, [V1])
    assert rolled["median_days_to_conclude"] == 25.0
    assert rows["median_days_to_conclude"] == 25.0


def test_a_snapshot_keeps_its_rollups_and_a_rollback_shares_them(snapshot_of):
    first = snapshot_of(suggestions=[suggestion("S1", submitted="2024-03-01")])
    second = snapshot_of(suggestions=[suggestion("S2", submitted="2024-05-01")])
    back = Store().rollback(first.id, who="test")

    for snap in (first, second, back):
        assert (snap.path / derived.folder_name() / "COMPLETE").exists()
    shared = back.path / derived.folder_name() / "rollup_suggestion_days.parquet"
    original = first.path / derived.folder_name() / "rollup_suggestion_days.parquet"
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


def test_the_readers_store_nothing_so_changing_them_keeps_the_stored_tables():
    """The fingerprint leaves out the reading macros: safe only while they create no table and
    run after every file that does (so nothing stored can depend on them)."""
    creates_table = re.compile(
        r"\bcreate\s+(or\s+replace\s+)?(temp\w*\s+)?(table|view)\b|\binsert\s+into\b|\bcopy\s",
        re.I,
    )
    for name in derived.READERS:
        assert not creates_table.search(sqlfiles.load(name)), name
        assert name in derived.MACROS
    builders = [name for name in derived.SETUP if creates_table.search(sqlfiles.load(name))]
    assert builders, "the pattern finds the files that build tables"
    last_builder = max(derived.SETUP.index(name) for name in builders)
    assert all(derived.SETUP.index(name) > last_builder for name in derived.READERS)


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
    (folder / "rollup_suggestion_days.parquet").write_bytes(b"half a file")
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
        assert metrics.rolled(snap, [region]) == (region == COUNTY1)
        spans = [(chosen.date_from, chosen.date_to)]
        slow = metrics.block_params(snap, "members", [region], spans, chosen, force_rows=True)
        (rows,) = sql.rows(snap, "kpis/members", **slow)
        result = metrics.kpis(snap, chosen)["members"]
        assert result["posted_here"] == rows["posted_here"]
        assert result["villages_with_member"] == rows["villages_with_member"]
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
