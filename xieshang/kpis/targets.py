"""KPI targets: which target applies to a figure, and the figure's status against it.

The targets in force for a snapshot (`in_force`) are its targets table, when it has one (imported
like an export or edited on the 目标管理 page, see `target_table`), over the defaults: the data
dir's `targets.toml`, else the shipped `targets_default.toml` (same fields; the format is
documented there). A target names a KPI (the registry's key, or a cadence rule's, see
`cadence`), a value and a direction (by default the registry's `better`), may be narrowed to a
level, a region (and every region inside it) and a year, and says where it comes from (its
source: a file name or a document's 文号). The most specific target applies (`find`).

`Target.status` is the plain reading of a figure against its target (met / near / missed, as
the tiles show it); `pacing.assess` paces it through the year.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from xieshang.kpis.registry import REGISTRY, is_rate
from xieshang.kpis.values import plain
from xieshang.paths import data_dir
from xieshang.store.snapshots import Snapshot

DEFAULTS = Path(__file__).with_name("targets_default.toml")
CUSTOM = "targets.toml"
Status = Literal["met", "near", "missed"]
# Where a target comes from: the snapshot's targets table, or the defaults (a toml file).
Origin = Literal["table", "defaults"]


def higher_is_better(kpi: str) -> bool:
    """A KPI's direction as the registry declares it; cadence rules and sizes point up."""
    found = REGISTRY.get(kpi)
    return found is None or found.higher_is_better


@dataclass(frozen=True)
class Target:
    """A target for one KPI or cadence rule.

    kpi: the registry's key (`rooms.village_coverage`) or a cadence rule's
    (`cadence.town_activities`); value: what it should reach, rates as fractions (0.9);
    higher_is_better: the direction (None when built: the registry's); near: how far short
    still reads as near (default 5 points for rates, else 10%); level, region, year: what it
    is narrowed to (None: any; a region covers every region inside it); source: where it comes
    from (文件名/文号); profile: 12 monthly weights pacing it through the year (None: by days);
    kinds: for cadence rules of activities, the kinds of activity counted (None: every kind);
    origin: the snapshot's targets table or the defaults.
    """

    kpi: str
    value: float
    higher_is_better: bool = None  # type: ignore[assignment]
    near: float | None = None
    level: str | None = None
    region: str | None = None
    year: int | None = None
    source: str = ""
    profile: tuple[float, ...] | None = None
    kinds: tuple[str, ...] | None = None
    origin: Origin = "defaults"

    def __post_init__(self) -> None:
        if self.higher_is_better is None:
            object.__setattr__(self, "higher_is_better", higher_is_better(self.kpi))
        for name in ("profile", "kinds"):
            value = getattr(self, name)
            if isinstance(value, list):
                object.__setattr__(self, name, tuple(value))

    def status(self, actual: float | None) -> Status | None:
        if actual is None:
            return None
        gap = (actual - self.value) if self.higher_is_better else (self.value - actual)
        if gap >= -1e-12:
            return "met"
        return "near" if -gap <= self.tolerance else "missed"

    @property
    def tolerance(self) -> float:
        """How far short of the target still reads as near."""
        if self.near is not None:
            return self.near
        return 0.05 if is_rate(self.kpi) else abs(self.value) * 0.1

    def as_dict(self) -> dict[str, Any]:
        """The target as JSON: every field, tuples as lists."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = list(value) if isinstance(value, tuple) else value
        return out


class TargetsError(ValueError):
    """The targets file cannot be used; the message says where."""


def load(path: Path | None = None) -> tuple[Target, ...]:
    """The default targets: `targets.toml` in the data dir if present, else the shipped ones."""
    if path is None:
        path = defaults_path()
    return _load(str(path), _mtime(path))


def defaults_path() -> Path:
    custom = data_dir() / CUSTOM
    return custom if custom.is_file() else DEFAULTS


@lru_cache(maxsize=16)
def _load(path: str, _mtime: float) -> tuple[Target, ...]:
    source = Path(path)
    try:
        raw = tomllib.loads(source.read_text(encoding="utf-8"))
        return tuple(Target(**entry, origin="defaults") for entry in raw.get("target", []))
    except (tomllib.TOMLDecodeError, TypeError, ValueError) as exc:
        raise TargetsError(f"{source.name}: {exc}") from exc


def table(snapshot: Snapshot) -> tuple[Target, ...]:
    """The snapshot's own targets table (empty when it has none: older snapshots, the demo)."""
    path = snapshot.targets_path
    return _table(str(path), _mtime(path))


@lru_cache(maxsize=16)
def _table(path: str, _mtime: float) -> tuple[Target, ...]:
    source = Path(path)
    if not source.is_file():
        return ()
    rows = json.loads(source.read_text(encoding="utf-8"))["targets"]
    return tuple(Target(**{**row, "origin": "table"}) for row in rows)


def in_force(snapshot: Snapshot) -> tuple[Target, ...]:
    """The snapshot's targets table, then the defaults: `find` prefers the table's where both
    are equally specific."""
    return table(snapshot) + load()


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def find(
    targets: Sequence[Target],
    kpi: str,
    level: str | None = None,
    region: str | None = None,
    year: int | None = None,
    path: Sequence[str] | None = None,
) -> Target | None:
    """The target that applies to a KPI at a region: the most specific of those matching.

    A target matches when its KPI is `kpi` and each of its level, region and year is unset or
    agrees: its level is the region's, its region is the region or one containing it (`path`:
    the region's codes from the top down, itself last; default just `region`), its year is the
    period's. Most specific: the region named deepest in the path, then a level, then a year,
    then the snapshot's table before the defaults.
    """
    chain = tuple(path) if path is not None else ((region,) if region else ())
    best: Target | None = None
    best_key: tuple[int, bool, bool, bool] | None = None
    for t in targets:
        if t.kpi != kpi:
            continue
        if t.level is not None and t.level != level:
            continue
        if t.year is not None and t.year != year:
            continue
        if t.region is None:
            depth = 0
        elif t.region in chain:
            depth = 1 + chain.index(t.region)
        else:
            continue
        key = (depth, t.level is not None, t.year is not None, t.origin == "table")
        if best_key is None or key > best_key:
            best, best_key = t, key
    return best


def missed(
    targets: Sequence[Target],
    values: Mapping[str, object],
    kpis: Sequence[str],
    level: str | None,
    region: str | None,
    year: int | None,
) -> list[str]:
    """The KPIs among `kpis` whose value in `values` misses its target for this region."""
    out = []
    for kpi in kpis:
        target = find(targets, kpi, level=level, region=region, year=year)
        value = plain(values.get(kpi))
        if target is not None and target.status(value) == "missed":
            out.append(kpi)
    return out


def named_regions(targets: Sequence[Target], kpi: str) -> list[str] | None:
    """The regions the targets for `kpi` name (None: none), for queries that find each unit's
    deepest named region in one pass (see queries/oversight/)."""
    found = sorted({t.region for t in targets if t.kpi == kpi and t.region is not None})
    return found or None
