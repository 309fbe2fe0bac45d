"""Exports the way analysts write them: Chinese headers and labels, for templates and tests."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from xieshang import export
from xieshang.contract.aliases import HEADER_ALIASES, TABLE_ALIASES, VALUE_LABELS
from xieshang.contract.tables import table
from xieshang.paths import DEMO_DIR


def chinese_header(table_name: str, column: str) -> str:
    return HEADER_ALIASES[table_name][column][0]


def _label(table_name: str, column: str, value: object) -> object:
    labels = VALUE_LABELS.get(f"{table_name}.{column}") or VALUE_LABELS.get(column)
    if labels is None or value is None:
        return value
    return labels[str(value)][0]


def to_chinese(table_name: str, data: pa.Table) -> pd.DataFrame:
    """A contract table with Chinese headers, Chinese enum labels and 是/否 for booleans."""
    spec = table(table_name)
    frame = pd.DataFrame()
    for column in spec.columns:
        values = data.column(column.name).to_pylist()
        shown: list[object]
        if column.type == "bool":
            shown = ["是" if v else "否" if v is not None else None for v in values]
        elif column.type == "date":
            shown = [v.isoformat() if v is not None else None for v in values]
        elif column.enum:
            shown = [_label(table_name, column.name, v) for v in values]
        else:
            shown = values
        series = pd.Series(shown, dtype="Int64" if column.type == "int" else object)
        frame[chinese_header(table_name, column.name)] = series
    return frame


def template(table_name: str) -> pd.DataFrame:
    """An empty template: every column with its Chinese header, and one example row."""
    example = pq.read_table(DEMO_DIR / f"{table_name}.parquet").slice(0, 1)
    return to_chinese(table_name, example)


def template_csv(table_name: str) -> bytes:
    return export.to_csv(template(table_name))


def template_xlsx(table_name: str) -> bytes:
    return export.to_xlsx(template(table_name), TABLE_ALIASES[table_name][0])
