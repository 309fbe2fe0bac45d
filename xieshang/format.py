"""Numbers and dates the way officials read them: 92.3%, 12,345, 2024年3月."""

from __future__ import annotations

import unicodedata
from datetime import date

from xieshang.i18n import Lang

MISSING = "—"


def percent(value: float | None, digits: int = 1) -> str:
    return MISSING if value is None else f"{value * 100:.{digits}f}%"


def number(value: float | None) -> str:
    if value is None:
        return MISSING
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def month(day: date, lang: Lang = "zh") -> str:
    return f"{day.year}年{day.month}月" if lang == "zh" else day.strftime("%b %Y")


def day(value: date, lang: Lang = "zh") -> str:
    return f"{value.year}年{value.month}月{value.day}日" if lang == "zh" else value.isoformat()


def width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def text_table(headers: list[str], rows: list[list[str]]) -> str:
    """A plain aligned table for the terminal; numbers right-aligned, text left-aligned."""
    widths = [max(width(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        out = []
        for cell, w in zip(cells, widths, strict=True):
            pad = " " * (w - width(cell))
            numeric = cell[:1].isdigit() or cell[:1] in "-—"
            out.append(pad + cell if numeric else cell + pad)
        return "  ".join(out).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])
