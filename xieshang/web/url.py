"""The URL is the source of truth for what a page shows (`region`, `from`, `to`, `kind`, `lang`
and a page's own filters): helpers to read it, write it back and show it in widgets."""

from __future__ import annotations

import streamlit as st

from xieshang.i18n import Lang, normalize_lang

URL_KEYS = ("region", "from", "to", "kind", "lang")


def url_lang() -> Lang:
    return normalize_lang(st.query_params.get("lang"))


def set_url(**values: object) -> None:
    for key, value in values.items():
        if value is None or value == "":
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != str(value):
            st.query_params[key] = str(value)


def go_to_region(code: str | None) -> None:
    set_url(region=code)


def sync(key: str, value: object) -> None:
    """Show the URL's value in a widget (set before the widget is drawn)."""
    if st.session_state.get(key) != value:
        st.session_state[key] = value
