"""The app's router: page config, navigation across the top, the view read from the URL (bad
values fall back with a message), the shared controls, then the page.

With a `pages/` folder, Streamlit's legacy page discovery can run a page file directly (the
first request after a start, and every AppTest rerun); `view()` hands such a run to the router.
"""

from __future__ import annotations

import runpy
from datetime import date
from urllib.parse import unquote, urlsplit

import streamlit as st

from xieshang.access import audit, settings
from xieshang.access.grants import Forbidden, Grant
from xieshang.contract.tables import SUGGESTION_KINDS
from xieshang.errors import UserError
from xieshang.i18n import Lang, t
from xieshang.kpis import metrics
from xieshang.kpis.metrics import Scope
from xieshang.paths import ROOT
from xieshang.store.snapshots import Store
from xieshang.web import controls, identity, widget_text
from xieshang.web.text import md, one_line
from xieshang.web.url import URL_KEYS, set_url, url_lang
from xieshang.web.view import (
    VIEW_KEY,
    View,
    _levels,
    _region,
    _regions_at_level,
    _span,
    _targets,
    default_period,
)

PAGES = (
    ("overview", ":material/dashboard:"),
    ("rooms", ":material/meeting_room:"),
    ("members", ":material/groups:"),
    ("adoption", ":material/task_alt:"),
    ("regions", ":material/leaderboard:"),
    ("scorecard", ":material/table_chart:"),
    ("supervision", ":material/assignment_late:"),
    ("targets", ":material/flag:"),
    ("import", ":material/upload_file:"),
)
# Pages for administrators: listed only to those whose role allows the action; anyone else
# opening the address is refused by the page itself.
ADMIN_PAGES = (
    ("users", ":material/manage_accounts:", "users"),
    ("audit", ":material/policy:", "audit"),
)

# Pages without the shared controls and chrome (the wall screen draws its own header).
CHROMELESS = ("screen",)

_ROUTED = "_xieshang_routed"

# Dates a link may ask for. Far outside them the period arithmetic fails (there is no year 0)
# and the period picker would list thousands of years; no export reaches either end.
# How much of a value from the URL a message repeats (a link can carry any length of text).
_ECHO = 60


def route() -> None:
    """The app: page config, who asks, navigation across the top, shared controls, then the
    page."""
    lang = url_lang()
    st.set_page_config(page_title=t("app.title", lang), page_icon="🏛️", layout="wide")
    # Who asks comes first: a session that gets no page (an anonymous visitor of an oidc
    # deployment, an unknown user) sees no navigation either, only why, and the administrators'
    # pages are listed only for those who may use them. The pages are still declared, hidden,
    # so the address asked for keeps its page and Streamlit neither falls back to its `pages/`
    # list nor shows its English "Page not found".
    access = identity.check(lang)
    allowed = isinstance(access, identity.Who)
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
    pages += [
        st.Page(
            f"pages/{name}.py",
            title=t(f"page.{name}", lang),
            icon=icon,
            url_path=name,
            visibility="visible"
            if isinstance(access, identity.Who) and access.can(action)
            else "hidden",
        )
        for name, icon, action in ADMIN_PAGES
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
    unknown = _unknown_page()
    if unknown is not None:
        # A hidden page at the unknown name: Streamlit finds a page, so it neither shows its
        # English "Page not found" dialog nor runs the overview, and the address stays as typed.
        pages.append(
            st.Page(
                lambda: not_found(lang, unknown),
                title=t("page.not_found", lang),
                url_path=unknown,
                visibility="hidden",
            )
        )
    page = st.navigation(pages, position="top" if allowed else "hidden")
    if isinstance(access, identity.Refusal):
        identity.show(access, lang)
    if unknown is not None:
        page.run()
        return
    st.session_state[_ROUTED] = True
    try:
        setup(lang, access, chrome=page.url_path not in CHROMELESS)
        page.run()
    finally:
        st.session_state[_ROUTED] = False


def _unknown_page() -> str | None:
    """The page the browser asked for when no page has that name, else None.

    Streamlit runs the default page for a name it does not know (and sends the browser back to
    "/"), so without this /nonexistent would silently show the overview. (A path of several
    segments is left alone: the browser cannot even load Streamlit's scripts from it.) One
    case stays Streamlit's: the very first request after a start goes through its legacy
    `pages/` discovery, which has already sent its own English dialog before this code runs.
    """
    url = st.context.url  # None outside a browser session (AppTest)
    if not url:
        return None
    path = unquote(urlsplit(url).path).strip("/")
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    if base and (path == base or path.startswith(f"{base}/")):
        path = path[len(base) :].strip("/")
    known = {"", "home", "overview", "screen", *(name for name, _icon in PAGES)}
    known |= {name for name, _icon, _action in ADMIN_PAGES}
    return None if path in known or "/" in path else path


def not_found(lang: Lang, requested: str) -> None:
    """Say the page does not exist and link every page (keeping the view in the link)."""
    st.title(t("page.not_found", lang))
    st.warning(
        md(t("page.not_found_text", lang, page=one_line(requested, _ECHO))),
        icon=":material/link_off:",
    )
    keep = {k: st.query_params[k] for k in URL_KEYS if k in st.query_params}
    for name, icon in PAGES:
        st.page_link(
            f"pages/{name}.py", label=t(f"page.{name}", lang), icon=icon, query_params=keep
        )


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


def setup(lang: Lang, who: identity.Who, chrome: bool = True) -> View:
    """Read the URL, draw the shared controls, write the canonical URL back, for `who` (the
    identity the router checked first).

    Without `chrome` (the wall screen) no controls are drawn and URL problems become notices
    the page shows its own way.
    """
    try:
        snapshot = Store().current()
    except UserError as exc:
        st.error(md(exc.message(lang)))
        st.stop()
    span = _span(snapshot.id, str(snapshot.path))
    warnings: list[str] = []
    start, end = _period(lang, span, warnings)
    grant = who.grant
    if grant is not None and grant.restricted:
        home = grant.home(snapshot)
        if home is None:  # none of the user's regions is in this snapshot
            st.error(md(Forbidden(None, who.id).message(lang)), icon=":material/block:")
            st.stop()
    else:
        # The wall picks its own (it may show a frozen snapshot whose regions differ).
        home = _home(snapshot.id, str(snapshot.path), grant) if chrome else None
    code = (st.query_params.get("region") or "").strip() or home
    if grant is not None and not grant.covers(snapshot, code):
        # Checked first: outside the grant, whether a region exists is not told either.
        audit.record("refused", who.id, identity.address(), region=code, what="page")
        warnings.append(Forbidden(_echo(code) if code else None, who.id).message(lang))
        code = home
    try:
        region = _region(snapshot.id, str(snapshot.path), code, lang)
    except metrics.UnknownRegion:
        code = home
        region = _region(snapshot.id, str(snapshot.path), code, lang)
        warnings.append(
            t("url.bad_region", lang, code=_echo(st.query_params.get("region")), region=region.name)
        )
    kind = st.query_params.get("kind") or None
    if kind is not None and kind not in SUGGESTION_KINDS:
        warnings.append(t("url.bad_kind", lang, value=_echo(kind)))
        kind = None
    scope = Scope(start, end, code, kind, grant=grant)
    current = View(
        snapshot,
        scope,
        region,
        lang,
        span,
        _targets(str(Store().root), snapshot.id, str(snapshot.path)),
        tuple(warnings),
        home,
        who,
    )
    st.session_state[VIEW_KEY] = current
    set_url(
        region=code,
        **{"from": start.isoformat(), "to": end.isoformat()},
        kind=kind,
        lang="en" if lang == "en" else None,
    )
    if chrome:
        _access_notices(current)
        widget_text.localize(current)
        controls.sidebar(current)
        for warning in warnings:
            st.warning(md(warning), icon=":material/warning:")
    return current


def _access_notices(v: View) -> None:
    """Say on every page (at the top of the sidebar) when access control is off, and when this
    replica is read-only."""
    with st.sidebar:
        if v.who is not None and v.who.mode == "open":
            st.caption(v.t("access.open_notice"))
        if settings.read_only():
            st.caption(v.t("access.read_only"))


def _echo(value: object) -> str:
    """A value from the URL as a message repeats it: on one line, and not endlessly long."""
    return one_line(value, _ECHO)


def _period(lang: Lang, span: tuple[date, date] | None, warnings: list[str]) -> tuple[date, date]:
    """The URL's period, or the default one with a message saying why."""
    default = default_period(span)
    raw_from, raw_to = st.query_params.get("from"), st.query_params.get("to")
    try:
        start = metrics.parse_date(raw_from) if raw_from else default[0]
        end = metrics.parse_date(raw_to) if raw_to else default[1]
    except UserError as exc:
        value = _echo(exc.params.get("value", ""))
        if exc.key == "error.date_range":
            first, last = exc.params["first"], exc.params["last"]
            warnings.append(t("url.date_out_of_range", lang, value=value, first=first, last=last))
        else:
            warnings.append(t("url.bad_date", lang, value=value))
        return default
    if start > end:
        warnings.append(t("url.period_order", lang))
        return default
    return start, end


def _home(snapshot_id: str, path: str, grant: Grant | None) -> str | None:
    """The region the app opens on: the top level's only region when it has just one (a
    provincial deployment), so child regions and rankings compare something; else all."""
    levels = _levels(snapshot_id, path)
    if not levels:
        return None
    top = _regions_at_level(snapshot_id, path, levels[0], None, grant)
    return str(top["region_code"].iat[0]) if len(top) == 1 else None
