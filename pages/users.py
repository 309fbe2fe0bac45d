"""用户管理 Users (administrators): who may sign in, their role and regions, API tokens.
Changes go through xieshang.access.roster (the users file, kept with its comments, audited)."""

import streamlit as st

from xieshang.web import frame, user_roster
from xieshang.web.router import view

v = view()
st.title(v.t("page.users"))
frame.require(v, "users")
user_roster.intro(v)
everyone = user_roster.load(v)
names = user_roster.region_names(v)
user_roster.listing(v, everyone, names)
st.subheader(v.t("users.edit"))
user_roster.editor(v, everyone, names)
st.subheader(v.t("users.token"))
user_roster.tokens(v, everyone)
st.subheader(v.t("users.remove"))
user_roster.removal(v, everyone)
