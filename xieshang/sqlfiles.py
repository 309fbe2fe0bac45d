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
def load(name: str, rolled: bool | None = None, whole: bool = False) -> str:
    """The text of `queries/<name>.sql`. With `rolled` (the value its `$rolled` parameter will
    have), each reader it names is the path that value takes: the same definition, planned
    without the path not taken, which DuckDB would bind before dropping it (measured on a KPI
    query: a third to a half of its planning). With `whole` too (its `$whole` parameter will
    be true: every period is whole months), a rolled-up reader given `$whole` that has a twin
    for whole months (see `_whole_twins`) is that twin."""
    if not _NAME.fullmatch(name):
        raise ValueError(f"not a query name: {name!r}")
    text = (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")
    if name == _READERS_FILE:
        return text + _whole_twins(text)
    if rolled is None:
        return text
    if not rolled:
        return _reader_calls().sub(lambda found: found[1] + "_live(", text)
    twins = _whole_readers() if whole else frozenset()

    def rolled_call(found: re.Match[str]) -> str:
        reader = found[1]
        if reader in twins and _last_argument(text, found.end()) == "$whole":
            return reader + "_rolled_whole("
        return reader + "_rolled("

    return _reader_calls().sub(rolled_call, text)


# The twins for whole months: each reader's rolled-up path that reads `rolled_flows` (a flow
# rollup's years, months and days) again, as `<reader>_rolled_whole` reading
# `rolled_flows_whole` (its years and months) instead. Both macros take the same arguments, so
# a twin is its reader's text with the two names changed: no reading is written twice.
_MACRO_START = re.compile(r"(?m)^(?=create or replace macro )")
_FLOWS_CALL = re.compile(r"\brolled_flows\(")


def _whole_twins(readers: str) -> str:
    """The text creating the twins for whole months of the readers in `readers`."""
    twins = [
        _FLOWS_CALL.sub(
            "rolled_flows_whole(",
            part.replace(found[0], f"create or replace macro {found[1]}_rolled_whole(", 1),
        )
        for part in _MACRO_START.split(readers)
        if (found := _PATHED.match(part)) and _FLOWS_CALL.search(part)
    ]
    return "\n\n-- The twins for whole months (made by xieshang/sqlfiles.py).\n" + "".join(twins)


@cache
def _whole_readers() -> frozenset[str]:
    """The readers with a twin for whole months."""
    return frozenset(
        re.findall(r"create or replace macro ([a-z_]+)_rolled_whole\(", load(_READERS_FILE))
    )


def _last_argument(text: str, start: int) -> str:
    """The last argument of the call whose arguments begin at `start` (just after its `(`)."""
    depth, last = 0, start
    for at in range(start, len(text)):
        char = text[at]
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return text[last:at].strip()
            depth -= 1
        elif char == "," and depth == 0:
            last = at + 1
    return ""


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
