"""What needs a leader's attention in a region and period, with the page that explains it."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from xieshang.targets import Target, find

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
    for kpi in WATCHED:
        if children.empty or kpi not in children:
            continue
        missed = [
            row["name"]
            for _, row in children.iterrows()
            if (
                target := find(
                    targets, kpi, level=row["level"], region=row["region_code"], year=year
                )
            )
            is not None
            and target.status(_value(row[kpi])) == "missed"
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


def _value(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]
