"""Tables as files officials open in Excel: CSV in UTF-8 with BOM, and XLSX."""

from __future__ import annotations

import io
from collections.abc import Mapping

import pandas as pd

# A cell starting with one of these is read by spreadsheet programs as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as formulas, prefixed with ' so they stay text.

    Numbers are left alone: -3 is a number, not a formula.
    """
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            out[column] = values.map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_STARTS) else v
            )
    return out


def to_csv(frame: pd.DataFrame) -> bytes:
    # The BOM makes Excel on Windows read the file as UTF-8 instead of GBK.
    return neutralise(frame).to_csv(index=False).encode("utf-8-sig")


def to_xlsx(
    frame: pd.DataFrame,
    sheet: str = "data",
    fills: Mapping[tuple[int, str], str] | None = None,
) -> bytes:
    """The frame as a workbook; `fills` colours cells, by (row position, column) to an RGB hex
    colour such as "FFC7CE" (a status shown in colour, beside its symbol and word)."""
    from openpyxl.styles import PatternFill

    buffer = io.BytesIO()
    name = sheet[:31]
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        neutralise(frame).to_excel(writer, index=False, sheet_name=name)
        if fills:
            cells = writer.sheets[name]
            position = {column: i + 1 for i, column in enumerate(frame.columns)}
            for (row, column), colour in fills.items():
                fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
                cells.cell(row=row + 2, column=position[column]).fill = fill
    return buffer.getvalue()
