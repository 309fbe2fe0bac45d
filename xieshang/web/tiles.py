"""KPI tiles: the figure, 同比 and 环比 the way officials read them, the target status in colour,
symbol and word, and the definition (口径) one click away."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from xieshang import format as fmt
from xieshang.i18n import MESSAGES
from xieshang.kpis import targets as targeting
from xieshang.web.view import View

STATUS_MARKDOWN = {"met": ":green[{}]", "near": ":orange[{}]", "missed": ":red[{}]"}


def value_text(key: str, value: float | None) -> str:
    return fmt.kpi(key, value)


def change_text(v: View, key: str, now: float | None, before: float | None) -> str | None:
    """A change the way officials read it: rates in percentage points, counts in percent."""
    if now is None or before is None:
        return None
    if fmt.is_rate(key):
        return f"{(now - before) * 100:+.1f} {v.t('points')}"
    if before == 0:
        return None
    return f"{(now - before) / before * 100:+.1f}%"


def status_text(v: View, status: str | None, target: targeting.Target | None) -> str:
    if status is None or target is None:
        return ""
    shown = fmt.kpi(target.kpi, target.value)
    return (
        STATUS_MARKDOWN[status].format(v.t(f"status.{status}")) + " " + v.t("target", value=shown)
    )


TILES_PER_ROW = 4


def tiles(
    v: View, items: Sequence[tuple[str, str]], now: dict, year_ago: dict, before: dict
) -> None:
    """KPI tiles: value, 同比 as the delta, then 环比 and the target status beneath."""
    for start in range(0, len(items), TILES_PER_ROW):
        row = items[start : start + TILES_PER_ROW]
        for column, (block, key) in zip(st.columns(TILES_PER_ROW), row, strict=False):
            with column:
                _tile(v, block, key, now, year_ago, before)


def _tile(v: View, block: str, key: str, now: dict, year_ago: dict, before: dict) -> None:
    value = now[block][key]
    target = v.target(f"{block}.{key}")
    status = target.status(value) if target else None
    yoy = change_text(v, key, value, year_ago[block][key])
    pop = change_text(v, key, value, before[block][key])
    unchanged = yoy is not None and yoy.lstrip("+-").startswith(("0.0 ", "0.0%"))
    colour = (
        "off"
        if unchanged
        else ("inverse" if target is not None and not target.higher_is_better else "normal")
    )
    help_text = v.t(f"def.{block}.{key}") if f"def.{block}.{key}" in MESSAGES else None
    if key == "adoption_rate" and v.codebook_name:
        help_text = f"{help_text}（{v.t('codebook_line', name=v.codebook_name)}）"
    st.metric(
        v.t(f"kpi.{block}.{key}"),
        value_text(key, value),
        # the sign leads: Streamlit picks the arrow from the delta's first character
        delta=f"{yoy} {v.t('yoy')}" if yoy else None,
        delta_color=colour,
        help=help_text,
        border=True,
    )
    line = f"{v.t('pop')} {pop}" if pop else f"{v.t('pop')} {v.t('change.none')}"
    extra = status_text(v, status, target)
    st.caption(line + (f" · {extra}" if extra else ""))
