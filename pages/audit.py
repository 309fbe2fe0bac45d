"""审计日志 Audit log (administrators): sign-ins, refusals, imports, rollbacks, downloads, API
calls and user changes, filtered, newest first, exportable. Reads xieshang.access.audit."""

import streamlit as st

from xieshang.web import audit_log, frame
from xieshang.web.router import view

v = view()
st.title(v.t("page.audit"))
frame.require(v, "audit")
audit_log.intro(v)
chosen = audit_log.filters(v, audit_log.people())
audit_log.show(v, chosen)
audit_log.export_button(v, chosen)
