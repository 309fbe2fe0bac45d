"""What a figure is asked for: a region (None: everything) and a period, with optional filters;
regions by code with their path from the top; the data's span and the default period.

Everything a person types (a flag, a URL parameter) becomes a `Scope` here, checked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from xieshang.access import grants
from xieshang.access.grants import Grant
from xieshang.contract.tables import SUGGESTION_KINDS
from xieshang.engine import sql
from xieshang.errors import UserError
from xieshang.i18n import Lang, t
from xieshang.paths import DEMO_DIR
from xieshang.store.snapshots import DEMO_ID, MANIFEST, Snapshot

DEFAULT_ACTIVITY_TARGET = 2
# The days a period may use: any year a CPPCC export can hold, with room for 同比 and 环比
# (a year 1 or 9999 date crashed the pages' comparisons).
EARLIEST = date(1900, 1, 1)
LATEST = date(2099, 12, 31)


class UnknownRegion(UserError):
    def __init__(self, code: str):
        super().__init__("error.unknown_region", code=code)
        self.code = code


@dataclass(frozen=True)
class Scope:
    """What a KPI is asked for: a region (None: everything), a period and optional filters."""

    date_from: date
    date_to: date
    region: str | None = None
    kind: str | None = None
    activity_target: int = DEFAULT_ACTIVITY_TARGET
    # What the request may see (None: an open deployment's anonymous request; refused by
    # every KPI function when the deployment is protected).
    grant: Grant | None = None

    def __post_init__(self) -> None:
        if self.kind is not None and self.kind not in SUGGESTION_KINDS:
            raise ValueError(f"unknown suggestion kind {self.kind!r}")

    def shifted(self, start: date, end: date) -> Scope:
        """The same region and filters over another period."""
        return replace(self, date_from=start, date_to=end)

    def at(self, region: str | None) -> Scope:
        """The same period and filters for another region (under the same grant)."""
        return replace(self, region=region)


def guard(snapshot: Snapshot, scope: Scope) -> None:
    """Refuse a scope its grant does not cover (see xieshang.access.grants); every KPI
    function calls this before reading anything."""
    grants.guard(snapshot, scope.grant, scope.region)


@dataclass(frozen=True)
class Region:
    code: str | None
    name: str
    level: str | None
    # (code, name, level) from the top down to this region, itself included.
    path: tuple[tuple[str, str, str], ...] = ()


def find_region(snapshot: Snapshot, code: str | None, lang: Lang = "zh") -> Region:
    if code is None:
        return Region(None, t("all_regions", lang), None)
    path = _region_path(str(snapshot.path), code)
    if not path:
        raise UnknownRegion(code)
    return Region(code, path[-1][1], path[-1][2], path)


@lru_cache(maxsize=4096)
def _region_path(snapshot_path: str, code: str) -> tuple[tuple[str, str, str], ...]:
    """A region's path from the top (snapshots never change: looked up once per process)."""
    rows = sql.rows_at(snapshot_path, "meta/region", region=code)
    return tuple((str(r["region_code"]), str(r["name"]), str(r["level"])) for r in rows)


def data_span(snapshot: Snapshot) -> tuple[date, date] | None:
    """The first and last day of the export's flows (activities held, suggestions submitted)."""
    row = sql.rows(snapshot, "meta/data_span")[0]
    if row["first_on"] is None:
        return None
    return row["first_on"], row["last_on"]


def as_of(snapshot: Snapshot) -> date | None:
    """The day a snapshot's data are as of, where pacing a target stops: the day they were
    imported (for a rollback or a change of targets, the day of the data it carries over),
    else the data's last day. A year the data do not reach the end of is not over for them."""
    manifest = snapshot.manifest or _manifest(snapshot.path)
    for _ in range(64):  # a chain of rollbacks; never a cycle (each points to an older one)
        action = manifest.get("action")
        earlier = {"rollback": manifest.get("rolled_back_to"), "targets": manifest.get("base")}
        found = earlier.get(str(action))
        if not found:
            break
        older = _manifest(DEMO_DIR if found == DEMO_ID else snapshot.path.parent / str(found))
        if not older:
            break
        manifest = older
    created = str(manifest.get("created_at") or "")
    try:
        return date.fromisoformat(created[:10])
    except ValueError:
        span = data_span(snapshot)
        return span[1] if span else None


def _manifest(folder: Path) -> dict:
    try:
        found = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def default_period(snapshot: Snapshot, today: date | None = None) -> tuple[date, date]:
    """The latest full calendar year in the data; the data's only year when none is full."""
    span = data_span(snapshot)
    if span is None:
        year = (today or date.today()).year
        return date(year, 1, 1), date(year, 12, 31)
    first, last = span
    year = last.year if last == date(last.year, 12, 31) else last.year - 1
    if year < first.year:
        year = last.year
    return date(year, 1, 1), date(year, 12, 31)


def parse_date(text: str) -> date:
    """An ISO date a person typed, within the years a period can compare with."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise UserError("error.bad_date", value=text) from None
    if not EARLIEST <= day <= LATEST:
        raise UserError("error.date_range", value=text, first=EARLIEST.year, last=LATEST.year)
    return day


def scope_from_input(
    snapshot: Snapshot,
    region: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    kind: str | None = None,
    activity_target: int = DEFAULT_ACTIVITY_TARGET,
    grant: Grant | None = None,
) -> Scope:
    """A scope from what a person typed (flags or a URL): checked, with defaults filled in.

    Raises UserError for an unknown region or kind, a bad date or a reversed period, and
    Forbidden for a region outside the grant.
    """
    default_from, default_to = default_period(snapshot)
    start = parse_date(date_from) if date_from else default_from
    end = parse_date(date_to) if date_to else default_to
    if date_from and not date_to and start > end:
        end = date(start.year, 12, 31)
    if start > end:
        raise UserError("error.period_order", date_from=start, date_to=end)
    if kind is not None and kind not in SUGGESTION_KINDS:
        raise UserError("error.unknown_kind", value=kind, choices="/".join(SUGGESTION_KINDS))
    code = (region or "").strip() or None
    scope = Scope(start, end, code, kind, activity_target, grant)
    # The grant first: outside it, whether a region exists is not told either.
    guard(snapshot, scope)
    if code is not None:
        find_region(snapshot, code)  # raises UnknownRegion
    return scope
