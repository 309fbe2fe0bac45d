"""Everything a brief states, fetched once from the KPI layer: the region's KPI blocks for the
period and a year earlier (one query per block for both), the suggestion funnel per kind, the
children ranked with their thirds, targets, the silent towns and the attention list. Nothing
here computes a KPI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from xieshang.contract.tables import SUGGESTION_KINDS
from xieshang.i18n import Lang
from xieshang.kpis import details, insights, metrics, periods, supervision
from xieshang.kpis import targets as targeting
from xieshang.kpis.metrics import Figures, Region, Scope
from xieshang.kpis.registry import Suggestions
from xieshang.store.snapshots import Snapshot

# How many silent towns a brief names (the count says how many there are in all).
SILENT_NAMED = 5


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
    # The children ranked by composite score, with `tier` (top / middle / bottom third).
    children: pd.DataFrame
    targets: tuple[targeting.Target, ...]
    # The first towns without any activity (activities.silent_towns counts them all).
    silent_names: tuple[str, ...]
    attention: tuple[insights.Item, ...]
    platform_names: tuple[str, ...]

    @property
    def child_level(self) -> str | None:
        return None if self.children.empty else str(self.children["level"].iloc[0])

    @property
    def year(self) -> int:
        return self.scope.date_to.year

    def target(self, kpi: str) -> targeting.Target | None:
        """The target a KPI of this region is held to (as the pages find it)."""
        return targeting.find(
            self.targets,
            kpi,
            level=self.region.level or "province",
            region=self.region.code,
            year=self.year,
        )


def gather(snapshot: Snapshot, scope: Scope, lang: Lang = "zh") -> Facts:
    """The facts of a brief for the scope's region and period."""
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
    children = metrics.compare(snapshot, scope)
    targets = targeting.in_force(snapshot)
    activities = now.activities
    assert activities is not None
    silent = (
        details.silent_towns(snapshot, scope, limit=SILENT_NAMED)
        if activities.silent_towns
        else pd.DataFrame(columns=["name"])
    )
    attention = insights.attention(now, supervision.review(snapshot, scope).items, separator="、")
    platforms = details.platform_names(snapshot, scope)
    return Facts(
        snapshot=snapshot,
        scope=scope,
        region=region,
        lang=lang,
        now=now,
        year_ago=before,
        year_ago_span=year_ago,
        by_kind=by_kind,
        children=children,
        targets=targets,
        silent_names=tuple(str(name) for name in silent["name"]),
        attention=tuple(attention),
        platform_names=tuple(str(name) for name in platforms["platform_name"]),
    )
