"""Cadence rules, unit by unit: towns and villages holding activities, posted members attending
them, each against its own target and paced through the year."""

from __future__ import annotations

from datetime import date

import pytest
from factories import activity
from oversight_fixtures import DISTRICT, OTHER, TOWNS, nine_towns, with_members

from xieshang.kpis import cadence, metrics, supervision
from xieshang.kpis.scope import Scope
from xieshang.kpis.targets import Target

DEFAULTS = (
    Target("cadence.town_activities", 2),
    Target("cadence.village_activities", 1),
    Target("cadence.member_attendance", 2),
)
YEAR = Scope(date(2024, 1, 1), date(2024, 12, 31), DISTRICT)
MID_YEAR = Scope(date(2024, 1, 1), date(2024, 6, 30), DISTRICT)


def by_unit(counts: list[cadence.UnitCount], rule: str) -> dict[str, cadence.UnitCount]:
    return {c.unit_id: c for c in counts if c.rule == rule}


@pytest.fixture
def district(snapshot_of):
    return snapshot_of(**with_members(nine_towns()))


def test_eight_of_nine_towns_meet_two_consultations_a_year(district):
    counts = cadence.evaluate(district, YEAR, DEFAULTS, rules=["cadence.town_activities"])
    towns = by_unit(counts, "cadence.town_activities")

    assert [towns[t].count for t in TOWNS] == [1, 15, 15, 15, 14, 14, 14, 14, 14]
    assert [towns[t].assessment.state for t in TOWNS] == ["missed"] + ["met"] * 8
    summary = cadence.summarize(counts)[("cadence.town_activities", DISTRICT, 0)]
    assert (summary.keeping, summary.units, summary.rate) == (8, 9, pytest.approx(8 / 9))
    # the KPI counting towns meeting the same cadence agrees
    activities = metrics.figures(district, YEAR, blocks=["activities"])[0].activities
    assert activities is not None and activities.towns_meeting_target == 8


def test_at_mid_year_a_town_with_one_consultation_is_on_track(district):
    towns = by_unit(cadence.evaluate(district, MID_YEAR, DEFAULTS), "cadence.town_activities")

    assert towns["T1"].count == 1
    assert towns["T1"].assessment.state == "on_track"
    assert towns["T1"].assessment.expected == 1
    assert towns["T1"].assessment.needed == 1  # one more by the year's end
    items = supervision.items(district, MID_YEAR, DEFAULTS, parts=("cadence",))
    assert "T1" not in {i.unit_id for i in items}


def test_a_towns_count_includes_its_villages_and_a_village_counts_its_own(snapshot_of):
    export = nine_towns([0] * 9)
    export["activities"] = [
        activity("A1", "V1", "2024-03-01"),
        activity("A2", "V1", "2024-04-01"),
        activity("A3", "T2", "2024-04-01"),
    ]
    snap = snapshot_of(**export)

    counts = cadence.evaluate(snap, YEAR, DEFAULTS)
    towns = by_unit(counts, "cadence.town_activities")
    villages = by_unit(counts, "cadence.village_activities")

    assert (towns["T1"].count, towns["T2"].count, towns["T3"].count) == (2, 1, 0)
    assert (villages["V1"].count, villages["V2"].count) == (2, 0)
    assert villages["V1"].assessment.state == "met"
    assert villages["V2"].assessment.state == "missed"
    assert villages["V1"].parent_name == "第1镇"


def test_posted_members_are_judged_on_what_they_attended_anywhere(district):
    members = by_unit(cadence.evaluate(district, YEAR, DEFAULTS), "cadence.member_attendance")

    # M3 is not posted; M4 is posted in the other county
    assert sorted(members) == ["M1", "M2"]
    assert (members["M1"].count, members["M1"].assessment.state) == (2, "met")
    assert (members["M2"].count, members["M2"].assessment.state) == (1, "missed")
    assert members["M2"].posted_in == ("第2村",)
    assert members["M2"].parent_name == "沙湾区"  # the committee the member sits on
    everywhere = cadence.evaluate(district, Scope(date(2024, 1, 1), date(2024, 12, 31)), DEFAULTS)
    assert sorted(by_unit(everywhere, "cadence.member_attendance")) == ["M1", "M2", "M4"]


def test_a_cadence_counts_only_the_kinds_its_target_names(snapshot_of):
    export = nine_towns([0] * 9)
    export["activities"] = [
        activity("A1", "T1", "2024-03-01", kind="micro"),
        activity("A2", "T1", "2024-04-01", kind="supervision"),
        activity("A3", "T1", "2024-05-01", kind="talk"),
    ]
    snap = snapshot_of(**export)
    micro_and_talk = (Target("cadence.town_activities", 2, kinds=("micro", "talk")),)
    micro_only = (Target("cadence.town_activities", 2, kinds=("micro",)),)

    both = by_unit(cadence.evaluate(snap, YEAR, micro_and_talk), "cadence.town_activities")
    one = by_unit(cadence.evaluate(snap, YEAR, micro_only), "cadence.town_activities")

    assert (both["T1"].count, both["T1"].assessment.state) == (2, "met")
    assert (one["T1"].count, one["T1"].assessment.state) == (1, "missed")


def test_each_unit_gets_its_own_target_the_most_specific(district, snapshot_of):
    found = (
        Target("cadence.town_activities", 2),
        Target("cadence.town_activities", 15, region=DISTRICT),
        Target("cadence.town_activities", 1, region="T1"),
        Target("cadence.town_activities", 3, region=OTHER, kinds=("micro",)),
    )

    towns = by_unit(
        cadence.evaluate(district, Scope(date(2024, 1, 1), date(2024, 12, 31)), found),
        "cadence.town_activities",
    )

    assert towns["T1"].assessment.state == "met"  # its own target of one
    assert [towns[t].assessment.state for t in TOWNS[1:]] == ["met"] * 3 + ["missed"] * 5
    # the other county's town: its county's target, counting its one micro consultation
    assert towns["TE"].assessment.target.value == 3
    assert (towns["TE"].count, towns["TE"].assessment.state) == (1, "missed")


def test_a_rule_without_a_target_in_force_is_off(district):
    assert cadence.evaluate(district, YEAR, (Target("rooms.village_coverage", 1.0),)) == []
