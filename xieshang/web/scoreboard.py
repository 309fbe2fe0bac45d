"""The 评分表 page's pieces: the weights and the small-number guard, sorting and filtering, the
scorecard in colour with its average and target lines, its files, and the thirds."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st

from xieshang import export
from xieshang.i18n import MESSAGES
from xieshang.kpis import pacing, scorecard
from xieshang.kpis.scorecard import Row, Scorecard
from xieshang.web import downloads, tables
from xieshang.web.text import md
from xieshang.web.view import View

# Cell colours on screen (the same states as the files' fills, a shade stronger on white).
COLOURS = {state: f"#{fill}" for state, fill in scorecard.FILLS.items()}


def controls(v: View) -> tuple[dict[str, float], int]:
    """The score's weights (visible, adjustable: 0 leaves a column out) and the smallest n a
    rate is scored from."""
    weights: dict[str, float] = {}
    with st.expander(v.t("control.weights"), expanded=False):
        st.caption(v.t("scorecard.weights_note"))
        columns = st.columns(4)
        for i, (key, default) in enumerate(scorecard.DEFAULT_WEIGHTS.items()):
            with columns[i % 4]:
                weights[key] = st.number_input(
                    v.t(f"kpi.{key}"),
                    min_value=0.0,
                    max_value=10.0,
                    value=default,
                    step=0.5,
                    key=f"scorecard_weight_{key.replace('.', '_')}",
                )
        min_n = st.number_input(
            v.t("scorecard.min_n"),
            min_value=0,
            max_value=1000,
            value=scorecard.MIN_N,
            step=1,
            key="scorecard_min_n",
            help=v.t("scorecard.min_n_help"),
        )
    return weights, int(min_n)


def sort_and_filter(v: View, card: Scorecard) -> list[Row]:
    """The rows as the official asks: sorted by any column, all or only those below the
    average or failing a target."""
    left, right = st.columns([2, 3])
    options = ["score", "name", *card.columns]
    sort = left.selectbox(
        v.t("scorecard.sort"),
        options,
        key="scorecard_sort",
        format_func=lambda k: v.t(f"col.{k}") if k in ("score", "name") else v.t(f"kpi.{k}"),
    )
    which = right.segmented_control(
        v.t("scorecard.filter"),
        list(scorecard.FILTERS),
        default="all",
        key="scorecard_filter",
        format_func=lambda f: v.t(f"scorecard.filter_{f}"),
    )
    rows = card.sorted_by(sort)
    return card.filtered(rows, which or "all", sort)


def show(v: View, card: Scorecard, rows: Sequence[Row]) -> None:
    """The scorecard in colour (symbol and word in each cell too), then its files."""
    headers = card.headers(v.lang)
    if not rows:
        st.info(v.t("scorecard.none_left"), icon=":material/filter_alt_off:")
    table = pd.DataFrame(card.table(v.lang, rows), columns=headers)
    styles = pd.DataFrame("", index=table.index, columns=table.columns)
    for i, row in enumerate(rows):
        for key, header in zip(card.columns, headers[4:], strict=True):
            state = row.cells[key].state
            if state is not None:
                styles.iat[i, headers.index(header)] = (
                    f"background-color: {COLOURS[state]}; color: #000"
                )
    for i in range(len(rows), len(table)):
        styles.iloc[i, :] = "font-weight: bold; color: #333"
    config: dict[str, Any] = {
        header: st.column_config.TextColumn(
            v.t(f"short.{key}") if f"short.{key}" in MESSAGES else header,
            help=md(v.t(f"def.{key}")),
        )
        for key, header in zip(card.columns, headers[4:], strict=True)
    }
    st.dataframe(
        table.style.apply(lambda _: styles, axis=None),
        hide_index=True,
        width="stretch",
        column_config=config,
        key="scorecard_table",
    )
    st.caption(v.t("scorecard.legend"))
    what = v.t("file.scorecard")
    name = tables.download_name(v, what)
    colour_fills = scorecard.frame(card, v.lang, rows)
    with st.container(horizontal=True, gap="small"):
        downloads.button(
            v,
            v.t("download.csv"),
            lambda: export.to_csv(colour_fills[0]),
            f"{name}.csv",
            "text/csv",
            key="scorecard_csv",
        )
        downloads.button(
            v,
            v.t("download.xlsx"),
            lambda: scorecard.to_xlsx(card, v.lang, rows),
            f"{name}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="scorecard_xlsx",
        )


def thirds(v: View, card: Scorecard) -> None:
    """前三分之一 praised, 后三分之一 supervised: who is in each, and what holds the bottom back."""
    top = [r for r in card.rows if r.tier == "top"]
    bottom = [r for r in card.rows if r.tier == "bottom"]
    unranked = [r for r in card.rows if r.rank is None]
    separator = v.t("list_separator")
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{v.t('scorecard.praise')}**")
        st.caption(md(separator.join(r.name for r in top) or v.t("scorecard.nobody")))
    with right:
        st.markdown(f"**{v.t('scorecard.supervise')}**")
        for row in bottom:
            failing = [
                v.t(f"kpi.{key}")
                for key, cell in row.cells.items()
                if cell.state in pacing.FAILING and not cell.small
            ]
            text = row.name + (f"：{separator.join(failing)}" if failing else "")
            st.caption(md(text))
        if not bottom:
            st.caption(v.t("scorecard.nobody"))
    if unranked:
        st.caption(
            md(v.t("scorecard.unranked_note", names=separator.join(r.name for r in unranked)))
        )
