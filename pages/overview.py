"""总览 Overview: the headline figures of the four areas and what needs attention."""

import streamlit as st

from xieshang.brief import page as brief
from xieshang.kpis import insights
from xieshang.web import frame, oversight, tiles
from xieshang.web.router import view

HEADLINES = {
    "rooms": ("town_coverage", "village_coverage", "standards_rate", "with_member_rate"),
    "members": ("sinking_rate", "posted", "villages_with_member_rate"),
    "activities": ("count", "towns_meeting_target_rate", "public_participants"),
    "suggestions": ("adoption_rate", "conclusion_rate", "submitted", "satisfaction_rate"),
}

v = view()
frame.header(v, "overview")
# The attention list below ranks the region's children: asked for with the region's figures.
now, year_ago, before = v.comparisons(children=True)

for block, keys in HEADLINES.items():
    st.subheader(v.t(f"block.{block}"))
    tiles.tiles(v, [(block, key) for key in keys], now, year_ago, before)

st.subheader(v.t("attention.title"))
items = insights.attention(now, oversight.tally(v), separator=v.t("list_separator"))
if not items:
    st.success(v.t("attention.none"), icon=":material/check_circle:")
for item in items:
    params = dict(item.params)
    if "kpi" in params:
        params["kpi"] = v.t(f"kpi.{params['kpi']}")
    frame.link(
        v,
        item.page,
        v.t(item.key, count=f"{item.count:,}", **params),
        icon=":material/arrow_forward:",
    )

brief.show(v, "overview")
