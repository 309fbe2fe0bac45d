"""Who is asking, for a session's script run: the identity the deployment's mode gives, the user
it is in the users file, and the grant every figure is then asked with.

- open: nobody signs in; every page says access control is off.
- header: the organisation's gateway signs people in and passes the user id in a trusted header.
  The server's middleware already refused any request without it or from another address
  (xieshang/web/server.py); this checks again, so a run that somehow reached the script
  without passing the middleware still shows nothing.
- oidc: Streamlit's own st.login with the organisation's OpenID Connect provider, configured in
  the [auth] section of secrets.toml; without it, a page says sign-in is not configured.

A refused session sees a page saying why, in its language, and nothing else: no figure, not
the demo.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, NoReturn

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


@dataclass(frozen=True)
class Refusal:
    """Why a session gets no page, and what it sees instead: the sign-in prompt, a refusal
    (with a way to sign out when it was the provider that let them in), or the notice that
    sign-in is not configured."""

    kind: Literal["prompt", "refused", "unconfigured"]
    message: str
    sign_out: bool = False


def check(lang: Lang) -> Who | Refusal:
    """The session's identity, or why there is none. Draws nothing: the router first hides its
    navigation from a session that gets no page, then shows the refusal."""
    try:
        mode = settings.mode()
    except UserError as exc:
        return Refusal("refused", exc.message(lang))
    if mode == "open":
        return Who("open", None, None)
    if mode == "oidc":
        missing = settings.oidc_missing(_auth_section())
        if missing:
            keys = ", ".join(missing)
            return Refusal("unconfigured", t("signin.not_configured", lang, keys=keys))
        # .get, not the attribute: st.user has no is_logged_in at all when Streamlit did not
        # see the [auth] section, and a refusal must never become a traceback.
        if not st.user.get("is_logged_in"):
            return Refusal("prompt", t("signin.prompt", lang))
    user_id = _header_user() if mode == "header" else _oidc_user()
    if not user_id:
        audit.record("refused", None, address(), reason="no identity", mode=mode)
        return Refusal("refused", t("error.no_identity", lang), sign_out=mode == "oidc")
    try:
        user = users.find(user_id)
    except UserError as exc:
        audit.record("refused", user_id, address(), reason=exc.key, mode=mode)
        return Refusal("refused", exc.message(lang), sign_out=mode == "oidc")
    if not st.session_state.get(_SIGNED_IN):
        st.session_state[_SIGNED_IN] = True
        audit.record("sign_in", user.id, address(), mode=mode)
    return Who(mode, user, Grant.of(user))


def show(refusal: Refusal, lang: Lang) -> NoReturn:
    """The page a session without access sees, and nothing else: no figure, not the demo."""
    st.title(t("app.title", lang))
    if refusal.kind == "prompt":
        st.info(refusal.message, icon=":material/lock:")
        if st.button(t("signin.button", lang), type="primary", key="app_sign_in"):
            st.login()
    else:
        st.error(md(one_line(refusal.message, 300)), icon=":material/block:")
        if refusal.sign_out and st.button(t("signin.out", lang), key="app_sign_out"):
            st.logout()
    st.stop()


def current(lang: Lang) -> Who:
    """The session's identity, or a page saying why there is none (and the run stops)."""
    found = check(lang)
    if isinstance(found, Refusal):
        show(found, lang)
    return found


def _auth_section() -> Mapping[str, object] | None:
    """The [auth] section of the secrets Streamlit reads (None without one)."""
    if not st.secrets.load_if_toml_exists():
        return None
    section = st.secrets.get("auth")
    return section if isinstance(section, Mapping) else None


def _header_user() -> str | None:
    if not settings.is_trusted(address()):
        return None
    value = st.context.headers.get(settings.header_name())
    return value.strip() if value and value.strip() else None


def _oidc_user() -> str | None:
    """The signed-in user's id in the users file (settings.oidc_user_id)."""
    return settings.oidc_user_id(st.user)


def sign_out_button(who: Who, lang: Lang) -> None:
    """In an OIDC deployment, the signed-in user and a way to sign out."""
    if who.mode == "oidc" and who.user is not None:
        st.caption(md(t("signin.as", lang, name=who.user.name)))
        if st.button(t("signin.out", lang), key="app_sign_out_sidebar", type="tertiary"):
            st.logout()
