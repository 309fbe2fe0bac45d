"""What frames every page: its title, where and when, the breadcrumb back up, the demo notice,
what the data covers; empty states; links to other pages that keep the view."""

from __future__ import annotations

import streamlit as st

from xieshang import format as fmt
from xieshang.errors import UserError
from xieshang.kpis import periods
from xieshang.web.text import md, one_line
from xieshang.web.url import URL_KEYS, go_to_region
from xieshang.web.view import View, default_period

# Characters of a region's name a breadcrumb shows (the subtitle shows it whole).
CRUMB_CHARS = 24


def header(v: View, page_key: str) -> None:
    """Title, where and when, the breadcrumb to go back up, and the data's provenance; a period
    the data does not reach stops the page with where the data starts and ends."""
    st.title(v.t(f"page.{page_key}"))
    kind = f" · {v.t(f'suggestion_kind.{v.scope.kind}')}" if v.scope.kind else ""
    st.caption(md(v.t("page.subtitle", region=v.region.name, period=v.period_label) + kind))
    # With one region at the top (a provincial deployment) "all regions" is that region.
    crumbs: list[tuple[str | None, str]] = (
        [(None, v.t("control.region_top"))] if v.home is None else []
    )
    crumbs += [(code, name) for code, name, _level in v.region.path]
    grant = v.scope.grant
    if grant is not None and grant.roots is not None:
        # Nothing above the user's scope: the crumbs start at the region they may see.
        start = next((i for i, (code, _) in enumerate(crumbs) if code in grant.roots), 0)
        crumbs = crumbs[start:]
    with st.container(horizontal=True, gap="small"):
        for i, (code, name) in enumerate(crumbs):
            is_here = i == len(crumbs) - 1
            st.button(
                md(("› " if i else "") + one_line(name, CRUMB_CHARS)),
                key=f"{page_key}_crumb_{i}",
                disabled=is_here,
                type="tertiary",
                on_click=go_to_region,
                args=(code,),
            )
    if v.snapshot.is_demo:
        st.info(v.t("demo_note"), icon=":material/info:")
    _data_reach(v, page_key)


def _data_reach(v: View, page_key: str) -> None:
    """Outside the data's dates every figure would read 0 and miss its target: say where the
    data starts and ends instead, and offer its latest year; say so too when the period runs
    past either end."""
    if v.span is None:
        return
    first, last = v.span
    start, end = v.scope.date_from, v.scope.date_to
    reach = {"first": fmt.day(first, v.lang), "last": fmt.day(last, v.lang)}
    if end < first or start > last:
        st.info(
            v.t("period.outside_data", period=v.period_label, **reach), icon=":material/event_busy:"
        )
        latest = default_period(v.span)
        keep = {k: st.query_params[k] for k in URL_KEYS if k in st.query_params}
        st.page_link(
            f"pages/{page_key}.py",
            label=v.t("period.open_latest", period=periods.label(*latest, v.lang)),
            icon=":material/arrow_forward:",
            query_params={**keep, "from": latest[0].isoformat(), "to": latest[1].isoformat()},
        )
        st.stop()
    if start < first or end > last:
        st.caption(v.t("period.partly_outside", **reach))


def empty(v: View, reason_key: str) -> None:
    separator = "：" if v.lang == "zh" else ": "
    st.info(f"{v.t('no_data')}{separator}{v.t(reason_key)}", icon=":material/info:")


def link(v: View, page: str, label: str, icon: str | None = None) -> None:
    """A link to another page that keeps the region, period, kind and language; `label` may
    hold names from the data, so it is shown as text."""
    keep = {k: st.query_params[k] for k in URL_KEYS if k in st.query_params}
    st.page_link(f"pages/{page}.py", label=md(label), icon=icon, query_params=keep)


def require(v: View, action: str) -> None:
    """Stop the page with a message unless this user may `action` here (the refusal is
    recorded in the audit log): an administrator's page opened by its address by anyone else."""
    try:
        v.require(action)
    except UserError as exc:
        st.error(md(exc.message(v.lang)), icon=":material/block:")
        st.stop()
