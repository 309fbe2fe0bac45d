"""Who is asking, for a session's script run: the identity the deployment's mode gives, the user
it is in the users file, and the grant every figure is then asked with.

- open: nobody signs in; every page says access control is off.
- header: the organisation's gateway signs people in and passes the user id in a trusted header.
  The server's middleware already refused any request without it or from another address
  (xieshang/web/server.py); this checks again, so a run that somehow reached the script
  without passing the middleware still shows nothing.
- oidc: Streamlit's own st.login with the organisation's OpenID Connect provider.

A refused session sees a page saying why, in its language, and nothing else: no figure, not
the demo.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NoReturn

import streamlit as st

from xieshang.access import actions, audit, settings, users
from xieshang.access.grants import Grant
from xieshang.access.users import User
from xieshang.errors import UserError
from xieshang.i18n import Lang, t
from xieshang.web.text import md, one_line

_SIGNED_IN = "_xieshang_signed_in"


@dataclass(frozen=True)
class Who:
    """The session's identity: the mode, the user (None in an open deployment) and the grant
    every KPI call carries (None in an open deployment: everything)."""

    mode: settings.Mode
    user: User | None
    grant: Grant | None

    @property
    def id(self) -> str:
        return self.user.id if self.user else t("who.anonymous", "en")

    def can(self, action: str) -> bool:
        return actions.allowed(self.user, action)


def address() -> str:
    """The client's address as the server saw it (Streamlit reports localhost as None)."""
    return st.context.ip_address or "127.0.0.1"


def current(lang: Lang) -> Who:
    """The session's identity, or a page saying why there is none (and the run stops)."""
    try:
        mode = settings.mode()
    except UserError as exc:
        _refuse(lang, exc.message(lang))
    if mode == "open":
        return Who("open", None, None)
    user_id = _header_user() if mode == "header" else _oidc_user(lang)
    if not user_id:
        audit.record("refused", None, address(), reason="no identity", mode=mode)
        _refuse(lang, t("error.no_identity", lang))
    try:
        user = users.find(user_id)
    except UserError as exc:
        audit.record("refused", user_id, address(), reason=exc.key, mode=mode)
        _refuse(lang, exc.message(lang), sign_out=mode == "oidc")
    if not st.session_state.get(_SIGNED_IN):
        st.session_state[_SIGNED_IN] = True
        audit.record("sign_in", user.id, address(), mode=mode)
    return Who(mode, user, Grant.of(user))


def _header_user() -> str | None:
    if not settings.is_trusted(address()):
        return None
    value = st.context.headers.get(settings.header_name())
    return value.strip() if value and value.strip() else None


def _oidc_user(lang: Lang) -> str | None:
    if not st.user.is_logged_in:
        st.title(t("app.title", lang))
        st.info(t("signin.prompt", lang), icon=":material/lock:")
        if st.button(t("signin.button", lang), type="primary", key="app_sign_in"):
            st.login()
        st.stop()
    return _oidc_claim()


def _oidc_claim() -> str | None:
    for claim in ("email", "preferred_username", "sub"):
        value = st.user.get(claim)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def allows(action: str) -> bool:
    """Whether this session's user may `action`, for what the navigation lists: nothing is
    drawn, recorded or stopped here. (The page itself checks again, with View.require.)"""
    try:
        mode = settings.mode()
        if mode == "open":
            return actions.allowed(None, action)
        if mode == "header":
            user_id = _header_user()
        else:
            user_id = _oidc_claim() if st.user.is_logged_in else None
        user = users.load().get(user_id or "")
    except UserError:
        return False
    return user is not None and actions.allowed(user, action)


def _refuse(lang: Lang, message: str, sign_out: bool = False) -> NoReturn:
    st.title(t("app.title", lang))
    st.error(md(one_line(message, 300)), icon=":material/block:")
    if sign_out and st.button(t("signin.out", lang), key="app_sign_out"):
        st.logout()
    st.stop()


def sign_out_button(who: Who, lang: Lang) -> None:
    """In an OIDC deployment, the signed-in user and a way to sign out."""
    if who.mode == "oidc" and who.user is not None:
        st.caption(md(t("signin.as", lang, name=who.user.name)))
        if st.button(t("signin.out", lang), key="app_sign_out_sidebar", type="tertiary"):
            st.logout()
