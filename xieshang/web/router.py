"""The app's router: page config, navigation across the top, the view read from the URL (bad
values fall back with a message), the shared controls, then the page.

With a `pages/` folder, Streamlit's legacy page discovery can run a page file directly (the
first request after a start, and every AppTest rerun); `view()` hands such a run to the router.
"""

from __future__ import annotations

import runpy
from datetime import date

import streamlit as st

from xieshang.contract.tables import SUGGESTION_KINDS
from xieshang.errors import UserError
from xieshang.i18n import Lang, t
from xieshang.kpis import metrics
from xieshang.kpis.metrics import Scope
from xieshang.paths import ROOT
from xieshang.store.snapshots import Store
from xieshang.web import controls
from xieshang.web.url import set_url, url_lang
from xieshang.web.view import VIEW_KEY, View, _region, _span, _targets

PAGES = (
    ("overview", ":material/dashboard:"),
    ("rooms", ":material/meeting_room:"),
    ("members", ":material/groups:"),
    ("adoption", ":material/task_alt:"),
    ("regions", ":material/leaderboard:"),
    ("import", ":material/upload_file:"),
)

# Pages without the shared controls and chrome (the wall screen draws its own header).
CHROMELESS = ("screen",)

_ROUTED = "_xieshang_routed"


def route() -> None:
    """The app: page config, navigation across the top, shared controls, then the page."""
    lang = url_lang()
    st.set_page_config(page_title=t("app.title", lang), page_icon="🏛️", layout="wide")
    pages = [
        st.Page(
            f"pages/{name}.py",
            title=t(f"page.{name}", lang),
            icon=icon,
            # The default page is served at "/" but still reserves its own name, which the
            # hidden alias below needs: /overview must open the overview too.
            url_path="home" if name == "overview" else name,
            default=name == "overview",
        )
        for name, icon in PAGES
    ]
    pages.append(
        st.Page(_overview, title=t("page.overview", lang), url_path="overview", visibility="hidden")
    )
    pages.append(
        st.Page(
            "pages/screen.py",
            title=t("page.screen", lang),
            icon=":material/tv:",
            url_path="screen",
            visibility="hidden",
        )
    )
    page = st.navigation(pages, position="top")
    st.session_state[_ROUTED] = True
    try:
        setup(lang, chrome=page.url_path not in CHROMELESS)
        page.run()
    finally:
        st.session_state[_ROUTED] = False


def _overview() -> None:
    runpy.run_path(str(ROOT / "pages" / "overview.py"), run_name="__page__")


def view() -> View:
    """The view the router built for this run (pages call this first).

    With a `pages/` folder, Streamlit's legacy page discovery can run a page file directly
    (the first request after a start, and every AppTest rerun); such a page hands over to the
    router, which runs it properly, and stops the direct run.
    """
    if not st.session_state.get(_ROUTED):
        route()
        st.stop()
    return st.session_state[VIEW_KEY]


def setup(lang: Lang, chrome: bool = True) -> View:
    """Read the URL, draw the shared controls, write the canonical URL back.

    Without `chrome` (the wall screen) no controls are drawn and URL problems become notices
    the page shows its own way.
    """
    try:
        snapshot = Store().current()
    except UserError as exc:
        st.error(exc.message(lang))
        st.stop()
    span = _span(snapshot.id, str(snapshot.path))
    warnings: list[str] = []
    default_from, default_to = _default_period(span)
    start, end = default_from, default_to
    raw_from, raw_to = st.query_params.get("from"), st.query_params.get("to")
    try:
        start = metrics.parse_date(raw_from) if raw_from else default_from
        end = metrics.parse_date(raw_to) if raw_to else default_to
        if start > end:
            warnings.append(t("url.period_order", lang))
            start, end = default_from, default_to
    except UserError as exc:
        warnings.append(t("url.bad_date", lang, **exc.params))
        start, end = default_from, default_to
    code = (st.query_params.get("region") or "").strip() or None
    try:
        region = _region(snapshot.id, str(snapshot.path), code, lang)
    except metrics.UnknownRegion:
        warnings.append(t("url.bad_region", lang, code=code))
        code = None
        region = _region(snapshot.id, str(snapshot.path), None, lang)
    kind = st.query_params.get("kind") or None
    if kind is not None and kind not in SUGGESTION_KINDS:
        warnings.append(t("url.bad_kind", lang, value=kind))
        kind = None
    scope = Scope(start, end, code, kind)
    current = View(
        snapshot, scope, region, lang, span, _targets(str(Store().root)), tuple(warnings)
    )
    st.session_state[VIEW_KEY] = current
    set_url(
        region=code,
        **{"from": start.isoformat(), "to": end.isoformat()},
        kind=kind,
        lang="en" if lang == "en" else None,
    )
    if chrome:
        controls.sidebar(current)
        for warning in warnings:
            st.warning(warning, icon=":material/warning:")
    return current


def _default_period(span: tuple[date, date] | None) -> tuple[date, date]:
    if span is None:
        year = date.today().year
        return date(year, 1, 1), date(year, 12, 31)
    first, last = span
    year = last.year if last == date(last.year, 12, 31) else last.year - 1
    year = max(year, first.year)
    return date(year, 1, 1), date(year, 12, 31)
