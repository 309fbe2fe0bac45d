"""议事室覆盖 Rooms: coverage of towns and villages, the "六有" standard, members in rooms."""

import streamlit as st

from xieshang import charts, ui
from xieshang.contract import ROOM_TYPES
from xieshang.ui import Col

v = ui.view()
ui.header(v, "rooms")
now, year_ago, before = ui.comparisons(v)
ui.tiles(
    v,
    [
        ("rooms", k)
        for k in ("town_coverage", "village_coverage", "standards_rate", "with_member_rate")
    ],
    now,
    year_ago,
    before,
)

st.subheader(v.t("rooms.coverage_by_child"))
children = v.compare(blocks=("rooms",))
if children.empty:
    ui.empty(v, "empty.no_children")
else:
    st.caption(v.t("control.drill_hint"))
    left, right = st.columns(2)
    for column, kpi, title in (
        (left, "rooms.village_coverage", "rooms.coverage_by_child"),
        (right, "rooms.town_coverage", "rooms.town_coverage_by_child"),
    ):
        target = v.target(kpi, level=v.child_level())
        values = [None if x != x else x for x in children[kpi]]
        with column:
            ui.drill_to(
                ui.chart(
                    charts.bar_by_region(
                        children["name"],
                        values,
                        children["region_code"],
                        v.t(title),
                        v.t(f"kpi.{kpi}"),
                        True,
                        target.value if target else None,
                        [target.status(x) if target else None for x in values],
                        v.t("target", value=f"{target.value:.0%}") if target else "",
                    ),
                    key=f"rooms_chart_{kpi}",
                    drill=True,
                )
            )
    ui.drill_to(
        ui.table(
            v,
            children,
            [
                Col("name"),
                Col("rooms.active", "count", "kpi.rooms.active"),
                Col("rooms.towns", "count", "kpi.rooms.towns"),
                Col(
                    "rooms.town_coverage",
                    "rate",
                    "kpi.rooms.town_coverage",
                    "def.rooms.town_coverage",
                ),
                Col("rooms.villages", "count", "kpi.rooms.villages"),
                Col(
                    "rooms.village_coverage",
                    "rate",
                    "kpi.rooms.village_coverage",
                    "def.rooms.village_coverage",
                ),
                Col(
                    "rooms.standards_rate",
                    "rate",
                    "kpi.rooms.standards_rate",
                    "def.rooms.standards_rate",
                ),
                Col(
                    "rooms.with_member_rate",
                    "rate",
                    "kpi.rooms.with_member_rate",
                    "def.rooms.with_member_rate",
                ),
            ],
            key="rooms_children",
            filename="rooms_by_region",
            drill=True,
        )
    )

uncovered = v.detail("uncovered_areas")
ui.rows_behind(
    v,
    v.t("rooms.uncovered"),
    len(uncovered),
    lambda: ui.table(
        v,
        uncovered,
        [Col("region_code"), Col("name"), Col("level", "enum:level"), Col("parent_name")],
        key="rooms_uncovered",
        filename="uncovered",
    ),
)

st.subheader(v.t("rooms.failing_criteria"))
criteria = v.detail("failing_criteria")
if criteria.empty:
    ui.empty(v, "empty.no_assessments")
else:
    ui.chart(
        charts.bar_by_region(
            criteria["criterion"],
            list(criteria["fail_rate"]),
            criteria["criterion"],
            v.t("rooms.failing_criteria"),
            v.t("col.fail_rate"),
            True,
        ),
        key="rooms_criteria",
    )

room_type = ui.page_filter(
    v, "room_type", "rooms_room_type", "control.room_type", ROOM_TYPES, "room_type"
)
rooms = v.detail("rooms", room_type=room_type)
room_columns = [
    Col("room_id"),
    Col("name"),
    Col("room_type", "enum:room_type"),
    Col("region_name"),
    Col("opened_on", "date"),
    Col("assessed_on", "date"),
    Col("is_standard_met", "flag"),
    Col("criteria_failed", "count"),
    Col("has_member", "flag"),
]
without = rooms[~rooms["has_member"]]
failing = rooms[rooms["is_assessed"] & ~rooms["is_standard_met"]]
ui.rows_behind(
    v,
    v.t("rooms.without_member"),
    len(without),
    lambda: ui.table(
        v, without, room_columns, key="rooms_without_member", filename="rooms_without_member"
    ),
)
ui.rows_behind(
    v,
    v.t("rooms.failing_rooms"),
    len(failing),
    lambda: ui.table(
        v, failing, room_columns, key="rooms_failing", filename="rooms_failing_standard"
    ),
)
silent = v.detail("silent_towns")
ui.rows_behind(
    v,
    v.t("attention.silent_towns", count=len(silent)),
    len(silent),
    lambda: ui.table(
        v,
        silent,
        [Col("region_code"), Col("name"), Col("parent_name")],
        key="rooms_silent",
        filename="silent_towns",
    ),
)

left, right = st.columns(2)
with left:
    by_type = v.detail("rooms_by_type")
    if by_type.empty:
        ui.empty(v, "empty.no_rooms")
    else:
        ui.chart(
            charts.donut(
                [v.t(f"room_type.{x}") for x in by_type["room_type"]],
                list(by_type["rooms"]),
                v.t("rooms.by_type"),
            ),
            key="rooms_types",
        )
with right:
    openings = v.detail("room_openings", room_type=room_type)
    if openings.empty:
        ui.empty(v, "empty.no_rooms")
    else:
        ui.chart(
            charts.bars(
                openings["year"].astype(str),
                {
                    v.t("rooms.opened"): list(openings["opened"]),
                    v.t("rooms.active_year_end"): list(openings["active_at_year_end"]),
                },
                v.t("rooms.openings"),
            ),
            key="rooms_openings",
        )
