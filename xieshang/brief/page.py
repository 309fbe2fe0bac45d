"""Streamlit glue for the brief: 生成通报 on the overview, a download per format, written only
when clicked (a deferred download), for the view's region, period, kind and language: the
same document `xieshang brief` writes for the same arguments."""

from __future__ import annotations

import ctypes.util
from functools import lru_cache, partial

import streamlit as st

from xieshang.brief import output
from xieshang.web import downloads
from xieshang.web.view import View


def _written(v: View, fmt: output.Format, internal: bool) -> bytes:
    # Imported when clicked: matplotlib, python-docx and WeasyPrint cost the page a second.
    from xieshang.brief import compose

    document = compose.build(v.snapshot, v.scope, v.lang, internal=internal)
    return output.render(document, fmt)


@lru_cache(maxsize=1)
def pdf_possible() -> bool:
    """Whether WeasyPrint can load Pango here (without importing it: that takes a second)."""
    return all(ctypes.util.find_library(name) for name in ("pango-1.0", "pangoft2-1.0"))


def show(v: View, key: str) -> None:
    """The brief's controls: 内部资料 or not, and a download button per format."""
    st.subheader(v.t("brief.generate"))
    st.caption(v.t("brief.help"))
    internal = st.checkbox(v.t("brief.internal_option"), key=f"{key}_brief_internal")
    with st.container(horizontal=True):
        for fmt in output.FORMATS:
            possible = fmt != "pdf" or pdf_possible()
            downloads.button(
                v,
                v.t("brief.download", format=fmt.upper()),
                partial(_written, v, fmt, internal) if possible else bytes,
                output.file_name(v.region.name, v.period_label, fmt, v.lang),
                output.MIME[fmt],
                key=f"{key}_brief_{fmt}",
                icon=":material/description:",
                disabled=not possible,
                help=None if possible else v.t("brief.pdf_needs_pango"),
            )
