"""Cell values as exports really hold them, turned into the contract's types.

Each parser takes one raw cell (text from a CSV, or what Excel stored: numbers, datetimes) and
returns the typed value, or raises `Unreadable` with a catalogue key saying why. Cleaning is
done where the meaning is unambiguous (全角 digits, 2023年5月6日, 1,234, 是/否/√/×, a code that
Excel turned into 110101.0); anything else is reported, never guessed.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, timedelta

from xieshang.contract.aliases import FALSE_WORDS, TRUE_WORDS, normalise

EXCEL_EPOCH = date(1899, 12, 30)


class Unreadable(ValueError):
    """A cell that cannot be read as its column's type; `key` names the reason."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def is_empty(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def text(value: object) -> str | None:
    """Free text: trimmed (including full-width spaces), otherwise as written."""
    if is_empty(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip().strip("\u3000").strip() or None


_ZEROS_FORMAT = re.compile(r'^"?0+"?$')
_SCIENTIFIC = re.compile(r"^[+-]?\d+(\.\d+)?e[+-]?\d+$")
_TRAILING_ZERO = re.compile(r"^(\d+)\.0+$")


def code(value: object, number_format: str | None = None) -> str | None:
    """A code (region, room, member …): always text, leading zeros kept.

    A number Excel stored for a code becomes its digits, padded to the cell's 000000 format
    when it has one; a code shown in scientific notation has lost digits and is refused.
    """
    if is_empty(value):
        return None
    if isinstance(value, bool):
        raise Unreadable("parse.code")
    if isinstance(value, int | float):
        if isinstance(value, float) and not value.is_integer():
            raise Unreadable("parse.code")
        digits = str(int(value))
        if number_format and _ZEROS_FORMAT.match(number_format):
            digits = digits.zfill(number_format.count("0"))
        return digits
    folded = unicodedata.normalize("NFKC", str(value)).strip()
    if _SCIENTIFIC.match(folded.lower()):
        raise Unreadable("parse.scientific")
    whole = _TRAILING_ZERO.match(folded)
    return whole.group(1) if whole else folded or None


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_TIME_SUFFIX = re.compile(r"[ t]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")


def day(value: object) -> date | None:
    """A date: 2023-05-06, 2023/5/6, 2023.5.6, 2023年5月6日, 20230506 or an Excel date."""
    if is_empty(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise Unreadable("parse.date")
    if isinstance(value, int | float):
        number = float(value)
        if 19000101 <= number <= 21001231 and number.is_integer():
            return day(str(int(number)))
        if 1 <= number < 80000 and number.is_integer():  # an Excel serial date
            return EXCEL_EPOCH + timedelta(days=int(number))
        raise Unreadable("parse.date")
    folded = _TIME_SUFFIX.sub("", unicodedata.normalize("NFKC", str(value)).strip().lower())
    for pattern in _DATE_PATTERNS:
        match = pattern.match(folded)
        if match:
            try:
                return date(*(int(part) for part in match.groups()))
            except ValueError:
                raise Unreadable("parse.date") from None
    raise Unreadable("parse.date")


_UNITS = re.compile(r"(人次|人|个|次|件|条|项|名)$")


_INT64 = range(-(2**63), 2**63)


def integer(value: object) -> int | None:
    """A count: 12, 12.0, 1,234, １２ or 12人 (within 64 bits, as the store keeps it)."""
    if is_empty(value):
        return None
    if isinstance(value, bool):
        raise Unreadable("parse.int")
    if isinstance(value, int | float) and not (isinstance(value, float) and not value.is_integer()):
        if int(value) not in _INT64:
            raise Unreadable("parse.int")
        return int(value)
    if isinstance(value, float):
        raise Unreadable("parse.int")
    folded = _UNITS.sub("", unicodedata.normalize("NFKC", str(value)).strip().replace(",", ""))
    try:
        number = float(folded)
    except ValueError:
        raise Unreadable("parse.int") from None
    if not number.is_integer() or int(number) not in _INT64:
        raise Unreadable("parse.int")
    return int(number)


_TRUE = frozenset(normalise(w) for w in TRUE_WORDS)
_FALSE = frozenset(normalise(w) for w in FALSE_WORDS)


def boolean(value: object) -> bool | None:
    """Yes or no: 是/否, 达标/未达标, √/×, 1/0, true/false."""
    if is_empty(value):
        return None
    if isinstance(value, bool):
        return value
    word = normalise(int(value) if isinstance(value, float) and value.is_integer() else value)
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise Unreadable("parse.bool")


def label(labels: dict[str, str]) -> Callable[[object], str | None]:
    """A parser for one enum column: its contract values or any of their labels."""

    def parse(value: object) -> str | None:
        if is_empty(value):
            return None
        found = labels.get(normalise(value))
        if found is None:
            raise Unreadable("parse.enum")
        return found

    return parse
