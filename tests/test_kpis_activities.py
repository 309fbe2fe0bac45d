from factories import COUNTY1, EAST, SOUTH, V1, V3, WEST, activity, scope

from xieshang.kpis.metrics import kpis


def test_activities_are_counted_within_the_period_inclusive(snapshot_of):
    snap = snapshot_of(
        activities=[
            activity("A1", V1, "2023-12-31"),
            activity("A2", V1, "2024-01-01", participants=30, solved=2),
            activity("A3", EAST, "2024-12-31", participants=12),
            activity("A4", V3, "2025-01-01", participants=99, solved=9),
        ]
    )

    result = kpis(snap, scope())["activities"]

    assert result["count"] == 2
    assert result["public_participants"] == 42
    assert result["problems_solved"] == 2  # an empty problems_solved adds nothing


def test_a_town_meets_the_target_with_activities_in_the_town_or_its_villages(snapshot_of):
    snap = snapshot_of(
        activities=[
            activity("A1", EAST, "2024-03-01"),
            activity("A2", V1, "2024-04-01"),  # a village of 东镇
            activity("A3", WEST, "2024-05-01"),
            activity("A4", V3, "2023-05-01"),  # outside the period
        ]
    )

    default = kpis(snap, scope())["activities"]
    lenient = kpis(snap, scope(activity_target=1))["activities"]

    assert (default["towns_meeting_target"], default["towns_meeting_target_rate"]) == (1, 1 / 3)
    assert (lenient["towns_meeting_target"], lenient["towns_meeting_target_rate"]) == (2, 2 / 3)


def test_a_town_that_reported_nothing_misses_the_target(snapshot_of):
    snap = snapshot_of(activities=[activity("A1", V1, "2024-03-01")])

    town = kpis(snap, scope(SOUTH, activity_target=1))["activities"]

    assert (town["count"], town["towns_meeting_target"], town["towns_meeting_target_rate"]) == (
        0,
        0,
        0.0,
    )


def test_by_kind_lists_every_kind(snapshot_of):
    snap = snapshot_of(
        activities=[
            activity("A1", V1, "2024-03-01", kind="micro"),
            activity("A2", V1, "2024-03-02", kind="micro"),
            activity("A3", V3, "2024-03-03", kind="supervision"),
        ]
    )

    by_kind = kpis(snap, scope(COUNTY1))["activities"]["by_kind"]

    assert by_kind == {
        "thematic": 0,
        "micro": 2,
        "talk": 0,
        "supervision": 1,
        "member_day": 0,
        "other": 0,
    }
