"""The rows behind the KPI counts, for the pages' lists and charts.

Each function runs one file in `queries/` that uses the same macros (active rooms, postings,
members, cohorts) as the KPI files, so a list always agrees with the count it explains.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pandas as pd

from xieshang.access.grants import Grant
from xieshang.contract.tables import REGION_LEVELS
from xieshang.engine import sql
from xieshang.kpis import metrics, periods
from xieshang.kpis.scope import Scope, guard
from xieshang.store.snapshots import Snapshot

# A list shown in a page is capped; the count beside it says how many there are in all.
LIST_LIMIT = 5_000


# Which rollup holds what a chart reads (queries/setup/rollups.sql: rollup_units).
_HELD_BY = {"activities/silent_towns": "holds_activities"}
# What reads a rollup kept for every region (queries/setup/rollups.sql: rollup_attendance).
_EVERY_REGION = frozenset({"members/attendance"})
# The periods a query reads the definitions over, where they are not [from, to] itself: its
# `$periods` (see metrics.calendar).
_SPANS: dict[str, Callable[[date, date], list[tuple[date, date]]]] = {
    # every opening from the first, up to the period's last day
    "rooms/openings": lambda _start, end: [(date(1, 1, 1), end)],
    "suggestions/monthly": periods.months,
}


def params(
    snapshot: Snapshot, name: str, scope: Scope, force_rows: bool = False, **extra: object
) -> dict[str, object]:
    """The named parameters of a list or chart query for the scope; `force_rows` computes from
    the rows even where the rollups hold the answer (tests compare the two paths)."""
    guard(snapshot, scope)
    anchors = None if scope.region is None else [scope.region]
    held_by = _HELD_BY.get(name, "holds_stocks")
    spans = _SPANS.get(name, lambda start, end: [(start, end)])(scope.date_from, scope.date_to)
    return {
        "anchors": anchors,
        "from": scope.date_from,
        "to": scope.date_to,
        "periods": metrics.calendar(snapshot, spans) if "periods" in sql.parameters(name) else None,
        "kind": scope.kind,
        "rolled": not force_rows
        and (name in _EVERY_REGION or metrics.rolled(snapshot, anchors, held_by)),
        "whole": metrics.whole_months(scope.date_from, scope.date_to),
        "month_ends": metrics.at_month_end(snapshot, scope.date_to),
        **extra,
    }


def _run(snapshot: Snapshot, name: str, scope: Scope, **extra: Any) -> pd.DataFrame:
    return sql.run(snapshot, name, **params(snapshot, name, scope, **extra))


def uncovered_areas(
    snapshot: Snapshot, scope: Scope, limit: int | None = LIST_LIMIT
) -> pd.DataFrame:
    """Towns and villages without an active room of their own (the rooms KPIs count them)."""
    return _run(snapshot, "rooms/uncovered", scope, limit=limit)


def rooms(
    snapshot: Snapshot,
    scope: Scope,
    room_type: str | None = None,
    problem: str | None = None,
    limit: int | None = LIST_LIMIT,
) -> pd.DataFrame:
    """Active rooms with standard status and member presence; with `problem`, only those
    without a member ("without_member") or failing the standard ("failing"). The column
    total_rows counts them all."""
    return _run(snapshot, "rooms/list", scope, room_type=room_type, problem=problem, limit=limit)


def failing_criteria(snapshot: Snapshot, scope: Scope) -> pd.DataFrame:
    return _run(snapshot, "rooms/failing_criteria", scope)


def rooms_by_type(snapshot: Snapshot, scope: Scope) -> pd.DataFrame:
    return _run(snapshot, "rooms/by_type", scope)


def room_openings(snapshot: Snapshot, scope: Scope, room_type: str | None = None) -> pd.DataFrame:
    """Rooms opened and closed per year up to the period's last day (from the first opening:
    whole months when that day is a month end)."""
    whole = metrics.whole_months(date(1, 1, 1), scope.date_to)
    return _run(snapshot, "rooms/openings", scope, room_type=room_type, whole=whole)


def postings_by_mode(snapshot: Snapshot, scope: Scope) -> pd.DataFrame:
    return _run(snapshot, "members/postings_by_mode", scope)


def attendance(
    snapshot: Snapshot,
    scope: Scope,
    committee_level: str | None = None,
    below: int | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """Active members of the committees in the region with activities attended: everyone, or
    those who attended fewer than `below`, fewest first. The column total_rows counts them."""
    return _run(
        snapshot,
        "members/attendance",
        scope,
        committee_level=committee_level,
        below=below,
        limit=limit,
    )


def silent_towns(snapshot: Snapshot, scope: Scope, limit: int | None = LIST_LIMIT) -> pd.DataFrame:
    """Towns that reported no activity at all in the period (未报送; activities.silent_towns
    counts them)."""
    return _run(snapshot, "activities/silent_towns", scope, limit=limit)


def platform_names(snapshot: Snapshot, scope: Scope, limit: int = 3) -> pd.DataFrame:
    """The platform names quoted in active rooms' names (有事来协商 …), most rooms first: how
    the region itself calls its platform, for the brief's title."""
    return _run(snapshot, "rooms/platform_names", scope, limit=limit)


def suggestions_monthly(snapshot: Snapshot, scope: Scope) -> pd.DataFrame:
    return _run(snapshot, "suggestions/monthly", scope)


def satisfaction(snapshot: Snapshot, scope: Scope) -> pd.DataFrame:
    return _run(snapshot, "suggestions/satisfaction", scope)


def suggestions(
    snapshot: Snapshot, scope: Scope, outcome: str | None = None, limit: int = LIST_LIMIT
) -> pd.DataFrame:
    return _run(snapshot, "suggestions/list", scope, outcome=outcome, limit=limit)


def regions_at_level(
    snapshot: Snapshot, level: str, within: str | None = None, grant: Grant | None = None
) -> pd.DataFrame:
    return metrics.regions_at_level(snapshot, level, None if within is None else [within], grant)


def levels(snapshot: Snapshot) -> list[str]:
    """The region levels the export holds, from the top down."""
    present = {row["level"] for row in sql.rows(snapshot, "meta/levels")}
    return [level for level in REGION_LEVELS if level in present]
