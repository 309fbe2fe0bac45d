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

from xieshang.kpis.targets import Status

_shared = st.cache_resource(show_spinner=False, max_entries=512)

# Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
STATUS_COLOURS: dict[str, str] = {"met": "#009E73", "near": "#E69F00", "missed": "#D55E00"}
STATUS_SYMBOLS: dict[str, str] = {"met": "✔", "near": "◐", "missed": "✖"}
NEUTRAL = "#0072B2"
FONT = "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"

PNG_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}


def _layout(fig: go.Figure, title: str, height: int = 380) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}},
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
    """Horizontal bars, one per region, coloured by target status (with a symbol in the label)."""
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
            y=list(names),
            x=shown,
            orientation="h",
            marker_color=colours,
            text=labels,
            textposition="outside",
            customdata=list(codes),
            cliponaxis=False,
            hovertemplate="%{y}<br>" + value_label + ": %{text}<extra></extra>",
        )
    )
    if target is not None:
        fig.add_vline(
            x=target * 100 if is_rate else target,
            line_dash="dash",
            line_color="#555555",
            annotation_text=target_label,
            annotation_position="top",
        )
    fig.update_yaxes(autorange="reversed")
    if is_rate:
        fig.update_xaxes(ticksuffix="%", range=[0, 110])
    return _layout(fig, title, height=max(260, 60 + 28 * len(names)))


@_shared
def funnel(stages: Sequence[str], values: Sequence[int], title: str) -> go.Figure:
    fig = go.Figure(
        go.Funnel(
            y=list(stages),
            x=list(values),
            texttemplate="%{value:,}<br>%{percentInitial:.1%}",
            marker={"color": list(PALETTE[: len(stages)])},
            hovertemplate="%{y}: %{x:,}<extra></extra>",
        )
    )
    return _layout(fig, title)


@_shared
def lines(
    x: Sequence,
    series: dict[str, Sequence[float | None]],
    title: str,
    is_rate: bool,
    target: float | None = None,
    target_label: str = "",
) -> go.Figure:
    fig = go.Figure()
    for name, values in series.items():
        shown = [None if v is None else (v * 100 if is_rate else v) for v in values]
        fig.add_trace(
            go.Scatter(
                x=list(x),
                y=shown,
                mode="lines+markers",
                name=name,
                hovertemplate=name + ": %{y:.1f}" + ("%" if is_rate else "") + "<extra></extra>",
            )
        )
    if target is not None:
        fig.add_hline(
            y=target * 100 if is_rate else target,
            line_dash="dash",
            line_color="#555555",
            annotation_text=target_label,
        )
    if is_rate:
        fig.update_yaxes(ticksuffix="%")
    return _layout(fig, title)


@_shared
def bars(
    x: Sequence, series: dict[str, Sequence[float]], title: str, stacked: bool = False
) -> go.Figure:
    fig = go.Figure(
        [
            go.Bar(
                x=list(x), y=list(values), name=name, hovertemplate=name + ": %{y:,}<extra></extra>"
            )
            for name, values in series.items()
        ]
    )
    fig.update_layout(barmode="stack" if stacked else "group")
    return _layout(fig, title)


@_shared
def donut(labels: Sequence[str], values: Sequence[int], title: str) -> go.Figure:
    fig = go.Figure(
        go.Pie(
            labels=list(labels),
            values=list(values),
            hole=0.5,
            sort=False,
            texttemplate="%{label}<br>%{percent:.1%}",
            textposition="outside",
            marker={"colors": list(PALETTE)},
            hovertemplate="%{label}: %{value:,} (%{percent})<extra></extra>",
        )
    )
    return _layout(fig, title)
