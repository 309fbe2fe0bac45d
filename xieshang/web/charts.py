"""Plotly figures with one theme: the Okabe–Ito palette (safe for colour-blind readers),
titles that say what is shown, exact figures on hover, and target lines where targets exist.
Built with plotly.graph_objects: cheaper than plotly.express for small figures.

Building a figure is most of a page's re-render once its queries are cached (plotly validates
every property: 150 of 200 ms on the rooms page at national scale), so each figure is built
once per distinct input and shared: a figure is never changed after it is built.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
import streamlit as st

from xieshang.i18n import Lang
from xieshang.kpis.targets import Status
from xieshang.web.text import chart as text

_shared = st.cache_resource(show_spinner=False, max_entries=512)

# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
STATUS_COLOURS: dict[str, str] = {"met": "#009E73", "near": "#E69F00", "missed": "#D55E00"}
STATUS_SYMBOLS: dict[str, str] = {"met": "✔", "near": "◐", "missed": "✖"}
NEUTRAL = "#0072B2"
FONT = "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"

# Month ticks a chart shows at most (two-line labels ~45 px wide fit six to a phone's chart).
MONTH_TICKS = 6
# Characters of a name a tick label or legend entry shows; hover shows it whole.
LABEL_CHARS = 16

PNG_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}


def _layout(fig: go.Figure, title: str, height: int = 380) -> go.Figure:
    fig.update_layout(
        title={"text": text(title), "x": 0, "xanchor": "left", "font": {"size": 16}},
        font={"family": FONT, "size": 13},
        colorway=list(PALETTE),
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend={"orientation": "h", "y": -0.15},
        hoverlabel={"font": {"family": FONT}},
    )
    fig.update_xaxes(gridcolor="#eeeeee", zerolinecolor="#cccccc")
    fig.update_yaxes(gridcolor="#eeeeee", zerolinecolor="#cccccc")
    return fig


@_shared
def bar_by_region(
    names: Sequence[str],
    values: Sequence[float | None],
    codes: Sequence[str],
    title: str,
    value_label: str,
    is_rate: bool,
    target: float | None = None,
    statuses: Sequence[Status | None] | None = None,
    target_label: str = "",
) -> go.Figure:
    """Horizontal bars, one per region, coloured by target status (with a symbol in the label).

    Bars sit on their positions, so two regions of one name stay two bars; the tick shows the
    name (shortened), hover the whole name, and a click returns the code (`customdata[0]`).
    """
    positions = [str(i) for i in range(len(names))]
    shown = [None if v is None else (v * 100 if is_rate else v) for v in values]
    colours = [STATUS_COLOURS.get(s or "", NEUTRAL) for s in (statuses or [None] * len(values))]
    labels = [
        "—"
        if v is None
        else (f"{v:.1f}%" if is_rate else f"{v:,.0f}") + (f" {STATUS_SYMBOLS[s]}" if s else "")
        for v, s in zip(shown, statuses or [None] * len(values), strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            y=positions,
            x=shown,
            orientation="h",
            marker_color=colours,
            text=labels,
            textposition="outside",
            customdata=[[text(code), text(name)] for code, name in zip(codes, names, strict=True)],
            cliponaxis=False,
            hovertemplate="%{customdata[1]}<br>" + text(value_label) + ": %{text}<extra></extra>",
        )
    )
    if target is not None:
        fig.add_vline(
            x=target * 100 if is_rate else target,
            line_dash="dash",
            line_color="#555555",
            annotation_text=text(target_label),
            annotation_position="top",
        )
    fig.update_yaxes(
        type="category",
        autorange="reversed",
        tickmode="array",
        tickvals=positions,
        ticktext=[text(name, LABEL_CHARS) for name in names],
    )
    if is_rate:
        fig.update_xaxes(ticksuffix="%", range=[0, 110])
    return _layout(fig, title, height=max(260, 60 + 28 * len(names)))


@_shared
def funnel(
    stages: Sequence[str], values: Sequence[float | None], notes: Sequence[str], title: str
) -> go.Figure:
    """Stages with their counts and, under each, `notes` (the rate it stands for and its base:
    a funnel's own percentages are shares of the first stage, which no tile shows)."""
    fig = go.Figure(
        go.Funnel(
            y=[text(stage) for stage in stages],
            x=list(values),
            text=[
                f"{value:,}" + (f"<br>{text(note)}" if note else "")
                for value, note in zip(values, notes, strict=True)
            ],
            textinfo="text",
            marker={"color": list(PALETTE[: len(stages)])},
            hovertemplate="%{y}: %{x:,}<extra></extra>",
        )
    )
    return _layout(fig, title)


def _month_axis(fig: go.Figure, lang: Lang) -> None:
    """Months on a date axis: Plotly spaces the ticks (at most `MONTH_TICKS`, a month or a few
    apart) by the chart's width, where one category label per month overlapped at phone width;
    month over year on two lines keeps each label narrow."""
    fig.update_xaxes(
        type="date",
        nticks=MONTH_TICKS,
        tickformat="%-m月<br>%Y年" if lang == "zh" else "%b<br>%Y",
        hoverformat="%Y年%-m月" if lang == "zh" else "%b %Y",
    )


@_shared
def lines(
    x: Sequence,
    series: dict[str, Sequence[float | None]],
    title: str,
    is_rate: bool,
    target: float | None = None,
    target_label: str = "",
    months: Lang | None = None,
) -> go.Figure:
    """A line per series; with `months` (a language), x holds month starts shown as months."""
    fig = go.Figure()
    for name, values in series.items():
        shown = [None if v is None else (v * 100 if is_rate else v) for v in values]
        fig.add_trace(
            go.Scatter(
                x=list(x),
                y=shown,
                mode="lines+markers",
                name=text(name, LABEL_CHARS),
                # the name is data: passed as data, never pasted into the template
                customdata=[text(name)] * len(shown),
                hovertemplate="%{customdata}: %{y:.1f}"
                + ("%" if is_rate else "")
                + "<extra></extra>",
            )
        )
    if target is not None:
        fig.add_hline(
            y=target * 100 if is_rate else target,
            line_dash="dash",
            line_color="#555555",
            annotation_text=text(target_label),
        )
    if is_rate:
        fig.update_yaxes(ticksuffix="%")
    if months:
        _month_axis(fig, months)
    return _layout(fig, title)


@_shared
def bars(
    x: Sequence,
    series: dict[str, Sequence[float]],
    title: str,
    stacked: bool = False,
    months: Lang | None = None,
) -> go.Figure:
    """Bars per series; with `months` (a language), x holds month starts shown as months."""
    fig = go.Figure(
        [
            go.Bar(
                x=list(x),
                y=list(values),
                name=text(name),
                customdata=[text(name)] * len(values),
                hovertemplate="%{customdata}: %{y:,}<extra></extra>",
            )
            for name, values in series.items()
        ]
    )
    fig.update_layout(barmode="stack" if stacked else "group")
    if months:
        _month_axis(fig, months)
    return _layout(fig, title)


# Satisfaction in colours that read the right way: never green for 不满意.
SATISFACTION_COLOURS = {
    "satisfied": "#009E73",
    "basically_satisfied": "#56B4E9",
    "unsatisfied": "#D55E00",
    "none": "#BBBBBB",
}
# Slices smaller than this carry no text on the ring (it would not fit); the legend names
# every slice with its share.
_SLICE_TEXT_SHARE = 0.06


@_shared
def donut(
    labels: Sequence[str],
    values: Sequence[int],
    title: str,
    colours: Sequence[str] | None = None,
) -> go.Figure:
    """Parts of a whole: each share inside its slice when it fits, and in the legend always.

    Labels outside the ring collided with the title when several slices were small.
    """
    total = sum(values) or 1
    shares = [value / total for value in values]
    fig = go.Figure(
        go.Pie(
            labels=[
                f"{text(label)} {share:.1%}" for label, share in zip(labels, shares, strict=True)
            ],
            values=list(values),
            hole=0.5,
            sort=False,
            text=[f"{share:.1%}" if share >= _SLICE_TEXT_SHARE else "" for share in shares],
            textinfo="text",
            textposition="inside",
            insidetextorientation="horizontal",
            marker={"colors": list(colours or PALETTE)},
            customdata=[text(label) for label in labels],
            hovertemplate="%{customdata}: %{value:,} (%{percent})<extra></extra>",
        )
    )
    return _layout(fig, title)
