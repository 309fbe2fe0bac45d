"""Tables as officials read them (Chinese headers and labels, rates as percentages), with CSV and
Excel downloads, drill-down by row, and counts that open onto the rows behind them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd
import streamlit as st

from xieshang import export as exporting
from xieshang import format as fmt
from xieshang.web import downloads
from xieshang.web.text import file_name, md
from xieshang.web.view import View


@dataclass(frozen=True)
class Col:
    """How a column is shown: its header key, and whether it is a rate, an enum, a flag."""

    name: str
    kind: str = "text"  # text | count | rate | date | flag | enum:<prefix> | score
    header: str | None = None
    help: str | None = None
    # A shorter header for the screen only (the files keep the full one), where a table of
    # many rates would otherwise not fit.
    short: str | None = None

    @classmethod
    def kpi(cls, name: str, kind: str, short: bool = False) -> Col:
        """A KPI column (`block.key`): its catalogue label and its definition as help."""
        return cls(name, kind, f"kpi.{name}", f"def.{name}", f"short.{name}" if short else None)


def display_frame(v: View, frame: pd.DataFrame, columns: Sequence[Col]) -> pd.DataFrame:
    """Values and headers as officials read them: Chinese labels, rates as percentages."""
    # Built as one frame from its columns: inserting them one by one cost a page render more
    # than its cached queries did.
    out: dict[str, pd.Series] = {}
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
    return pd.DataFrame(out, index=frame.index)


def _header(v: View, col: Col) -> str:
    """The column's header in the files: rates carry their unit, (%)."""
    base = v.t(col.header) if col.header else v.t(f"col.{col.name}")
    return f"{base}(%)" if col.kind == "rate" else base


def _label(v: View, col: Col) -> str:
    """The column's header on screen, as narrow as it can be: rates show their % in the cells."""
    if col.short:
        return v.t(col.short)
    return v.t(col.header) if col.header else v.t(f"col.{col.name}")


# Enums whose missing value has words of its own (未评价); the others show nothing.
_NONE_LABELLED = frozenset({"satisfaction"})


def _enum(v: View, prefix: str, value: object) -> str:
    """An enum value's label: strict, every value of the contract's enums has one (a test
    checks the families are complete), so a raw code never reaches a page."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return v.t(f"{prefix}.none") if prefix in _NONE_LABELLED else ""
    return v.t(f"{prefix}.{value}")


# A progress column takes 150 px by default whatever its header, so a table of rates ran past
# the screen's edge; as wide as its header (CJK ~14 px, Latin ~8 px at the grid's font, plus
# padding) is enough for a bar and "100.0%".
_PROGRESS_MIN_PX = 100


def _progress_width(label: str) -> int:
    return max(_PROGRESS_MIN_PX, 28 + sum(14 if fmt.width(c) == 2 else 8 for c in label))


def table(
    v: View,
    frame: pd.DataFrame,
    columns: Sequence[Col],
    key: str,
    contents: str,
    drill: bool = False,
    total: int | None = None,
    height: int | str = "auto",
    file_columns: Sequence[Col] | None = None,
) -> str | None:
    """A table with CSV/XLSX downloads named after the region, the period and what they hold
    (`contents`: a `file.` catalogue key), e.g. 沙湾区_2023年_下级地区覆盖.xlsx; with `drill`,
    clicking a row returns its region. `file_columns` puts more columns in the files than fit
    on screen."""
    shown = display_frame(v, frame, columns)
    saved = display_frame(v, frame, file_columns) if file_columns else shown
    what = v.t(f"file.{contents}")
    filename = download_name(v, what)
    config: dict[str, object] = {}
    for col in columns:
        header, label = _header(v, col), _label(v, col)
        help_text = v.t(col.help) if col.help else None
        if col.short and help_text:
            help_text = v.t(
                "col.short_help", name=_label(v, replace(col, short=None)), help=help_text
            )
        if col.kind == "rate":
            config[header] = st.column_config.ProgressColumn(
                label,
                min_value=0,
                max_value=100,
                format="%.1f%%",
                help=help_text,
                width=_progress_width(label),
            )
        elif col.kind == "count":
            config[header] = st.column_config.NumberColumn(
                label, format="localized", help=help_text
            )
        elif col.kind == "score":
            config[header] = st.column_config.NumberColumn(label, format="%.1f", help=help_text)
        elif help_text or label != header:
            config[header] = st.column_config.Column(label, help=help_text)
    count = total if total is not None else len(frame)
    if count > len(frame):
        st.caption(v.t("rows_capped", count=f"{count:,}", shown=f"{len(frame):,}"))
    else:
        st.caption(v.t("rows_shown", count=f"{count:,}"))
    kwargs: dict[str, Any] = {
        "hide_index": True,
        "column_config": config,
        "width": "stretch",
        "height": height,
    }
    event = None
    if drill:
        # Keyed by region and period: a selection made on one view must not drill from another.
        key_here = f"{key}_{v.region.code}_{v.scope.date_from}_{v.scope.date_to}"
        event = st.dataframe(
            shown, key=key_here, on_select="rerun", selection_mode="single-row", **kwargs
        )
    else:
        st.dataframe(shown, key=key, **kwargs)
    # Files are built only when clicked (deferred data): an Excel file of 5,000 rows costs
    # about a second, far too much to pay on every rerun.
    with st.container(horizontal=True, gap="small"):
        downloads.button(
            v,
            v.t("download.csv"),
            lambda: exporting.to_csv(saved),
            f"{filename}.csv",
            "text/csv",
            key=f"{key}_csv",
        )
        downloads.button(
            v,
            v.t("download.xlsx"),
            lambda: exporting.to_xlsx(saved, what),
            f"{filename}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"{key}_xlsx",
        )
    if drill and event and event.selection.rows:
        return str(frame.iloc[event.selection.rows[0]]["region_code"])
    return None


def download_name(v: View, what: str) -> str:
    """A download's file name without its extension: region, period and contents."""
    return file_name(v.region.name, v.period_label, what)


def rows_behind(
    v: View, label: str, count: int | None, render: Callable[[], None], key: str
) -> None:
    """A count that opens onto the rows behind it (`count` None: not known until opened).

    The rows are queried only when opened: at national scale a list can run to hundreds of
    thousands of rows, which no page should compute or send unasked.
    """
    title = label if count is None else f"{label}（{count:,}）"
    with st.expander(md(title), key=key, on_change="rerun") as box:
        if box.open:
            render()


def total_rows(frame: pd.DataFrame) -> int:
    """How many rows a capped list holds in all (its total_rows column; see queries/)."""
    return int(frame["total_rows"].to_numpy()[0]) if len(frame) else 0
