"""The data contract: the eight tables an export holds, their columns and the rules they obey.

Everything else (validation, the store's Parquet schemas, docs/data-contract.md, templates)
is derived from the definitions here, so the contract exists in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import pyarrow as pa

ColumnType = Literal["str", "date", "int", "bool"]

# The contract's types in Arrow. pyarrow is imported when a type is first asked for, not with
# the contract: `xieshang kpis` reads figures without it (measured: 0.2 s of its start).
_ARROW_TYPE_NAMES = {"str": "string", "date": "date32", "int": "int64", "bool": "bool_"}


def arrow_type(kind: str) -> pa.DataType:
    import pyarrow as pa

    return getattr(pa, _ARROW_TYPE_NAMES[kind])()


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    optional: bool = False
    enum: tuple[str, ...] | None = None
    unique: bool = False
    # "table.column" this column must resolve to (when not empty).
    references: str | None = None
    description: str = ""

    @property
    def arrow_type(self) -> pa.DataType:
        return arrow_type(self.type)


def accepts(column: Column, arrow_type: pa.DataType) -> bool:
    """Whether a Parquet column of this type can hold the contract column's values."""
    import pyarrow as pa

    types = pa.types
    if types.is_null(arrow_type):
        return True
    if column.type == "str":
        return (
            types.is_string(arrow_type)
            or types.is_large_string(arrow_type)
            or types.is_string_view(arrow_type)
            or (types.is_dictionary(arrow_type) and types.is_string(arrow_type.value_type))
        )
    if column.type == "date":
        return types.is_date(arrow_type) or types.is_timestamp(arrow_type)
    if column.type == "int":
        return types.is_integer(arrow_type) or types.is_floating(arrow_type)
    return bool(types.is_boolean(arrow_type))


@dataclass(frozen=True)
class DateOrder:
    """`later` must be after `earlier` (or on the same day when `strict` is false)."""

    earlier: str
    later: str
    strict: bool


@dataclass(frozen=True)
class Requires:
    """When `column` has a value, `needs` must have one too."""

    column: str
    needs: str


@dataclass(frozen=True)
class Table:
    name: str
    grain: str
    columns: tuple[Column, ...]
    date_orders: tuple[DateOrder, ...] = ()
    requires: tuple[Requires, ...] = ()
    # Columns to sort by when a snapshot is written: region first, then date, so DuckDB
    # can skip row groups and the files compress well.
    sort_by: tuple[str, ...] = ()
    column_index: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "column_index", {c.name: c for c in self.columns})

    def column(self, name: str) -> Column:
        return self.column_index[name]

    @property
    def arrow_schema(self) -> pa.Schema:
        import pyarrow as pa

        return pa.schema([pa.field(c.name, c.arrow_type, nullable=True) for c in self.columns])


REGION_LEVELS = ("province", "city", "county", "town", "village")
ROOM_TYPES = (
    "council_room",
    "liaison_station",
    "member_studio",
    "sector_room",
    "info_point",
    "other",
)
COMMITTEE_LEVELS = ("national", "provincial", "city", "county")
POSTING_MODES = ("fixed", "mobile")
ACTIVITY_KINDS = ("thematic", "micro", "talk", "supervision", "member_day", "other")
TOPIC_SOURCES = ("public", "society", "member", "party_gov", "other")
SUGGESTION_KINDS = ("proposal", "opinion", "info")
OUTCOMES = ("adopted", "partially_adopted", "not_adopted")
SATISFACTIONS = ("satisfied", "basically_satisfied", "unsatisfied")

TABLES: tuple[Table, ...] = (
    Table(
        name="regions",
        grain="one row per administrative region",
        columns=(
            Column("region_code", "str", unique=True, description="region code (text)"),
            Column("name", "str"),
            Column("level", "str", enum=REGION_LEVELS),
            Column(
                "parent_code",
                "str",
                optional=True,
                references="regions.region_code",
                description="empty only at the top of the tree",
            ),
            Column("kind", "str", optional=True, description="村/社区/镇/街道/功能区…"),
        ),
        sort_by=("region_code",),
    ),
    Table(
        name="rooms",
        grain="one row per consultation room (协商议事室 and other platforms)",
        columns=(
            Column("room_id", "str", unique=True),
            Column("name", "str"),
            Column("region_code", "str", references="regions.region_code"),
            Column("room_type", "str", enum=ROOM_TYPES),
            Column("opened_on", "date"),
            Column("closed_on", "date", optional=True),
        ),
        date_orders=(DateOrder("opened_on", "closed_on", strict=True),),
        sort_by=("region_code", "opened_on"),
    ),
    Table(
        name="room_assessments",
        grain="one row per room, assessment date and criterion",
        columns=(
            Column("room_id", "str", references="rooms.room_id"),
            Column("assessed_on", "date"),
            Column("criterion", "str", description='e.g. 有场所, 有制度 (the "六有" standard)'),
            Column("met", "bool"),
        ),
        sort_by=("room_id", "assessed_on"),
    ),
    Table(
        name="members",
        grain="one row per CPPCC committee member",
        columns=(
            Column("member_id", "str", unique=True),
            Column("name", "str", optional=True),
            Column("committee_level", "str", enum=COMMITTEE_LEVELS),
            Column(
                "committee_region_code",
                "str",
                references="regions.region_code",
                description="the region whose CPPCC committee the member sits on",
            ),
            Column("sector", "str", optional=True, description="界别"),
            Column("joined_on", "date"),
            Column("left_on", "date", optional=True),
        ),
        date_orders=(DateOrder("joined_on", "left_on", strict=True),),
        sort_by=("committee_region_code", "joined_on"),
    ),
    Table(
        name="member_postings",
        grain="one row per posting of a member to a town or village (委员下沉)",
        columns=(
            Column("member_id", "str", references="members.member_id"),
            Column("region_code", "str", references="regions.region_code"),
            Column("room_id", "str", optional=True, references="rooms.room_id"),
            Column("mode", "str", enum=POSTING_MODES),
            Column("start_on", "date"),
            Column("end_on", "date", optional=True),
        ),
        date_orders=(DateOrder("start_on", "end_on", strict=True),),
        sort_by=("region_code", "start_on"),
    ),
    Table(
        name="activities",
        grain="one row per consultation activity",
        columns=(
            Column("activity_id", "str", unique=True),
            Column("region_code", "str", references="regions.region_code"),
            Column("room_id", "str", optional=True, references="rooms.room_id"),
            Column("held_on", "date"),
            Column("kind", "str", enum=ACTIVITY_KINDS),
            Column("topic", "str", optional=True),
            Column("topic_source", "str", optional=True, enum=TOPIC_SOURCES),
            Column("public_participants", "int", optional=True),
            Column("problems_solved", "int", optional=True),
        ),
        sort_by=("region_code", "held_on"),
    ),
    Table(
        name="activity_members",
        grain="one row per member attending an activity",
        columns=(
            Column("activity_id", "str", references="activities.activity_id"),
            Column("member_id", "str", references="members.member_id"),
        ),
        sort_by=("activity_id", "member_id"),
    ),
    Table(
        name="suggestions",
        grain="one row per proposal, opinion or information report",
        columns=(
            Column("suggestion_id", "str", unique=True),
            Column("kind", "str", enum=SUGGESTION_KINDS),
            Column("region_code", "str", references="regions.region_code"),
            Column("activity_id", "str", optional=True, references="activities.activity_id"),
            Column("member_id", "str", optional=True, references="members.member_id"),
            Column("submitted_on", "date"),
            Column("filed_on", "date", optional=True, description="立案: accepted for handling"),
            Column("concluded_on", "date", optional=True, description="办结"),
            Column("outcome", "str", optional=True, enum=OUTCOMES),
            Column("satisfaction", "str", optional=True, enum=SATISFACTIONS),
        ),
        date_orders=(
            DateOrder("submitted_on", "filed_on", strict=False),
            DateOrder("filed_on", "concluded_on", strict=False),
        ),
        requires=(Requires("concluded_on", "filed_on"), Requires("outcome", "concluded_on")),
        sort_by=("region_code", "submitted_on"),
    ),
)

TABLE_NAMES: tuple[str, ...] = tuple(t.name for t in TABLES)
_BY_NAME = {t.name: t for t in TABLES}


def table(name: str) -> Table:
    return _BY_NAME[name]


def render_markdown() -> str:
    """The contract as Markdown; docs/data-contract.md is this text (a test keeps them in step)."""
    lines = [
        "# Data contract",
        "",
        "Generated from `xieshang/contract/tables.py` by",
        "`xieshang contract > docs/data-contract.md`; a test fails when the two differ.",
        "Codes are always text: leading zeros matter.",
        "Types: `str`, `date`, `int`, `bool`; *optional* columns may be empty.",
        "Extra columns in an export are kept, not rejected.",
        "",
    ]
    for t in TABLES:
        lines += [f"## `{t.name}`", "", f"Grain: {t.grain}.", ""]
        lines += ["| column | type | optional | rule | note |", "|---|---|---|---|---|"]
        for c in t.columns:
            rules = []
            if c.unique:
                rules.append("unique")
            if c.enum:
                rules.append("one of " + ", ".join(f"`{v}`" for v in c.enum))
            if c.references:
                rules.append(f"must be a `{c.references}`")
            optional = "yes" if c.optional else ""
            lines.append(
                f"| `{c.name}` | {c.type} | {optional} | {'; '.join(rules)} | {c.description} |"
            )
        extra = [f"`{o.later}` {'>' if o.strict else '≥'} `{o.earlier}`" for o in t.date_orders] + [
            f"`{r.column}` requires `{r.needs}`" for r in t.requires
        ]
        if extra:
            lines += ["", "Row rules: " + "; ".join(extra) + "."]
        lines.append("")
    lines += [
        "## Whole-export rules",
        "",
        "- Every reference above resolves to an existing row.",
        "- The region tree has no cycles, and `parent_code` is empty only at the top.",
        "",
    ]
    return "\n".join(lines)
