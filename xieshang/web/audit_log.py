"""The 审计日志 page's parts: filters, the matching events newest first (capped, with the true
count), and the export through the audited download helper. Reads xieshang.access.audit."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from xieshang import export
from xieshang.access import audit
from xieshang.access.audit import Found
from xieshang.web import downloads
from xieshang.web.text import file_name, md
from xieshang.web.view import View

# Events a page shows at once; the export holds every match.
SHOWN = 500
# The columns every event has; the rest are its details.
_FIXED = ("at", "event", "who", "from")


def intro(v: View) -> None:
    st.caption(md(v.t("audit.intro", file=audit.path())))


def filters(v: View, people: list[str]) -> dict[str, Any]:
    """The filters, laid out in a row: days (UTC), user, kind, text."""
    today = datetime.now(UTC).date()
    first, second, third, fourth, fifth = st.columns([1, 1, 1.2, 1, 1.5])
    start = first.date_input(
        v.t("audit.from"), value=today - timedelta(days=30), key="audit_from", max_value=today
    )
    end = second.date_input(v.t("audit.to"), value=today, key="audit_to")
    who = third.selectbox(
        v.t("audit.who"),
        [None, *people],
        key="audit_who",
        format_func=lambda p: v.t("audit.all") if p is None else p,
    )
    event = fourth.selectbox(
        v.t("audit.event"),
        [None, *audit.EVENTS],
        key="audit_event",
        format_func=lambda e: v.t("audit.all") if e is None else v.t(f"audit.event_{e}"),
    )
    text = fifth.text_input(v.t("audit.text"), key="audit_text", max_chars=200)
    return {
        "start": start if isinstance(start, date) else None,
        "end": end if isinstance(end, date) else None,
        "who": who,
        "event": event,
        "text": text or None,
    }


def people() -> list[str]:
    """Everyone the log names, for the user filter."""
    return audit.search(limit=0).people


def show(v: View, chosen: dict[str, Any]) -> Found:
    """The matching events, newest first, at most SHOWN of them, with how many matched."""
    found = audit.search(**chosen, limit=SHOWN)
    if not found.total:
        st.info(v.t("audit.none"), icon=":material/search_off:")
        return found
    if found.total > len(found.events):
        st.caption(v.t("rows_capped", count=f"{found.total:,}", shown=f"{len(found.events):,}"))
    else:
        st.caption(v.t("rows_shown", count=f"{found.total:,}"))
    # A data frame's cells are plain text: names and paths from the log never act.
    st.dataframe(frame(v, found.events), hide_index=True, width="stretch", key="audit_table")
    return found


def frame(v: View, events: list[dict[str, Any]]) -> pd.DataFrame:
    """Events as the page and the export show them: time, kind, who, from where, details."""
    return pd.DataFrame(
        {
            v.t("audit.col_at"): [str(e.get("at", ""))[:19].replace("T", " ") for e in events],
            v.t("audit.col_event"): [_kind(v, e.get("event")) for e in events],
            v.t("audit.col_who"): [str(e.get("who") or "") for e in events],
            v.t("audit.col_from"): [str(e.get("from") or "") for e in events],
            v.t("audit.col_details"): [_details(e) for e in events],
        }
    )


def export_button(v: View, chosen: dict[str, Any]) -> None:
    """Every matching event (not only those shown) as CSV, itself recorded as a download."""
    name = file_name(v.t("audit.file_name"), chosen["start"] or "", chosen["end"] or "")
    downloads.button(
        v,
        v.t("download.csv"),
        lambda: export.to_csv(frame(v, audit.search(**chosen, limit=None).events)),
        f"{name}.csv",
        "text/csv",
        key="audit_csv",
    )


def _kind(v: View, event: object) -> str:
    return v.t(f"audit.event_{event}") if event in audit.EVENTS else str(event or "")


def _details(entry: dict[str, Any]) -> str:
    rest = {k: value for k, value in entry.items() if k not in _FIXED}
    return json.dumps(rest, ensure_ascii=False, default=str) if rest else ""
