"""督办: what a region's leaders must follow up for a period, and how each item was followed up.

`items(snapshot, scope)` lists, for the scope's region and period:

- every child region below a KPI target or behind its pace (`regions`);
- every child region that reported nothing (未报送: no activity where an activity cadence
  expects some by now, or no suggestion where a suggestion target applies);
- every town and village behind its activity cadence, as `no_data` when it held none
  (`cadence`), and every posted member behind the attendance cadence (`members`);
- every active room failing the "六有" standard on the period's last day (`rooms`).

Each item names the unit, the KPI (the registry's key, or the cadence rule's), the value, the
target, what was expected by now and what is missing; items on track or met are not listed.

Officials follow items up (待督办 → 已督办 → 已整改, or 不适用) with a note and a due date. The
follow-ups are kept in an append-only file in the data dir (`supervision.jsonl`, not in a
snapshot: they are about the work, not the data), keyed by unit, KPI and period, so an item
keeps its follow-up across snapshots; a followed-up item a later snapshot shows met is closed
automatically (已达标，自动销号: `Review.closed`). Nothing here writes except `Log.append`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import filelock

from xieshang import export
from xieshang.contract.tables import REGION_LEVELS
from xieshang.engine import sql
from xieshang.format import MISSING, number
from xieshang.i18n import Lang, t
from xieshang.kpis import cadence, metrics, pacing, registry
from xieshang.kpis import scope as scoping
from xieshang.kpis import targets as targeting
from xieshang.kpis.scope import Scope
from xieshang.kpis.values import plain
from xieshang.paths import data_dir
from xieshang.store.snapshots import Snapshot

if TYPE_CHECKING:
    import pandas as pd

Status = Literal["missed", "at_risk", "no_data"]
STATUSES: tuple[Status, ...] = ("missed", "at_risk", "no_data")
FollowUpStatus = Literal["pending", "supervised", "rectified", "not_applicable"]
FOLLOW_UPS: tuple[FollowUpStatus, ...] = ("pending", "supervised", "rectified", "not_applicable")
UnitKind = Literal["region", "room", "member"]
Part = Literal["regions", "cadence", "members", "rooms"]
PARTS: tuple[Part, ...] = ("regions", "cadence", "members", "rooms")
LOG = "supervision.jsonl"
# The KPI a room's item is about: the rooms meeting the standard.
ROOM_KPI = "rooms.standards_met"
# What a child region reports (未报送 when it reports nothing).
_REPORTS = ("activities.count", "suggestions.submitted")


@dataclass(frozen=True)
class Key:
    """What a follow-up is about: a unit (a region, a room, a member), a KPI and a period."""

    unit_kind: UnitKind
    unit_id: str
    kpi: str
    period: str  # "YYYY-MM-DD/YYYY-MM-DD"

    @property
    def unit(self) -> str:
        return f"{self.unit_kind}:{self.unit_id}"


def period_key(start: date, end: date) -> str:
    return f"{start.isoformat()}/{end.isoformat()}"


@dataclass(frozen=True)
class FollowUp:
    """The latest follow-up of an item: status, note, due date, who and when, on which snapshot."""

    status: FollowUpStatus
    note: str = ""
    due: date | None = None
    who: str = ""
    at: str = ""
    snapshot: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "note": self.note,
            "due": None if self.due is None else self.due.isoformat(),
            "who": self.who,
            "at": self.at,
            "snapshot": self.snapshot,
        }


@dataclass(frozen=True)
class Item:
    """One thing to supervise.

    unit_kind and unit_id: a region (its code), a room (its id) or a member (their id);
    region_code: the region's code, the room's region, or the first region a member is posted
    to; name; level: the region's level, or `room` / `member`; parent_name: the region above
    (a member: the committee they sit on); kpi: the registry's key or the cadence rule's;
    value: the figure (None: no value); target: the target's value (a room: the criteria
    assessed); expected: what the target asks by the period's last day; status: missed,
    at_risk or no_data; missing: what is still needed by the year's end (counts whole, rates
    as a fraction; a room: the criteria failed); behind: how far behind `expected`; source:
    where the target comes from; start, end: the period; detail: the criteria a room failed,
    or the regions a member is posted to; follow_up: the latest follow-up (None: 待督办).
    """

    unit_kind: UnitKind
    unit_id: str
    region_code: str
    name: str
    level: str
    parent_name: str | None
    kpi: str
    value: float | None
    target: float | None
    expected: float | None
    status: Status
    missing: float | None
    behind: float | None
    source: str
    start: date
    end: date
    detail: tuple[str, ...] = ()
    follow_up: FollowUp | None = field(default=None, compare=False)

    @property
    def key(self) -> Key:
        return Key(self.unit_kind, self.unit_id, self.kpi, period_key(self.start, self.end))

    @property
    def follow_up_status(self) -> FollowUpStatus:
        return self.follow_up.status if self.follow_up is not None else "pending"

    def as_json(self) -> dict[str, Any]:
        """The item as `xieshang supervise --format json` prints it."""
        return {
            "region_code": self.region_code,
            "name": self.name,
            "level": self.level,
            "kpi": self.kpi,
            "value": self.value,
            "target": self.target,
            "expected": self.expected,
            "status": self.status,
            "missing": self.missing,
            "behind": self.behind,
            "unit_kind": self.unit_kind,
            "unit_id": self.unit_id,
            "parent_name": self.parent_name,
            "source": self.source,
            "period": {"from": self.start.isoformat(), "to": self.end.isoformat()},
            "detail": list(self.detail),
            "follow_up": self.follow_up_status,
            "note": self.follow_up.note if self.follow_up else "",
            "due": (
                self.follow_up.due.isoformat() if self.follow_up and self.follow_up.due else None
            ),
        }


@dataclass(frozen=True)
class Closed:
    """A followed-up item that is no longer failing: its target met in a later snapshot
    (state `met`: 已达标，自动销号) or back on pace (`on_track`), with its last follow-up."""

    key: Key
    name: str
    level: str
    value: float | None
    target: float | None
    state: pacing.State
    follow_up: FollowUp


@dataclass(frozen=True)
class Review:
    """The items to supervise (failing, with their follow-ups) and those closed automatically."""

    items: list[Item]
    closed: list[Closed]


@dataclass(frozen=True)
class _Judged:
    """A unit judged against a target, failing (`item`) or not (auto-closing needs those)."""

    key: Key
    name: str
    level: str
    value: float | None
    target: float | None
    state: pacing.State
    item: Item | None


@dataclass(frozen=True)
class _Unit:
    """Who an item is about."""

    kind: UnitKind
    id: str
    region_code: str
    name: str
    level: str
    parent_name: str | None = None
    detail: tuple[str, ...] = ()


def items(
    snapshot: Snapshot,
    scope: Scope,
    found: Sequence[targeting.Target] | None = None,
    as_of: date | None = None,
    parts: Sequence[Part] = PARTS,
    log: Log | None = None,
) -> list[Item]:
    """The items to supervise in the scope's region and period, each with its follow-up."""
    return review(snapshot, scope, found, as_of, parts, log).items


def review(
    snapshot: Snapshot,
    scope: Scope,
    found: Sequence[targeting.Target] | None = None,
    as_of: date | None = None,
    parts: Sequence[Part] = PARTS,
    log: Log | None = None,
) -> Review:
    """The items, with their follow-ups from `log` (default: the data dir's), and the
    followed-up items of this region and period that are no longer failing.

    `found`: the targets in force (default: the snapshot's); `as_of`: the day the data are as
    of, where pacing stops (default: the snapshot's, see scope.as_of); `parts` limits what is
    checked (see the module).
    """
    scoping.guard(snapshot, scope)  # nothing is read for a region outside the grant
    found = targeting.in_force(snapshot) if found is None else found
    if as_of is None:
        as_of = scoping.as_of(snapshot)
    judged: list[_Judged] = []
    if "regions" in parts:
        judged += _regions(snapshot, scope, found, as_of)
    rules = [
        rule.key
        for rule in cadence.RULES
        if ("members" if rule.unit == "member" else "cadence") in parts
    ]
    if rules:
        judged += _cadence(snapshot, scope, found, as_of, rules)
    if "rooms" in parts:
        judged += _rooms(snapshot, scope, as_of)
    latest = (log or Log()).latest()
    listed = [_followed(j.item, latest.get(j.key)) for j in judged if j.item is not None]
    closed = [
        Closed(j.key, j.name, j.level, j.value, j.target, j.state, latest[j.key])
        for j in judged
        if j.item is None and j.key in latest
    ]
    return Review(listed, closed)


def _followed(item: Item, follow_up: FollowUp | None) -> Item:
    return item if follow_up is None else Item(**{**vars(item), "follow_up": follow_up})


def _judge(
    unit: _Unit,
    kpi: str,
    judged: pacing.Assessment,
    start: date,
    end: date,
    nothing_reported: bool = False,
) -> _Judged:
    """A unit's assessment as a judgement, with its item when it is failing (as `no_data`
    when the unit reported nothing)."""
    key = Key(unit.kind, unit.id, kpi, period_key(start, end))
    item = None
    status = status_of(judged, nothing_reported)
    if status is not None:
        item = Item(
            unit.kind,
            unit.id,
            unit.region_code,
            unit.name,
            unit.level,
            unit.parent_name,
            kpi,
            judged.value,
            judged.target.value,
            judged.expected,
            status,
            judged.needed,
            judged.behind,
            judged.target.source,
            start,
            end,
            unit.detail,
        )
    return _Judged(
        key, unit.name, unit.level, judged.value, judged.target.value, judged.state, item
    )


def status_of(judged: pacing.Assessment, nothing_reported: bool = False) -> Status | None:
    """A failing assessment's item status (None: not failing): `no_data` when the unit
    reported nothing, else missed or at risk as paced."""
    if not judged.failing:
        return None
    if nothing_reported or judged.state == "no_data":
        return "no_data"
    return "missed" if judged.state == "missed" else "at_risk"


def _regions(
    snapshot: Snapshot, scope: Scope, found: Sequence[targeting.Target], as_of: date | None
) -> list[_Judged]:
    """The child regions against every KPI target that applies, and whether they reported."""
    start, end = scope.date_from, scope.date_to
    children = metrics.compare(snapshot, scope, weights={})
    if children.empty:
        return []
    region = metrics.find_region(snapshot, scope.region)
    path = tuple(code for code, _name, _level in region.path)
    out = []
    for record in children.to_dict("records"):
        row = {str(k): v for k, v in record.items()}
        code, level = str(row["region_code"]), str(row["level"])
        unit = _Unit("region", code, code, str(row["name"]), level, region.name)
        where: dict[str, Any] = {"level": level, "year": end.year, "path": (*path, code)}
        silent = _silent(row, found, where, start, end, as_of)
        for kpi in silent:
            item = Item(
                "region",
                code,
                code,
                unit.name,
                level,
                region.name,
                kpi,
                0,
                None,
                None,
                "no_data",
                None,
                None,
                "",
                start,
                end,
            )
            out.append(_Judged(item.key, unit.name, level, 0, None, "no_data", item))
        for kpi in _REPORTS:
            reported = plain(row.get(kpi))
            if kpi not in silent and reported and targeting.find(found, kpi, **where) is None:
                # it reported: a follow-up of an earlier 未报送 closes
                key = Key("region", code, kpi, period_key(start, end))
                out.append(_Judged(key, unit.name, level, reported, None, "met", None))
        out += _against_targets(unit, row, found, where, start, end, as_of, skip=silent)
    return out


def region_items(
    snapshot: Snapshot,
    scope: Scope,
    values: Mapping[str, object],
    found: Sequence[targeting.Target] | None = None,
    as_of: date | None = None,
) -> list[Item]:
    """The scope's region itself against every KPI target that applies to it, judged as
    `review` judges each of its children (the target found the same way, paced the same way):
    what the region's own brief reports as missed or behind. `values`: the region's KPIs by
    key (metrics.Figures.value), so nothing is queried twice."""
    found = targeting.in_force(snapshot) if found is None else found
    if as_of is None:
        as_of = scoping.as_of(snapshot)
    region = metrics.find_region(snapshot, scope.region)
    code = region.code or ""
    unit = _Unit("region", code, code, region.name, region.level or "")
    path = tuple(code for code, _name, _level in region.path)
    where: dict[str, Any] = {"level": region.level, "year": scope.date_to.year, "path": path}
    judged = _against_targets(
        unit, values, found, where, scope.date_from, scope.date_to, as_of, skip=()
    )
    return [j.item for j in judged if j.item is not None]


def _against_targets(
    unit: _Unit,
    row: Mapping[str, object],
    found: Sequence[targeting.Target],
    where: dict[str, Any],
    start: date,
    end: date,
    as_of: date | None,
    skip: Sequence[str],
) -> list[_Judged]:
    """A region's KPIs (`row`, by key) against the targets that apply to it, paced."""
    out = []
    for kpi in registry.REGISTRY:
        target = targeting.find(found, kpi, **where)
        value = plain(row.get(kpi))
        if target is None or value is None or kpi in skip:
            continue  # no figure to judge: `_silent` says when that is a failure
        out.append(_judge(unit, kpi, pacing.assess(target, value, start, end, as_of), start, end))
    return out


def _silent(
    row: dict[str, Any],
    found: Sequence[targeting.Target],
    where: dict[str, Any],
    start: date,
    end: date,
    as_of: date | None,
) -> list[str]:
    """What a child region failed to report (未报送): no activity held while an activity
    cadence expects some of its towns or villages by now, no suggestion submitted while a
    suggestion target applies to it."""
    out = []
    if plain(row.get("activities.count")) == 0:
        for rule in cadence.RULES:
            if rule.unit == "member" or not plain(row.get(f"rooms.{rule.unit}s")):
                continue
            target = targeting.find(
                found, rule.key, level=rule.level, year=end.year, path=where["path"]
            )
            if target is not None and pacing.assess(target, 0, start, end, as_of).expected >= 1:
                out.append("activities.count")
                break
    if plain(row.get("suggestions.submitted")) == 0 and any(
        targeting.find(found, key, **where) is not None
        for key in registry.REGISTRY
        if key.startswith("suggestions.")
    ):
        out.append("suggestions.submitted")
    return out


def _cadence(
    snapshot: Snapshot,
    scope: Scope,
    found: Sequence[targeting.Target],
    as_of: date | None,
    rules: Sequence[str],
) -> list[_Judged]:
    """Towns and villages behind their activity cadence, posted members behind theirs."""
    start, end = scope.date_from, scope.date_to
    out = []
    for unit in cadence.evaluate(snapshot, scope, found, as_of=as_of, rules=rules):
        member = unit.level == "member"
        who = _Unit(
            "member" if member else "region",
            unit.unit_id,
            unit.region_code,
            unit.name,
            unit.level,
            unit.parent_name,
            unit.posted_in,
        )
        silent = _nothing_reported(unit.level, unit.count)
        out.append(_judge(who, unit.rule, unit.assessment, start, end, nothing_reported=silent))
    return out


def _nothing_reported(level: str, count: int) -> bool:
    """A town or village that held no activity reported nothing (a member's attendance is
    reported by the activities, not by the member)."""
    return level != "member" and count == 0


def _rooms(snapshot: Snapshot, scope: Scope, as_of: date | None) -> list[_Judged]:
    """Active rooms assessed on the period's last day, failing the standard or not: failing is
    missed once the year is over, at risk while it runs (a room can still be put right)."""
    start, end = scope.date_from, scope.date_to
    state = _room_state(scope, as_of)
    rows = sql.rows(snapshot, "rooms/list", **_room_params(scope))
    out = []
    for row in rows:
        if not row["is_assessed"]:
            continue
        assessed, failed = int(row["criteria_assessed"]), int(row["criteria_failed"])
        unit = _Unit(
            "room",
            str(row["room_id"]),
            str(row["region_code"]),
            str(row["name"]),
            "room",
            str(row["region_name"]),
            tuple(row["failed_criteria"]),
        )
        key = Key("room", unit.id, ROOM_KPI, period_key(start, end))
        met = bool(row["is_standard_met"])
        item = None
        if not met:
            item = Item(
                "room",
                unit.id,
                unit.region_code,
                unit.name,
                "room",
                unit.parent_name,
                ROOM_KPI,
                assessed - failed,
                assessed,
                assessed,
                state,
                failed,
                failed,
                "",
                start,
                end,
                unit.detail,
            )
        out.append(
            _Judged(
                key, unit.name, "room", assessed - failed, assessed, "met" if met else state, item
            )
        )
    return out


def _room_state(scope: Scope, as_of: date | None) -> Status:
    start, end = scope.date_from, scope.date_to
    last = min(end, as_of) if as_of is not None and start <= as_of < end else end
    return "missed" if last == pacing.year_end(last) else "at_risk"


def _room_params(scope: Scope) -> dict[str, object]:
    return {
        "anchors": None if scope.region is None else [scope.region],
        "to": scope.date_to,
        "room_type": None,
        "problem": None,
        "limit": None,
    }


# --------------------------------------------------------------------------- the tally


@dataclass(frozen=True)
class Tally:
    """The review summed up, for a list of what needs attention at any scale.

    regions: the child regions' items in full (named on the overview; a few dozen at most);
    units: the failing towns, villages, members and rooms, counted by (kpi, status): the
    cadence rules' keys and ROOM_KPI; targets: each cadence rule's target as most of its
    failing units have it (ties: the lower).
    """

    regions: list[Item]
    units: dict[tuple[str, Status], int]
    targets: dict[str, float]

    @classmethod
    def of(cls, found: Iterable[Item]) -> Tally:
        """The tally of a review's items (what `tally` counts without listing them)."""
        regions: list[Item] = []
        units: dict[tuple[str, Status], int] = {}
        targets: dict[str, dict[float, int]] = {}
        for item in found:
            if item.kpi in cadence.BY_KEY or item.unit_kind == "room":
                units[(item.kpi, item.status)] = units.get((item.kpi, item.status), 0) + 1
                if item.kpi in cadence.BY_KEY and item.target is not None:
                    seen = targets.setdefault(item.kpi, {})
                    seen[item.target] = seen.get(item.target, 0) + 1
            else:
                regions.append(item)
        return cls(regions, units, _most_common(targets))


def tally(
    snapshot: Snapshot,
    scope: Scope,
    found: Sequence[targeting.Target] | None = None,
    as_of: date | None = None,
) -> Tally:
    """`Tally.of(items(snapshot, scope, found, as_of))`, counted in DuckDB: the same queries
    and the same judgement, each group of units alike (same count, same target) judged once,
    so a province's or the country's summary never lists half a million units."""
    scoping.guard(snapshot, scope)
    found = targeting.in_force(snapshot) if found is None else found
    if as_of is None:
        as_of = scoping.as_of(snapshot)
    regions = [j.item for j in _regions(snapshot, scope, found, as_of) if j.item is not None]
    units: dict[tuple[str, Status], int] = {}
    targets: dict[str, dict[float, int]] = {}
    for group in cadence.tally(snapshot, scope, found, as_of=as_of):
        rule = cadence.BY_KEY[group.rule]
        status = status_of(group.assessment, _nothing_reported(rule.unit, group.count))
        if status is None:
            continue
        units[(group.rule, status)] = units.get((group.rule, status), 0) + group.units
        seen = targets.setdefault(group.rule, {})
        value = group.assessment.target.value
        seen[value] = seen.get(value, 0) + group.units
    for row in sql.counted(
        snapshot, "rooms/list", ("is_assessed", "is_standard_met"), **_room_params(scope)
    ):
        if row["is_assessed"] and not row["is_standard_met"]:
            key = (ROOM_KPI, _room_state(scope, as_of))
            units[key] = units.get(key, 0) + int(row["units"])
    return Tally(regions, units, _most_common(targets))


def _most_common(seen: Mapping[str, Mapping[float, int]]) -> dict[str, float]:
    return {
        kpi: min(counts, key=lambda value: (-counts[value], value)) for kpi, counts in seen.items()
    }


# --------------------------------------------------------------------------- the follow-up log

# A note is a sentence or a paragraph, not a document.
NOTE_CHARS = 2000


class Log:
    """The follow-up log: append-only JSON lines in the data dir, fsynced, one follow-up a
    line; the latest line about an item is its follow-up. A line a crash left half-written
    (or any line that is not a follow-up) is skipped, and the next one starts on a line of
    its own."""

    def __init__(self, path: Path | None = None):
        self.path = path or data_dir() / LOG

    def append(
        self,
        key: Key,
        status: FollowUpStatus,
        note: str = "",
        due: date | None = None,
        who: str = "",
        snapshot: str = "",
    ) -> FollowUp:
        """Record a follow-up of `key`'s item; ValueError for a status that is not one."""
        if status not in FOLLOW_UPS:
            raise ValueError(f"unknown follow-up status {status!r}")
        follow_up = FollowUp(
            status,
            note.strip()[:NOTE_CHARS],
            due,
            who.strip()[:100],
            datetime.now(UTC).isoformat(timespec="seconds"),
            snapshot,
        )
        line = json.dumps(
            {
                "unit": key.unit,
                "kpi": key.kpi,
                "period": key.period,
                **follow_up.as_json(),
            },
            ensure_ascii=False,
        )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock = filelock.FileLock(str(self.path.with_name(f".{self.path.name}.lock")), timeout=30)
        with lock, self.path.open("ab") as f:
            if f.tell() and not _ends_with_newline(self.path):
                f.write(b"\n")  # after a torn line: never glue a good line to it
            f.write(line.encode("utf-8") + b"\n")
            f.flush()
            os.fsync(f.fileno())
        return follow_up

    def entries(self) -> list[tuple[Key, FollowUp]]:
        """Every follow-up recorded, oldest first."""
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return []
        out = []
        for line in text.splitlines():
            parsed = _parsed(line)
            if parsed is not None:
                out.append(parsed)
        return out

    def latest(self) -> dict[Key, FollowUp]:
        """Each item's latest follow-up."""
        return dict(self.entries())

    def history(self, key: Key) -> list[FollowUp]:
        """Every follow-up of one item, oldest first."""
        return [follow_up for found, follow_up in self.entries() if found == key]


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as f:
        f.seek(-1, os.SEEK_END)
        return f.read(1) == b"\n"


def _parsed(line: str) -> tuple[Key, FollowUp] | None:
    try:
        raw = json.loads(line)
        kind, _, unit_id = str(raw["unit"]).partition(":")
        if kind not in ("region", "room", "member") or raw["status"] not in FOLLOW_UPS:
            return None
        key = Key(kind, unit_id, str(raw["kpi"]), str(raw["period"]))  # type: ignore[arg-type]
        due = date.fromisoformat(raw["due"]) if raw.get("due") else None
        follow_up = FollowUp(
            raw["status"],
            str(raw.get("note") or ""),
            due,
            str(raw.get("who") or ""),
            str(raw.get("at") or ""),
            str(raw.get("snapshot") or ""),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    return key, follow_up


def counts(found: Iterable[Item]) -> dict[Status, int]:
    """How many items of each status."""
    out: dict[Status, int] = {status: 0 for status in STATUSES}
    for item in found:
        out[item.status] += 1
    return out


# --------------------------------------------------------------------------- as officials read it


def state_text(state: str, lang: Lang = "zh") -> str:
    """A state with its symbol: ✖ 未达标, ⚠ 进度滞后, ∅ 未报送."""
    return f"{pacing.SYMBOLS[state]} {t(f'state.{state}', lang)}"


def level_text(level: str, lang: Lang = "zh") -> str:
    """A unit's level: a region's (乡镇（街道）), or 议事室 / 委员."""
    return t(f"level.{level}", lang) if level in REGION_LEVELS else t(f"unit_kind.{level}", lang)


def value_text(kpi: str, value: float | None, unit_kind: UnitKind = "region") -> str:
    """An item's value, target or expectation as officials read it."""
    if value is None:
        return MISSING
    if unit_kind == "room" or kpi in cadence.BY_KEY:
        return number(value)
    return registry.shown(kpi, value)


def missing_text(item: Item, lang: Lang = "zh") -> str:
    """What is missing, in words: still to hold by the year's end (and by now, when behind
    pace), the points a rate is short, a room's failed criteria."""
    if item.unit_kind == "room":
        criteria = t("list_separator", lang).join(item.detail)
        return t("missing.room", lang, count=number(item.missing), criteria=criteria)
    if item.kpi in _REPORTS and item.status == "no_data":
        return t("missing.not_reported", lang)
    if item.missing is None:
        return MISSING
    if item.kpi in cadence.BY_KEY:
        text = t(f"missing.{item.kpi}", lang, count=number(item.missing))
        if item.status == "at_risk" and item.expected:
            text += t("missing.by_now", lang, expected=number(item.expected))
        return text
    kpi = registry.get(item.kpi)
    if kpi.is_rate:
        return t("missing.points", lang, points=f"{item.missing * 100:.1f}")
    if not kpi.higher_is_better:
        return t("missing.over", lang, value=registry.shown(item.kpi, item.missing))
    text = t("missing.count", lang, value=number(item.missing), unit=t(f"unit.{kpi.unit}", lang))
    if item.status == "at_risk" and item.expected:
        text += t("missing.by_now_count", lang, expected=number(item.expected))
    return text


# Light fills for each status and follow-up in a workbook (black text stays readable).
FILLS: dict[str, str] = {"missed": "FFC7CE", "at_risk": "FFEB9C", "no_data": "E7E6E6"}


def frame(
    found: Sequence[Item], lang: Lang = "zh"
) -> tuple[pd.DataFrame, dict[tuple[int, str], str]]:
    """The items as the 督办 page lists them, and the status cells' fills (for Excel)."""
    import pandas as pd

    columns = {
        "name": t("col.name", lang),
        "level": t("col.level", lang),
        "kpi": t("col.kpi", lang),
        "value": t("col.actual", lang),
        "target": t("col.target", lang),
        "expected": t("col.expected", lang),
        "status": t("col.state", lang),
        "missing": t("col.missing", lang),
        "follow_up": t("col.follow_up", lang),
        "due": t("col.due", lang),
        "note": t("col.note", lang),
        "parent": t("col.parent_name", lang),
        "region_code": t("col.region_code", lang),
        "source": t("col.source", lang),
    }
    rows = []
    fills: dict[tuple[int, str], str] = {}
    for i, item in enumerate(found):
        follow = item.follow_up
        due = follow.due if follow is not None else None
        rows.append(
            {
                columns["name"]: item.name,
                columns["level"]: level_text(item.level, lang),
                columns["parent"]: item.parent_name or "",
                columns["region_code"]: item.region_code,
                columns["kpi"]: t(f"kpi.{item.kpi}", lang),
                columns["value"]: value_text(item.kpi, item.value, item.unit_kind),
                columns["target"]: value_text(item.kpi, item.target, item.unit_kind),
                columns["expected"]: value_text(item.kpi, item.expected, item.unit_kind),
                columns["status"]: state_text(item.status, lang),
                columns["missing"]: missing_text(item, lang),
                columns["source"]: item.source,
                columns["follow_up"]: t(f"follow_up.{item.follow_up_status}", lang),
                columns["due"]: "" if due is None else due.isoformat(),
                columns["note"]: "" if follow is None else follow.note,
            }
        )
        fills[(i, columns["status"])] = FILLS[item.status]
    return pd.DataFrame(rows, columns=list(columns.values())), fills


def to_xlsx(found: Sequence[Item], lang: Lang = "zh") -> bytes:
    """The items as a workbook, statuses in colour beside their symbol and word."""
    table, fills = frame(found, lang)
    return export.to_xlsx(table, t("file.supervision", lang), fills)
