"""数据导入 Import: upload exports, see every problem, preview the change, commit, roll back."""

import streamlit as st

from xieshang.web import target_editor, upload
from xieshang.web.router import view

v = view()
st.title(v.t("page.import"))
upload.flash(v)
upload.permission_notice(v)
check, history, templates, goals = st.tabs(
    [
        v.t("import.tab_upload"),
        v.t("import.tab_history"),
        v.t("import.tab_templates"),
        v.t("import.tab_targets"),
    ]
)

with check:
    files = st.file_uploader(
        v.t("import.upload_label"),
        accept_multiple_files=True,
        key=upload.uploader_key(),
        type=upload.ACCEPTED_TYPES,
        help=v.t("import.upload_help"),
    )
    mode = st.radio(
        v.t("import.mode"),
        ["replace", "append"],
        horizontal=True,
        key="import_mode",
        format_func=lambda m: v.t(f"mode.{m}"),
    )
    prepared = upload.prepare(v, files, mode) if files else None
    if prepared is not None:
        upload.show_reports(v, prepared)
        if not prepared.is_valid:
            upload.show_problems(v, prepared)
        else:
            st.success(v.t("import.valid"), icon=":material/check_circle:")
            upload.show_preview(v, prepared)
            allowed = upload.confirm_shrink(v, prepared)
            if upload.commit_button(v, prepared, allowed):
                upload.commit(v, prepared)

with history:
    upload.history(v)

with templates:
    upload.template_downloads(v)

with goals:
    target_editor.upload(v, editable=v.can("import"))
