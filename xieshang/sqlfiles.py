"""The SQL files in `queries/`: a query's name is its path there (`kpis/rooms`), its text is read
once, and the named parameters it uses are known before it runs. Values reach SQL only as those
parameters; a name is a code constant, checked all the same."""

from __future__ import annotations

import re
from functools import cache

from xieshang.paths import QUERIES_DIR

_NAME = re.compile(r"[a-z0-9_]+(/[a-z0-9_]+)*")
_PARAMETER = re.compile(r"\$([a-z_][a-z0-9_]*)")


@cache
def load(name: str) -> str:
    """The text of `queries/<name>.sql`."""
    if not _NAME.fullmatch(name):
        raise ValueError(f"not a query name: {name!r}")
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


@cache
def parameters(name: str) -> frozenset[str]:
    """The named parameters a query uses (comments, which may mention them, do not count)."""
    code = "\n".join(line.split("--", 1)[0] for line in load(name).splitlines())
    return frozenset(_PARAMETER.findall(code))


def exists(name: str) -> bool:
    return bool(_NAME.fullmatch(name)) and (QUERIES_DIR / f"{name}.sql").is_file()
