"""What needs a leader's attention in a region and period, with the page that explains it.

The lines about targets, pace, cadences, silence and rooms summarise the 督办 items
(supervision.items: the same items the 督办 page lists and the wall's ranking marks); the
lines about rooms still to build or staff come from the KPIs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from xieshang.kpis import supervision

# The KPIs a child region is held to on the overview, most telling first; other KPIs with
# items follow in the registry's order.
WATCHED = (
    "rooms.village_coverage",
    "rooms.town_coverage",
    "activities.towns_meeting_target_rate",
    "members.sinking_rate",
    "suggestions.adoption_rate",
    "rooms.standards_rate",
)
NAMES_SHOWN = 5
# A region item's status and the line that says it.
_REGION_LINES = {
    "missed": "attention.regions_missing",
    "at_risk": "attention.regions_behind",
    "no_data": "attention.regions_silent",
}
# A cadence rule's items: those that reported nothing, and the rest behind.
_CADENCE_LINES = {
    "cadence.town_activities": ("attention.silent_towns", "attention.towns_cadence"),
    "cadence.village_activities": ("attention.silent_villages", "attention.villages_cadence"),
    "cadence.member_attendance": ("attention.members_cadence", "attention.members_cadence"),
}


class Blocks(Protocol):
    """The KPIs by block (metrics.Figures, or a mapping of mappings)."""

    def __getitem__(self, block: str, /) -> Any: ...


@dataclass(frozen=True)
class Item:
    """One line of the attention list: a catalogue key, its parameters and where to look."""

    key: str
    page: str
    count: int
    params: dict[str, object] = field(default_factory=dict, hash=False)


def attention(
    kpis: Blocks,
    supervised: supervision.Tally,
    separator: str = "、",
) -> list[Item]:
    """The attention list: child regions off target, behind pace or silent (by KPI), units
    behind their cadences, rooms failing the standard, then rooms to build or staff.
    `supervised`: the 督办 review summed up (supervision.tally, or Tally.of its items)."""
    out: list[Item] = []
    regional: dict[tuple[str, str], list[str]] = {}
    for item in supervised.regions:
        regional.setdefault((item.kpi, item.status), []).append(item.name)
    order = {kpi: i for i, kpi in enumerate(WATCHED)}
    for (kpi, status), names in sorted(
        regional.items(),
        key=lambda pair: (order.get(pair[0][0], len(order)), pair[0][0], pair[0][1]),
    ):
        shown = separator.join(names[:NAMES_SHOWN]) + ("…" if len(names) > NAMES_SHOWN else "")
        params: dict[str, object] = {"kpi": kpi, "names": shown}
        out.append(Item(_REGION_LINES[status], "supervision", len(names), params))
    for rule, (silent_key, behind_key) in _CADENCE_LINES.items():
        counts = {
            status: supervised.units.get((rule, status), 0) for status in supervision.STATUSES
        }
        silent = counts["no_data"]
        behind = counts["missed"] + counts["at_risk"]
        if silent_key == behind_key:
            silent, behind = 0, silent + behind
        target = int(supervised.targets.get(rule, 0))
        for key, count in ((silent_key, silent), (behind_key, behind)):
            if count:
                out.append(Item(key, "supervision", count, {"target": target}))
    rooms_failing = sum(
        count for (kpi, _status), count in supervised.units.items() if kpi == supervision.ROOM_KPI
    )
    if rooms_failing:
        out.append(Item("attention.rooms_failing", "supervision", rooms_failing))
    rooms = kpis["rooms"]
    uncovered = (
        rooms["towns"] - rooms["towns_covered"] + rooms["villages"] - rooms["villages_covered"]
    )
    for key, count in (
        ("attention.uncovered", uncovered),
        ("attention.rooms_without_member", rooms["active"] - rooms["with_member"]),
    ):
        if count > 0:
            out.append(Item(key, "rooms", int(count)))
    return out
