"""What needs a leader's attention in a region and period, with the page that explains it."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from xieshang.kpis.targets import Target
from xieshang.kpis.targets import missed as missed_targets

# The rates a child region is held to on the overview, most telling first.
WATCHED = (
    "rooms.village_coverage",
    "rooms.town_coverage",
    "activities.towns_meeting_target_rate",
    "members.sinking_rate",
    "suggestions.adoption_rate",
    "rooms.standards_rate",
)
NAMES_SHOWN = 5


@dataclass(frozen=True)
class Item:
    """One line of the attention list: a catalogue key, its parameters and where to look."""

    key: str
    page: str
    count: int
    params: dict[str, object] = field(default_factory=dict, hash=False)


def attention(
    kpis: dict,
    children: pd.DataFrame,
    silent_towns: int,
    targets: tuple[Target, ...],
    year: int,
    separator: str = "、",
) -> list[Item]:
    """The attention list: child regions missing targets, then rooms and towns to follow up."""
    items: list[Item] = []
    if not children.empty:
        rows = children.to_dict("records")
        for kpi in WATCHED:
            if kpi not in children:
                continue
            missed = [
                row["name"]
                for row in rows
                if missed_targets(
                    targets, row, (kpi,), level=row["level"], region=row["region_code"], year=year
                )
            ]
            if missed:
                names = separator.join(missed[:NAMES_SHOWN]) + (
                    "…" if len(missed) > NAMES_SHOWN else ""
                )
                items.append(
                    Item(
                        "attention.regions_missing",
                        "regions",
                        len(missed),
                        {"kpi": kpi, "names": names},
                    )
                )
    rooms = kpis["rooms"]
    uncovered = (
        rooms["towns"] - rooms["towns_covered"] + rooms["villages"] - rooms["villages_covered"]
    )
    for key, count in (
        ("attention.uncovered", uncovered),
        ("attention.rooms_without_member", rooms["active"] - rooms["with_member"]),
        ("attention.rooms_failing", rooms["assessed"] - rooms["standards_met"]),
        ("attention.silent_towns", silent_towns),
    ):
        if count > 0:
            items.append(Item(key, "rooms", int(count)))
    return items
