"""Streamlit glue for the big screen: URL options, live refresh, last good figures."""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

from xieshang.errors import UserError
from xieshang.i18n import Lang, t
from xieshang.kpis.metrics import Scope
from xieshang.screen import model, render
from xieshang.store.snapshots import Snapshot, Store
from xieshang.web.view import View

DEFAULT_ROTATE = 20
DEFAULT_REFRESH = 30
_LAST = "_screen_last_good"
# Everything that is not the screen itself disappears on the wall; the component fills it.
CHROMELESS_CSS = """<style>
[data-testid="stHeader"],[data-testid="stSidebar"],[data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"],[data-testid="stDecoration"],[data-testid="stStatusWidget"],
footer,#MainMenu{display:none !important}
html,body,.stApp,[data-testid="stAppViewContainer"],[data-testid="stMain"]{
overflow:hidden !important;background:#0B1220 !important}
[data-testid="stMainBlockContainer"]{padding:0 !important;max-width:100% !important}
[data-testid="stVerticalBlock"]{gap:0 !important}
[data-testid="stElementContainer"]:has(iframe){width:100vw !important}
iframe{height:100vh !important;width:100vw !important;display:block;border:0}
</style>"""


def _int(raw: str | None, default: int, low: int, high: int) -> int:
    try:
        return max(low, min(high, int(raw))) if raw not in (None, "") else default
    except ValueError:
        return default


@st.cache_data(show_spinner=False, max_entries=64)
def _model(
    snapshot_id: str, path: str, manifest: str, scope: Scope, lang: Lang, hide_names: bool
) -> model.Model:
    # The whole manifest (as JSON, to be hashable): it says when the data is from and
    # whether it is the demo's.
    snapshot = Snapshot(snapshot_id, Path(path), json.loads(manifest))
    return model.build(snapshot, scope, lang, hide_names)


def show(v: View) -> None:
    st.html(CHROMELESS_CSS)
    q = st.query_params
    rotate = _int(q.get("rotate"), DEFAULT_ROTATE, 0, 3600)
    refresh = _int(q.get("refresh"), DEFAULT_REFRESH, 2, 3600)
    watermark = (q.get("watermark") or "").strip()[:40] or None
    hide_names = (q.get("hide_names") or "").lower() in ("1", "true", "yes", "是")
    frozen = (q.get("snapshot") or "").strip() or None

    @st.fragment(run_every=refresh)
    def live() -> None:
        notices = list(v.notices)
        stale = False
        try:
            store = Store()
            try:
                snapshot = store.get(frozen) if frozen else store.current()
            except UserError as exc:
                notices.append(exc.message(v.lang))
                snapshot = store.current()
            shown = _model(
                snapshot.id,
                str(snapshot.path),
                json.dumps(snapshot.manifest, sort_keys=True),
                v.scope,
                v.lang,
                hide_names,
            )
            st.session_state[_LAST] = shown
        except Exception:
            last: model.Model | None = st.session_state.get(_LAST)
            if last is None:
                st.markdown(f"## {t('screen.unavailable', v.lang)}")
                return
            shown, stale = last, True
        html = render.render(
            shown,
            v.lang,
            rotate,
            watermark,
            stale=stale,
            frozen=bool(frozen) and not notices,
            notices=notices,
        )
        # Text from outside (names, the URL's watermark) is escaped by render(): HTML-escaped
        # in markup, JSON safe for <script> in the script's data.
        st.iframe(html, height=1080)

    live()
