"""Targets paced through the year: what a yearly target asks of a period by its end, and a
figure's state against it (达标 / 进度正常 / 进度滞后 / 未达标).

A target is set per year. For a KPI that adds up over days (activities held, suggestions
submitted: `Kpi.accumulates`) and for a cadence rule, a period owes its share of the year's
target: pro rata by days, or by the monthly profile the target names (each month's weight
spread evenly over its days). Such a figure is

- met (达标) once it reaches what the period owes by the year's end (for a period from
  1 January, the whole target), however early;
- on track (进度正常) while it has reached what is expected by the period's last day;
- at risk (进度滞后) while it is behind that but the year still runs;
- missed (未达标) when the year is over and it fell short, or, for a cap (lower is better),
  as soon as it has passed the year's cap: that gap can no longer close.

Counts are whole: what is expected by a day is rounded half up (by mid-year, one of a yearly
two), and what is still needed is rounded up ("还需开展 2 次"). A rate, a stock or a median is
judged as it stands: met, or at risk until the year is over, then missed.

"The period's last day" is the earlier of its end and `as_of`, the day the data are as of
(scope.as_of: the day they were imported): figures for a year the data have not finished are
paced, not failed.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass
from datetime import date
from typing import Literal

from xieshang.kpis.registry import REGISTRY
from xieshang.kpis.targets import Target

State = Literal["met", "on_track", "at_risk", "missed", "no_data"]
STATES: tuple[State, ...] = ("met", "on_track", "at_risk", "missed", "no_data")
# States that put a unit on the supervision list.
FAILING: frozenset[State] = frozenset({"at_risk", "missed", "no_data"})
# Symbols beside the words, so colour is never the only sign of a state.
SYMBOLS: dict[str, str] = {
    "met": "✔",
    "on_track": "➜",
    "at_risk": "⚠",
    "missed": "✖",
    "no_data": "∅",
}
# Cadence rules (see cadence.py) are counts paced like the flows.
CADENCE_PREFIX = "cadence."


def is_paced(kpi: str) -> bool:
    """Whether a yearly target for `kpi` is paced through the year (flows and cadence rules)."""
    if kpi.startswith(CADENCE_PREFIX):
        return True
    found = REGISTRY.get(kpi)
    return found is not None and found.accumulates


def year_end(day: date) -> date:
    return date(day.year, 12, 31)


def share(start: date, end: date, profile: tuple[float, ...] | None = None) -> float:
    """The share of a yearly target that falls on the days [start, end], both included, summed
    over the years they touch: by days (a day is 1/365 of its year, or 1/366 in a leap year),
    or by `profile`, twelve monthly weights, each month's share spread evenly over its days."""
    total = 0.0
    weights = _weights(profile)
    for year in range(start.year, end.year + 1):
        first, last = max(start, date(year, 1, 1)), min(end, date(year, 12, 31))
        if first > last:
            continue
        if weights is None:
            total += ((last - first).days + 1) / (366 if calendar.isleap(year) else 365)
            continue
        for month in range(first.month, last.month + 1):
            days = calendar.monthrange(year, month)[1]
            a = max(first, date(year, month, 1))
            b = min(last, date(year, month, days))
            total += weights[month - 1] * ((b - a).days + 1) / days
    return total


def _weights(profile: tuple[float, ...] | None) -> tuple[float, ...] | None:
    if profile is None:
        return None
    if len(profile) != 12 or any(w < 0 for w in profile) or sum(profile) <= 0:
        raise ValueError(f"a monthly profile needs 12 weights, not all zero: {profile!r}")
    total = sum(profile)
    return tuple(w / total for w in profile)


def whole(value: float) -> int:
    """A count expected by a day: rounded half up (0.5 of an activity is one)."""
    return math.floor(value + 0.5 + 1e-9)


@dataclass(frozen=True)
class Assessment:
    """A figure against its target for a period, paced through the year.

    value: the figure (None: no value); state: see the module; expected: what the target asks
    by the period's last day (a rate's or stock's target as it is; counts whole); due: what it
    asks by the year's end (for a period from 1 January, the target); behind: how far the
    figure is behind `expected` (0 when not behind); needed: what must still be added to meet
    the target by the year's end (0 when met; counts whole); share: the share of the year's
    target the period owes by its last day; paced: whether the target is paced; final: whether
    the year is over (the period's last day is 31 December), so there is no pace left.
    """

    target: Target
    value: float | None
    state: State
    expected: float
    due: float
    behind: float
    needed: float
    share: float
    paced: bool
    final: bool
    last_day: date

    @property
    def failing(self) -> bool:
        """Whether the figure belongs on the supervision list (behind, missed or no data)."""
        return self.state in FAILING


def assess(
    target: Target, value: float | None, start: date, end: date, as_of: date | None = None
) -> Assessment:
    """`value`, the figure of the period [start, end], against `target` (see the module)."""
    last = min(end, as_of) if as_of is not None and start <= as_of < end else end
    final = last == year_end(last)
    paced = is_paced(target.kpi)
    if paced:
        owed = share(start, last, target.profile)
        expected = float(whole(target.value * owed))
        due = float(whole(target.value * share(start, year_end(last), target.profile)))
    else:
        owed = 1.0
        expected = due = float(target.value)
    if value is None:
        return Assessment(
            target, None, "no_data", expected, due, 0.0, 0.0, owed, paced, final, last
        )
    higher = target.higher_is_better
    state: State
    if paced and higher:
        if value >= due:
            state = "met"
        elif final:
            state = "missed"
        else:
            state = "on_track" if value >= expected else "at_risk"
        behind = max(0.0, expected - value)
        needed = float(math.ceil(max(0.0, due - value) - 1e-9))
    elif paced:  # a cap: what is used cannot be given back
        if value > due:
            state = "missed"
        elif final:
            state = "met"
        else:
            state = "on_track" if value <= expected else "at_risk"
        behind = max(0.0, value - expected)
        needed = 0.0
    else:
        met = target.status(value) == "met"
        state = "met" if met else ("missed" if final else "at_risk")
        gap = (due - value) if higher else (value - due)
        behind = needed = max(0.0, gap)
    return Assessment(target, value, state, expected, due, behind, needed, owed, paced, final, last)
