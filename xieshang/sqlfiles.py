"""The SQL files in `queries/`: a query's name is its path there (`kpis/rooms`), its text is read
once, and the named parameters it uses are known before it runs. Values reach SQL only as those
parameters; a name is a code constant, checked all the same."""

from __future__ import annotations

import re
from functools import cache

from xieshang.paths import QUERIES_DIR

_NAME = re.compile(r"[a-z0-9_]+(/[a-z0-9_]+)*")
_PARAMETER = re.compile(r"\$([a-z_][a-z0-9_]*)")


# The readers (queries/setup/readers.sql) that come as `<reader>_rolled` and `<reader>_live`
# beside `<reader>(..., p_rolled, ...)`, which is the one or the other.
_READERS_FILE = "setup/readers"
_PATHED = re.compile(r"create or replace macro ([a-z_]+)_rolled\(")


@cache
def load(name: str, rolled: bool | None = None) -> str:
    """The text of `queries/<name>.sql`. With `rolled` (the value its `$rolled` parameter will
    have), each reader it names is the path that value takes: the same definition, planned
    without the path not taken, which DuckDB would bind before dropping it (measured on a KPI
    query: a third to a half of its planning)."""
    if not _NAME.fullmatch(name):
        raise ValueError(f"not a query name: {name!r}")
    text = (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")
    if rolled is None:
        return text
    suffix = "_rolled(" if rolled else "_live("
    return _reader_calls().sub(lambda found: found[1] + suffix, text)


@cache
def _reader_calls() -> re.Pattern[str]:
    """A call of any reader with both paths (`stock_values(` but not `stock_values_live(`)."""
    names = _PATHED.findall(load(_READERS_FILE))
    return re.compile(r"\b(" + "|".join(sorted(names)) + r")\(")


@cache
def parameters(name: str) -> frozenset[str]:
    """The named parameters a query uses (comments, which may mention them, do not count)."""
    code = "\n".join(line.split("--", 1)[0] for line in load(name).splitlines())
    return frozenset(_PARAMETER.findall(code))


def exists(name: str) -> bool:
    return bool(_NAME.fullmatch(name)) and (QUERIES_DIR / f"{name}.sql").is_file()
