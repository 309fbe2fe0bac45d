"""评分表 Scorecard: child regions × KPIs against their targets and pace, scored, ranked in
thirds. Reads xieshang.kpis.scorecard (queries/kpis/*.sql and queries/oversight/*.sql)."""

import streamlit as st

from xieshang.web import frame, oversight, scoreboard
from xieshang.web.router import view

v = view()
frame.header(v, "scorecard")
weights, min_n = scoreboard.controls(v)
card = oversight.card(v, weights, min_n)
if not card.rows:
    frame.empty(v, "empty.no_children")
    st.stop()
st.caption(v.t("scorecard.rules", min_n=card.min_n))
rows = scoreboard.sort_and_filter(v, card)
scoreboard.show(v, card, rows)
st.subheader(v.t("scorecard.thirds"))
scoreboard.thirds(v, card)
