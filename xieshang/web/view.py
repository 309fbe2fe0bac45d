"""The view a page shows: one snapshot, region and period in one language, and the cached data
behind it. Cached functions take the snapshot id and path as arguments, so a new snapshot is a
new key; they never call `st.*` (a cached failure would stick)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from xieshang.access import actions
from xieshang.access.grants import Grant
from xieshang.engine import sql
from xieshang.i18n import Lang, t
from xieshang.kpis import details, metrics, periods
from xieshang.kpis import targets as targeting
from xieshang.kpis.metrics import Region, Scope
from xieshang.store.snapshots import Snapshot
from xieshang.web import identity
from xieshang.web.identity import Who

VIEW_KEY = "_xieshang_view"


def _snapshot(snapshot_id: str, path: str) -> Snapshot:
    return Snapshot(snapshot_id, Path(path), {})


@st.cache_data(show_spinner=False, max_entries=2048)
def _figures(
    snapshot_id: str,
    path: str,
    scope: Scope,
    spans: tuple[tuple[date, date], ...],
    blocks: tuple[str, ...] | None,
    breakdowns: bool,
    children: bool = False,
) -> list[metrics.Figures]:
    return metrics.figures(
        _snapshot(snapshot_id, path), scope, spans, blocks, breakdowns, children=children
    )


@st.cache_data(show_spinner=False, max_entries=512)
def _compare(
    snapshot_id: str,
    path: str,
    scope: Scope,
    level: str | None,
    weights: tuple[tuple[str, float], ...] | None,
    blocks: tuple[str, ...] | None,
) -> pd.DataFrame:
    return metrics.compare(
        _snapshot(snapshot_id, path),
        scope,
        level=level,
        weights=dict(weights) if weights is not None else None,
        blocks=blocks,
    )


@st.cache_data(show_spinner=False, max_entries=512)
def _by_kind(snapshot_id: str, path: str, scope: Scope) -> dict[str, metrics.Suggestions]:
    return metrics.suggestions_by_kind(_snapshot(snapshot_id, path), scope)


@st.cache_data(show_spinner=False, max_entries=512)
def _trend(
    snapshot_id: str,
    path: str,
    scope: Scope,
    codes: tuple[str, ...] | None,
    kpi: str,
    spans: tuple[tuple[date, date], ...],
) -> list[metrics.Series]:
    return metrics.trend(_snapshot(snapshot_id, path), scope, codes, kpi, spans)


@st.cache_data(show_spinner=False, max_entries=2048)
def _detail(
    snapshot_id: str, path: str, name: str, scope: Scope, options: tuple[tuple[str, object], ...]
) -> pd.DataFrame:
    return getattr(details, name)(_snapshot(snapshot_id, path), scope, **dict(options))


@st.cache_data(show_spinner=False, max_entries=4096)
def _region(snapshot_id: str, path: str, code: str | None, lang: Lang) -> Region:
    return metrics.find_region(_snapshot(snapshot_id, path), code, lang)


@st.cache_data(show_spinner=False, max_entries=64)
def _span(snapshot_id: str, path: str) -> tuple[date, date] | None:
    return metrics.data_span(_snapshot(snapshot_id, path))


@st.cache_data(show_spinner=False, max_entries=512)
def _regions_at_level(
    snapshot_id: str, path: str, level: str, within: str | None, grant: Grant | None
) -> pd.DataFrame:
    return details.regions_at_level(_snapshot(snapshot_id, path), level, within, grant)


@st.cache_data(show_spinner=False, max_entries=64)
def _levels(snapshot_id: str, path: str) -> list[str]:
    return details.levels(_snapshot(snapshot_id, path))


@st.cache_data(show_spinner=False, ttl=60)
def _targets(
    data_dir_marker: str, snapshot_id: str | None = None, path: str | None = None
) -> tuple[targeting.Target, ...]:
    """The targets in force: the snapshot's targets table over the defaults (the defaults
    alone without a snapshot)."""
    if snapshot_id is None or path is None:
        return targeting.load()
    return targeting.in_force(_snapshot(snapshot_id, path))


def default_period(span: tuple[date, date] | None) -> tuple[date, date]:
    """The period a view opens on: the latest full calendar year in the data (its only year
    when none is full), or this year without data."""
    if span is None:
        year = date.today().year
        return date(year, 1, 1), date(year, 12, 31)
    first, last = span
    year = last.year if last == date(last.year, 12, 31) else last.year - 1
    year = max(year, first.year)
    return date(year, 1, 1), date(year, 12, 31)


@dataclass(frozen=True)
class View:
    """What every page shows: one snapshot, one region and period, in one language."""

    snapshot: Snapshot
    scope: Scope
    region: Region
    lang: Lang
    span: tuple[date, date] | None
    targets: tuple[targeting.Target, ...]
    notices: tuple[str, ...] = ()
    # The region the app opens on (the top level's only region, or the first of a user's
    # scope), or None: all regions.
    home: str | None = None
    # Who asks (None: an open deployment); their grant is in the scope.
    who: Who | None = None

    def can(self, action: str) -> bool:
        """Whether the user's role allows `action` (import, rollback, audit …) on this node."""
        return actions.allowed(self.who.user if self.who else None, action)

    @property
    def author(self) -> str:
        """Who a change is recorded as made by: the signed-in user (anonymous when open)."""
        return actions.author(self.who.user if self.who else None, t("who.anonymous", self.lang))

    def require(self, action: str) -> None:
        """Refuse `action` (UserError) unless this user may do it here; refusals are audited."""
        actions.require(self.who.user if self.who else None, action, identity.address())

    def t(self, key: str, /, **params: object) -> str:
        return t(key, self.lang, **params)

    def kpis(
        self,
        scope: Scope | None = None,
        blocks: tuple[str, ...] | None = None,
        breakdowns: bool = False,
    ) -> metrics.Figures:
        """KPIs of this view (or `scope`); `blocks` limits them to the areas a page shows, and
        `breakdowns` adds members by committee level and activities by kind."""
        chosen = scope or self.scope
        return _figures(
            self.snapshot.id,
            str(self.snapshot.path),
            chosen,
            ((chosen.date_from, chosen.date_to),),
            blocks,
            breakdowns,
        )[0]

    def compare(
        self,
        level: str | None = None,
        scope: Scope | None = None,
        weights: dict[str, float] | None = None,
        blocks: tuple[str, ...] | None = None,
    ) -> pd.DataFrame:
        frozen = tuple(sorted(weights.items())) if weights is not None else None
        return _compare(
            self.snapshot.id, str(self.snapshot.path), scope or self.scope, level, frozen, blocks
        )

    def together(self, *calls: Callable[[], Any]) -> list[Any]:
        """The results of `calls` (this view's data: `kpis`, `detail`, ...), asked at once
        rather than one after another: a page asks up front for what its sections show (see
        sql.side_by_side). Each call must only read data, never draw (they run in threads)."""
        context = get_script_run_ctx()

        def enter() -> None:  # the session's context, as Streamlit's own threads have it
            if context is not None:
                add_script_run_ctx(threading.current_thread(), context)

        return sql.side_by_side(calls, enter)

    def detail(self, name: str, scope: Scope | None = None, **options: object) -> pd.DataFrame:
        return _detail(
            self.snapshot.id,
            str(self.snapshot.path),
            name,
            scope or self.scope,
            tuple(sorted(options.items())),
        )

    def find_region(self, code: str | None) -> Region:
        return _region(self.snapshot.id, str(self.snapshot.path), code, self.lang)

    def target(self, kpi: str, level: str | None = None) -> targeting.Target | None:
        level = level if level is not None else (self.region.level or "province")
        return targeting.find(
            self.targets, kpi, level=level, region=self.region.code, year=self.scope.date_to.year
        )

    @property
    def period_label(self) -> str:
        return periods.label(self.scope.date_from, self.scope.date_to, self.lang)

    def shifted(self, start: date, end: date) -> Scope:
        return self.scope.shifted(start, end)

    def child_level(self) -> str | None:
        levels = _levels(self.snapshot.id, str(self.snapshot.path))
        if self.region.level is None:
            return levels[0] if levels else None
        index = levels.index(self.region.level) if self.region.level in levels else -1
        return levels[index + 1] if 0 <= index < len(levels) - 1 else None

    def comparisons(
        self,
        blocks: tuple[str, ...] | None = None,
        breakdowns: bool = False,
        children: bool = False,
    ) -> tuple[metrics.Figures, metrics.Figures, metrics.Figures | None]:
        """This period's KPIs, the same period a year earlier (同比) and the one before (环比),
        which for a year is that same year again: None then. One query per block for all.
        `children`: the page compares the region's children next (see metrics.figures)."""
        start, end = self.scope.date_from, self.scope.date_to
        yearly = periods.grain_of(start, end) == "year"
        spans = [(start, end), periods.year_earlier(start, end)]
        if not yearly:
            spans.append(periods.previous(start, end))
        found = _figures(
            self.snapshot.id,
            str(self.snapshot.path),
            self.scope,
            tuple(spans),
            blocks,
            breakdowns,
            children,
        )
        return found[0], found[1], None if yearly else found[2]

    def suggestions_by_kind(self) -> pd.DataFrame:
        """The suggestion KPIs once per kind (the same SQL as the tiles, with the kind filter)."""
        found = _by_kind(self.snapshot.id, str(self.snapshot.path), self.scope)
        return pd.DataFrame([{"kind": kind, **block.as_dict()} for kind, block in found.items()])

    def trend(self, codes: Sequence[str], kpi: str) -> tuple[list[str], dict[str, list]]:
        """A KPI per quarter for chosen child regions: the same SQL as everywhere, one query for
        every quarter (one per quarter made the regions page the costliest to serve). It is
        asked for every child region, so the page can ask for it beside the ranking, before
        the regions are picked (one query for all children costs what one for two does: the
        period's rows are read either way)."""
        first, last = self.span or (self.scope.date_from, self.scope.date_to)
        quarters = tuple(periods.options("quarter", first, last)[::-1])
        labels = [periods.label(start, end, self.lang) for start, end in quarters]
        found = {
            series.code: series
            for series in _trend(
                self.snapshot.id, str(self.snapshot.path), self.scope, None, kpi, quarters
            )
        }
        chosen = [found[code] for code in dict.fromkeys(codes) if code in found]
        return labels, {series.name: list(series.values) for series in chosen}

    def missed_targets(self, frame: pd.DataFrame, level: str | None) -> tuple[list[str], list[str]]:
        """For each row, the targets it misses: how many as '✖ 3 项未达标' (symbol and words,
        not colour; short enough for a table that fits the screen), and which ('采纳率、…')."""
        counts, names = [], []
        for record in frame.to_dict("records"):
            row = {str(k): v for k, v in record.items()}
            missed = targeting.missed(
                self.targets,
                row,
                tuple(metrics.DEFAULT_WEIGHTS),
                level=level,
                region=row["region_code"],
                year=self.scope.date_to.year,
            )
            counts.append(
                self.t("status.missed_count", count=len(missed)) if missed else self.t("status.met")
            )
            names.append(self.t("list_separator").join(self.t(f"kpi.{kpi}") for kpi in missed))
        return counts, names

    @property
    def codebook_name(self) -> str | None:
        """The outcome codebook that turned this snapshot's answers into outcomes, if one did."""
        return (self.snapshot.manifest.get("codebook") or {}).get("name")
