"""The big screen for chairs' meetings: what it shows (the model) and how (HTML, SVG and a
little JavaScript for rotation, pausing and stepping), read from across a room.

Every figure comes from `xieshang.metrics` and `xieshang.details`, like the pages. Panels are
drawn in HTML and inline SVG rather than Plotly: crisp on a 4K wall, light to refresh, and no
script to fetch on a network without internet.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from xieshang import details, metrics, periods, targets
from xieshang import format as fmt
from xieshang.i18n import Lang, t
from xieshang.metrics import Scope
from xieshang.paths import DEMO_DIR, data_dir
from xieshang.store import Snapshot

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
class Model:
    """Everything the screen shows for one snapshot, region and period."""

    snapshot_id: str
    data_time: str
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
    trend: dict[str, list[float | None]]
    map_features: list[dict] = field(default_factory=list)
    map_values: dict[str, float | None] = field(default_factory=dict)


def _figure(
    kpis: dict,
    key: str,
    found: tuple[targets.Target, ...],
    level: str | None,
    region: str | None,
    year: int,
) -> Figure:
    block, name = key.split(".", 1)
    value = kpis[block][name]
    target = targets.find(found, key, level=level or "province", region=region, year=year)
    return Figure(
        key, value, target.value if target else None, target.status(value) if target else None
    )


def build(snapshot: Snapshot, scope: Scope, lang: Lang, hide_names: bool) -> Model:
    """The screen's figures, from the same SQL as every page and `xieshang kpis`."""
    found = targets.load()
    region = metrics.find_region(snapshot, scope.region, lang)
    year = scope.date_to.year
    kpis = metrics.kpis(snapshot, scope, lang)

    def figures(*keys: str) -> list[Figure]:
        return [_figure(kpis, k, found, region.level, region.code, year) for k in keys]

    children = metrics.compare(snapshot, scope)
    child_level = str(children["level"].iloc[0]) if not children.empty else None
    coverage_children = []
    for _, row in children.sort_values("rooms.village_coverage", ascending=False).iterrows():
        value = _number(row["rooms.village_coverage"])
        target = targets.find(
            found, "rooms.village_coverage", level=child_level, region=row["region_code"], year=year
        )
        coverage_children.append(
            (str(row["name"]), value, target.status(value) if target else None)
        )
    ranking = []
    for _, row in children.head(RANKING_ROWS).iterrows():
        missed = []
        for key in metrics.DEFAULT_WEIGHTS:
            target = targets.find(
                found, key, level=child_level, region=row["region_code"], year=year
            )
            value = _number(row[key])
            if target and target.status(value) == "missed":
                missed.append(t(f"kpi.{key}", lang))
        ranking.append(
            {
                "rank": int(row["rank"]),
                "name": str(row["name"]),
                "score": _number(row["score"]),
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
    by_level = kpis["members"]["by_level"]
    quarters = _quarters(snapshot, scope)
    trend: dict[str, list[float | None]] = {key: [] for key in TREND_KEYS}
    for start, end in quarters:
        found_values = metrics.values(
            snapshot, Scope(start, end, scope.region, scope.kind), TREND_KEYS
        )
        for key in TREND_KEYS:
            trend[key].append(found_values[key])  # type: ignore[arg-type]
    s = kpis["suggestions"]
    features = _features(snapshot, set(children["region_code"])) if not children.empty else []
    return Model(
        snapshot_id=snapshot.id,
        data_time=snapshot.manifest.get("created_at", "")[:16].replace("T", " "),
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
            (t(f"committee.{lv}", lang), f["sinking_rate"])
            for lv, f in by_level.items()
            if f["active"]
        ],
        top_members=top_members,
        funnel=[
            (t("kpi.suggestions.submitted", lang), s["submitted"]),
            (t("kpi.suggestions.filed", lang), s["filed"]),
            (t("kpi.suggestions.concluded", lang), s["concluded"]),
            (t("adoption.adopted_any", lang), s["adopted"] + s["partially_adopted"]),
        ],
        adoption=figures(
            "suggestions.adoption_rate",
            "suggestions.conclusion_rate",
            "suggestions.satisfaction_rate",
        ),
        ranking=ranking,
        trend_labels=[periods.label(a, b, lang) for a, b in quarters],
        trend=trend,
        map_features=features,
        map_values={
            str(c): _number(v)
            for c, v in zip(
                children["region_code"], children["rooms.village_coverage"], strict=True
            )
        },
    )


def _number(value: object) -> float | None:
    return None if value is None or value != value else float(value)  # type: ignore[arg-type]


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


def _features(snapshot: Snapshot, codes: set[str]) -> list[dict]:
    path = boundaries_path(snapshot)
    if path is None:
        return []
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []  # unreadable boundaries only cost the map panel
    return [
        f
        for f in collection.get("features", [])
        if str((f.get("properties") or {}).get("region_code")) in codes
    ]


# --------------------------------------------------------------------------- rendering


def render(
    model: Model,
    lang: Lang,
    rotate: int,
    watermark: str | None = None,
    stale: bool = False,
    frozen: bool = False,
    notices: list[str] | None = None,
) -> str:
    """The whole screen as one HTML document: every panel, rotated client-side."""
    panels = [
        ("coverage", t("block.rooms", lang), _coverage(model, lang)),
        ("sinking", t("block.members", lang), _sinking(model, lang)),
        ("adoption", t("block.suggestions", lang), _adoption(model, lang)),
        ("ranking", t("screen.ranking", lang), _ranking(model, lang)),
        ("trend", t("screen.trend", lang), _trend(model, lang)),
    ]
    if model.map_features:
        panels.append(("map", t("screen.map", lang), _map(model, lang)))
    data_line = (
        t("screen.frozen", lang, date=model.data_time[:10])
        if frozen
        else t("screen.data_time", lang, time=model.data_time)
    )
    marks = ([t("screen.stale", lang)] if stale else []) + list(notices or [])
    stale_mark = "".join(f'<span class="stale">{_e(m)}</span>' for m in marks)
    mark = (
        f'<div class="watermark">{"".join(f"<span>{_e(watermark)}</span>" for _ in range(24))}'
        f"</div>"
        if watermark
        else ""
    )
    sections = "".join(
        f'<section class="panel" data-panel="{key}"><h2>{_e(title)}</h2>{body}</section>'
        for key, title, body in panels
    )
    dots = "".join(f'<i data-dot="{i}"></i>' for i in range(len(panels)))
    return _PAGE.format(
        region=_e(model.region),
        period=_e(model.period),
        data_line=_e(data_line),
        stale=stale_mark,
        sections=sections,
        dots=dots,
        watermark=mark,
        rotate=max(0, int(rotate)),
        paused=_e(t("screen.paused", lang)),
        key=_e(f"xieshang-screen-{model.region}"),
        snapshot=_e(model.snapshot_id),
    )


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _status_class(status: str | None) -> str:
    return status or "neutral"


def _big(figure: Figure, lang: Lang) -> str:
    value = fmt.kpi(figure.key, figure.value)
    label = t(f"kpi.{figure.key}", lang)
    status = ""
    if figure.status:
        word = t(f"status.{figure.status}", lang)
        status = (
            f'<div class="status {figure.status}">{_e(word)} · '
            f"{_e(t('target', lang, value=fmt.kpi(figure.key, figure.target)))}</div>"
        )
    return (
        f'<div class="figure {_status_class(figure.status)}"><div class="label">{_e(label)}'
        f'</div><div class="value">{_e(value)}</div>{status}</div>'
    )


def _bars(rows: list[tuple[str, float | None, str | None]], is_rate: bool = True) -> str:
    items = []
    peak = max((v or 0 for _, v, _s in rows), default=0) or 1
    for name, value, status in rows:
        width = (value or 0) * 100 if is_rate else (value or 0) / peak * 100
        shown = fmt.percent(value) if is_rate else fmt.number(value)
        symbol = {"met": " ✔", "near": " ◐", "missed": " ✖"}.get(status or "", "")
        items.append(
            f'<div class="bar"><span class="name">{_e(name)}</span><span class="track">'
            f'<span class="fill {_status_class(status)}" style="width:{min(width, 100):.1f}%">'
            f'</span></span><span class="num {_status_class(status)}">{_e(shown + symbol)}'
            f"</span></div>"
        )
    return f'<div class="bars">{"".join(items)}</div>'


def _coverage(model: Model, lang: Lang) -> str:
    figures = "".join(_big(f, lang) for f in model.coverage)
    children = model.coverage_children[:10]
    side = (
        (
            f'<div class="side"><h3>{_e(t("rooms.coverage_by_child", lang))}</h3>'
            f"{_bars(children)}</div>"
        )
        if children
        else ""
    )
    return f'<div class="grid"><div class="figures">{figures}</div>{side}</div>'


def _sinking(model: Model, lang: Lang) -> str:
    figures = "".join(_big(f, lang) for f in model.sinking)
    levels = _bars([(name, value, None) for name, value in model.sinking_levels])
    members = "".join(f"<li><span>{_e(n)}</span><b>{a}</b></li>" for n, a in model.top_members)
    side = (
        f'<div class="side"><h3>{_e(t("members.by_level", lang))}</h3>{levels}'
        f'<h3>{_e(t("screen.top_members", lang))}</h3><ol class="people">{members}</ol>'
        f"</div>"
    )
    return f'<div class="grid"><div class="figures">{figures}</div>{side}</div>'


def _adoption(model: Model, lang: Lang) -> str:
    first = model.funnel[0][1] or 1
    steps = "".join(
        f'<div class="step" style="width:{40 + 60 * (value / first):.1f}%">'
        f'<span class="label">{_e(name)}</span><span class="count">{value:,}</span></div>'
        for name, value in model.funnel
    )
    figures = "".join(_big(f, lang) for f in model.adoption)
    return (
        f'<div class="grid"><div class="funnel">{steps}</div>'
        f'<div class="figures narrow">{figures}</div></div>'
    )


def _ranking(model: Model, lang: Lang) -> str:
    if not model.ranking:
        return f'<p class="empty">{_e(t("empty.no_children", lang))}</p>'
    rows = []
    for row in model.ranking:
        tier = {"top": "▲ " + t("tier.top", lang), "bottom": "▼ " + t("tier.bottom", lang)}.get(
            row["tier"], ""
        )
        missed = (
            t(
                "screen.missed",
                lang,
                count=len(row["missed"]),
                names="、".join(row["missed"][:2]) + ("…" if len(row["missed"]) > 2 else ""),
            )
            if row["missed"]
            else t("status.met", lang)
        )
        cls = "missed" if row["missed"] else "met"
        rows.append(
            f'<tr class="{_e(row["tier"])}"><td class="rank">{row["rank"]}</td>'
            f'<td>{_e(row["name"])}</td><td class="tier">{_e(tier)}</td>'
            f'<td class="score">{_e(fmt.number(row["score"]))}</td>'
            f'<td class="{cls} missed-list">{_e(missed)}</td></tr>'
        )
    head = (
        f"<tr><th>{_e(t('col.rank', lang))}</th><th>{_e(t('col.name', lang))}</th>"
        f"<th>{_e(t('col.tier', lang))}</th><th>{_e(t('col.score', lang))}</th>"
        f"<th>{_e(t('col.status', lang))}</th></tr>"
    )
    return f'<table class="ranking">{head}{"".join(rows)}</table>'


def _trend(model: Model, lang: Lang) -> str:
    width, height, pad = 1000, 420, 60
    count = len(model.trend_labels)
    if count < 2:
        return f'<p class="empty">{_e(t("no_data", lang))}</p>'
    colours = ["#56B4E9", "#E69F00", "#3DDC97"]
    lines, legend = [], []
    for colour, (key, series) in zip(colours, model.trend.items(), strict=False):
        points = [
            (
                pad + i * (width - 2 * pad) / (count - 1),
                height - pad - (v or 0) * (height - 2 * pad),
            )
            for i, v in enumerate(series)
            if v is not None
        ]
        if points:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            lines.append(f'<polyline points="{path}" stroke="{colour}" />')
            x, y = points[-1]
            lines.append(
                f'<text x="{x + 8:.1f}" y="{y + 8:.1f}" fill="{colour}">'
                f"{_e(fmt.percent(series[-1]))}</text>"
            )
        legend.append(f'<span style="color:{colour}">━ {_e(t(f"kpi.{key}", lang))}</span>')
    ticks = "".join(
        f'<text class="tick" x="{pad + i * (width - 2 * pad) / (count - 1):.1f}" '
        f'y="{height - 15}">{_e(label)}</text>'
        for i, label in enumerate(model.trend_labels)
    )
    grid = "".join(
        f'<line x1="{pad}" x2="{width - pad}" y1="{height - pad - f * (height - 2 * pad):.1f}" '
        f'y2="{height - pad - f * (height - 2 * pad):.1f}" /><text class="tick" x="10" '
        f'y="{height - pad - f * (height - 2 * pad) + 8:.1f}">{int(f * 100)}%</text>'
        for f in (0, 0.5, 1)
    )
    return (
        f'<div class="legend">{"".join(legend)}</div><svg class="trend" viewBox="0 0 '
        f'{width} {height}" preserveAspectRatio="xMidYMid meet"><g class="grid">{grid}</g>'
        f'<g class="lines">{"".join(lines)}</g>{ticks}</svg>'
    )


def _map(model: Model, lang: Lang) -> str:
    xs, ys = [], []
    for feature in model.map_features:
        for x, y in _rings(feature):
            xs.append(x)
            ys.append(y)
    if not xs:
        return ""
    west, east, south, north = min(xs), max(xs), min(ys), max(ys)
    squash = math.cos(math.radians((south + north) / 2))
    width = (east - west) * squash or 1
    height = (north - south) or 1
    scale = 900 / max(width, height)
    shown = [v for v in model.map_values.values() if v is not None]
    # The scale spans the values shown, so close figures still look different; the legend
    # says what each shade means.
    low, high = (min(shown), max(shown)) if shown else (0.0, 1.0)
    shapes = []
    for feature in model.map_features:
        code = str(feature["properties"]["region_code"])
        value = model.map_values.get(code)
        points = " ".join(
            f"{(x - west) * squash * scale:.1f},{(north - y) * scale:.1f}"
            for x, y in _rings(feature)
        )
        shade = _shade(value, low, high)
        name = feature["properties"].get("name", code)
        cx, cy = _centre(feature, west, north, squash, scale)
        shapes.append(
            f'<polygon points="{points}" fill="{shade}"><title>{_e(name)} '
            f"{_e(fmt.percent(value))}</title></polygon>"
            f'<text x="{cx:.1f}" y="{cy:.1f}">{_e(name)}</text>'
            f'<text class="v" x="{cx:.1f}" y="{cy + 34:.1f}">{_e(fmt.percent(value))}'
            f"</text>"
        )
    legend = "".join(
        f'<span><i style="background:{_shade(v)}"></i>{int(v * 100)}%</span>'
        for v in (0.4, 0.6, 0.8, 1.0)
    )
    return (
        f'<div class="mapwrap"><svg class="map" viewBox="0 0 {width * scale:.0f} '
        f'{height * scale:.0f}">{"".join(shapes)}</svg><div class="maplegend">'
        f"<h3>{_e(t('kpi.rooms.village_coverage', lang))}</h3>{legend}</div></div>"
    )


def _rings(feature: dict) -> list[tuple[float, float]]:
    geometry = feature.get("geometry") or {}
    if geometry.get("type") == "Polygon":
        return [tuple(p) for p in geometry["coordinates"][0]]  # type: ignore[misc]
    if geometry.get("type") == "MultiPolygon":
        return [tuple(p) for poly in geometry["coordinates"] for p in poly[0]]  # type: ignore[misc]
    return []


def _centre(
    feature: dict, west: float, north: float, squash: float, scale: float
) -> tuple[float, float]:
    points = _rings(feature)
    x = sum(p[0] for p in points) / len(points)
    y = sum(p[1] for p in points) / len(points)
    return (x - west) * squash * scale, (north - y) * scale


def _shade(value: float | None, low: float = 0.0, high: float = 1.0) -> str:
    """A sequential blue scale from dark (lowest shown) to bright (highest shown)."""
    if value is None:
        return "#2A3550"
    dark, bright = (0x1B, 0x3A, 0x5C), (0x6C, 0xC8, 0xFF)
    f = 1.0 if high <= low else max(0.0, min(1.0, (value - low) / (high - low)))
    return "#" + "".join(f"{round(a + (b - a) * f):02X}" for a, b in zip(dark, bright, strict=True))


# The page skeleton, styles and rotation script (str.format placeholders; {{ }} are braces).
_PAGE = Path(__file__).with_name("screen.html").read_text(encoding="utf-8").split("\n", 1)[1]
