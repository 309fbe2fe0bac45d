"""The KPI API: the only way any page, the wall, the CLI or the API gets a figure.

Each KPI block is one SQL file (`queries/kpis/<block>.sql`) returning one row per unit and
period; `figures` asks for one unit (the region itself) over one or several periods, `compare`
for its children, so both read the very same definitions. Whether a query reads the rollups or
computes the definitions from the rows is decided here and changes no figure (see
queries/setup/rollups.sql).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from xieshang.access.grants import Grant
from xieshang.contract.tables import (
    ACTIVITY_KINDS,
    COMMITTEE_LEVELS,
    REGION_LEVELS,
    SUGGESTION_KINDS,
)
from xieshang.engine import sql
from xieshang.i18n import Lang
from xieshang.kpis.periods import month_end
from xieshang.kpis.registry import (
    BLOCK_TYPES,
    BLOCKS,
    REGISTRY,
    Activities,
    Block,
    Members,
    Rooms,
    Suggestions,
)
from xieshang.kpis.scope import (  # re-exported: the KPI API's vocabulary
    DEFAULT_ACTIVITY_TARGET,
    Region,
    Scope,
    UnknownRegion,
    data_span,
    default_period,
    find_region,
    guard,
    parse_date,
    scope_from_input,
)
from xieshang.kpis.values import plain
from xieshang.store.snapshots import Snapshot

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "BLOCKS",
    "DEFAULT_ACTIVITY_TARGET",
    "DEFAULT_WEIGHTS",
    "Figures",
    "Region",
    "Scope",
    "UnknownRegion",
    "compare",
    "data_span",
    "default_period",
    "figures",
    "find_region",
    "kpis",
    "parse_date",
    "scope_from_input",
]

# The composite score of `compare`: a weighted mean of these rates (×100), weights visible.
DEFAULT_WEIGHTS: dict[str, float] = {
    "rooms.town_coverage": 1.0,
    "rooms.village_coverage": 1.0,
    "rooms.standards_rate": 1.0,
    "rooms.with_member_rate": 1.0,
    "members.sinking_rate": 1.0,
    "members.villages_with_member_rate": 1.0,
    "activities.towns_meeting_target_rate": 1.0,
    "suggestions.adoption_rate": 1.0,
}

# Which rollup holds each block's figures (see queries/setup/rollups.sql: rollup_units).
_HELD_BY = {
    "rooms": "holds_stocks",
    "members": "holds_stocks",
    "activities": "holds_activities",
    "suggestions": "holds_stocks",
}
# The blocks' queries run side by side, one per core, in this order: the slowest to plan first,
# so that no core is left with a long one at the end (measured, a county at province scale:
# activities 30-45 ms, suggestions 30-40, rooms and members 15-25).
_SLOWEST_FIRST = ("activities", "suggestions", "rooms", "members")
# The breakdown a block's query returns beside its KPIs, as a list column (kpis/members.sql,
# kpis/activities.sql); `figures(..., breakdowns=True)` gives it as Figures.<block>_<column>.
BREAKDOWNS = {"members": "by_level", "activities": "by_kind"}


@dataclass(frozen=True)
class LevelSinking:
    """Member sinking for one committee level."""

    active: int
    posted: int
    sinking_rate: float | None


@dataclass(frozen=True)
class Figures:
    """The KPI blocks asked for, of one unit over one period (None: not asked for)."""

    rooms: Rooms | None = None
    members: Members | None = None
    activities: Activities | None = None
    suggestions: Suggestions | None = None
    members_by_level: dict[str, LevelSinking] | None = None
    activities_by_kind: dict[str, int] | None = None

    def __getitem__(self, block: str) -> Block:
        found = getattr(self, block) if block in BLOCK_TYPES else None
        if found is None:
            raise KeyError(block)
        return found

    def value(self, key: str) -> int | float | None:
        """One KPI (`block.name`)."""
        kpi = REGISTRY[key]
        return self[kpi.block][kpi.name]

    def blocks(self) -> dict[str, Block]:
        return {name: getattr(self, name) for name in BLOCKS if getattr(self, name) is not None}

    def as_json(self) -> dict[str, dict[str, Any]]:
        """The blocks as `xieshang kpis --format json` prints them."""
        out: dict[str, dict[str, Any]] = {}
        for name, block in self.blocks().items():
            out[name] = block.as_dict()
        if self.members_by_level is not None and "members" in out:
            out["members"]["by_level"] = {
                level: vars(found) for level, found in self.members_by_level.items()
            }
        if self.activities_by_kind is not None and "activities" in out:
            out["activities"]["by_kind"] = dict(self.activities_by_kind)
        return out


@dataclass(frozen=True)
class _Units:
    """The units a query is for: `anchors` (None: everything, as the unit '')."""

    anchors: list[str] | None
    codes: list[str] = field(default_factory=list)


# A block's rows for a region's children in the first period of a `figures(children=True)`
# call, kept for the `compare` that follows it (the overview ranks the children of the region
# whose figures it shows): asked in the same batch as the region's own blocks, so a page waits
# for one batch, run side by side, not two one after the other (measured at national scale:
# the country's custom-period overview computed every town's activity cadence twice; a
# county's overview waited for its towns' rooms, members and suggestions after its own).
# Keyed by everything the rows depend on; a few entries, the latest kept. The children's names
# are asked and kept the same way; the children of a region, which a snapshot's tree fixes,
# are kept beside them.
_CHILDREN_ROWS: OrderedDict[tuple[Any, ...], dict[str, dict[str, Any]]] = OrderedDict()
_CHILDREN_ROWS_KEPT = 64
_children_lock = threading.Lock()


def _children_key(
    snapshot: Snapshot, block: str, scope: Scope, span: tuple[date, date], units: Sequence[str]
) -> tuple[Any, ...]:
    return (
        str(snapshot.path),
        block,
        scope.kind,
        scope.activity_target,
        span,
        tuple(units),
    )


def _names_key(snapshot: Snapshot, units: Sequence[str]) -> tuple[Any, ...]:
    return (str(snapshot.path), "meta/units", tuple(units))


def _keep_children_rows(key: tuple[Any, ...], rows: dict[str, dict[str, Any]]) -> None:
    with _children_lock:
        _CHILDREN_ROWS[key] = rows
        _CHILDREN_ROWS.move_to_end(key)
        while len(_CHILDREN_ROWS) > _CHILDREN_ROWS_KEPT:
            _CHILDREN_ROWS.popitem(last=False)


def _kept_children_rows(key: tuple[Any, ...]) -> dict[str, dict[str, Any]] | None:
    with _children_lock:
        return _CHILDREN_ROWS.get(key)


def forget_children_rows() -> None:
    """Drop the children's rows kept by `figures(children=True)`, and the children lists (a
    benchmark measures each page's own queries, not what an earlier page left)."""
    with _children_lock:
        _CHILDREN_ROWS.clear()
    _children.cache_clear()


def figures(
    snapshot: Snapshot,
    scope: Scope,
    periods: Sequence[tuple[date, date]] | None = None,
    blocks: Sequence[str] | None = None,
    breakdowns: bool = False,
    children: bool = False,
) -> list[Figures]:
    """The KPI blocks of the scope's region for each period (default: the scope's own), one
    query per block for all periods. `blocks` limits them to the areas a page shows;
    `breakdowns` adds members by committee level and activities by kind. `children`: a
    `compare` of the region's children follows: the children's rows for the first period are
    asked in the same batch and kept for it. Each block's query answers for the region and its
    children at once: on the rollups when they hold both; on the rows when they do not hold
    the children (a county's towns), as the region's rows are its children's (measured at
    national scale, a county and its towns from the rows took what its towns alone took, 25-56
    ms, where the county from the rollups beside them cost 18-41 ms more). Where the rollups
    hold the children but not the region, the children have a query of their own."""
    guard(snapshot, scope)
    spans = list(periods) if periods is not None else [(scope.date_from, scope.date_to)]
    anchors = None if scope.region is None else [scope.region]
    unit = scope.region or ""
    found: list[dict[str, Any]] = [{} for _ in spans]
    asked = _slowest_first(_asked(blocks))
    kids = list(_children(str(snapshot.path), scope.region)) if children else []
    queries = []
    shared: dict[str, tuple[Any, ...]] = {}
    apart: list[tuple[tuple[Any, ...], tuple[str, dict[str, object]]]] = []
    for block in asked:
        params = block_params(snapshot, block, anchors, spans, scope)
        if kids:
            key = _children_key(snapshot, block, scope, spans[0], kids)
            kids_rolled = rolled(snapshot, kids, _HELD_BY[block])
            if anchors is not None and params["rolled"] and not kids_rolled:
                params = block_params(snapshot, block, anchors, spans, scope, force_rows=True)
            if kids_rolled == params["rolled"]:
                # Everything (no anchors) is the rolled-up unit '', so it joins its children
                # only on the rollups' path (the only one it takes).
                params = {**params, "anchors": [*(anchors or [""]), *kids]}
                shared[block] = key
            else:  # the children read another path: their own query, in the same batch
                apart.append(
                    (key, (f"kpis/{block}", block_params(snapshot, block, kids, spans[:1], scope)))
                )
        queries.append((f"kpis/{block}", params))
    if kids:  # and the children's names, for the ranking's table
        apart.append((_names_key(snapshot, kids), ("meta/units", {"anchors": kids})))
    answers = sql.rows_many(snapshot, [*queries, *(query for _key, query in apart)])
    for (key, _query), rows in zip(apart, answers[len(asked) :], strict=True):
        _keep_children_rows(key, {r["unit_code"]: r for r in rows})
    for block, rows in zip(asked, answers[: len(asked)], strict=True):
        if block in shared:
            _keep_children_rows(
                shared[block],
                {r["unit_code"]: r for r in rows if r["period_i"] == 0 and r["unit_code"] != unit},
            )
        for row in rows:
            if row["unit_code"] == unit:
                found[row["period_i"]][block] = BLOCK_TYPES[block].from_row(row)
                if breakdowns and block in BREAKDOWNS:
                    column = BREAKDOWNS[block]
                    parts = _by_level(row[column]) if block == "members" else _by_kind(row[column])
                    found[row["period_i"]][f"{block}_{column}"] = parts
    return [Figures(**values) for values in found]


def kpis(
    snapshot: Snapshot,
    scope: Scope,
    lang: Lang = "zh",
    blocks: Sequence[str] | None = None,
    breakdowns: bool = True,
) -> dict[str, Any]:
    """Every KPI block for one region and period, as the JSON of `xieshang kpis`."""
    result = header(snapshot, scope, lang)
    result.update(figures(snapshot, scope, blocks=blocks, breakdowns=breakdowns)[0].as_json())
    return result


def header(snapshot: Snapshot, scope: Scope, lang: Lang = "zh") -> dict[str, Any]:
    """What a set of figures is about: region, period and snapshot."""
    where = find_region(snapshot, scope.region, lang)
    return {
        "region": {"code": where.code, "name": where.name, "level": where.level},
        "period": {"from": scope.date_from.isoformat(), "to": scope.date_to.isoformat()},
        "snapshot": snapshot.id,
    }


def suggestions_by_kind(snapshot: Snapshot, scope: Scope) -> dict[str, Suggestions]:
    """The suggestion block of the scope's region once per kind (提案, 社情民意, ...): the block's
    own query, asked for the scope's period once per kind (one query, planned once)."""
    guard(snapshot, scope)
    anchors = None if scope.region is None else [scope.region]
    spans = [(scope.date_from, scope.date_to)] * len(SUGGESTION_KINDS)
    unit = scope.region or ""
    params = block_params(snapshot, "suggestions", anchors, spans, replace(scope, kind=None))
    params["period_kinds"] = list(SUGGESTION_KINDS)
    rows = sql.rows(snapshot, "kpis/suggestions", **params)
    found = {r["period_i"]: r for r in rows if r["unit_code"] == unit}
    return {kind: Suggestions.from_row(found[i]) for i, kind in enumerate(SUGGESTION_KINDS)}


def values(snapshot: Snapshot, scope: Scope, keys: Sequence[str]) -> dict[str, int | float | None]:
    """Just these KPIs (`block.name`) for the scope's region, running only their blocks."""
    asked = sorted({REGISTRY[key].block for key in keys})
    found = figures(snapshot, scope, blocks=asked)[0]
    return {key: found.value(key) for key in keys}


def compare(
    snapshot: Snapshot,
    scope: Scope,
    level: str | None = None,
    weights: dict[str, float] | None = None,
    sort_by: str = "score",
    blocks: Sequence[str] | None = None,
) -> pd.DataFrame:
    """One row per child region of the scope (or per region at `level` inside it), ranked.

    Columns: region_code, name, level, every KPI as `block.key`, score, rank, tier
    (top / middle / bottom third by rank). `blocks` limits the KPI blocks computed (the
    score then uses only the weighted rates present).
    """
    import pandas as pd

    if level is not None and level not in REGION_LEVELS:
        raise ValueError(f"unknown level {level!r}")
    guard(snapshot, scope)  # the units are the region's own children or regions inside it
    units = _units(snapshot, scope, level)
    spans = [(scope.date_from, scope.date_to)]
    asked = _asked(blocks)
    kept = {
        block: rows
        for block in asked
        if level is None
        and (rows := _kept_children_rows(_children_key(snapshot, block, scope, spans[0], units)))
        is not None
    }
    run = _slowest_first([block for block in asked if block not in kept])
    names = _kept_children_rows(_names_key(snapshot, units)) if level is None else None
    queries = [(f"kpis/{b}", block_params(snapshot, b, units, spans, scope)) for b in run]
    if names is None:
        queries.append(("meta/units", {"anchors": units}))
    answers = sql.rows_many(snapshot, queries) if queries else []
    named = list(names.values()) if names is not None else answers.pop()
    answered = {block: list(rows.values()) for block, rows in kept.items()}
    answered.update(zip(run, answers, strict=True))
    table = pd.DataFrame(
        [{"region_code": r["unit_code"], "name": r["name"], "level": r["level"]} for r in named],
        columns=["region_code", "name", "level"],
    )
    codes = list(table["region_code"])
    for block in asked:
        rows = {r["unit_code"]: r for r in answered[block]}
        for name in BLOCKS[block]:
            column = [plain(rows[code][name]) if code in rows else None for code in codes]
            if REGISTRY[f"{block}.{name}"].kind in ("count", "sum"):
                table[f"{block}.{name}"] = pd.array([v or 0 for v in column], dtype="int64")
            else:  # rates and days: NaN where there is no value
                table[f"{block}.{name}"] = pd.array(
                    [float("nan") if v is None else v for v in column], dtype="float64"
                )
    present = {k: w for k, w in (weights or DEFAULT_WEIGHTS).items() if k in table}
    table["score"] = composite_score(table, present)
    ascending = sort_by != "score" and not REGISTRY[sort_by].higher_is_better
    table = table.sort_values(
        [sort_by, "region_code"], ascending=[ascending, True], na_position="last"
    )
    table["rank"] = range(1, len(table) + 1)
    table["tier"] = tiers(len(table))
    return table.reset_index(drop=True)


@dataclass(frozen=True)
class Series:
    """One child region's KPI over a run of periods (None: no value in that period)."""

    code: str
    name: str
    values: tuple[int | float | None, ...]


def trend(
    snapshot: Snapshot,
    scope: Scope,
    codes: Sequence[str] | None,
    kpi: str,
    spans: Sequence[tuple[date, date]],
) -> list[Series]:
    """A KPI of some of the scope's children (None: all of them) in each period: the same
    figures as `compare` of each period, from one query for all periods (not one per period).
    Codes that are not the scope's children are left out."""
    guard(snapshot, scope)
    block, name = kpi.split(".", 1)
    children = _units(snapshot, scope, None)
    units = (
        children
        if codes is None
        else [code for code in dict.fromkeys(codes) if code in set(children)]
    )
    if not units:
        return []
    named, rows = sql.rows_many(
        snapshot,
        [
            ("meta/units", {"anchors": units}),
            (f"kpis/{block}", block_params(snapshot, block, units, spans, scope)),
        ],
    )
    names = {str(r["unit_code"]): str(r["name"]) for r in named}
    counted = REGISTRY[kpi].kind in ("count", "sum")
    found: dict[str, list[int | float | None]] = {
        code: [0 if counted else None] * len(spans) for code in units
    }
    for row in rows:
        code = str(row["unit_code"])
        if code in found:
            value = plain(row[name])
            found[code][row["period_i"]] = (value or 0) if counted else value
    return [Series(code, names.get(code, code), tuple(found[code])) for code in units]


def composite_score(table: pd.DataFrame, weights: dict[str, float]) -> pd.Series:
    """Weighted mean of the available rates, on a 0–100 scale; a missing rate is left out."""
    import pandas as pd

    if not weights:
        return pd.Series([None] * len(table), index=table.index, dtype="Float64")
    rates = table[list(weights)].astype("float64")
    w = pd.Series(weights, dtype="float64")
    present = rates.notna()
    total = present.mul(w).sum(axis=1)
    score = rates.fillna(0.0).mul(w).sum(axis=1) / total.where(total > 0)
    return (score * 100).round(1)


def tiers(count: int) -> list[str]:
    """Top third, bottom third and the middle, by rank (as committees praise the top third)."""
    size = round(count / 3)
    return [
        "top" if i < size else "bottom" if i >= count - size else "middle" for i in range(count)
    ]


def regions_at_level(
    snapshot: Snapshot, level: str, anchors: list[str] | None, grant: Grant | None = None
) -> pd.DataFrame:
    """The regions at `level` inside the anchors (None: everywhere), with their parents' names,
    and only those the grant covers (a county's user picks from their own county)."""
    if grant is not None and grant.roots is not None:
        if anchors is None:
            anchors = sorted(grant.roots)
        else:
            for anchor in anchors:
                grant.require(snapshot, anchor)
    elif grant is None and anchors is None:
        guard(snapshot, Scope(date.min, date.min))
    if anchors is None:
        return sql.run(snapshot, "meta/regions_at_level_everywhere", level=level)
    return sql.run(snapshot, "meta/regions_at_level", level=level, anchors=anchors)


def rolled(snapshot: Snapshot, anchors: list[str] | None, held_by: str = "holds_stocks") -> bool:
    """Whether the rollups hold every unit in `anchors` (None: everything, always held)."""
    if anchors is None:
        return True
    held = _rollups(str(snapshot.path)).held[held_by]
    return all(code in held for code in anchors)


def block_params(
    snapshot: Snapshot,
    block: str,
    anchors: list[str] | None,
    spans: Sequence[tuple[date, date]],
    scope: Scope,
    force_rows: bool = False,
) -> dict[str, object]:
    """The named parameters of a block's query; `force_rows` computes from the rows even where
    the rollups hold the answer (tests compare the two paths)."""
    return {
        "anchors": anchors,
        "periods": calendar(snapshot, spans),
        "rolled": not force_rows and rolled(snapshot, anchors, _HELD_BY[block]),
        "whole": all(whole_months(a, b) for a, b in spans),
        "month_ends": all(at_month_end(snapshot, b) for _a, b in spans),
        "kind": scope.kind,
        "period_kinds": None,
        "activity_target": scope.activity_target,
    }


def calendar(snapshot: Snapshot, spans: Sequence[tuple[date, date]]) -> list[dict[str, Any]]:
    """The `$periods` parameter of the KPI queries for these (first day, last day) spans: each
    period with what reading the rollups needs of it, worked out in SQL once (see
    queries/setup/readers.sql: calendar), not at every use in every query."""
    return [dict(period) for period in _calendar(str(snapshot.path), tuple(spans))]


@lru_cache(maxsize=256)
def _calendar(
    snapshot_path: str, spans: tuple[tuple[date, date], ...]
) -> tuple[dict[str, Any], ...]:
    periods = [{"i": i, "from_on": a, "to_on": b} for i, (a, b) in enumerate(spans)]
    (row,) = sql.rows_at(snapshot_path, "meta/calendar", periods=periods)
    return tuple(row["periods"])


def whole_months(start: date, end: date) -> bool:
    """Whether [start, end] is whole months (the rollups then read no day rows)."""
    return start.day == 1 and end == month_end(end.year, end.month)


def at_month_end(snapshot: Snapshot, day: date) -> bool:
    """Whether `day` is a month end the stock rollup holds values for."""
    found = _rollups(str(snapshot.path))
    first, last = found.first_month_end, found.last_month_end
    return (
        day == month_end(day.year, day.month)
        and first is not None
        and last is not None
        and first <= day <= last
    )


def _by_level(parts: list[dict[str, Any]]) -> dict[str, LevelSinking]:
    """Members by committee level, from the members block's by_level (every level, 0 where none)."""
    found = {part["committee_level"]: part for part in parts}
    return {
        level: LevelSinking(
            int(found[level]["active"]),
            int(found[level]["posted"]),
            plain(found[level]["sinking_rate"]),
        )
        if level in found
        else LevelSinking(0, 0, None)
        for level in COMMITTEE_LEVELS
    }


def _by_kind(parts: list[dict[str, Any]]) -> dict[str, int]:
    """Activities per kind, from the activities block's by_kind (every kind, 0 where none)."""
    counts = {part["kind"]: int(part["count"]) for part in parts}
    return {kind: counts.get(kind, 0) for kind in ACTIVITY_KINDS}


def _asked(blocks: Sequence[str] | None) -> list[str]:
    return [b for b in BLOCKS if blocks is None or b in blocks]


def _slowest_first(blocks: Sequence[str]) -> list[str]:
    return sorted(blocks, key=lambda b: _SLOWEST_FIRST.index(b) if b in _SLOWEST_FIRST else 99)


def _units(snapshot: Snapshot, scope: Scope, level: str | None) -> list[str]:
    """The units a comparison ranks: the scope's children, or the regions at `level` in it."""
    if level is None:
        return list(_children(str(snapshot.path), scope.region))
    anchors = None if scope.region is None else [scope.region]
    if anchors is None:
        found = sql.rows(snapshot, "meta/regions_at_level_everywhere", level=level)
    else:
        found = sql.rows(snapshot, "meta/regions_at_level", level=level, anchors=anchors)
    return [str(r["region_code"]) for r in found]


@lru_cache(maxsize=1024)
def _children(snapshot_path: str, region: str | None) -> tuple[str, ...]:
    """The codes of a region's children (of everything: the top level) in a snapshot's tree."""
    found = sql.rows_at(snapshot_path, "meta/children", region=region)
    return tuple(str(r["region_code"]) for r in found)


@dataclass(frozen=True)
class _Rollups:
    """What a snapshot's rollups hold: the units of each (see setup/rollups.sql) and the first
    and last month end of the stock rollup."""

    held: dict[str, frozenset[str]]
    first_month_end: date | None
    last_month_end: date | None


@lru_cache(maxsize=8)
def _rollups(snapshot_path: str) -> _Rollups:
    rows = sql.rows_at(snapshot_path, "meta/rollup_units")
    return _Rollups(
        {
            flag: frozenset(str(r["unit_code"]) for r in rows if r[flag])
            for flag in ("holds_stocks", "holds_activities")
        },
        rows[0]["first_month_end"],
        rows[0]["last_month_end"],
    )
