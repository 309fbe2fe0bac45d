"""The oversight scorecard (考核评分表): every child region of a region on the KPIs and cadence
rules leaders hold them to, each cell against its target and the previous period, with a
composite score, a rank and thirds (前三分之一表扬并通报, the rest supervised).

`build` returns a `Scorecard`, a plain record the 评分表 page, `xieshang scorecard`, the written
brief and the API all read. Rules it applies, stated on the page too:

- Score: the weighted mean (×100, one decimal) of a region's rates with a weight, leaving
  out those it has no value for and those from too few items (below).
- Small numbers: a rate from fewer than `min_n` items (default 5: a rate's whole, as the
  registry declares it; a cadence's units) is shown with its n and marked, and kept out of
  the score, the average, the ranking by that column and the thirds.
- Rank: by score, highest first; equal scores (to the one decimal shown) share a rank
  (1, 2, 2, 4). Regions without a score are not ranked.
- Thirds: k = round(ranked / 3) regions make each outer third; a region is in the top third
  when fewer than k ranked regions score higher than it, in the bottom third when fewer than
  k score lower (and it is not in the top), else in the middle. So ties at a boundary all
  go to the better group, and a third can hold more than k regions.
- Cadence columns: the share of the region's towns, villages or posted members keeping the
  cadence (met, or on track while the year runs); their target is every unit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from xieshang import export
from xieshang.format import percent
from xieshang.i18n import Lang, t
from xieshang.kpis import cadence, metrics, pacing, periods, registry
from xieshang.kpis import scope as scoping
from xieshang.kpis import targets as targeting
from xieshang.kpis.scope import Region, Scope
from xieshang.kpis.values import plain
from xieshang.store.snapshots import Snapshot

if TYPE_CHECKING:
    import pandas as pd

# The columns scored by default, with their weights (visible and adjustable on the page).
DEFAULT_WEIGHTS: dict[str, float] = {
    "rooms.town_coverage": 1.0,
    "rooms.village_coverage": 1.0,
    "rooms.standards_rate": 1.0,
    "rooms.with_member_rate": 1.0,
    "members.sinking_rate": 1.0,
    "members.villages_with_member_rate": 1.0,
    "cadence.town_activities": 1.0,
    "cadence.village_activities": 1.0,
    "cadence.member_attendance": 1.0,
    "suggestions.adoption_rate": 1.0,
}
# Shown beside the scored columns for context, never scored (a count depends on size).
CONTEXT: tuple[str, ...] = ("activities.count", "suggestions.submitted")
COLUMNS: tuple[str, ...] = (*DEFAULT_WEIGHTS, *CONTEXT)
MIN_N = 5

Trend = Literal["up", "down", "flat"]
Tier = Literal["top", "middle", "bottom"]
Filter = Literal["all", "below_average", "failing"]
FILTERS: tuple[Filter, ...] = ("all", "below_average", "failing")
ARROWS: dict[Trend, str] = {"up": "↑", "down": "↓", "flat": "→"}
SMALL_MARK = "*"


def is_rate(key: str) -> bool:
    """Whether a column is a share (a registry rate, or a cadence rule's share of units)."""
    return key in cadence.BY_KEY or registry.is_rate(key)


def higher_is_better(key: str) -> bool:
    return targeting.higher_is_better(key)


@dataclass(frozen=True)
class Cell:
    """One region's figure for one column.

    value: the figure (None: no value); n: the items a rate is computed from (None: not a
    rate, or unknown); small: n below the scorecard's min_n (shown with n, not scored or
    ranked); previous: the previous period's figure; trend: up / down / flat against it
    (None: nothing to compare); state: against the target, paced (pacing.State; None without
    a target); target: the target that applies; expected: what it asks by the period's last
    day; below_average: worse than the column's average (None: not compared).
    """

    key: str
    value: float | None
    n: int | None
    small: bool
    previous: float | None
    trend: Trend | None
    state: pacing.State | None
    target: targeting.Target | None
    expected: float | None
    below_average: bool | None = None

    def shown(self, lang: Lang = "zh") -> str:
        """The cell as printed: value, the small-number mark with n, status symbol, arrow."""
        text = format_value(self.key, self.value)
        if self.small and self.n is not None:
            text += f"{SMALL_MARK}(n={self.n})"
        if self.state is not None:
            text += f" {pacing.SYMBOLS[self.state]}"
        if self.trend is not None:
            text += f" {ARROWS[self.trend]}"
        return text

    def as_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "n": self.n,
            "small": self.small,
            "previous": self.previous,
            "trend": self.trend,
            "state": self.state,
            "target": None if self.target is None else self.target.value,
            "expected": self.expected,
            "below_average": self.below_average,
        }


@dataclass(frozen=True)
class Row:
    """One child region: its cells by column key, score, rank and third (None: unranked)."""

    region_code: str
    name: str
    level: str
    cells: dict[str, Cell]
    score: float | None = None
    rank: int | None = None
    tier: Tier | None = None

    @property
    def failing(self) -> bool:
        """Whether any target is missed, behind pace or without data."""
        return any(c.state in pacing.FAILING for c in self.cells.values())

    @property
    def below_average(self) -> bool:
        return any(c.below_average for c in self.cells.values())

    def as_json(self) -> dict[str, Any]:
        return {
            "region_code": self.region_code,
            "name": self.name,
            "level": self.level,
            "score": self.score,
            "rank": self.rank,
            "tier": self.tier,
            "cells": {key: cell.as_json() for key, cell in self.cells.items()},
        }


@dataclass(frozen=True)
class Scorecard:
    """The scorecard of `region`'s children for [start, end].

    columns: the column keys in order (registry keys or cadence rule keys); weights: the
    score's weights; min_n: the small-number guard; rows: ranked (unranked last); average: each
    column's mean over the rows (small numbers and missing values left out); targets: each
    column's target for the children's level (the target row); previous: the period compared
    with; as_of: the day the data are as of, where pacing stops.
    """

    snapshot_id: str
    region: Region
    start: date
    end: date
    previous: tuple[date, date]
    level: str | None
    columns: tuple[str, ...]
    weights: dict[str, float]
    min_n: int
    rows: tuple[Row, ...]
    average: dict[str, float | None] = field(default_factory=dict)
    targets: dict[str, targeting.Target | None] = field(default_factory=dict)
    as_of: date | None = None

    def sorted_by(self, key: str = "score", descending: bool | None = None) -> list[Row]:
        """The rows by `score`, `name` or a column, best first unless `descending` says
        otherwise; rows without a value (or with a small number) last."""
        if key == "score":
            return list(self.rows)
        if key == "name":
            return sorted(self.rows, key=lambda r: (r.name, r.region_code))
        best_first = higher_is_better(key) if descending is None else descending
        valued = [r for r in self.rows if _rankable(r.cells[key])]
        rest = [r for r in self.rows if not _rankable(r.cells[key])]
        valued.sort(key=lambda r: r.cells[key].value or 0.0, reverse=best_first)
        return valued + sorted(rest, key=lambda r: r.region_code)

    def filtered(self, rows: Sequence[Row], which: Filter, key: str | None = None) -> list[Row]:
        """`rows` below the average (on column `key`, or on any column) or failing a target."""
        if which == "failing":
            return [r for r in rows if r.failing]
        if which == "below_average":
            if key in self.columns:
                return [r for r in rows if r.cells[key].below_average]
            return [r for r in rows if r.below_average]
        return list(rows)

    def headers(self, lang: Lang = "zh") -> list[str]:
        return [
            t("col.rank", lang),
            t("col.name", lang),
            t("col.tier", lang),
            t("col.score", lang),
            *(label(key, lang) for key in self.columns),
        ]

    def table(self, lang: Lang = "zh", rows: Sequence[Row] | None = None) -> list[list[str]]:
        """The scorecard as text cells, as printed (the brief, `--format table`, Excel):
        a line per region, then the average line and the target line."""
        out = []
        for row in self.rows if rows is None else rows:
            out.append(
                [
                    str(row.rank) if row.rank is not None else "—",
                    row.name,
                    t(f"tier.{row.tier}", lang) if row.tier else t("scorecard.unranked", lang),
                    format_score(row.score),
                    *(row.cells[key].shown(lang) for key in self.columns),
                ]
            )
        out.append(
            [
                "",
                t("scorecard.average", lang),
                "",
                "",
                *(format_value(key, self.average.get(key)) for key in self.columns),
            ]
        )
        out.append(
            ["", t("scorecard.target_row", lang), "", ""]
            + [target_text(key, self.targets.get(key), lang) for key in self.columns]
        )
        return out

    def as_json(self) -> dict[str, Any]:
        return {
            "region": {
                "code": self.region.code,
                "name": self.region.name,
                "level": self.region.level,
            },
            "period": {"from": self.start.isoformat(), "to": self.end.isoformat()},
            "previous": {"from": self.previous[0].isoformat(), "to": self.previous[1].isoformat()},
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "snapshot": self.snapshot_id,
            "level": self.level,
            "columns": list(self.columns),
            "weights": self.weights,
            "min_n": self.min_n,
            "rows": [row.as_json() for row in self.rows],
            "average": self.average,
            "targets": {
                key: None if target is None else target.as_dict()
                for key, target in self.targets.items()
            },
        }


def _rankable(cell: Cell) -> bool:
    return cell.value is not None and not cell.small


def label(key: str, lang: Lang = "zh") -> str:
    return t(f"kpi.{key}", lang)


def format_value(key: str, value: float | None) -> str:
    """A cell's value as officials read it (a cadence column is a share of units)."""
    return percent(value) if key in cadence.BY_KEY else registry.shown(key, value)


def format_score(score: float | None) -> str:
    return "—" if score is None else f"{score:.1f}"


def target_text(key: str, target: targeting.Target | None, lang: Lang = "zh") -> str:
    """A column's target as the target line reads it: ≥ 90.0%, ≤ 90, 每个 ≥ 2 次/年."""
    if target is None:
        return "—"
    sign = "≥" if target.higher_is_better else "≤"
    if key in cadence.BY_KEY:
        return t(f"cadence.rule_short.{key}", lang, value=f"{target.value:g}")
    return f"{sign} {registry.shown(key, target.value)}"


def build(
    snapshot: Snapshot,
    scope: Scope,
    weights: Mapping[str, float] | None = None,
    min_n: int = MIN_N,
    found: Sequence[targeting.Target] | None = None,
    as_of: date | None = None,
    columns: Sequence[str] | None = None,
) -> Scorecard:
    """The scorecard of the scope's children for its period (see the module for the rules).

    `weights` default to DEFAULT_WEIGHTS (a column absent from them is shown, not scored);
    `found`: the targets in force (default: the snapshot's); `as_of`: the day the data are as
    of, where pacing stops (default: the snapshot's, see scope.as_of); `columns`: default COLUMNS.
    """
    scoping.guard(snapshot, scope)  # nothing is read for a region outside the grant
    found = targeting.in_force(snapshot) if found is None else found
    weights = dict(DEFAULT_WEIGHTS if weights is None else weights)
    keys = tuple(columns or COLUMNS)
    if as_of is None:
        as_of = scoping.as_of(snapshot)
    region = metrics.find_region(snapshot, scope.region)
    start, end = scope.date_from, scope.date_to
    before = periods.previous(start, end)
    asked = [registry.get(k) for k in keys if k in registry.REGISTRY]
    wholes = [registry.get(whole_of(k)) for k in asked if k.is_rate and k.whole is not None]
    blocks = sorted({k.block for k in (*asked, *wholes)})
    now = metrics.compare(snapshot, scope, weights={}, blocks=blocks)
    then = metrics.compare(snapshot, scope.shifted(*before), weights={}, blocks=blocks)
    if now.empty:
        return Scorecard(
            snapshot.id, region, start, end, before, None, keys, weights, min_n, (), {}, {}, as_of
        )
    codes = [str(c) for c in now["region_code"]]
    level = str(now["level"].iloc[0])
    rules = [k for k in keys if k in cadence.BY_KEY]
    summaries = (
        cadence.summarize(
            cadence.evaluate(
                snapshot,
                scope,
                found,
                periods=[(start, end), before],
                groups=codes,
                as_of=as_of,
                rules=rules,
            )
        )
        if rules
        else {}
    )
    present = _by_code(now)
    past = _by_code(then)
    path = tuple(code for code, _name, _level in region.path)
    rows = []
    for code in codes:
        cells = {}
        for key in keys:
            where = {"level": level, "year": end.year, "path": (*path, code)}
            if key in cadence.BY_KEY:
                cells[key] = _cadence_cell(key, code, summaries, found, where, min_n, end, as_of)
            else:
                cells[key] = _kpi_cell(
                    key, present[code], past.get(code, {}), found, where, min_n, start, end, as_of
                )
        rows.append(Row(code, str(present[code]["name"]), level, cells))
    average = {key: _mean([r.cells[key] for r in rows]) for key in keys}
    rows = [_with_average(r, average) for r in rows]
    ranked = _ranked(rows, weights)
    targets = {key: _column_target(found, key, level, end.year, path) for key in keys}
    return Scorecard(
        snapshot.id,
        region,
        start,
        end,
        before,
        level,
        keys,
        weights,
        min_n,
        tuple(ranked),
        average,
        targets,
        as_of,
    )


def whole_of(kpi: registry.Kpi) -> str:
    """The column counting a rate's items: its whole in its own block, or the block that counts
    it (villages are counted by the rooms block)."""
    own = f"{kpi.block}.{kpi.whole}"
    if own in registry.REGISTRY:
        return own
    return next(k.key for k in registry.REGISTRY.values() if k.name == kpi.whole)


def _column_target(
    found: Sequence[targeting.Target], key: str, level: str, year: int, path: tuple[str, ...]
) -> targeting.Target | None:
    """A column's target for the children in general (the target line): a cadence rule's for
    its own units, a KPI's for the children's level."""
    rule = cadence.BY_KEY.get(key)
    return targeting.find(found, key, level=rule.level if rule else level, year=year, path=path)


def _kpi_cell(
    key: str,
    now: Mapping[str, Any],
    then: Mapping[str, Any],
    found: Sequence[targeting.Target],
    where: dict[str, Any],
    min_n: int,
    start: date,
    end: date,
    as_of: date | None,
) -> Cell:
    kpi = registry.get(key)
    value = plain(now.get(key))
    previous = plain(then.get(key))
    n = None
    if kpi.is_rate and kpi.whole is not None:
        n = int(plain(now.get(whole_of(kpi))) or 0)
    small = n is not None and n < min_n
    target = targeting.find(found, key, **where)
    assessment = pacing.assess(target, value, start, end, as_of) if target is not None else None
    return Cell(
        key,
        value,
        n,
        small,
        previous,
        _trend(key, value, previous),
        None if assessment is None else assessment.state,
        target,
        None if assessment is None else assessment.expected,
    )


def _cadence_cell(
    key: str,
    code: str,
    summaries: Mapping[tuple[str, str, int], cadence.Summary],
    found: Sequence[targeting.Target],
    where: dict[str, Any],
    min_n: int,
    end: date,
    as_of: date | None,
) -> Cell:
    now = summaries.get((key, code, 0))
    then = summaries.get((key, code, 1))
    value = None if now is None else now.rate
    previous = None if then is None else then.rate
    n = 0 if now is None else now.units
    rule = cadence.BY_KEY[key]
    target = targeting.find(found, key, level=rule.level, year=where["year"], path=where["path"])
    state: pacing.State | None = None
    if target is not None and value is not None and now is not None:
        last = min(end, as_of) if as_of is not None and as_of < end else end
        final = last == pacing.year_end(last)
        met = now.keeping == now.units
        state = "met" if met and final else "on_track" if met else "missed" if final else "at_risk"
    return Cell(
        key,
        value,
        n,
        n < min_n,
        previous,
        _trend(key, value, previous),
        state,
        target,
        1.0 if target is not None else None,
    )


def _trend(key: str, now: float | None, before: float | None) -> Trend | None:
    """Up, down or flat, at the precision shown (0.1 point for a rate)."""
    if now is None or before is None:
        return None
    scale = 1000 if is_rate(key) else 10
    a, b = round(now * scale), round(before * scale)
    return "up" if a > b else "down" if a < b else "flat"


def _by_code(table: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """A comparison's rows by region code."""
    return {
        str(code): {str(k): v for k, v in row.items()}
        for code, row in table.set_index("region_code").to_dict("index").items()
    }


def _mean(cells: Sequence[Cell]) -> float | None:
    values = [c.value for c in cells if c.value is not None and not c.small]
    return sum(values) / len(values) if values else None


def _with_average(row: Row, average: Mapping[str, float | None]) -> Row:
    cells = {}
    for key, cell in row.cells.items():
        mean = average.get(key)
        below = None
        if mean is not None and _rankable(cell):
            assert cell.value is not None
            gap = cell.value - mean if higher_is_better(key) else mean - cell.value
            below = gap < -1e-9
        cells[key] = Cell(**{**vars(cell), "below_average": below})
    return Row(row.region_code, row.name, row.level, cells)


def score(row: Row, weights: Mapping[str, float]) -> float | None:
    """The weighted mean (×100, one decimal) of the row's scorable rates."""
    total = weighted = 0.0
    for key, weight in weights.items():
        cell = row.cells.get(key)
        if weight <= 0 or cell is None or not is_rate(key) or not _rankable(cell):
            continue
        assert cell.value is not None
        total += weight
        weighted += weight * cell.value
    return round(weighted / total * 100, 1) if total > 0 else None


def tiers(scores: Sequence[float]) -> list[Tier]:
    """The third each score falls in (see the module: ties go to the better group)."""
    k = round(len(scores) / 3)
    out: list[Tier] = []
    for s in scores:
        higher = sum(1 for other in scores if other > s)
        lower = sum(1 for other in scores if other < s)
        out.append("top" if higher < k else "bottom" if lower < k else "middle")
    return out


def _ranked(rows: Sequence[Row], weights: Mapping[str, float]) -> list[Row]:
    scored = [(score(r, weights), r) for r in rows]
    valued = sorted(
        [(s, r) for s, r in scored if s is not None], key=lambda p: (-p[0], p[1].region_code)
    )
    rest = sorted([r for s, r in scored if s is None], key=lambda r: r.region_code)
    values = [s for s, _r in valued]
    groups = tiers(values)
    out = []
    for (s, r), tier in zip(valued, groups, strict=True):
        rank = 1 + sum(1 for other in values if other > s)
        out.append(Row(r.region_code, r.name, r.level, r.cells, s, rank, tier))
    return out + rest


# Light fills a printed or opened scorecard shows each state in (black text stays readable).
FILLS: dict[str, str] = {
    "met": "C6EFCE",
    "on_track": "DDEBF7",
    "at_risk": "FFEB9C",
    "missed": "FFC7CE",
    "no_data": "E7E6E6",
}


def frame(
    card: Scorecard, lang: Lang = "zh", rows: Sequence[Row] | None = None
) -> tuple[pd.DataFrame, dict[tuple[int, str], str]]:
    """The printed table as a frame, and each cell's fill by its state (for Excel)."""
    import pandas as pd

    chosen = list(card.rows if rows is None else rows)
    headers = card.headers(lang)
    table = pd.DataFrame(card.table(lang, chosen), columns=headers)
    fills: dict[tuple[int, str], str] = {}
    for i, row in enumerate(chosen):
        for key, header in zip(card.columns, headers[4:], strict=True):
            state = row.cells[key].state
            if state is not None:
                fills[(i, header)] = FILLS[state]
    return table, fills


def to_xlsx(card: Scorecard, lang: Lang = "zh", rows: Sequence[Row] | None = None) -> bytes:
    """The scorecard as a workbook, each cell coloured by its state, with the rules beneath."""
    table, fills = frame(card, lang, rows)
    notes = _with_line(table, t("scorecard.rules", lang, min_n=card.min_n))
    return export.to_xlsx(notes, t("file.scorecard", lang), fills)


def _with_line(table: pd.DataFrame, text: str) -> pd.DataFrame:
    """The table with a line of text under it (in its second column: the names)."""
    import pandas as pd

    line = {column: "" for column in table.columns}
    line[table.columns[1]] = text
    return pd.concat([table, pd.DataFrame([line])], ignore_index=True)
