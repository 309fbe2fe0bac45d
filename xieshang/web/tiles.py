"""KPI tiles: the figure, 同比 and 环比 the way officials read them (each saying what it compares
with, and only where it means something), the target status in colour, symbol and word, and
the definition (口径) one click away."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import streamlit as st

from xieshang.kpis import periods, registry
from xieshang.kpis import targets as targeting
from xieshang.kpis.metrics import Figures
from xieshang.web.text import md
from xieshang.web.view import View

STATUS_MARKDOWN = {"met": ":green[{}]", "near": ":orange[{}]", "missed": ":red[{}]"}


def value_text(key: str, value: float | None) -> str:
    """A KPI (`block.name`) as officials read it."""
    return registry.shown(key, value)


def change_text(v: View, key: str, now: float | None, before: float | None) -> str | None:
    """A change the way officials read it: rates in percentage points, counts in percent, and
    持平 when it rounds to nothing (never "+0.0" with an up arrow); None without a base."""
    if now is None or before is None:
        return None
    if registry.is_rate(key):
        change = f"{(now - before) * 100:+.1f}"
        unit = f" {v.t('points')}"
    elif before == 0:
        return v.t("change.flat") if now == 0 else None
    else:
        change = f"{(now - before) / before * 100:+.1f}"
        unit = "%"
    if float(change) == 0:
        return v.t("change.flat")
    return change + unit


def compared_with(v: View, kind: str, start, end) -> str:
    """'同比（较2024年）': which comparison, and with which period."""
    return v.t("change.compared", kind=v.t(kind), period=periods.label(start, end, v.lang))


def status_text(v: View, status: str | None, target: targeting.Target | None) -> str:
    if status is None or target is None:
        return ""
    shown = registry.shown(target.kpi, target.value)
    text = STATUS_MARKDOWN[status].format(v.t(f"status.{status}"))
    text += " " + v.t("target", value=shown)
    if target.source:
        # where the target comes from: a file name or 文号 someone typed, shown as text
        text += " " + md(v.t("target.source", source=target.source))
    return text


TILES_PER_ROW = 4


def tiles(
    v: View,
    items: Sequence[tuple[str, str]],
    now: Figures,
    year_ago: Figures,
    before: Figures | None,
) -> None:
    """KPI tiles: value, 同比 as the delta, then 环比 (`before`; None on a yearly view, where it
    would repeat 同比) and the target status beneath."""
    for start in range(0, len(items), TILES_PER_ROW):
        row = items[start : start + TILES_PER_ROW]
        for column, (block, key) in zip(st.columns(TILES_PER_ROW), row, strict=False):
            with column:
                _tile(v, block, key, now, year_ago, before)


def _tile(
    v: View, block: str, name: str, now: Figures, year_ago: Figures, before: Figures | None
) -> None:
    key = f"{block}.{name}"
    value = now.value(key)
    target = v.target(key)
    status = target.status(value) if target else None
    start, end = v.scope.date_from, v.scope.date_to
    yoy = change_text(v, key, value, year_ago.value(key))
    flat = yoy == v.t("change.flat")
    colour: Literal["off", "inverse", "normal"] = (
        "off"
        if flat
        else ("inverse" if target is not None and not target.higher_is_better else "normal")
    )
    help_text = v.t(f"def.{key}")  # every KPI has its 口径 (the registry's test says so)
    if key == "suggestions.adoption_rate" and v.codebook_name:
        help_text = f"{help_text}（{v.t('codebook_line', name=v.codebook_name)}）"
    st.metric(
        v.t(f"kpi.{key}"),
        value_text(key, value),
        delta=yoy,
        delta_color=colour,
        delta_arrow="off" if flat else "auto",
        delta_description=(
            compared_with(v, "yoy", *periods.year_earlier(start, end)) if yoy else None
        ),
        help=md(help_text),
        border=True,
    )
    parts = []
    if before is not None:
        pop = change_text(v, key, value, before.value(key))
        if pop is not None:
            parts.append(f"{compared_with(v, 'pop', *periods.previous(start, end))} {pop}")
    extra = status_text(v, status, target)
    if extra:
        parts.append(extra)
    if parts:
        st.caption(" · ".join(parts))
