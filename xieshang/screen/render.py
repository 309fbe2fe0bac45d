"""The big screen as one HTML document: every panel drawn in HTML and SVG (crisp on a 4K wall,
light to refresh, nothing to fetch on a network without internet) and rotated by a little
JavaScript (pausing, stepping).

Text from outside (region and member names, the URL's watermark) is HTML-escaped in markup and
reaches the script only as JSON inside `<script type="application/json">`, escaped so that no
string can end the script; the script puts it on the wall with `textContent`. The trend chart
and the map's labels are laid out by the script at the screen's real size, so their labels
never collide or leave the screen on a 1024×768 projector or a 4K wall.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from xieshang import format as fmt
from xieshang.i18n import Lang, t
from xieshang.kpis import registry
from xieshang.screen.model import Figure, MapRegion, Model

TREND_COLOURS = ("#56B4E9", "#E69F00", "#3DDC97")
TREND_TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)
# The map's sequential scale, from the lowest value shown (dark) to the highest (bright).
SHADE_LOW, SHADE_HIGH, SHADE_MISSING = (0x1B, 0x3A, 0x5C), (0x6C, 0xC8, 0xFF), "#2A3550"
LEGEND_STOPS = 5


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
    if model.map_regions:
        panels.append(("map", t("screen.map", lang), _map(model, lang)))
    data_line = (
        t("screen.frozen", lang, date=model.data_time[:10])
        if frozen
        else t("screen.data_time", lang, time=model.data_time)
    )
    marks = ([t("screen.stale", lang)] if stale else []) + list(notices or [])
    demo = (
        f'<span class="demo">{_e(t("demo_badge", "zh"))} / {_e(t("demo_badge", "en"))}</span>'
        if model.is_demo
        else ""
    )
    slots = {
        "lang": "zh-CN" if lang == "zh" else "en",
        "snapshot": _e(model.snapshot_id),
        "region": _e(model.region),
        "period": _e(model.period),
        "demo": demo,
        "data_line": _e(data_line),
        "notices": (
            '<div class="notices">'
            + "".join(f'<span class="stale">{_e(m)}</span>' for m in marks)
            + "</div>"
            if marks
            else ""
        ),
        "sections": "".join(
            f'<section class="panel" data-panel="{key}"><h2>{_e(title)}</h2>{body}</section>'
            for key, title, body in panels
        ),
        "dots": "".join(f'<i data-dot="{i}"></i>' for i in range(len(panels))),
        "paused": _e(t("screen.paused", lang)),
        "watermark": (
            '<div class="watermark" aria-hidden="true">'
            + f"<span>{_e(watermark)}</span>" * 24
            + "</div>"
            if watermark
            else ""
        ),
        "data": script_json(
            {
                "rotate": max(0, int(rotate)),
                "key": f"xieshang-screen-{model.region}",
                "trend": _trend_data(model),
                "map": _map_data(model),
            }
        ),
    }
    return _SLOT.sub(lambda m: slots[m.group(1)], _PAGE)


def script_json(value: object) -> str:
    """JSON that is safe inside `<script>`: no string in it can close the element or start
    markup, and no line separator can end a line of script."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    for char, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return text


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _status_class(status: str | None) -> str:
    return status or "neutral"


def _big(figure: Figure, lang: Lang) -> str:
    value = registry.shown(figure.key, figure.value)
    label = t(f"kpi.{figure.key}", lang)
    status = ""
    if figure.status:
        word = t(f"status.{figure.status}", lang)
        target = t("target", lang, value=registry.shown(figure.key, figure.target))
        status = f'<div class="status {figure.status}">{_e(word)} · {_e(target)}</div>'
    return (
        f'<div class="figure {_status_class(figure.status)}"><div class="label">{_e(label)}'
        f'</div><div class="value">{_e(value)}</div>{status}</div>'
    )


def _bars(rows: list[tuple[str, float | None, str | None]]) -> str:
    items = []
    for name, value, status in rows:
        width = max(0.0, min(1.0, value or 0.0)) * 100
        symbol = {"met": " ✔", "near": " ◐", "missed": " ✖"}.get(status or "", "")
        items.append(
            f'<div class="bar"><span class="name" title="{_e(name)}">{_e(name)}</span>'
            f'<span class="track"><span class="fill {_status_class(status)}" '
            f'style="width:{width:.1f}%"></span></span>'
            f'<span class="num {_status_class(status)}">{_e(fmt.percent(value) + symbol)}</span>'
            f"</div>"
        )
    return f'<div class="bars">{"".join(items)}</div>'


def _coverage(model: Model, lang: Lang) -> str:
    figures = "".join(_big(f, lang) for f in model.coverage)
    children = model.coverage_children[:10]
    side = (
        f'<div class="side"><h3>{_e(t("rooms.coverage_by_child", lang))}</h3>'
        f"{_bars(children)}</div>"
        if children
        else ""
    )
    return f'<div class="grid"><div class="figures">{figures}</div>{side}</div>'


def _sinking(model: Model, lang: Lang) -> str:
    figures = "".join(_big(f, lang) for f in model.sinking)
    levels = _bars([(name, value, None) for name, value in model.sinking_levels])
    members = "".join(
        f'<li><span class="name" title="{_e(n)}">{_e(n)}</span><b>{_e(fmt.number(a))}</b></li>'
        for n, a in model.top_members
    )
    side = (
        f'<div class="side"><h3>{_e(t("members.by_level", lang))}</h3>{levels}'
        f'<h3>{_e(t("screen.top_members", lang))}</h3><ol class="people">{members}</ol>'
        f"</div>"
    )
    return f'<div class="grid"><div class="figures">{figures}</div>{side}</div>'


def _adoption(model: Model, lang: Lang) -> str:
    first = model.funnel[0][1] or 1
    steps = "".join(
        f'<div class="step" style="width:{40 + 60 * min(1.0, value / first):.1f}%">'
        f'<span class="label">{_e(name)}</span><span class="count">{_e(fmt.number(value))}'
        f"</span></div>"
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
    separator = t("screen.list_separator", lang)
    rows = []
    for row in model.ranking:
        tier = {"top": "▲ " + t("tier.top", lang), "bottom": "▼ " + t("tier.bottom", lang)}.get(
            row["tier"], ""
        )
        if row["missed"]:
            # Every missed target, as many as fit; the script hides the rest behind "…".
            names = "".join(
                f'<span class="item">{_e((separator if i else "") + name)}</span>'
                for i, name in enumerate(row["missed"])
            )
            state = (
                f'<div class="fit"><span class="lead">'
                f"{_e(t('screen.missed', lang, count=len(row['missed'])))}</span>{names}"
                f'<span class="more">…</span></div>'
            )
        else:
            state = f'<div class="fit">{_e(t("status.met", lang))}</div>'
        cls = "missed" if row["missed"] else "met"
        rows.append(
            f'<tr class="{_e(row["tier"])}"><td class="rank">{row["rank"]}</td>'
            f'<td class="name" title="{_e(row["name"])}">{_e(row["name"])}</td>'
            f'<td class="tier">{_e(tier)}</td>'
            f'<td class="score">{_e(fmt.number(row["score"]))}</td>'
            f'<td class="state {cls}">{state}</td></tr>'
        )
    head = "".join(
        f"<th>{_e(t(key, lang))}</th>"
        for key in ("col.rank", "col.name", "col.tier", "col.score", "col.status")
    )
    return (
        '<table class="ranking"><colgroup><col class="rank"><col class="name"><col class="tier">'
        f'<col class="score"><col class="state"></colgroup><tr>{head}</tr>{"".join(rows)}</table>'
    )


def _trend(model: Model, lang: Lang) -> str:
    if len(model.trend_labels) < 2:
        return f'<p class="empty">{_e(t("no_data", lang))}</p>'
    legend = "".join(
        f'<span class="key"><i style="background:{colour}"></i>{_e(t(f"kpi.{key}", lang))}</span>'
        for colour, key in zip(TREND_COLOURS, model.trend, strict=False)
    )
    return f'<div class="legend">{legend}</div><div class="chart" data-chart="trend"></div>'


def _trend_data(model: Model) -> dict | None:
    """What the script needs to draw the trend: axis labels and each line's values."""
    if len(model.trend_labels) < 2:
        return None
    series = []
    for colour, found in zip(TREND_COLOURS, model.trend.values(), strict=False):
        values = [None if v is None or v != v else float(v) for v in found]
        last = next((v for v in reversed(values) if v is not None), None)
        series.append(
            {
                "colour": colour,
                "values": [None if v is None else round(v, 6) for v in values],
                "end": fmt.percent(last) if last is not None else None,
            }
        )
    return {
        "years": [year for year, _quarter in model.trend_axis],
        "quarters": [quarter for _year, quarter in model.trend_axis],
        "ticks": [[v, fmt.percent(v, digits=0)] for v in TREND_TICKS],
        "series": series,
    }


def scale(regions: list[MapRegion]) -> tuple[float, float] | None:
    """The lowest and highest value on the map: both the shading and its legend span them, so
    close figures still look different and the legend says what each shade means."""
    shown = [r.value for r in regions if r.value is not None]
    return (min(shown), max(shown)) if shown else None


def shade(value: float | None, low: float, high: float) -> str:
    """The map's colour for `value` on the scale from `low` (dark) to `high` (bright)."""
    if value is None:
        return SHADE_MISSING
    f = 1.0 if high <= low else max(0.0, min(1.0, (value - low) / (high - low)))
    return "#" + "".join(
        f"{round(a + (b - a) * f):02X}" for a, b in zip(SHADE_LOW, SHADE_HIGH, strict=True)
    )


def legend_stops(low: float, high: float) -> list[float]:
    """Values printed along the legend: evenly spaced from low to high, as many as still read
    differently (one when every region has the same value)."""
    for count in range(LEGEND_STOPS, 1, -1):
        stops = [low + (high - low) * i / (count - 1) for i in range(count)]
        if len({fmt.percent(v) for v in stops}) == count:
            return stops
    return [high]


def _map(model: Model, lang: Lang) -> str:
    width, height = model.map_size
    span = scale(model.map_regions)
    low, high = span or (0.0, 1.0)
    shapes = "".join(
        f'<path d="{r.shape.path}" fill="{shade(r.value, low, high)}" fill-rule="evenodd" '
        f'data-code="{_e(r.shape.code)}" data-value="{"" if r.value is None else r.value}">'
        f"<title>{_e(r.name)} {_e(fmt.percent(r.value))}</title></path>"
        for r in model.map_regions
    )
    return (
        f'<div class="mapwrap"><div class="mapbox"><svg class="map" viewBox="0 0 {width} '
        f'{height}" preserveAspectRatio="xMidYMid meet">{shapes}</svg>'
        f'<div class="maplabels"></div></div><div class="maplegend">'
        f"<h3>{_e(t('kpi.rooms.village_coverage', lang))}</h3>{_legend(model, lang)}</div></div>"
    )


def _legend(model: Model, lang: Lang) -> str:
    span = scale(model.map_regions)
    missing = (
        f'<div class="nodata"><i style="background:{SHADE_MISSING}"></i>'
        f"<span>{_e(t('no_data', lang))}</span></div>"
        if any(r.value is None for r in model.map_regions)
        else ""
    )
    if span is None:
        return missing
    low, high = span
    stops = legend_stops(low, high)
    if len(stops) == 1:
        return (
            f'<div class="nodata"><i style="background:{shade(high, low, high)}"></i>'
            f"<span>{_e(fmt.percent(high))}</span></div>{missing}"
        )
    labels = "".join(
        f'<span style="bottom:{(v - low) / (high - low) * 100:.2f}%">{_e(fmt.percent(v))}</span>'
        for v in stops
    )
    return (
        f'<div class="scale"><div class="ramp" data-low="{low}" data-high="{high}" '
        f'data-low-colour="{shade(low, low, high)}" data-high-colour="{shade(high, low, high)}" '
        f'style="background:linear-gradient(to top,{shade(low, low, high)},'
        f'{shade(high, low, high)})"></div><div class="stops">{labels}</div></div>{missing}'
    )


def _map_data(model: Model) -> dict | None:
    """Each region's label for the script to place: name, value and the places it may go
    (map units), best first."""
    if not model.map_regions:
        return None
    return {
        "labels": [
            {
                "name": r.name,
                "value": fmt.percent(r.value),
                "anchors": [list(a) for a in r.shape.anchors],
                "area": round(r.shape.area, 1),
            }
            for r in model.map_regions
        ]
    }


# The page: markup, styles and script, with {{ slot }} markers filled in one pass, so nothing
# inserted is ever read again as a marker, and nothing is formatted into the script.
_PAGE = Path(__file__).with_name("screen.html").read_text(encoding="utf-8").split("\n", 1)[1]
_SLOT = re.compile(r"\{\{ (\w+) \}\}")
