"""KPI values as plain Python: what the JSON, the pages and the comparisons hold."""

from __future__ import annotations

import math


def plain(value: object) -> int | float | None:
    """A number as plain Python: missing (None, NaN, pandas' NA) is None and numpy scalars
    become Python numbers."""
    if value is None or type(value).__name__ == "NAType":  # pandas.NA, without importing pandas
        return None
    if hasattr(value, "item"):
        value = value.item()  # a numpy scalar
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, int | float):
        return value
    raise TypeError(f"not a KPI value: {value!r}")
