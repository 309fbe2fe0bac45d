"""目标管理 Targets: the targets in force with their sources, and the targets table edited as a
new snapshot version (reversible from the import history). Reads xieshang.kpis.targets and
xieshang.kpis.target_table."""

import streamlit as st

from xieshang.web import target_editor
from xieshang.web.router import view

v = view()
st.title(v.t("page.targets"))
st.caption(v.t("targets.intro"))
target_editor.describe(v)
st.subheader(v.t("targets.in_force"))
target_editor.in_force(v)
st.subheader(v.t("targets.edit"))
if v.can("targets"):  # administrators, on a writing node
    target_editor.edit(v)
else:
    st.info(v.t("targets.read_only"), icon=":material/lock:")
