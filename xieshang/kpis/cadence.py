"""Cadence rules: how often each unit must act, checked unit by unit.

The seed articles' leaders set cadences: "每个乡镇每年至少开展2次协商", "每个社区每年至少开展1次
协商议事", "每名委员每年至少参加2次活动". Each rule is a target like any other (its key below;
its value N, kinds of activity, region, year, source and monthly profile come from the
targets in force, see targets.py; without a target in force a rule is off), judged for every
unit it covers and paced through the year (pacing.py):

- `cadence.town_activities`: each town (乡镇/街道) holds at least N activities a year, in the
  town or its villages;
- `cadence.village_activities`: each village or community (村/社区) holds at least N;
- `cadence.member_attendance`: each member posted into the region (下沉委员, on the period's
  last day, whatever committee they sit on) attends at least N activities a year, anywhere.

The counts come from the definitions (queries/oversight/, reading setup/flows.sql through the
readers); each unit's target is found for that unit (a town in a county with its own target
gets that one), so whether a unit meets its cadence is decided here, with the targets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from xieshang.engine import sql
from xieshang.kpis import metrics, pacing
from xieshang.kpis import targets as targeting
from xieshang.kpis.scope import Scope, guard
from xieshang.store.snapshots import Snapshot

UnitKind = Literal["town", "village", "member"]


@dataclass(frozen=True)
class Rule:
    """A cadence rule: its key (a target's KPI) and the units it is judged on."""

    key: str
    unit: UnitKind

    @property
    def level(self) -> str | None:
        """The region level a target for this rule may name (members have none)."""
        return None if self.unit == "member" else self.unit


RULES: tuple[Rule, ...] = (
    Rule("cadence.town_activities", "town"),
    Rule("cadence.village_activities", "village"),
    Rule("cadence.member_attendance", "member"),
)
BY_KEY: dict[str, Rule] = {rule.key: rule for rule in RULES}
# The levels whose areas the rollups hold (queries/setup/rollups.sql: rollup_units); villages
# read their own few rows.
_ROLLED_LEVELS = frozenset({"town"})


@dataclass(frozen=True)
class UnitCount:
    """One unit against its cadence rule for one period.

    rule: the rule's key; group: the unit of the query it was counted for (the region asked
    about, or one of its children; '' for everything); unit_id: the town's or village's code,
    or the member's id; region_code: the area's code, or the first region the member is posted
    to; name; level: town, village or member; parent_name: the town's county, the village's
    town, or the committee the member sits on; posted_in: the regions a member is posted to;
    count: activities held (in the area or below) or attended; period: index of the period
    asked; assessment: the count against the unit's target, paced.
    """

    rule: str
    group: str
    unit_id: str
    region_code: str
    name: str
    level: UnitKind
    parent_name: str | None
    posted_in: tuple[str, ...]
    count: int
    period: int
    assessment: pacing.Assessment


def rules_in_force(found: Sequence[targeting.Target]) -> list[Rule]:
    """The rules some target in force sets."""
    keys = {t.kpi for t in found}
    return [rule for rule in RULES if rule.key in keys]


def evaluate(
    snapshot: Snapshot,
    scope: Scope,
    found: Sequence[targeting.Target],
    periods: Sequence[tuple[date, date]] | None = None,
    groups: list[str] | None = None,
    as_of: date | None = None,
    rules: Sequence[str] | None = None,
) -> list[UnitCount]:
    """Every unit of every rule in force, in the scope's region (or in each of `groups`, e.g.
    its children), for each period (default: the scope's), judged against its own target.

    `as_of`: the day the data are as of (pacing stops there); `rules` limits the rules.
    """
    out: list[UnitCount] = []
    for query in _queries(snapshot, scope, found, periods, groups, rules):
        member = query.rule.unit == "member"
        for row in sql.rows(snapshot, query.name, **query.params):
            count = int(row["attended" if member else "held"])
            assessment = query.assess(row["named_code"], row["period_i"], count, as_of)
            if assessment is None:
                continue
            out.append(
                UnitCount(
                    rule=query.rule.key,
                    group=str(row["unit_code"]),
                    unit_id=str(row["member_id" if member else "region_code"]),
                    region_code=str(row["region_code"]),
                    name=str(row["name"]) if row["name"] is not None else "—",
                    level=query.rule.unit,
                    parent_name=row["committee_name" if member else "parent_name"],
                    posted_in=tuple(row["posted_in"]) if member else (),
                    count=count,
                    period=int(row["period_i"]),
                    assessment=assessment,
                )
            )
    return out


@dataclass(frozen=True)
class Tallied:
    """`units` units of one rule and period that held (or attended) `count` activities, all
    judged alike by `assessment` (they share the count and the target)."""

    rule: str
    period: int
    count: int
    units: int
    assessment: pacing.Assessment


def tally(
    snapshot: Snapshot,
    scope: Scope,
    found: Sequence[targeting.Target],
    as_of: date | None = None,
    rules: Sequence[str] | None = None,
) -> list[Tallied]:
    """What `evaluate` finds for the scope's region and period, counted rather than listed:
    the same queries, their units counted by (count, target) in DuckDB and each group judged
    once. What a summary of a province or the country needs without building half a million
    units in Python (tests hold it equal to `evaluate`'s units, counted)."""
    out: list[Tallied] = []
    for query in _queries(snapshot, scope, found, None, None, rules):
        counted = "attended" if query.rule.unit == "member" else "held"
        for row in sql.counted(
            snapshot, query.name, ("named_code", "period_i", counted), **query.params
        ):
            count = int(row[counted])
            assessment = query.assess(row["named_code"], row["period_i"], count, as_of)
            if assessment is not None:
                out.append(
                    Tallied(
                        query.rule.key, int(row["period_i"]), count, int(row["units"]), assessment
                    )
                )
    return out


@dataclass(frozen=True)
class _Query:
    """One query of a rule for one set of activity kinds, and how its units are judged."""

    rule: Rule
    name: str
    params: dict[str, object]
    kinds: tuple[str, ...] | None
    found: Sequence[targeting.Target]
    spans: Sequence[tuple[date, date]]

    def assess(
        self, named: str | None, period_i: int, count: int, as_of: date | None
    ) -> pacing.Assessment | None:
        """A unit's count against its own target (found through `named`, the deepest region
        a target names that holds the unit), paced; None when the unit has no target, or one
        that counts other kinds of activity (another query judges it)."""
        start, end = self.spans[period_i]
        target = targeting.find(
            self.found,
            self.rule.key,
            level=self.rule.level,
            year=end.year,
            path=(named,) if named else (),
        )
        if target is None or target.kinds != self.kinds:
            return None
        return pacing.assess(target, count, start, end, as_of)


def _queries(
    snapshot: Snapshot,
    scope: Scope,
    found: Sequence[targeting.Target],
    periods: Sequence[tuple[date, date]] | None,
    groups: list[str] | None,
    rules: Sequence[str] | None,
) -> list[_Query]:
    """The queries that count the units of every rule in force (limited to `rules`)."""
    guard(snapshot, scope)
    spans = list(periods) if periods is not None else [(scope.date_from, scope.date_to)]
    anchors = groups if groups is not None else (None if scope.region is None else [scope.region])
    params = metrics.calendar(snapshot, spans)
    out = []
    for rule in rules_in_force(found):
        if rules is not None and rule.key not in rules:
            continue
        named = targeting.named_regions(found, rule.key)
        for kinds in _kinds_in_use(found, rule.key):
            common: dict[str, object] = {
                "anchors": anchors,
                "periods": params,
                "kinds": list(kinds) if kinds else None,
                "named": named,
            }
            extra: dict[str, object]
            if rule.unit == "member":
                name, extra = "oversight/member_attendance", {"rolled": True}
            else:
                name = "oversight/area_activities"
                extra = {
                    "level": rule.unit,
                    "rolled": rule.unit in _ROLLED_LEVELS,
                    "whole": all(metrics.whole_months(a, b) for a, b in spans),
                }
            out.append(_Query(rule, name, {**common, **extra}, kinds, found, spans))
    return out


def _kinds_in_use(found: Sequence[targeting.Target], key: str) -> list[tuple[str, ...] | None]:
    """The distinct sets of activity kinds the rule's targets count (one query each)."""
    kinds: list[tuple[str, ...] | None] = []
    for target in found:
        if target.kpi == key and target.kinds not in kinds:
            kinds.append(target.kinds)
    return kinds


@dataclass(frozen=True)
class Summary:
    """How many units of one rule, group and period there are, and how many keep the cadence
    (met, or on track while the year runs): `rate` is their share (None without units)."""

    rule: str
    group: str
    period: int
    units: int
    keeping: int

    @property
    def rate(self) -> float | None:
        return self.keeping / self.units if self.units else None


def summarize(counts: Sequence[UnitCount]) -> dict[tuple[str, str, int], Summary]:
    """Units and units keeping the cadence, by (rule, group, period)."""
    totals: dict[tuple[str, str, int], list[int]] = {}
    for c in counts:
        found = totals.setdefault((c.rule, c.group, c.period), [0, 0])
        found[0] += 1
        found[1] += c.assessment.state in ("met", "on_track")
    return {key: Summary(*key, units, keeping) for key, (units, keeping) in totals.items()}
