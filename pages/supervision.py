"""督办 Supervision: every unit below target or behind pace, silent, failing the standard or
below the attendance cadence, followed up in place. Reads xieshang.kpis.supervision
(queries/kpis/*.sql, queries/oversight/*.sql, queries/rooms/list.sql) and the follow-up log."""

import streamlit as st

from xieshang.web import followup, frame, oversight
from xieshang.web.router import view
from xieshang.web.view import View


def following_up(v: View) -> bool:
    """Whether this session may record follow-ups: analysts and administrators, on a writing
    node (in an open deployment, everyone)."""
    return v.can("followup")


v = view()
frame.header(v, "supervision")
followup.flash(v)
review = oversight.review(v)
st.caption(v.t("supervision.intro"))
followup.summary(v, review.items)
if not review.items:
    st.success(v.t("supervision.none"), icon=":material/check_circle:")
else:
    shown = followup.filters(v, review.items)
    followup.editor(v, shown, following_up(v))
    followup.downloads(v, shown)
st.subheader(v.t("supervision.closed"))
followup.closed(v, review.closed)
followup.history_note(v)
