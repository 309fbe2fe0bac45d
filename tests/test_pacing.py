"""Targets paced through the year: what a period owes by its end, and the four states."""

from __future__ import annotations

from datetime import date

import pytest

from xieshang.kpis.pacing import assess, is_paced, share
from xieshang.kpis.targets import Target

TOWNS = Target("cadence.town_activities", 2)
ACTIVITIES = Target("activities.count", 120)
COVERAGE = Target("rooms.village_coverage", 1.0)


def d(text: str) -> date:
    return date.fromisoformat(text)


def test_a_year_owes_its_whole_target_and_a_day_its_share_of_the_year():
    assert share(d("2023-01-01"), d("2023-12-31")) == pytest.approx(1.0)
    assert share(d("2024-01-01"), d("2024-12-31")) == pytest.approx(1.0)
    assert share(d("2023-01-01"), d("2023-01-01")) == pytest.approx(1 / 365)
    assert share(d("2024-01-01"), d("2024-01-01")) == pytest.approx(1 / 366)


def test_a_leap_years_february_has_29_days_of_366():
    assert share(d("2024-01-01"), d("2024-02-29")) == pytest.approx(60 / 366)
    assert share(d("2023-01-01"), d("2023-02-28")) == pytest.approx(59 / 365)


def test_a_period_across_two_years_owes_a_share_of_each():
    assert share(d("2023-07-01"), d("2024-06-30")) == pytest.approx(184 / 365 + 182 / 366)


def test_a_monthly_profile_spreads_each_months_weight_over_its_days():
    # nothing in January and February, the rest evenly: by the end of March, a tenth
    profile = (0, 0, *(1,) * 10)
    assert share(d("2024-01-01"), d("2024-03-31"), profile) == pytest.approx(0.1)
    assert share(d("2024-01-01"), d("2024-02-29"), profile) == pytest.approx(0.0)
    # half of a 30-day month is half its weight
    assert share(d("2024-04-01"), d("2024-04-15"), profile) == pytest.approx(0.05)


def test_only_counts_that_add_up_over_days_and_cadences_are_paced():
    assert is_paced("activities.count")
    assert is_paced("suggestions.submitted")
    assert is_paced("cadence.member_attendance")
    assert not is_paced("rooms.village_coverage")
    assert not is_paced("activities.towns_meeting_target")  # towns, judged on the whole period
    assert not is_paced("suggestions.median_days_to_conclude")


@pytest.mark.parametrize(
    ("end", "held", "state", "expected", "needed"),
    [
        # mid-year of a leap year: 182 of 366 days owe 0.99 of an activity, one is on track
        ("2024-06-30", 1, "on_track", 1, 1),
        ("2024-06-30", 0, "at_risk", 1, 2),
        # by the end of March a yearly two owes half an activity: none yet is still on pace
        ("2024-03-31", 0, "on_track", 0, 2),
        ("2024-04-01", 0, "at_risk", 1, 2),
        # leap day
        ("2024-02-29", 0, "on_track", 0, 2),
        # the target reached early is met, whatever the date
        ("2024-02-29", 2, "met", 0, 0),
        # the year's last day: no pace left, short is missed
        ("2024-12-31", 1, "missed", 2, 1),
        ("2024-12-31", 2, "met", 2, 0),
        ("2023-12-31", 0, "missed", 2, 2),
        # a common year's mid-year
        ("2023-06-30", 1, "on_track", 1, 1),
    ],
)
def test_a_yearly_cadence_is_paced_through_the_year(end, held, state, expected, needed):
    year = end[:4]
    found = assess(TOWNS, held, d(f"{year}-01-01"), d(end))

    assert (found.state, found.expected, found.needed) == (state, expected, needed)
    assert found.final == end.endswith("12-31")


def test_a_count_is_behind_by_what_its_share_asks():
    found = assess(ACTIVITIES, 40, d("2024-01-01"), d("2024-06-30"))

    assert found.state == "at_risk"
    assert found.expected == 60  # 120 × 182/366 = 59.7, whole
    assert found.behind == 20
    assert found.needed == 80


def test_a_quarter_owes_its_share_and_is_met_once_it_reaches_what_the_rest_of_the_year_owes():
    second = assess(ACTIVITIES, 30, d("2024-04-01"), d("2024-06-30"))
    assert second.expected == 30  # 91 of 366 days
    assert second.state == "on_track"
    assert second.due == 90  # from April to December
    assert assess(ACTIVITIES, 90, d("2024-04-01"), d("2024-06-30")).state == "met"


def test_the_pace_stops_at_the_day_the_data_are_as_of():
    # a whole year asked for, the data taken on 30 June: paced to then, not failed
    found = assess(TOWNS, 1, d("2024-01-01"), d("2024-12-31"), as_of=d("2024-06-30"))

    assert (found.state, found.expected, found.final) == ("on_track", 1, False)
    assert found.last_day == d("2024-06-30")
    after = assess(TOWNS, 1, d("2024-01-01"), d("2024-12-31"), as_of=d("2025-01-20"))
    assert after.state == "missed"


def test_a_monthly_profile_paces_the_target_it_names():
    back_loaded = Target("cadence.town_activities", 2, profile=(0,) * 6 + (1,) * 6)

    assert assess(back_loaded, 0, d("2024-01-01"), d("2024-06-30")).state == "on_track"
    assert assess(back_loaded, 0, d("2024-01-01"), d("2024-10-31")).state == "at_risk"


def test_a_rate_is_judged_as_it_stands_behind_while_the_year_runs_then_missed():
    assert assess(COVERAGE, 0.96, d("2024-01-01"), d("2024-06-30")).state == "at_risk"
    assert assess(COVERAGE, 0.96, d("2024-01-01"), d("2024-12-31")).state == "missed"
    assert assess(COVERAGE, 1.0, d("2024-01-01"), d("2024-06-30")).state == "met"
    found = assess(COVERAGE, 0.96, d("2024-01-01"), d("2024-12-31"))
    assert found.needed == pytest.approx(0.04)


def test_a_cap_passed_mid_year_is_missed_at_once_the_gap_cannot_close():
    cap = Target("activities.count", 10, higher_is_better=False)

    assert assess(cap, 4, d("2024-01-01"), d("2024-06-30")).state == "on_track"
    assert assess(cap, 7, d("2024-01-01"), d("2024-06-30")).state == "at_risk"
    assert assess(cap, 11, d("2024-01-01"), d("2024-06-30")).state == "missed"
    assert assess(cap, 9, d("2024-01-01"), d("2024-12-31")).state == "met"


def test_days_to_conclude_point_down_as_the_registry_says():
    days = Target("suggestions.median_days_to_conclude", 90)

    assert days.higher_is_better is False
    assert assess(days, 64, d("2024-01-01"), d("2024-12-31")).state == "met"
    assert assess(days, 95, d("2024-01-01"), d("2024-12-31")).state == "missed"


def test_no_value_is_no_data():
    assert assess(COVERAGE, None, d("2024-01-01"), d("2024-12-31")).state == "no_data"
