from factories import COUNTY1, EAST, SOUTH, V1, V3, V4, assessment, member, posting, room, scope

from xieshang.kpis.metrics import kpis

SIX = ("有场所", "有制度", "有计划", "有管理", "有活动", "有档案")


def test_coverage_counts_towns_and_villages_that_have_a_room_of_their_own(snapshot_of):
    snap = snapshot_of(
        rooms=[room("R1", EAST), room("R2", V1), room("R3", V3), room("R4", COUNTY1)]
    )

    everything = kpis(snap, scope())["rooms"]
    county = kpis(snap, scope(COUNTY1))["rooms"]

    assert everything["active"] == 4
    assert (everything["towns"], everything["towns_covered"]) == (3, 1)
    assert everything["town_coverage"] == 1 / 3
    assert (everything["villages"], everything["villages_covered"]) == (4, 2)
    assert everything["village_coverage"] == 0.5
    assert (county["towns"], county["towns_covered"], county["town_coverage"]) == (2, 1, 0.5)
    assert (county["villages"], county["villages_covered"]) == (3, 2)


def test_closed_rooms_are_not_active(snapshot_of):
    snap = snapshot_of(
        rooms=[room("R1", V1, closed="2024-06-30"), room("R2", V3, closed="2024-12-31")]
    )

    assert kpis(snap, scope(end="2024-06-29"))["rooms"]["active"] == 2
    assert kpis(snap, scope(end="2024-06-30"))["rooms"]["active"] == 1
    # closed_on must be after `to`: a room closed on the last day is no longer counted
    assert kpis(snap, scope(end="2024-12-31"))["rooms"]["active"] == 0
    assert kpis(snap, scope(end="2024-12-31"))["rooms"]["villages_covered"] == 0


def test_a_room_counts_from_the_day_it_opens(snapshot_of):
    snap = snapshot_of(rooms=[room("R1", V1, opened="2024-12-31")])

    assert kpis(snap, scope(end="2024-12-30"))["rooms"]["active"] == 0
    assert kpis(snap, scope(end="2024-12-31"))["rooms"]["active"] == 1


def test_standards_use_each_rooms_latest_assessment_on_or_before_the_end(snapshot_of):
    rows = [assessment("R1", "2023-12-15", c, True) for c in SIX]
    rows += [assessment("R1", "2024-12-15", c, c != "有档案") for c in SIX]
    rows += [assessment("R2", "2024-12-15", c, True) for c in SIX]
    rows += [assessment("R3", "2025-01-15", c, True) for c in SIX]  # after the period
    snap = snapshot_of(
        rooms=[room("R1", V1), room("R2", V3), room("R3", V4), room("R4", EAST)],
        room_assessments=rows,
    )

    mid_year = kpis(snap, scope(end="2024-06-30"))["rooms"]
    year_end = kpis(snap, scope(end="2024-12-31"))["rooms"]

    assert (mid_year["assessed"], mid_year["standards_met"], mid_year["standards_rate"]) == (
        1,
        1,
        1.0,
    )
    # R1 failed 有档案 in its 2024 assessment; R3's assessment came after the period
    assert (year_end["assessed"], year_end["standards_met"], year_end["standards_rate"]) == (
        2,
        1,
        0.5,
    )


def test_a_room_has_a_member_only_while_a_posting_to_it_is_active(snapshot_of):
    snap = snapshot_of(
        rooms=[room("R1", V1), room("R2", V3), room("R3", V4)],
        members=[member("M1"), member("M2"), member("M3")],
        member_postings=[
            posting("M1", V1, room_id="R1"),
            posting("M2", V3, room_id="R2", end="2024-12-31"),  # ends on the last day
            posting("M3", V4, room_id="R3", start="2025-01-01"),  # starts after the period
        ],
    )

    result = kpis(snap, scope())["rooms"]

    assert result["with_member"] == 1
    assert result["with_member_rate"] == 1 / 3


def test_an_area_without_rooms_gives_zero_counts_and_null_rates(snapshot_of):
    snap = snapshot_of(rooms=[room("R1", V1)])

    town = kpis(snap, scope(SOUTH))["rooms"]
    village = kpis(snap, scope(V4))["rooms"]

    assert (town["active"], town["towns"], town["town_coverage"]) == (0, 1, 0.0)
    assert town["standards_rate"] is None
    assert town["with_member_rate"] is None
    assert village["towns"] == 0
    assert village["town_coverage"] is None
    assert village["village_coverage"] == 0.0


def test_values_returns_the_same_figures_as_kpis_for_just_the_keys_asked(snapshot_of):
    from xieshang.kpis.metrics import values

    snap = snapshot_of(rooms=[room("R1", EAST), room("R2", V1)])

    assert values(snap, scope(COUNTY1), ("rooms.village_coverage", "rooms.active")) == {
        "rooms.village_coverage": kpis(snap, scope(COUNTY1))["rooms"]["village_coverage"],
        "rooms.active": 2,
    }
