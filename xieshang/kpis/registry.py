"""The KPI registry: every KPI declared once, as a typed field of its block's record.

Each block (rooms, members, activities, suggestions) is a frozen dataclass whose fields are the
KPIs its SQL query returns (`queries/kpis/<block>.sql`, columns of the same names); each field
says its kind (count / rate / days / sum), which way is better, its unit and, for a rate, which
counts it divides. Everything else is derived from here: `BLOCKS`, formatting (a rate shows as a
percentage), the tiles' help (the catalogue's `def.<key>`), targets' direction, the docs. The
label (`kpi.<key>`) and definition (口径, `def.<key>`) live in the message catalogue, in zh-CN and
English; a test requires both for every KPI.

Adding a KPI touches its definition (SQL), its field here and its catalogue entries.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, Literal, Self

from xieshang.format import number, percent

Kind = Literal["count", "rate", "days", "sum"]
Better = Literal["higher", "lower"]
# Units of the KPIs that add up over the days of their period (activities held, suggestions
# submitted, people and problems over them): a yearly target for one is paced through the
# year. Stocks (rooms, members on a day) and counts of towns judged on the whole period are not.
FLOW_UNITS = frozenset({"activities", "people", "problems", "suggestions"})


@dataclass(frozen=True)
class Kpi:
    """What one KPI is. `key` is `block.name`; `better` None means neither direction is a goal
    (a size, such as the number of villages)."""

    key: str
    kind: Kind
    better: Better | None
    unit: str  # catalogue key suffix: unit.<unit>
    # For a rate: the counts (of the same block) it divides, part ÷ whole.
    part: str | None = None
    whole: str | None = None

    @property
    def block(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.key.split(".", 1)[1]

    @property
    def is_rate(self) -> bool:
        return self.kind == "rate"

    @property
    def higher_is_better(self) -> bool:
        return self.better != "lower"

    @property
    def accumulates(self) -> bool:
        """Whether the KPI adds up over its period's days, so a yearly target is paced."""
        return self.kind in ("count", "sum") and self.unit in FLOW_UNITS


def kpi(
    kind: Kind,
    better: Better | None,
    unit: str,
    of: tuple[str, str] | None = None,
) -> Any:
    """A KPI field of a block record (`of`: a rate's part and whole)."""
    meta = {"kind": kind, "better": better, "unit": unit, "of": of}
    return field(metadata={"kpi": meta})


class Block:
    """A block's KPIs for one unit and period, as its query returns them."""

    name: ClassVar[str]

    def __getitem__(self, key: str) -> int | float | None:
        if key not in _FIELDS[self.name]:
            raise KeyError(key)
        return getattr(self, key)

    def items(self) -> Iterator[tuple[str, int | float | None]]:
        for name in _FIELDS[self.name]:
            yield name, getattr(self, name)

    def as_dict(self) -> dict[str, int | float | None]:
        return dict(self.items())

    @classmethod
    def from_row(cls, row: Mapping[str, object]) -> Self:
        """A record from a query's row: counts as int, rates and days as float or None."""
        values: dict[str, object] = {}
        for kpi_ in REGISTRY_BY_BLOCK[cls.name]:
            value = row[kpi_.name]
            if value is None or value != value:  # NULL or NaN: no value
                values[kpi_.name] = None if kpi_.kind in ("rate", "days") else 0
            elif kpi_.kind in ("count", "sum"):
                values[kpi_.name] = int(value)  # type: ignore[call-overload]
            else:
                values[kpi_.name] = float(value)  # type: ignore[arg-type]
        return cls(**values)


@dataclass(frozen=True)
class Rooms(Block):
    name: ClassVar[str] = "rooms"
    active: int = kpi("count", "higher", "rooms")
    towns: int = kpi("count", None, "towns")
    towns_covered: int = kpi("count", "higher", "towns")
    town_coverage: float | None = kpi("rate", "higher", "percent", of=("towns_covered", "towns"))
    villages: int = kpi("count", None, "villages")
    villages_covered: int = kpi("count", "higher", "villages")
    village_coverage: float | None = kpi(
        "rate", "higher", "percent", of=("villages_covered", "villages")
    )
    assessed: int = kpi("count", "higher", "rooms")
    standards_met: int = kpi("count", "higher", "rooms")
    standards_rate: float | None = kpi(
        "rate", "higher", "percent", of=("standards_met", "assessed")
    )
    with_member: int = kpi("count", "higher", "rooms")
    with_member_rate: float | None = kpi("rate", "higher", "percent", of=("with_member", "active"))


@dataclass(frozen=True)
class Members(Block):
    name: ClassVar[str] = "members"
    active: int = kpi("count", None, "members")
    posted: int = kpi("count", "higher", "members")
    sinking_rate: float | None = kpi("rate", "higher", "percent", of=("posted", "active"))
    posted_here: int = kpi("count", "higher", "members")
    villages_with_member: int = kpi("count", "higher", "villages")
    villages_with_member_rate: float | None = kpi(
        "rate", "higher", "percent", of=("villages_with_member", "villages")
    )


@dataclass(frozen=True)
class Activities(Block):
    name: ClassVar[str] = "activities"
    count: int = kpi("count", "higher", "activities")
    public_participants: int = kpi("sum", "higher", "people")
    problems_solved: int = kpi("sum", "higher", "problems")
    towns_meeting_target: int = kpi("count", "higher", "towns")
    towns_meeting_target_rate: float | None = kpi(
        "rate", "higher", "percent", of=("towns_meeting_target", "towns")
    )
    silent_towns: int = kpi("count", "lower", "towns")


@dataclass(frozen=True)
class Suggestions(Block):
    name: ClassVar[str] = "suggestions"
    submitted: int = kpi("count", "higher", "suggestions")
    filed: int = kpi("count", "higher", "suggestions")
    concluded: int = kpi("count", "higher", "suggestions")
    adopted: int = kpi("count", "higher", "suggestions")
    partially_adopted: int = kpi("count", "higher", "suggestions")
    not_adopted: int = kpi("count", None, "suggestions")
    adopted_any: int = kpi("count", "higher", "suggestions")
    filing_rate: float | None = kpi("rate", "higher", "percent", of=("filed", "submitted"))
    conclusion_rate: float | None = kpi("rate", "higher", "percent", of=("concluded", "filed"))
    adoption_rate: float | None = kpi("rate", "higher", "percent", of=("adopted_any", "concluded"))
    median_days_to_conclude: float | None = kpi("days", "lower", "days")
    satisfaction_rate: float | None = kpi("rate", "higher", "percent")


BLOCK_TYPES: dict[str, type[Block]] = {
    cls.name: cls for cls in (Rooms, Members, Activities, Suggestions)
}


def _declared(cls: type[Block]) -> tuple[Kpi, ...]:
    out = []
    for f in fields(cls):  # type: ignore[arg-type]
        meta = f.metadata["kpi"]
        part, whole = meta["of"] or (None, None)
        out.append(
            Kpi(f"{cls.name}.{f.name}", meta["kind"], meta["better"], meta["unit"], part, whole)
        )
    return tuple(out)


REGISTRY_BY_BLOCK: dict[str, tuple[Kpi, ...]] = {
    name: _declared(cls) for name, cls in BLOCK_TYPES.items()
}
REGISTRY: dict[str, Kpi] = {k.key: k for kpis in REGISTRY_BY_BLOCK.values() for k in kpis}
_FIELDS: dict[str, tuple[str, ...]] = {
    name: tuple(k.name for k in kpis) for name, kpis in REGISTRY_BY_BLOCK.items()
}
# Each block's KPI names in order, as the queries return them and the JSON lists them.
BLOCKS: dict[str, tuple[str, ...]] = dict(_FIELDS)
RATES: frozenset[str] = frozenset(k.key for k in REGISTRY.values() if k.is_rate)


def get(key: str) -> Kpi:
    """The KPI `block.name`; KeyError for an unknown one."""
    return REGISTRY[key]


def is_rate(key: str) -> bool:
    """Whether `key` (`block.name`) is a rate, shown as a percentage."""
    found = REGISTRY.get(key)
    return found is not None and found.is_rate


def shown(key: str, value: float | None) -> str:
    """A KPI's value as officials read it: a rate as a percentage (92.3%), a count with
    thousands separators, days to one decimal when not whole; "—" for no value."""
    if REGISTRY[key].is_rate:
        return percent(value)
    return number(value)
