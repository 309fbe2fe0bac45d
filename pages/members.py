"""委员下沉 Members: how many members are posted to the grass roots, and whether they take part."""

import math

import streamlit as st

from xieshang.contract.tables import COMMITTEE_LEVELS
from xieshang.kpis import details, periods
from xieshang.web import controls, frame, graphs, tables, tiles
from xieshang.web.router import view
from xieshang.web.tables import Col

v = view()
frame.header(v, "members")
# What the sections below show, asked for at once; the table of child regions with the
# region's figures.
(now, year_ago, before), modes = v.together(
    lambda: v.comparisons(("members",), breakdowns=True, children=True),
    lambda: v.detail("postings_by_mode"),
)
tiles.tiles(
    v,
    [
        ("members", k)
        for k in ("sinking_rate", "posted", "villages_with_member_rate", "posted_here")
    ],
    now,
    year_ago,
    before,
)

left, right = st.columns(2)
with left:
    by_level = {lv: f for lv, f in (now.members_by_level or {}).items() if f.active}
    if not by_level:
        frame.empty(v, "empty.no_members")
    else:
        graphs.rate_bars(
            v,
            [v.t(f"committee.{lv}") for lv in by_level],
            [f.sinking_rate for f in by_level.values()],
            list(by_level),
            "members.sinking_rate",
            "members.by_level",
            key="members_by_level",
        )
with right:
    graphs.shares(
        v,
        modes,
        "mode",
        "postings",
        "mode",
        "members.by_mode",
        "members_modes",
        "empty.no_postings",
    )

st.subheader(v.t("members.by_child"))
children = v.compare(blocks=("members",))
if children.empty:
    frame.empty(v, "empty.no_children")
else:
    st.caption(v.t("control.drill_hint"))
    graphs.children_bars(v, children, "members.sinking_rate", "members.by_child", "members_chart")
    graphs.drill_to(
        tables.table(
            v,
            children,
            [
                Col("name"),
                Col.kpi("members.active", "count"),
                Col.kpi("members.posted", "count"),
                Col.kpi("members.sinking_rate", "rate"),
                Col.kpi("members.posted_here", "count"),
                Col.kpi("members.villages_with_member", "count"),
                Col.kpi("members.villages_with_member_rate", "rate"),
            ],
            key="members_children",
            contents="members_by_region",
            drill=True,
        )
    )

st.subheader(v.t("members.attendance"))
committee = controls.page_filter(
    v, "committee", "members_committee", "control.committee", COMMITTEE_LEVELS, "committee"
)
yearly = v.target("cadence.member_attendance")
expected = math.ceil(
    (yearly.value if yearly else 2) * periods.years(v.scope.date_from, v.scope.date_to)
)
st.caption(
    v.t("members.below_target", target=expected, yearly=f"{yearly.value:g}" if yearly else 2)
)


def below_target() -> None:
    below = v.detail(
        "attendance", committee_level=committee, below=expected, limit=details.LIST_LIMIT
    )
    if below.empty:
        if now["members"]["active"] == 0:
            frame.empty(v, "empty.no_members")
        else:
            st.success(v.t("members.none_below"), icon=":material/check_circle:")
        return
    tables.table(
        v,
        below,
        [
            Col("member_id"),
            Col("name"),
            Col("committee_level", "enum:committee"),
            Col("committee_name"),
            Col("sector"),
            Col("attended", "count"),
            Col("is_posted", "flag"),
        ],
        key="members_below",
        contents="members_below_attendance",
        total=tables.total_rows(below),
        height=360,
    )


# Counting attendance reads every attendance row of the period: only once asked for.
tables.rows_behind(v, v.t("members.below_list"), None, below_target, key="members_below_open")
