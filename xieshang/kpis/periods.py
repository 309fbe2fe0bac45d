"""Reporting periods: year, quarter, month or a custom range, and the periods compared with."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Literal

from xieshang.i18n import Lang

Grain = Literal["year", "quarter", "month", "custom"]
GRAINS: tuple[Grain, ...] = ("year", "quarter", "month", "custom")


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def grain_of(start: date, end: date) -> Grain:
    """The grain a [start, end] range is exactly, or custom."""
    if start.day != 1 or end != month_end(end.year, end.month) or start.year != end.year:
        return "custom"
    months = end.month - start.month + 1
    if months == 12:
        return "year"
    if months == 3 and start.month in (1, 4, 7, 10):
        return "quarter"
    return "month" if months == 1 else "custom"


def options(grain: Grain, first: date, last: date) -> list[tuple[date, date]]:
    """Every whole period of `grain` touching [first, last], newest first."""
    out: list[tuple[date, date]] = []
    if grain == "year":
        out = [(date(y, 1, 1), date(y, 12, 31)) for y in range(first.year, last.year + 1)]
    elif grain == "quarter":
        for y in range(first.year, last.year + 1):
            for q in range(4):
                start = date(y, 3 * q + 1, 1)
                end = month_end(y, 3 * q + 3)
                if end >= first and start <= last:
                    out.append((start, end))
    elif grain == "month":
        for y in range(first.year, last.year + 1):
            for m in range(1, 13):
                start, end = date(y, m, 1), month_end(y, m)
                if end >= first and start <= last:
                    out.append((start, end))
    return out[::-1]


def months(start: date, end: date) -> list[tuple[date, date]]:
    """Each calendar month [start, end] touches, clipped to it, oldest first (a monthly trend)."""
    out: list[tuple[date, date]] = []
    first = date(start.year, start.month, 1)
    while first <= end:
        last = month_end(first.year, first.month)
        out.append((max(first, start), min(last, end)))
        first = last + timedelta(days=1)
    return out


def previous(start: date, end: date) -> tuple[date, date]:
    """The period of equal length just before (环比); whole months stay whole months."""
    grain = grain_of(start, end)
    if grain in ("year", "quarter", "month"):
        months = {"year": 12, "quarter": 3, "month": 1}[grain]
        first = _add_months(start, -months)
        return first, month_end(*_year_month(_add_months(start, -1)))
    length = (end - start).days + 1
    return start - timedelta(days=length), start - timedelta(days=1)


def year_earlier(start: date, end: date) -> tuple[date, date]:
    """The same period a year earlier (同比)."""
    return _minus_year(start), _minus_year(end)


def label(start: date, end: date, lang: Lang = "zh") -> str:
    grain = grain_of(start, end)
    if lang == "zh":
        if grain == "year":
            return f"{start.year}年"
        if grain == "quarter":
            return f"{start.year}年第{(start.month - 1) // 3 + 1}季度"
        if grain == "month":
            return f"{start.year}年{start.month}月"
        return f"{start.year}年{start.month}月{start.day}日—{end.year}年{end.month}月{end.day}日"
    if grain == "year":
        return str(start.year)
    if grain == "quarter":
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if grain == "month":
        return start.strftime("%b %Y")
    return f"{start.isoformat()} – {end.isoformat()}"


def years(start: date, end: date) -> float:
    """The period's length in years, for targets set per year."""
    return ((end - start).days + 1) / 365.25


def _minus_year(day: date) -> date:
    if day.month == 2 and day.day == 29:
        return date(day.year - 1, 2, 28)
    if day == month_end(day.year, day.month):
        return month_end(day.year - 1, day.month)
    return date(day.year - 1, day.month, day.day)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _year_month(day: date) -> tuple[int, int]:
    return day.year, day.month
