"""The big screen as one HTML document: every panel drawn in HTML and inline SVG (crisp on a 4K
wall, light to refresh, nothing to fetch on a network without internet) and rotated by a little
JavaScript (pausing, stepping). Every value is escaped."""

from __future__ import annotations

import html
import math
from pathlib import Path

from xieshang import format as fmt
from xieshang.i18n import Lang, t
from xieshang.screen.model import Figure, Model


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
