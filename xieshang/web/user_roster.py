"""The 用户管理 page's parts: who may sign in (role, regions by name, token or not), adding and
editing a user with regions picked from the region tree, API tokens, removal. Every change goes
through xieshang.access.roster, which checks, writes and audits it; this module only draws."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from xieshang.access import roster, settings, users
from xieshang.access.users import EVERYWHERE, ROLES, User
from xieshang.errors import UserError
from xieshang.web import identity
from xieshang.web.text import md
from xieshang.web.view import View, _levels, _regions_at_level

_FLASH = "_users_flash"
_SHOWN_ONCE = "_users_new_key"
# Regions offered in the picker, from the top of the tree down, level by level while they fit:
# a list of tens of thousands of towns is no picker. Scopes are counties and above in practice;
# a code already in the file stays, shown by its code.
_PICKABLE = 5000


def load(v: View) -> dict[str, User]:
    """The users this administrator manages: everyone in the users file, or for an
    administrator of a limited scope those wholly inside it (the others are not even listed).
    A broken file stops the page with what is wrong."""
    try:
        everyone = users.load()
    except UserError as exc:
        st.error(md(exc.message(v.lang)), icon=":material/block:")
        st.stop()
    acting, test = _acting(v), covered(v)
    return {i: u for i, u in everyone.items() if roster.within(acting, u.regions, test)}


def covered(v: View) -> Callable[[str], bool]:
    """Whether a region lies inside the acting administrator's own scope."""
    grant, snapshot = v.scope.grant, v.snapshot

    def test(code: str) -> bool:
        return grant is None or grant.covers(snapshot, code)

    return test


def intro(v: View) -> None:
    st.caption(md(v.t("users.intro", file=settings.users_file())))
    if settings.read_only():
        st.info(v.t("error.roster_read_only"), icon=":material/lock:")
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        st.success(md(flash), icon=":material/check_circle:")
    shown_once = st.session_state.pop(_SHOWN_ONCE, None)
    if shown_once:
        user_id, token = shown_once
        st.warning(md(v.t("users.token_issued", user=user_id)), icon=":material/key:")
        st.code(token, language=None)


def region_names(v: View) -> dict[str, str]:
    """Region code -> its name (with its parent's), over the levels the picker offers."""
    snapshot_id, path = v.snapshot.id, str(v.snapshot.path)
    names: dict[str, str] = {}
    for level in _levels(snapshot_id, path):
        found = _regions_at_level(snapshot_id, path, level, None, v.scope.grant)
        if names and len(names) + len(found) > _PICKABLE:
            break
        codes = found["region_code"].tolist()
        for code, name, parent in zip(
            codes, found["name"].tolist(), found["parent_name"].tolist(), strict=True
        ):
            names[code] = f"{name}（{parent}）" if isinstance(parent, str) else str(name)
    return names


def listing(v: View, everyone: dict[str, User], names: dict[str, str]) -> None:
    """Every user: id, name, role, regions by name, whether they hold an API token."""
    if not everyone:
        st.info(v.t("users.none"), icon=":material/group_off:")
        return
    rows = [
        {
            v.t("users.col_id"): user.id,
            v.t("users.col_name"): user.name,
            v.t("users.col_role"): v.t(f"role.{user.role}"),
            v.t("users.col_regions"): _regions_text(v, user.regions, names),
            v.t("users.col_token"): v.t("users.has_token" if user.tokens else "users.no_token"),
        }
        for user in everyone.values()
    ]
    # A data frame's cells are plain text: a name from the file never acts as Markdown.
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="users_table")


def editor(v: View, everyone: dict[str, User], names: dict[str, str]) -> None:
    """Add a user, or pick one and change their name, role and regions."""
    st.selectbox(
        v.t("users.pick"),
        [None, *everyone],
        key="users_pick",
        format_func=lambda u: v.t("users.new") if u is None else f"{everyone[u].name} · {u}",
        on_change=_prefill(everyone),
    )
    picked = st.session_state.get("users_pick")
    user_id = st.text_input(
        v.t("users.id"), key="users_id", disabled=picked is not None, max_chars=200
    )
    name = st.text_input(v.t("users.name"), key="users_name", max_chars=100)
    role = st.selectbox(
        v.t("users.role"), ROLES, key="users_role", format_func=lambda r: v.t(f"role.{r}")
    )
    kept = [
        c for c in st.session_state.get("users_regions", []) if c not in names and c != EVERYWHERE
    ]
    everywhere = v.scope.grant is None or v.scope.grant.roots is None
    options = [*([EVERYWHERE] if everywhere else []), *names, *kept]
    regions = st.multiselect(
        v.t("users.regions"),
        options,
        key="users_regions",
        format_func=lambda c: _region_text(v, c, names),
    )
    if st.button(
        v.t("users.save"), type="primary", key="users_save", disabled=settings.read_only()
    ):
        target = picked or user_id
        _act(
            v,
            lambda: roster.save(
                target,
                name,
                role,
                regions,
                _acting(v),
                identity.address(),
                covered=covered(v),
                adding=picked is None,
            ),
            lambda new: v.t("users.added" if new else "users.saved", user=target.strip()),
        )


def tokens(v: View, everyone: dict[str, User]) -> None:
    """Issue (shown once) or revoke a user's API token."""
    st.caption(v.t("users.token_help"))
    if not everyone:
        return
    user_id = st.selectbox(
        v.t("users.pick"),
        list(everyone),
        key="users_token_user",
        format_func=lambda u: f"{everyone[u].name} · {u}",
    )
    with st.container(horizontal=True, gap="small"):
        issue = st.button(
            v.t("users.token_issue"), key="users_token_issue", disabled=settings.read_only()
        )
        revoke = st.button(
            v.t("users.token_revoke"),
            key="users_token_revoke",
            disabled=settings.read_only() or not everyone[user_id].tokens,
        )
    if issue:
        try:
            token = roster.issue_token(user_id, _acting(v), identity.address(), covered=covered(v))
        except UserError as exc:
            st.error(md(exc.message(v.lang)), icon=":material/block:")
            return
        st.session_state[_SHOWN_ONCE] = (user_id, token)
        st.rerun()
    if revoke:
        _act(
            v,
            lambda: roster.revoke_tokens(
                user_id, _acting(v), identity.address(), covered=covered(v)
            ),
            lambda _: v.t("users.token_revoked", user=user_id),
        )


def removal(v: View, everyone: dict[str, User]) -> None:
    """Remove a user (never oneself), after a confirmation."""
    me = v.who.user.id if v.who and v.who.user else None
    others = [u for u in everyone if u != me]
    if not others:
        return
    user_id = st.selectbox(
        v.t("users.pick"),
        others,
        key="users_remove_user",
        format_func=lambda u: f"{everyone[u].name} · {u}",
    )
    # Keyed by the user: a tick given for one user never stands for another picked after it.
    confirm_key = f"users_remove_ok_{user_id}"
    confirmed = st.checkbox(md(v.t("users.remove_confirm", user=user_id)), key=confirm_key)
    if st.button(
        v.t("users.remove_button"),
        key="users_remove",
        disabled=not confirmed or settings.read_only(),
    ):
        st.session_state.pop(confirm_key, None)
        _act(
            v,
            lambda: roster.remove(user_id, _acting(v), identity.address(), covered=covered(v)),
            lambda _: v.t("users.removed", user=user_id),
        )


def _acting(v: View) -> User | None:
    return v.who.user if v.who else None


def _act(v: View, change: Callable[[], object], said: Callable[[object], str]) -> None:
    """Make a change; say what was done on the next run, or why it was refused now."""
    try:
        result = change()
    except UserError as exc:
        st.error(md(exc.message(v.lang)), icon=":material/block:")
        return
    st.session_state[_FLASH] = said(result)
    st.rerun()


def _prefill(everyone: dict[str, User]) -> Callable[[], None]:
    def fill() -> None:
        user = everyone.get(st.session_state.get("users_pick") or "")
        st.session_state["users_id"] = user.id if user else ""
        st.session_state["users_name"] = user.name if user else ""
        st.session_state["users_role"] = user.role if user else "viewer"
        st.session_state["users_regions"] = list(user.regions) if user else []

    return fill


def _region_text(v: View, code: str, names: dict[str, str]) -> str:
    return v.t("access.everything") if code == EVERYWHERE else names.get(code, code)


def _regions_text(v: View, codes: tuple[str, ...], names: dict[str, str]) -> str:
    return "、".join(_region_text(v, code, names) for code in codes)
