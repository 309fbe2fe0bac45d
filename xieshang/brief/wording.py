"""Numbers and lists the way a 通报 writes them, in small functions each with its tests.

Chinese: counts below 10万 in plain digits ("1194件", as the committees' own reports write
them), larger ones in 万 or 亿 with at most two decimals ("20.47万人次"); rates as "92.3%";
a rate's change in 百分点 ("同比提高2.1个百分点"); a count's change in per cent ("同比增长12.3%")
or in units ("同比增加35个"); lists joined with 、 and cut with 等 ("甲、乙、丙等12个").
English: the plain translation, with thousands separators.
"""

from __future__ import annotations

from collections.abc import Sequence

from xieshang.i18n import Lang

WAN = 10_000
YI = 100_000_000
# From here a Chinese count is written in 万: below it, every digit is kept.
WAN_FROM = 100_000
NAMES_LISTED = 5
_CHINESE_DIGITS = "〇一二三四五六七八九"


def count(value: int, lang: Lang = "zh") -> str:
    """A count: 1194, 20.47万, 3.2亿 (zh); 1,194, 204,720, 3.2 million (en)."""
    if lang == "en":
        if abs(value) >= 1_000_000_000:
            return f"{_trim(value / 1_000_000_000)} billion"
        if abs(value) >= 1_000_000:
            return f"{_trim(value / 1_000_000)} million"
        return f"{value:,}"
    if abs(value) >= YI:
        return f"{_trim(value / YI)}亿"
    if abs(value) >= WAN_FROM:
        return f"{_trim(value / WAN)}万"
    return str(value)


def number(value: float) -> str:
    """A measure such as days: whole numbers without decimals, else one decimal."""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def percent(rate: float, trim: bool = False) -> str:
    """A rate (a fraction) as officials quote it: 0.92254 → 92.3%; with `trim`, a whole
    percentage without its decimal (a target: 90%, not 90.0%)."""
    shown = f"{rate * 100:.1f}"
    if trim and shown.endswith(".0"):
        shown = shown[:-2]
    return f"{shown}%"


def points(now: float, before: float) -> float:
    """A rate's change in percentage points, to the tenth shown: the difference of the rates
    as written (92.3% after 90.2% is 2.1 points, whatever the digits behind)."""
    return round(round(now * 100, 1) - round(before * 100, 1), 1)


def points_change(now: float, before: float, lang: Lang = "zh") -> str:
    """同比提高2.1个百分点 / 同比下降0.4个百分点 / 与上年同期持平."""
    change = points(now, before)
    if change == 0:
        return "与上年同期持平" if lang == "zh" else "unchanged on a year earlier"
    size = f"{abs(change):.1f}"
    if lang == "zh":
        return f"同比{'提高' if change > 0 else '下降'}{size}个百分点"
    return f"{'up' if change > 0 else 'down'} {size} percentage points on a year earlier"


def growth(now: int, before: int, lang: Lang = "zh") -> str | None:
    """A flow's change in per cent: 同比增长12.3% / 同比下降4.0% / 与上年同期持平; None when
    there is nothing to compare with (nothing a year earlier)."""
    if before <= 0:
        return None
    rate = round((now - before) / before * 100, 1)
    if rate == 0:
        return "与上年同期持平" if lang == "zh" else "unchanged on a year earlier"
    size = f"{abs(rate):.1f}%"
    if lang == "zh":
        return f"同比{'增长' if rate > 0 else '下降'}{size}"
    return f"{'up' if rate > 0 else 'down'} {size} on a year earlier"


def difference(now: int, before: int, unit: str, lang: Lang = "zh") -> str | None:
    """A stock's change in units: 同比增加35个 / 同比减少3个 / 与上年同期持平; None when there
    was nothing a year earlier. `unit` is the measure word (个, 名) or, in English, the noun."""
    if before <= 0:
        return None
    change = now - before
    if change == 0:
        return "与上年同期持平" if lang == "zh" else "unchanged on a year earlier"
    if lang == "zh":
        return f"同比{'增加' if change > 0 else '减少'}{count(abs(change), lang)}{unit}"
    return f"{count(abs(change), lang)} {'more' if change > 0 else 'fewer'} than a year earlier"


def days_change(now: float, before: float, lang: Lang = "zh") -> str:
    """Days to conclude: 同比缩短3天 / 同比延长2.5天 / 与上年同期持平."""
    change = round(now - before, 1)
    if change == 0:
        return "与上年同期持平" if lang == "zh" else "unchanged on a year earlier"
    size = number(abs(change))
    if lang == "zh":
        return f"同比{'延长' if change > 0 else '缩短'}{size}天"
    return f"{size} days {'longer' if change > 0 else 'shorter'} than a year earlier"


def listing(
    items: Sequence[str], lang: Lang = "zh", measure: str = "", limit: int = NAMES_LISTED
) -> str:
    """Items joined as a 通报 lists them: 甲、乙、丙 (all shown), or 甲、乙、丙、丁、戊等12个
    (`measure` is the measure word after the total); in English "A, B and C" or "A, B, C, D,
    E and 7 others"."""
    shown = list(items[:limit]) if len(items) > limit else list(items)
    rest = len(items) - len(shown)
    if lang == "zh":
        joined = "、".join(shown)
        return f"{joined}等{len(items)}{measure}" if rest else joined
    if rest:
        return f"{', '.join(shown)} and {rest} other{'s' if rest > 1 else ''}"
    if len(shown) <= 1:
        return "".join(shown)
    return f"{', '.join(shown[:-1])} and {shown[-1]}"


def ordinal(index: int, level: int, lang: Lang = "zh") -> str:
    """A heading's number: 一、 (level 1) and （一） (level 2); 1. and 1.1 in English
    (`index` from 1; for level 2 in English, `index` is (section, sub))."""
    if lang == "zh":
        word = chinese_number(index)
        return f"{word}、" if level == 1 else f"（{word}）"
    return f"{index}. " if level == 1 else f"({chr(ord('a') + index - 1)}) "


def item_lead(index: int, lang: Lang = "zh") -> str:
    """How a problem in a list starts: 一是 / (1)."""
    return f"{chinese_number(index)}是" if lang == "zh" else f"({index}) "


def chinese_number(value: int) -> str:
    """1–99 in Chinese numerals as headings use them: 一, 十, 十二, 二十, 二十三."""
    if not 0 < value < 100:
        return str(value)
    tens, ones = divmod(value, 10)
    if tens == 0:
        return _CHINESE_DIGITS[ones]
    head = "" if tens == 1 else _CHINESE_DIGITS[tens]
    return f"{head}十{_CHINESE_DIGITS[ones] if ones else ''}"


def _trim(value: float) -> str:
    """Two decimals at most, without trailing zeros: 20.47, 20.5, 20."""
    return f"{value:.2f}".rstrip("0").rstrip(".")
