"""Every download the app offers goes through `button()`: the file is built only when clicked
(deferred data), and when it is built a `download` event (who, which file, which region and
period, from where) is appended to the audit log. A test fails if any other module draws a
download button itself, so no file leaves the app unrecorded.

The rows in a file are the rows the page was given, and those came from the KPI layer under
the user's grant: a download holds nothing outside the user's scope.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from xieshang.access import audit
from xieshang.web import identity
from xieshang.web.view import View

Content = bytes | str


def button(
    v: View,
    label: str,
    data: Callable[[], Content],
    file_name: str,
    mime: str,
    key: str,
    *,
    place: DeltaGenerator | None = None,
    icon: str | None = ":material/download:",
    disabled: bool = False,
    help: str | None = None,
) -> None:
    """A download button whose file is built when clicked, and recorded when built.

    `place` is the container to draw in (a column); the page itself by default.
    """
    # Read now, in the script run: the file is built later, outside it, where neither the
    # session's identity nor its client's address can be asked for.
    who = v.who.id if v.who else None
    where = identity.address()
    region = v.region.code or "*"
    period = f"{v.scope.date_from}/{v.scope.date_to}"

    def produce() -> Content:
        content = data()
        audit.record("download", who, where, file=file_name, region=region, period=period, key=key)
        return content

    kwargs: dict[str, Any] = {"key": key, "icon": icon, "disabled": disabled, "help": help}
    if place is None:
        st.download_button(label, produce, file_name, mime, **kwargs)
    else:
        place.download_button(label, produce, file_name, mime, **kwargs)
