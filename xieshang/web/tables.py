"""Tables as officials read them (Chinese headers and labels, rates as percentages), with CSV and
Excel downloads, drill-down by row, and counts that open onto the rows behind them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from xieshang import export as exporting
from xieshang.i18n import MESSAGES
from xieshang.web.view import View


@dataclass(frozen=True)
class Col:
    """How a column is shown: its header key, and whether it is a rate, an enum, a flag."""

    name: str
    kind: str = "text"  # text | count | rate | date | flag | enum:<prefix> | score
    header: str | None = None
    help: str | None = None

    @classmethod
    def kpi(cls, name: str, kind: str) -> Col:
        """A KPI column (`block.key`): its catalogue label and its definition as help."""
        return cls(name, kind, f"kpi.{name}", f"def.{name}")


def display_frame(v: View, frame: pd.DataFrame, columns: Sequence[Col]) -> pd.DataFrame:
    """Values and headers as officials read them: Chinese labels, rates as percentages."""
    out = pd.DataFrame(index=frame.index)
    for col in columns:
        values = frame[col.name]
        header = _header(v, col)
        if col.kind == "rate":
            out[header] = (values.astype("float64") * 100).round(1)
        elif col.kind == "flag":
            out[header] = values.map(lambda x: v.t("yes") if bool(x) else v.t("no"))
        elif col.kind.startswith("enum:"):
            prefix = col.kind.split(":", 1)[1]
            out[header] = values.map(lambda x, p=prefix: _enum(v, p, x))
        elif col.kind == "date":
            out[header] = pd.to_datetime(values).dt.date
        else:
            out[header] = values
    return out


def _header(v: View, col: Col) -> str:
    base = v.t(col.header) if col.header else v.t(f"col.{col.name}")
    return f"{base}(%)" if col.kind == "rate" else base


def _enum(v: View, prefix: str, value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return v.t(f"{prefix}.none") if f"{prefix}.none" in MESSAGES else ""
    key = f"{prefix}.{value}"
    return v.t(key) if key in MESSAGES else str(value)


def table(
    v: View,
    frame: pd.DataFrame,
    columns: Sequence[Col],
    key: str,
    filename: str,
    drill: bool = False,
    total: int | None = None,
    height: int | str = "auto",
) -> str | None:
    """A table with CSV/XLSX downloads; with `drill`, clicking a row returns its region."""
    shown = display_frame(v, frame, columns)
    config: dict[str, object] = {}
    for col in columns:
        header = _header(v, col)
        help_text = v.t(col.help) if col.help in MESSAGES else None
        if col.kind == "rate":
            config[header] = st.column_config.ProgressColumn(
                header, min_value=0, max_value=100, format="%.1f%%", help=help_text
            )
        elif col.kind == "count":
            config[header] = st.column_config.NumberColumn(
                header, format="localized", help=help_text
            )
        elif col.kind == "score":
            config[header] = st.column_config.NumberColumn(header, format="%.1f", help=help_text)
        elif help_text:
            config[header] = st.column_config.Column(header, help=help_text)
    count = total if total is not None else len(frame)
    if count > len(frame):
        st.caption(v.t("rows_capped", count=f"{count:,}", shown=f"{len(frame):,}"))
    else:
        st.caption(v.t("rows_shown", count=f"{count:,}"))
    event = st.dataframe(
        shown,
        hide_index=True,
        column_config=config,
        width="stretch",
        height=height,
        key=f"{key}_{v.region.code}_{v.scope.date_from}_{v.scope.date_to}" if drill else key,
        on_select="rerun" if drill else "ignore",
        selection_mode="single-row" if drill else "multi-row",
    )
    # Files are built only when clicked (deferred data): an Excel file of 5,000 rows costs
    # about a second, far too much to pay on every rerun.
    with st.container(horizontal=True, gap="small"):
        st.download_button(
            v.t("download.csv"),
            lambda: exporting.to_csv(shown),
            f"{filename}.csv",
            "text/csv",
            key=f"{key}_csv",
            icon=":material/download:",
        )
        st.download_button(
            v.t("download.xlsx"),
            lambda: exporting.to_xlsx(shown, filename),
            f"{filename}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"{key}_xlsx",
            icon=":material/download:",
        )
    if drill and event and event.selection.rows:
        return str(frame.iloc[event.selection.rows[0]]["region_code"])
    return None


def rows_behind(
    v: View, label: str, count: int | None, render: Callable[[], None], key: str
) -> None:
    """A count that opens onto the rows behind it (`count` None: not known until opened).

    The rows are queried only when opened: at national scale a list can run to hundreds of
    thousands of rows, which no page should compute or send unasked.
    """
    title = label if count is None else f"{label}（{count:,}）"
    with st.expander(title, key=key, on_change="rerun") as box:
        if box.open:
            render()


def total_rows(frame: pd.DataFrame) -> int:
    """How many rows a capped list holds in all (its total_rows column; see queries/)."""
    return int(frame["total_rows"].iat[0]) if len(frame) else 0
