"""委员下沉 Members: how many members are posted to the grass roots, and whether they take part."""

import math

import streamlit as st

from xieshang import charts, periods, ui
from xieshang.contract import COMMITTEE_LEVELS
from xieshang.ui import Col

v = ui.view()
ui.header(v, "members")
now, year_ago, before = ui.comparisons(v)
ui.tiles(
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
    by_level = {lv: f for lv, f in now["members"]["by_level"].items() if f["active"]}
    if not by_level:
        ui.empty(v, "empty.no_members")
    else:
        target = v.target("members.sinking_rate")
        rates = [f["sinking_rate"] for f in by_level.values()]
        ui.chart(
            charts.bar_by_region(
                [v.t(f"committee.{lv}") for lv in by_level],
                rates,
                list(by_level),
                v.t("members.by_level"),
                v.t("kpi.members.sinking_rate"),
                True,
                target.value if target else None,
                [target.status(r) if target else None for r in rates],
                v.t("target", value=f"{target.value:.0%}") if target else "",
            ),
            key="members_by_level",
        )
with right:
    modes = v.detail("postings_by_mode")
    if modes.empty:
        ui.empty(v, "empty.no_postings")
    else:
        ui.chart(
            charts.donut(
                [v.t(f"mode.{m}") for m in modes["mode"]],
                list(modes["postings"]),
                v.t("members.by_mode"),
            ),
            key="members_modes",
        )

st.subheader(v.t("members.by_child"))
children = v.compare(blocks=("members",))
if children.empty:
    ui.empty(v, "empty.no_children")
else:
    st.caption(v.t("control.drill_hint"))
    kpi = "members.sinking_rate"
    target = v.target(kpi, level=v.child_level())
    values = [None if x != x else x for x in children[kpi]]
    ui.drill_to(
        ui.chart(
            charts.bar_by_region(
                children["name"],
                values,
                children["region_code"],
                v.t("members.by_child"),
                v.t(f"kpi.{kpi}"),
                True,
                target.value if target else None,
                [target.status(x) if target else None for x in values],
                v.t("target", value=f"{target.value:.0%}") if target else "",
            ),
            key="members_chart",
            drill=True,
        )
    )
    ui.drill_to(
        ui.table(
            v,
            children,
            [
                Col("name"),
                Col("members.active", "count", "kpi.members.active"),
                Col("members.posted", "count", "kpi.members.posted", "def.members.posted"),
                Col(
                    "members.sinking_rate",
                    "rate",
                    "kpi.members.sinking_rate",
                    "def.members.sinking_rate",
                ),
                Col(
                    "members.posted_here",
                    "count",
                    "kpi.members.posted_here",
                    "def.members.posted_here",
                ),
                Col("members.villages_with_member", "count", "kpi.members.villages_with_member"),
                Col(
                    "members.villages_with_member_rate",
                    "rate",
                    "kpi.members.villages_with_member_rate",
                    "def.members.villages_with_member_rate",
                ),
            ],
            key="members_children",
            filename="members_by_region",
            drill=True,
        )
    )

st.subheader(v.t("members.attendance"))
committee = ui.page_filter(
    v, "committee", "members_committee", "control.committee", COMMITTEE_LEVELS, "committee"
)
attendance = v.detail("attendance", committee_level=committee)
yearly = v.target("members.activities_attended")
expected = math.ceil(
    (yearly.value if yearly else 2) * periods.years(v.scope.date_from, v.scope.date_to)
)
below = attendance[attendance["attended"] < expected]
if attendance.empty:
    ui.empty(v, "empty.no_members")
else:
    st.caption(
        v.t("members.below_target", target=expected, yearly=f"{yearly.value:g}" if yearly else 2)
    )
    ui.table(
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
        filename="members_below_attendance",
        height=360,
    )
