"""Charts on a page: shown with a PNG download in their toolbar, bars per region with their
target, parts of a whole; clicking a region drills into it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from xieshang import format as fmt
from xieshang.kpis import registry
from xieshang.kpis.registry import Suggestions
from xieshang.web import charts
from xieshang.web.charts import PNG_CONFIG
from xieshang.web.frame import empty
from xieshang.web.url import go_to_region
from xieshang.web.view import View


def chart(fig, key: str, drill: bool = False) -> str | None:
    """Show a figure (PNG download in its toolbar); with `drill`, return the region clicked."""
    if not drill:
        st.plotly_chart(fig, width="stretch", config=PNG_CONFIG, key=key)
        return None
    event = st.plotly_chart(
        fig, width="stretch", config=PNG_CONFIG, key=key, on_select="rerun", selection_mode="points"
    )
    selection = event.get("selection") if isinstance(event, Mapping) else None
    points = selection.get("points", []) if isinstance(selection, Mapping) else []
    for point in points:
        custom = point.get("customdata")
        if isinstance(custom, list):
            custom = custom[0] if custom else None
        if isinstance(custom, str):
            return custom
    return None


def drill_to(code: str | None) -> None:
    if code:
        go_to_region(code)
        st.rerun()


def rate_bars(
    v: View,
    names: Sequence[str],
    values: Sequence[float | None],
    codes: Sequence[str],
    kpi: str,
    title_key: str,
    key: str,
    level: str | None = None,
    drill: bool = False,
) -> None:
    """One rate per region (or level) as bars, with its target line and status; clicking a
    bar drills into that region when `drill`."""
    values = [None if x is None or x != x else float(x) for x in values]
    target = v.target(kpi, level=level)
    figure = charts.bar_by_region(
        names,
        values,
        codes,
        v.t(title_key),
        v.t(f"kpi.{kpi}"),
        True,
        target.value if target else None,
        [target.status(x) if target else None for x in values],
        v.t("target", value=fmt.percent(target.value, 0)) if target else "",
    )
    clicked = chart(figure, key=key, drill=drill)
    if drill:
        drill_to(clicked)


def children_bars(v: View, children: pd.DataFrame, kpi: str, title_key: str, key: str) -> None:
    """The children of the region on one rate, clickable to drill down."""
    rate_bars(
        v,
        list(children["name"]),
        list(children[kpi]),
        list(children["region_code"]),
        kpi,
        title_key,
        key,
        level=v.child_level(),
        drill=True,
    )


# The funnel's stages after the first: the rates whose parts they are (the registry says each
# rate's part and base: filed ÷ submitted, concluded ÷ filed, 采纳或部分采纳 ÷ concluded).
FUNNEL_RATES = (
    "suggestions.filing_rate",
    "suggestions.conclusion_rate",
    "suggestions.adoption_rate",
)


def suggestion_funnel(v: View, suggestions: Suggestions, key: str) -> None:
    """Submitted → filed → concluded → adopted, each stage labelled with the tile's rate and
    its base (采纳率 is over concluded suggestions, not submitted ones)."""
    rates = [registry.get(rate) for rate in FUNNEL_RATES]
    first = f"suggestions.{rates[0].whole}"
    stages = [v.t(f"kpi.{first}")] + [v.t(f"kpi.suggestions.{r.part}") for r in rates]
    values = [suggestions[rates[0].whole or ""]] + [suggestions[r.part or ""] for r in rates]
    notes = [""] + [
        v.t(
            "adoption.funnel_rate",
            rate=v.t(f"kpi.{r.key}"),
            value=fmt.percent(suggestions[r.name]),
            base=v.t(f"kpi.suggestions.{r.whole}"),
        )
        for r in rates
    ]
    chart(charts.funnel(stages, values, notes, v.t("adoption.funnel")), key=key)


def shares(
    v: View,
    frame: pd.DataFrame,
    label: str,
    value: str,
    label_prefix: str,
    title_key: str,
    key: str,
    empty_key: str,
    colours: dict[str, str] | None = None,
) -> None:
    """Parts of a whole as a donut (room types, posting modes …), or why there is none; a
    missing label is `<label_prefix>.none`, and `colours` may give each label its colour."""
    if frame.empty:
        empty(v, empty_key)
        return
    names = [x if isinstance(x, str) and x else "none" for x in frame[label]]
    labels = [v.t(f"{label_prefix}.{x}") for x in names]
    palette = [colours[x] for x in names] if colours else None
    chart(charts.donut(labels, list(frame[value]), v.t(title_key), palette), key=key)
