"""Everything a brief states, fetched once from the KPI layer: the region's KPI blocks for the
period and a year earlier (one query per block for both), the suggestion funnel per kind, the
scorecard of its children (ranks and thirds), the 督办 review (every unit missed, behind pace or
silent, with its follow-up), the region's own targets judged the same way, how many units keep
each cadence rule, and the attention list. Nothing here computes a KPI, a status or a third:
the brief words what the KPI layer decided."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from xieshang.contract.tables import SUGGESTION_KINDS
from xieshang.i18n import Lang
from xieshang.kpis import (
    cadence,
    details,
    insights,
    metrics,
    periods,
    registry,
    scorecard,
    supervision,
)
from xieshang.kpis import scope as scoping
from xieshang.kpis import targets as targeting
from xieshang.kpis.metrics import Figures, Region, Scope
from xieshang.kpis.registry import Suggestions
from xieshang.store.snapshots import Snapshot


@dataclass(frozen=True)
class Cadence:
    """One cadence rule in the brief's region: its units, how many keep it (met, or on pace
    while the year runs: cadence.summarize), the yearly N every unit is held to (None when
    units are held to different targets), and whether the year is over."""

    rule: str
    units: int
    keeping: int
    target: float | None
    final: bool


@dataclass(frozen=True)
class Facts:
    snapshot: Snapshot
    scope: Scope
    region: Region
    lang: Lang
    now: Figures
    year_ago: Figures
    year_ago_span: tuple[date, date]
    # The suggestion funnel per kind (empty when the brief is about one kind).
    by_kind: dict[str, Suggestions]
    # The children's scorecard: scores, ranks and thirds (empty rows below the towns' level).
    card: scorecard.Scorecard
    # The 督办 items of the period (the children, their towns, villages, members and rooms),
    # with their follow-ups, and the followed-up items closed since.
    review: supervision.Review
    # The region's own KPIs missed or behind their targets, as 督办 items.
    own: tuple[supervision.Item, ...]
    # The cadence rules in force, in cadence.RULES order (rules without units left out).
    cadences: tuple[Cadence, ...]
    attention: tuple[insights.Item, ...]
    platform_names: tuple[str, ...]

    @property
    def child_level(self) -> str | None:
        return self.card.level

    @property
    def year(self) -> int:
        return self.scope.date_to.year


def gather(
    snapshot: Snapshot, scope: Scope, lang: Lang = "zh", log: supervision.Log | None = None
) -> Facts:
    """The facts of a brief for the scope's region and period; `log`: the 督办 follow-ups
    (default: the data dir's, as the 督办 page reads them)."""
    region = metrics.find_region(snapshot, scope.region, lang)
    year_ago = periods.year_earlier(scope.date_from, scope.date_to)
    now, before = metrics.figures(
        snapshot, scope, [(scope.date_from, scope.date_to), year_ago], breakdowns=True
    )
    by_kind: dict[str, Suggestions] = {}
    if scope.kind is None:
        for kind in SUGGESTION_KINDS:
            found = metrics.figures(
                snapshot,
                Scope(scope.date_from, scope.date_to, scope.region, kind, scope.activity_target),
                blocks=("suggestions",),
            )[0].suggestions
            assert found is not None
            by_kind[kind] = found
    # One set of targets and one "as of" day for every judgement in the brief.
    targets = targeting.in_force(snapshot)
    as_of = scoping.as_of(snapshot)
    card = scorecard.build(snapshot, scope, found=targets, as_of=as_of)
    review = supervision.review(snapshot, scope, targets, as_of, log=log)
    own = supervision.region_items(snapshot, scope, _values(now), targets, as_of)
    units = cadence.evaluate(snapshot, scope, targets, as_of=as_of)
    attention = insights.attention(now, supervision.Tally.of(review.items), separator="、")
    platforms = details.platform_names(snapshot, scope)["platform_name"]
    return Facts(
        snapshot=snapshot,
        scope=scope,
        region=region,
        lang=lang,
        now=now,
        year_ago=before,
        year_ago_span=year_ago,
        by_kind=by_kind,
        card=card,
        review=review,
        own=tuple(own),
        cadences=cadences(units, scope.region or ""),
        attention=tuple(attention),
        platform_names=tuple(str(name) for name in platforms),
    )


def cadences(units: Sequence[cadence.UnitCount], group: str) -> tuple[Cadence, ...]:
    """Each rule's units in `group` (the brief's region: its code, '' for everything) and those
    keeping it, as cadence.summarize counts them, with the N they are held to."""
    summaries = cadence.summarize(units)
    out = []
    for rule in cadence.RULES:
        summary = summaries.get((rule.key, group, 0))
        if summary is None or not summary.units:
            continue
        judged = [u.assessment for u in units if u.rule == rule.key and u.period == 0]
        values = {a.target.value for a in judged}
        final = all(a.final for a in judged)
        target = values.pop() if len(values) == 1 else None
        out.append(Cadence(rule.key, summary.units, summary.keeping, target, final))
    return tuple(out)


def _values(now: Figures) -> dict[str, object]:
    """The region's KPIs by key, as the targets judge them."""
    return {key: now.value(key) for key in registry.REGISTRY}
