"""KPI targets and the status of a figure against them: met, near or missed.

Targets come from `targets.toml` in the data dir, or the shipped defaults. The format names a
KPI, a value and a direction, optionally narrowed to a level, a region or a year, so a fuller
target engine (per region and year, pacing through the year) can grow into the same file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from xieshang.kpis.registry import is_rate
from xieshang.kpis.values import plain
from xieshang.paths import data_dir

DEFAULTS = Path(__file__).with_name("targets_default.toml")
Status = Literal["met", "near", "missed"]


@dataclass(frozen=True)
class Target:
    kpi: str
    value: float
    higher_is_better: bool = True
    near: float | None = None
    level: str | None = None
    region: str | None = None
    year: int | None = None

    def status(self, actual: float | None) -> Status | None:
        if actual is None:
            return None
        gap = (actual - self.value) if self.higher_is_better else (self.value - actual)
        if gap >= -1e-12:
            return "met"
        tolerance = (
            self.near
            if self.near is not None
            else (0.05 if is_rate(self.kpi) else abs(self.value) * 0.1)
        )
        return "near" if -gap <= tolerance else "missed"


class TargetsError(ValueError):
    """The targets file cannot be used; the message says where."""


def load(path: Path | None = None) -> tuple[Target, ...]:
    """The targets in force: `targets.toml` in the data dir if present, else the defaults."""
    if path is None:
        custom = data_dir() / "targets.toml"
        path = custom if custom.is_file() else DEFAULTS
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        return tuple(Target(**entry) for entry in raw.get("target", []))
    except (tomllib.TOMLDecodeError, TypeError, ValueError) as exc:
        raise TargetsError(f"{path.name}: {exc}") from exc


def find(
    targets: tuple[Target, ...],
    kpi: str,
    level: str | None = None,
    region: str | None = None,
    year: int | None = None,
) -> Target | None:
    """The most specific target for a KPI at a region (by code, then level), if any."""
    candidates = [
        t
        for t in targets
        if t.kpi == kpi
        and (t.level is None or t.level == level)
        and (t.region is None or t.region == region)
        and (t.year is None or t.year == year)
    ]
    if not candidates:
        return None
    return max(
        candidates, key=lambda t: (t.region is not None, t.level is not None, t.year is not None)
    )


def missed(
    targets: tuple[Target, ...],
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
