"""The KPI API: the only way any page, the CLI or the big screen gets a number.

Each KPI block is one SQL file returning one row per *unit*; `kpis` asks for one unit (the
region itself), `compare` for its children, so both read the very same definitions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pandas as pd

from xieshang.contract.tables import (
    ACTIVITY_KINDS,
    COMMITTEE_LEVELS,
    REGION_LEVELS,
    SUGGESTION_KINDS,
)
from xieshang.engine import sql
from xieshang.errors import UserError
from xieshang.i18n import Lang, t
from xieshang.kpis.periods import month_end
from xieshang.kpis.values import plain
from xieshang.store.snapshots import Snapshot

BLOCKS: dict[str, tuple[str, ...]] = {
    "rooms": (
        "active",
        "towns",
        "towns_covered",
        "town_coverage",
        "villages",
        "villages_covered",
        "village_coverage",
        "assessed",
        "standards_met",
        "standards_rate",
        "with_member",
        "with_member_rate",
    ),
    "members": (
        "active",
        "posted",
        "sinking_rate",
        "posted_here",
        "villages_with_member",
        "villages_with_member_rate",
    ),
    "activities": (
        "count",
        "public_participants",
        "problems_solved",
        "towns_meeting_target",
        "towns_meeting_target_rate",
        "silent_towns",
    ),
    "suggestions": (
        "submitted",
        "filed",
        "concluded",
        "adopted",
        "partially_adopted",
        "not_adopted",
        "filing_rate",
        "conclusion_rate",
        "adoption_rate",
        "median_days_to_conclude",
        "satisfaction_rate",
    ),
}

RATES = frozenset(
    f"{block}.{key}"
    for block, keys in BLOCKS.items()
    for key in keys
    if key.endswith(("_rate", "coverage"))
)

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

DEFAULT_ACTIVITY_TARGET = 2


class UnknownRegion(UserError):
    def __init__(self, code: str):
        super().__init__("error.unknown_region", code=code)
        self.code = code


@dataclass(frozen=True)
class Scope:
    """What a KPI is asked for: a region (None: everything), a period and optional filters."""

    date_from: date
    date_to: date
    region: str | None = None
    kind: str | None = None
    activity_target: int = DEFAULT_ACTIVITY_TARGET

    def __post_init__(self) -> None:
        if self.kind is not None and self.kind not in SUGGESTION_KINDS:
            raise ValueError(f"unknown suggestion kind {self.kind!r}")


@dataclass(frozen=True)
class Region:
    code: str | None
    name: str
    level: str | None
    # (code, name, level) from the top down to this region, itself included.
    path: tuple[tuple[str, str, str], ...] = ()


def find_region(snapshot: Snapshot, code: str | None, lang: Lang = "zh") -> Region:
    if code is None:
        return Region(None, t("all_regions", lang), None)
    path = _region_path(str(snapshot.path), code)
    if not path:
        raise UnknownRegion(code)
    return Region(code, path[-1][1], path[-1][2], path)


@lru_cache(maxsize=4096)
def _region_path(snapshot_path: str, code: str) -> tuple[tuple[str, str, str], ...]:
    """A region's path from the top (snapshots never change: looked up once per process)."""
    rows = sql.run_at(snapshot_path, "meta/region", region=code)
    return tuple(zip(rows["region_code"], rows["name"], rows["level"], strict=True))


def data_span(snapshot: Snapshot) -> tuple[date, date] | None:
    row = sql.run(snapshot, "meta/data_span").iloc[0]
    if pd.isna(row["first_on"]):
        return None
    return _as_date(row["first_on"]), _as_date(row["last_on"])


def default_period(snapshot: Snapshot, today: date | None = None) -> tuple[date, date]:
    """The latest full calendar year in the data; the data's only year when none is full."""
    span = data_span(snapshot)
    if span is None:
        year = (today or date.today()).year
        return date(year, 1, 1), date(year, 12, 31)
    first, last = span
    year = last.year if last == date(last.year, 12, 31) else last.year - 1
    if year < first.year:
        year = last.year
    return date(year, 1, 1), date(year, 12, 31)


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError("error.bad_date", value=text) from None


def scope_from_input(
    snapshot: Snapshot,
    region: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    kind: str | None = None,
    activity_target: int = DEFAULT_ACTIVITY_TARGET,
) -> Scope:
    """A scope from what a person typed (flags or a URL): checked, with defaults filled in.

    Raises UserError for an unknown region or kind, a bad date or a reversed period.
    """
    default_from, default_to = default_period(snapshot)
    start = parse_date(date_from) if date_from else default_from
    end = parse_date(date_to) if date_to else default_to
    if date_from and not date_to and start > end:
        end = date(start.year, 12, 31)
    if start > end:
        raise UserError("error.period_order", date_from=start, date_to=end)
    if kind is not None and kind not in SUGGESTION_KINDS:
        raise UserError("error.unknown_kind", value=kind, choices="/".join(SUGGESTION_KINDS))
    code = (region or "").strip() or None
    if code is not None:
        find_region(snapshot, code)  # raises UnknownRegion
    return Scope(start, end, code, kind, activity_target)


def kpis(
    snapshot: Snapshot,
    scope: Scope,
    lang: Lang = "zh",
    blocks: tuple[str, ...] | None = None,
    breakdowns: bool = True,
) -> dict:
    """Every KPI block for one region and period, as the JSON of `xieshang kpis`.

    `blocks` limits the result to those blocks (a page showing one area runs only its SQL);
    without `breakdowns`, members are not broken down by committee level nor activities by
    kind (two queries fewer, for figures only compared with).
    """
    result = header(snapshot, scope, lang)
    computed = _blocks(snapshot, scope, only=blocks)
    unit = scope.region or ""
    for block, frame in computed.items():
        # Column by column: a whole row would upcast every count to float.
        result[block] = {key: plain(frame.at[unit, key]) for key in BLOCKS[block]}
    if "members" in result and breakdowns:
        by_level = _by_level(snapshot, scope).get(unit, {})
        empty = {"active": 0, "posted": 0, "sinking_rate": None}
        result["members"]["by_level"] = {lv: by_level.get(lv, empty) for lv in COMMITTEE_LEVELS}
    if "activities" in result and breakdowns:
        by_kind = _by_kind(snapshot, scope).get(unit, {})
        result["activities"]["by_kind"] = {kind: by_kind.get(kind, 0) for kind in ACTIVITY_KINDS}
    return result


def values(snapshot: Snapshot, scope: Scope, keys: tuple[str, ...]) -> dict[str, object]:
    """Just these KPIs (`block.key`) for the scope's region, running only their blocks' SQL."""
    blocks = tuple(sorted({key.split(".", 1)[0] for key in keys}))
    frames = _blocks(snapshot, scope, only=blocks)
    unit = scope.region or ""
    return {key: plain(frames[key.split(".", 1)[0]].at[unit, key.split(".", 1)[1]]) for key in keys}


def header(snapshot: Snapshot, scope: Scope, lang: Lang = "zh") -> dict:
    """What a set of figures is about: region, period and snapshot."""
    where = find_region(snapshot, scope.region, lang)
    return {
        "region": {"code": where.code, "name": where.name, "level": where.level},
        "period": {"from": scope.date_from.isoformat(), "to": scope.date_to.isoformat()},
        "snapshot": snapshot.id,
    }


def compare(
    snapshot: Snapshot,
    scope: Scope,
    level: str | None = None,
    weights: dict[str, float] | None = None,
    sort_by: str = "score",
    blocks: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """One row per child region of the scope (or per region at `level` inside it), ranked.

    Columns: region_code, name, level, every KPI as `block.key`, score, rank, tier
    (top / middle / bottom third by rank). `blocks` limits the KPI blocks computed (the
    score then uses only the weighted rates present).
    """
    if level is not None and level not in REGION_LEVELS:
        raise ValueError(f"unknown level {level!r}")
    grouping = "children" if level is None else "level"
    params = _unit_params(snapshot, scope, grouping, level)
    computed = _blocks(snapshot, scope, params, only=blocks)
    units = sql.run(snapshot, "meta/units", **params)
    table = units.rename(columns={"unit_code": "region_code"}).set_index("region_code")
    for block, frame in computed.items():
        table = table.join(frame[list(BLOCKS[block])].add_prefix(f"{block}."))
    weights = {k: w for k, w in (weights or DEFAULT_WEIGHTS).items() if k in table}
    table["score"] = composite_score(table, weights)
    ascending = sort_by == "suggestions.median_days_to_conclude"
    table = table.reset_index().sort_values(
        [sort_by, "region_code"], ascending=[ascending, True], na_position="last"
    )
    table["rank"] = range(1, len(table) + 1)
    table["tier"] = tiers(len(table))
    return table.reset_index(drop=True)


def composite_score(table: pd.DataFrame, weights: dict[str, float]) -> pd.Series:
    """Weighted mean of the available rates, on a 0–100 scale; a missing rate is left out."""
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


def scope_params(scope: Scope) -> dict[str, object]:
    """The named SQL parameters a scope stands for ($anchors, $from, $to, $kind, …)."""
    return {
        "anchors": None if scope.region is None else [scope.region],
        "from": scope.date_from,
        "to": scope.date_to,
        "kind": scope.kind,
        "activity_target": scope.activity_target,
    }


def regions_at_level(snapshot: Snapshot, level: str, anchors: list[str] | None) -> pd.DataFrame:
    """The regions at `level` inside the anchors (None: everywhere), with their parents' names."""
    if anchors is None:
        return sql.run(snapshot, "meta/regions_at_level_everywhere", level=level)
    return sql.run(snapshot, "meta/regions_at_level", level=level, anchors=anchors)


def _unit_params(
    snapshot: Snapshot, scope: Scope, grouping: str, level: str | None
) -> dict[str, object]:
    """The scope's parameters with the units resolved: the region itself, its children, or the
    regions at `level` inside it (one cheap lookup here instead of in every KPI query)."""
    params = scope_params(scope)
    if grouping == "children":
        rows = sql.run(snapshot, "meta/children", region=scope.region)
        params["anchors"] = list(rows["region_code"])
    elif grouping == "level":
        rows = regions_at_level(snapshot, level, scope_params(scope)["anchors"])  # type: ignore[arg-type]
        params["anchors"] = list(rows["region_code"])
    return params


def _blocks(
    snapshot: Snapshot,
    scope: Scope,
    params: dict[str, object] | None = None,
    only: tuple[str, ...] | None = None,
) -> dict[str, pd.DataFrame]:
    """The KPI blocks for the units in `params` (default: the scope's region itself)."""
    params = params or scope_params(scope)
    return {
        block: sql.run(snapshot, query_for(snapshot, f"kpis/{block}", params), **params).set_index(
            "unit_code"
        )
        for block in BLOCKS
        if only is None or block in only
    }


def query_for(snapshot: Snapshot, name: str, params: dict[str, object]) -> str:
    """The query to run for `queries/<name>.sql`: its rolled-up twin `<dir>/rollup/<file>`
    when there is one and the rollups hold the answer (see queries/setup/rollups.sql), else
    the query itself, which reads the rows.

    The rollups hold the answer when every unit is rolled up and the period fits what the
    twin's header says it covers: "as of a month end" the rollups hold, "whole months", or
    "any date".
    """
    covers = sql.rolled_up(name)
    if covers is None:
        return name
    anchors, month_ends = _rollup_scope(str(snapshot.path))
    units = params.get("anchors")
    if units is not None and not anchors.issuperset(units):  # type: ignore[arg-type]
        return name
    start, end = params.get("from"), params["to"]
    if covers == "as of a month end":
        fits = end in month_ends
    elif covers == "whole months":
        fits = start.day == 1 and end == month_end(end.year, end.month)  # type: ignore[union-attr]
    else:
        fits = True
    return sql.rollup_name(name) if fits else name


@lru_cache(maxsize=8)
def _rollup_scope(snapshot_path: str) -> tuple[frozenset[str], frozenset[date]]:
    rows = sql.run_at(snapshot_path, "meta/rollup_scope")
    anchors = frozenset(rows["unit_code"].dropna())
    return anchors, frozenset(_as_date(d) for d in rows["month_end"].dropna())


def _by_level(snapshot: Snapshot, scope: Scope) -> dict:
    params = scope_params(scope)
    rows = sql.run(snapshot, query_for(snapshot, "kpis/members_by_level", params), **params)
    out: dict[str, dict] = {}
    for row in rows.itertuples(index=False):
        out.setdefault(row.unit_code, {})[row.committee_level] = {
            "active": int(row.active),
            "posted": int(row.posted),
            "sinking_rate": plain(row.sinking_rate),
        }
    return out


def _by_kind(snapshot: Snapshot, scope: Scope) -> dict:
    params = scope_params(scope)
    rows = sql.run(snapshot, query_for(snapshot, "kpis/activities_by_kind", params), **params)
    out: dict[str, dict] = {}
    for row in rows.itertuples(index=False):
        out.setdefault(row.unit_code, {})[row.kind] = int(row.count)
    return out


def _as_date(value: object) -> date:
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    return pd.Timestamp(value).date()
