"""The big screen for chairs' meetings: what it shows (the model; render.py draws it), read
from across a room.

Every figure comes from `xieshang.kpis.metrics` and `xieshang.kpis.details`, like the pages.
Panels are drawn in HTML and inline SVG rather than Plotly (see render.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import pandas as pd

from xieshang.i18n import Lang, t
from xieshang.kpis import details, metrics, periods, supervision, targets
from xieshang.kpis.metrics import Scope
from xieshang.kpis.values import plain
from xieshang.paths import DEMO_DIR, data_dir
from xieshang.screen import geo
from xieshang.store.snapshots import Snapshot

BOUNDARIES = "boundaries.geojson"
TREND_KEYS = ("rooms.village_coverage", "members.sinking_rate", "suggestions.adoption_rate")
TREND_QUARTERS = 8
RANKING_ROWS = 12
# Colours for a dark room: Okabe–Ito hues lightened for contrast on near-black.
COLOURS = {"met": "#3DDC97", "near": "#F0E442", "missed": "#FF9F40", "neutral": "#56B4E9"}


@dataclass(frozen=True)
class Figure:
    key: str  # block.key
    value: float | None
    target: float | None = None
    status: str | None = None


@dataclass(frozen=True)
class MapRegion:
    name: str
    value: float | None  # village coverage
    shape: geo.Shape


@dataclass(frozen=True)
class Model:
    """Everything the screen shows for one snapshot, region and period."""

    snapshot_id: str
    data_time: str
    is_demo: bool
    region: str
    period: str
    coverage: list[Figure]
    coverage_children: list[tuple[str, float | None, str | None]]
    sinking: list[Figure]
    sinking_levels: list[tuple[str, float | None]]
    top_members: list[tuple[str, int]]
    funnel: list[tuple[str, int]]
    adoption: list[Figure]
    ranking: list[dict]
    trend_labels: list[str]
    # (year, quarter) of each trend label, for an axis that names the year once
    trend_axis: list[tuple[str, str]]
    trend: dict[str, list[float | None]]
    map_regions: list[MapRegion] = field(default_factory=list)
    map_size: tuple[float, float] = (0.0, 0.0)


def _figure(
    kpis: metrics.Figures,
    key: str,
    found: tuple[targets.Target, ...],
    level: str | None,
    region: str | None,
    year: int,
) -> Figure:
    value = kpis.value(key)
    target = targets.find(found, key, level=level or "province", region=region, year=year)
    return Figure(
        key, value, target.value if target else None, target.status(value) if target else None
    )


def build(snapshot: Snapshot, scope: Scope, lang: Lang, hide_names: bool) -> Model:
    """The screen's figures, from the same SQL as every page and `xieshang kpis`.

    Without a region it opens on the top level's only region when there is just one (a
    provincial deployment; the demo) rather than on "all regions" with a single child.
    """
    if scope.region is None:
        scope = replace(scope, region=opening_region(snapshot))
    found = targets.in_force(snapshot)
    region = metrics.find_region(snapshot, scope.region, lang)
    year = scope.date_to.year
    # The wall ranks the region's children below: asked for with the region's figures.
    kpis = metrics.figures(snapshot, scope, breakdowns=True, children=True)[0]

    def figures(*keys: str) -> list[Figure]:
        return [_figure(kpis, k, found, region.level, region.code, year) for k in keys]

    children = metrics.compare(snapshot, scope)
    child_level = str(children["level"].iloc[0]) if not children.empty else None
    coverage_children: list[tuple[str, float | None, str | None]] = []
    for _, row in children.sort_values("rooms.village_coverage", ascending=False).iterrows():
        value = plain(row["rooms.village_coverage"])
        target = targets.find(
            found, "rooms.village_coverage", level=child_level, region=row["region_code"], year=year
        )
        coverage_children.append(
            (str(row["name"]), value, target.status(value) if target else None)
        )
    # The child regions' 督办 items, as the 督办 page and the overview list them.
    supervised: dict[str, list[str]] = {}
    for item in supervision.items(snapshot, scope, found, parts=("regions",)):
        supervised.setdefault(item.region_code, []).append(t(f"kpi.{item.kpi}", lang))
    ranking = []
    for _, row in children.head(RANKING_ROWS).iterrows():
        missed = supervised.get(str(row["region_code"]), [])
        ranking.append(
            {
                "rank": int(row["rank"]),
                "name": str(row["name"]),
                "score": plain(row["score"]),
                "tier": str(row["tier"]),
                "missed": missed,
            }
        )
    attendance = details.attendance(snapshot, scope)
    top = attendance.sort_values(["attended", "member_id"], ascending=[False, True]).head(5)
    top_members = [
        (_masked(str(n)) if hide_names else str(n), int(a))
        for n, a in zip(top["name"].fillna("—"), top["attended"], strict=True)
    ]
    by_level = kpis.members_by_level or {}
    quarters = _quarters(snapshot, scope)
    # Every quarter in one query per block.
    blocks = sorted({key.split(".", 1)[0] for key in TREND_KEYS})
    by_quarter = metrics.figures(snapshot, scope, quarters, blocks) if quarters else []
    trend: dict[str, list[float | None]] = {
        key: [plain(q.value(key)) for q in by_quarter] for key in TREND_KEYS
    }
    map_regions, map_size = _map(snapshot, children)
    return Model(
        snapshot_id=snapshot.id,
        data_time=snapshot.manifest.get("created_at", "")[:16].replace("T", " "),
        is_demo=snapshot.is_demo,
        region=region.name,
        period=periods.label(scope.date_from, scope.date_to, lang),
        coverage=figures(
            "rooms.town_coverage",
            "rooms.village_coverage",
            "rooms.standards_rate",
            "rooms.with_member_rate",
        ),
        coverage_children=coverage_children,
        sinking=figures(
            "members.sinking_rate", "members.posted", "members.villages_with_member_rate"
        ),
        sinking_levels=[
            (t(f"committee.{lv}", lang), f.sinking_rate) for lv, f in by_level.items() if f.active
        ],
        top_members=top_members,
        funnel=[
            (t(f"kpi.{key}", lang), int(kpis.value(key) or 0))
            for key in (
                "suggestions.submitted",
                "suggestions.filed",
                "suggestions.concluded",
                "suggestions.adopted_any",
            )
        ],
        adoption=figures(
            "suggestions.adoption_rate",
            "suggestions.conclusion_rate",
            "suggestions.satisfaction_rate",
        ),
        ranking=ranking,
        trend_labels=[periods.label(a, b, lang) for a, b in quarters],
        trend_axis=[
            (
                t("screen.axis_year", lang, year=a.year),
                t("screen.axis_quarter", lang, quarter=(a.month - 1) // 3 + 1),
            )
            for a, _b in quarters
        ],
        trend=trend,
        map_regions=map_regions,
        map_size=map_size,
    )


def opening_region(snapshot: Snapshot) -> str | None:
    """The top level's only region, or None when it holds several (or none)."""
    levels = details.levels(snapshot)
    if not levels:
        return None
    top = details.regions_at_level(snapshot, levels[0])
    return str(top["region_code"].iloc[0]) if len(top) == 1 else None


def _masked(name: str) -> str:
    return name[0] + "*" * max(1, len(name) - 1) if name and name != "—" else name


def _quarters(snapshot: Snapshot, scope: Scope) -> list[tuple[date, date]]:
    span = metrics.data_span(snapshot)
    first = span[0] if span else scope.date_from
    last = min(scope.date_to, span[1]) if span else scope.date_to
    return periods.options("quarter", first, last)[:TREND_QUARTERS][::-1]


def boundaries_path(snapshot: Snapshot) -> Path | None:
    """Region boundaries: `boundaries.geojson` in the data dir, or the demo's own."""
    custom = data_dir() / BOUNDARIES
    if custom.is_file():
        return custom
    if snapshot.is_demo and (DEMO_DIR / BOUNDARIES).is_file():
        return DEMO_DIR / BOUNDARIES
    return None


def _map(snapshot: Snapshot, children: pd.DataFrame) -> tuple[list[MapRegion], tuple[float, float]]:
    """The child regions that have boundaries, shaded by village coverage."""
    path = boundaries_path(snapshot)
    if path is None or children.empty:
        return [], (0.0, 0.0)
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
        features = collection.get("features", []) if isinstance(collection, dict) else []
    except (OSError, ValueError):
        return [], (0.0, 0.0)  # unreadable boundaries only cost the map panel
    codes = set(children["region_code"].astype(str))
    found: dict[str, list[geo.Polygon]] = {}
    for feature in features if isinstance(features, list) else []:
        properties = feature.get("properties") if isinstance(feature, dict) else None
        code = str((properties or {}).get("region_code"))
        parts = geo.polygons(feature.get("geometry")) if code in codes else []
        if parts:
            found.setdefault(code, []).extend(parts)
    shapes, size = geo.shapes(found)
    rows = children.set_index(children["region_code"].astype(str))
    return [
        MapRegion(str(rows.at[s.code, "name"]), plain(rows.at[s.code, "rooms.village_coverage"]), s)
        for s in shapes
    ], size
