"""Streamlit's own words in the user's language.

Streamlit 1.67 writes some of its widgets' text in English with no setting to change it: the
file uploader's button ("Upload"), its limits line ("200MB per file • CSV, TXT…") and its drop
prompt ("Drag and drop files here"). CSS shows the catalogue's text in their place (the
English is set to size 0, the catalogue's text drawn after it), so an official never meets
English there. The multiselect's placeholder has a parameter and is set where it is used.
"""

from __future__ import annotations

import streamlit as st

from xieshang.web.text import css_string
from xieshang.web.view import View

_UPLOADER = '[data-testid="stFileUploaderDropzone"]'
# What Streamlit draws (selector) -> the catalogue key that replaces it.
_REPLACED = {
    f'{_UPLOADER} button [data-testid="stMarkdownContainer"] p': "uploader.button",
    '[data-testid="stFileUploaderDropzoneInstructions"] span': "uploader.limits",
    f"{_UPLOADER} > div:not([data-testid]) span": "uploader.drop",
}
# The size Streamlit draws this text at (its small text).
_FONT = "font-size:14px;line-height:1.6"


def localize(v: View) -> None:
    """Swap Streamlit's English widget text for the catalogue's (every page; costs one rule
    set, and the uploader may appear on any page that imports)."""
    limit_mb = st.get_option("server.maxUploadSize")
    rules = []
    for selector, key in _REPLACED.items():
        text = v.t(key, mb=limit_mb)
        rules.append(f"{selector}{{font-size:0 !important}}")
        rules.append(f"{selector}::after{{content:{css_string(text)};{_FONT}}}")
    st.html(f"<style>{''.join(rules)}</style>")
