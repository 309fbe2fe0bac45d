"""What frames every page: its title, where and when, the breadcrumb back up, the demo notice;
empty states; links to other pages that keep the view."""

from __future__ import annotations

import streamlit as st

from xieshang.web.url import URL_KEYS, go_to_region
from xieshang.web.view import View


def header(v: View, page_key: str) -> None:
    """Title, where and when, the breadcrumb to go back up, and the data's provenance."""
    st.title(v.t(f"page.{page_key}"))
    kind = f" · {v.t(f'suggestion_kind.{v.scope.kind}')}" if v.scope.kind else ""
    st.caption(v.t("page.subtitle", region=v.region.name, period=v.period_label) + kind)
    crumbs: list[tuple[str | None, str]] = [(None, v.t("control.region_top"))]
    crumbs += [(code, name) for code, name, _level in v.region.path]
    with st.container(horizontal=True, gap="small"):
        for i, (code, name) in enumerate(crumbs):
            is_here = i == len(crumbs) - 1
            st.button(
                ("› " if i else "") + name,
                key=f"{page_key}_crumb_{i}",
                disabled=is_here,
                type="tertiary",
                on_click=go_to_region,
                args=(code,),
            )
    if v.snapshot.is_demo:
        st.info(v.t("demo_note"), icon=":material/info:")


def empty(v: View, reason_key: str) -> None:
    separator = "：" if v.lang == "zh" else ": "
    st.info(f"{v.t('no_data')}{separator}{v.t(reason_key)}", icon=":material/info:")


def link(v: View, page: str, label: str, icon: str | None = None) -> None:
    """A link to another page that keeps the region, period, kind and language."""
    keep = {k: st.query_params[k] for k in URL_KEYS if k in st.query_params}
    st.page_link(f"pages/{page}.py", label=label, icon=icon, query_params=keep)
