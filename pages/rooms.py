"""议事室覆盖 Rooms: coverage of towns and villages, the "六有" standard, members in rooms."""

import streamlit as st

from xieshang.contract.tables import ROOM_TYPES
from xieshang.web import charts, controls, frame, graphs, tables, tiles
from xieshang.web.router import view
from xieshang.web.tables import Col

v = view()
frame.header(v, "rooms")
# What the sections below show, asked for at once; the table of child regions with the
# region's figures, the openings chart with the room type its filter (drawn below) has.
chosen_type = controls.url_choice("room_type", ROOM_TYPES)
(now, year_ago, before), criteria, cadence, by_type, openings = v.together(
    lambda: v.comparisons(("rooms",), children=True),
    lambda: v.detail("failing_criteria"),
    lambda: v.kpis(blocks=("activities",)),
    lambda: v.detail("rooms_by_type"),
    lambda: v.detail("room_openings", room_type=chosen_type),
)
tiles.tiles(
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
    frame.empty(v, "empty.no_children")
else:
    st.caption(v.t("control.drill_hint"))
    left, right = st.columns(2)
    for column, kpi, title in (
        (left, "rooms.village_coverage", "rooms.coverage_by_child"),
        (right, "rooms.town_coverage", "rooms.town_coverage_by_child"),
    ):
        with column:
            graphs.children_bars(v, children, kpi, title, f"rooms_chart_{kpi}")
    graphs.drill_to(
        tables.table(
            v,
            children,
            [
                Col("name"),
                Col.kpi("rooms.active", "count"),
                Col.kpi("rooms.towns", "count"),
                Col.kpi("rooms.town_coverage", "rate"),
                Col.kpi("rooms.villages", "count"),
                Col.kpi("rooms.village_coverage", "rate"),
                Col.kpi("rooms.standards_rate", "rate"),
                Col.kpi("rooms.with_member_rate", "rate"),
            ],
            key="rooms_children",
            contents="rooms_by_region",
            drill=True,
        )
    )

uncovered = (
    now["rooms"]["towns"]
    - now["rooms"]["towns_covered"]
    + now["rooms"]["villages"]
    - now["rooms"]["villages_covered"]
)
tables.rows_behind(
    v,
    v.t("rooms.uncovered"),
    uncovered,
    lambda: tables.table(
        v,
        v.detail("uncovered_areas"),
        [Col("region_code"), Col("name"), Col("level", "enum:level"), Col("parent_name")],
        key="rooms_uncovered",
        contents="uncovered",
        total=uncovered,
    ),
    key="rooms_uncovered_open",
)

st.subheader(v.t("rooms.failing_criteria"))
if criteria.empty:
    frame.empty(v, "empty.no_assessments")
else:
    graphs.rate_bars(
        v,
        criteria["criterion"],
        list(criteria["fail_rate"]),
        criteria["criterion"],
        "rooms.fail_rate",
        "rooms.failing_criteria",
        key="rooms_criteria",
    )

room_type = controls.page_filter(
    v, "room_type", "rooms_room_type", "control.room_type", ROOM_TYPES, "room_type"
)
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


def problem_rooms(problem: str, key: str, contents: str) -> None:
    rows = v.detail("rooms", room_type=room_type, problem=problem)
    tables.table(v, rows, room_columns, key=key, contents=contents, total=tables.total_rows(rows))


# Counted by the rooms KPIs for every type; for one type, once the list is opened.
every_type = room_type is None
tables.rows_behind(
    v,
    v.t("rooms.without_member"),
    now["rooms"]["active"] - now["rooms"]["with_member"] if every_type else None,
    lambda: problem_rooms("without_member", "rooms_without_member", "rooms_without_member"),
    key="rooms_without_member_open",
)
tables.rows_behind(
    v,
    v.t("rooms.failing_rooms"),
    now["rooms"]["assessed"] - now["rooms"]["standards_met"] if every_type else None,
    lambda: problem_rooms("failing", "rooms_failing", "rooms_failing_standard"),
    key="rooms_failing_open",
)
silent = cadence["activities"]["silent_towns"]
tables.rows_behind(
    v,
    v.t("attention.silent_towns", count=f"{silent:,}"),
    silent,
    lambda: tables.table(
        v,
        v.detail("silent_towns"),
        [Col("region_code"), Col("name"), Col("parent_name")],
        key="rooms_silent",
        contents="silent_towns",
        total=silent,
    ),
    key="rooms_silent_open",
)

left, right = st.columns(2)
with left:
    graphs.shares(
        v,
        by_type,
        "room_type",
        "rooms",
        "room_type",
        "rooms.by_type",
        "rooms_types",
        "empty.no_rooms",
    )
with right:
    if openings.empty:
        frame.empty(v, "empty.no_rooms")
    else:
        graphs.chart(
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
