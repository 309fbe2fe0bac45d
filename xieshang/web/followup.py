"""The 督办 page's pieces: what is to be followed up, filtered; each item's follow-up (status,
due date, note) edited in the list and appended to the follow-up log; the list's files; the
items closed automatically since."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import pandas as pd
import streamlit as st

from xieshang.access import audit
from xieshang.kpis import supervision
from xieshang.kpis.supervision import Item
from xieshang.web import identity, oversight, tables
from xieshang.web.downloads import button as download
from xieshang.web.text import md
from xieshang.web.view import View

PARTS: tuple[str, ...] = ("all", *supervision.PARTS)
_FLASH = "_supervision_flash"
_GENERATION = "_supervision_generation"


def part_of(item: Item) -> supervision.Part:
    """Which part of the review an item belongs to (the page's filter)."""
    if item.unit_kind == "room":
        return "rooms"
    if item.unit_kind == "member":
        return "members"
    return "cadence" if item.kpi.startswith("cadence.") else "regions"


def summary(v: View, found: Sequence[Item]) -> None:
    """How many items of each status, and how many are being followed up."""
    counts = supervision.counts(found)
    followed = sum(1 for item in found if item.follow_up_status != "pending")
    columns = st.columns(4)
    for column, status in zip(columns, supervision.STATUSES, strict=False):
        column.metric(supervision.state_text(status, v.lang), f"{counts[status]:,}", border=True)
    columns[3].metric(v.t("supervision.followed"), f"{followed:,}", border=True)


def filters(v: View, found: Sequence[Item]) -> list[Item]:
    """The items of one part, status and follow-up status, as the official picks."""
    part = st.segmented_control(
        v.t("supervision.part"),
        list(PARTS),
        default="all",
        key="supervision_part",
        format_func=lambda p: v.t(f"supervision.part_{p}"),
    )
    left, right = st.columns(2)
    status = left.selectbox(
        v.t("col.state"),
        [None, *supervision.STATUSES],
        key="supervision_status",
        format_func=lambda s: v.t("control.all") if s is None else v.t(f"state.{s}"),
    )
    follow = right.selectbox(
        v.t("col.follow_up"),
        [None, *supervision.FOLLOW_UPS],
        key="supervision_follow",
        format_func=lambda s: v.t("control.all") if s is None else v.t(f"follow_up.{s}"),
    )
    return [
        item
        for item in found
        if (part in (None, "all") or part_of(item) == part)
        and (status is None or item.status == status)
        and (follow is None or item.follow_up_status == follow)
    ]


def flash(v: View) -> None:
    message = st.session_state.pop(_FLASH, None)
    if message:
        st.success(message, icon=":material/check_circle:")


def editor(v: View, shown: Sequence[Item], editable: bool) -> None:
    """The items, each follow-up (status, due date, note) editable in place; what changed is
    appended to the follow-up log on the rerun the edit makes, under the signed-in user's name
    (in an open deployment, nobody signs in: the name typed above)."""
    table, _fills = supervision.frame(shown, v.lang)
    follow, due, note = v.t("col.follow_up"), v.t("col.due"), v.t("col.note")
    table[due] = [item.follow_up.due if item.follow_up else None for item in shown]
    labels = {v.t(f"follow_up.{s}"): s for s in supervision.FOLLOW_UPS}
    signed_in = v.who is not None and v.who.user is not None
    if editable and not signed_in:
        who = st.text_input(v.t("supervision.who"), key="supervision_who")
    else:
        who = v.author
    key = (
        f"supervision_items_{v.region.code}_{v.scope.date_from}_{v.scope.date_to}"
        f"_{st.session_state.get(_GENERATION, 0)}"
    )
    edited = st.data_editor(
        table,
        hide_index=True,
        width="stretch",
        height=min(600, 38 + 35 * max(1, len(table))),
        key=key,
        disabled=[c for c in table.columns if not editable or c not in (follow, due, note)],
        column_config={
            follow: st.column_config.SelectboxColumn(follow, options=list(labels), required=True),
            due: st.column_config.DateColumn(due, format="YYYY-MM-DD"),
            note: st.column_config.TextColumn(note, max_chars=supervision.NOTE_CHARS),
        },
    )
    st.caption(v.t("supervision.edit_note") if editable else v.t("supervision.read_only"))
    if not editable:
        return
    changes = [
        (item, labels.get(row[follow], "pending"), _day(row[due]), str(row[note] or "").strip())
        for item, row in zip(shown, edited.to_dict("records"), strict=True)
    ]
    saved = record(v, changes, who)
    if saved:
        # a fresh editor shows the log as it now is (the old one would apply its edits twice)
        st.session_state[_GENERATION] = st.session_state.get(_GENERATION, 0) + 1
        st.session_state[_FLASH] = v.t("supervision.saved", count=saved)
        st.rerun()


def record(
    v: View,
    changes: Sequence[tuple[Item, supervision.FollowUpStatus, date | None, str]],
    who: str,
) -> int:
    """Append each follow-up that differs from the item's latest to the log, each recorded in
    the audit log too; how many. Refused (UserError) unless this user may follow up here."""
    v.require("followup")
    log = oversight.log()
    latest = log.latest()
    saved = 0
    for item, status, due, note in changes:
        current = latest.get(item.key) or supervision.FollowUp("pending")
        if (status, due, note) == (current.status, current.due, current.note):
            continue
        log.append(item.key, status, note, due, who, v.snapshot.id)
        audit.record(
            "followup",
            v.who.id if v.who else None,
            identity.address(),
            item=item.key,
            status=status,
            snapshot=v.snapshot.id,
        )
        saved += 1
    return saved


def _day(value: object) -> date | None:
    if value is None or value == "" or value != value:  # None, empty, NaN/NaT
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def downloads(v: View, shown: Sequence[Item]) -> None:
    """The list as CSV and as Excel with its statuses in colour, named by region and period."""
    from xieshang import export

    what = v.t("file.supervision")
    name = tables.download_name(v, what)
    with st.container(horizontal=True, gap="small"):
        download(
            v,
            v.t("download.csv"),
            lambda: export.to_csv(supervision.frame(shown, v.lang)[0]),
            f"{name}.csv",
            "text/csv",
            key="supervision_csv",
        )
        download(
            v,
            v.t("download.xlsx"),
            lambda: supervision.to_xlsx(shown, v.lang),
            f"{name}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="supervision_xlsx",
        )


def closed(v: View, found: Sequence[supervision.Closed]) -> None:
    """Followed-up items no longer failing: met (已达标，自动销号) or back on pace."""
    if not found:
        st.caption(v.t("supervision.none_closed"))
        return
    rows = [
        {
            v.t("col.name"): c.name,
            v.t("col.level"): supervision.level_text(c.level, v.lang),
            v.t("col.kpi"): v.t(f"kpi.{c.key.kpi}"),
            v.t("col.actual"): supervision.value_text(c.key.kpi, c.value, c.key.unit_kind),
            v.t("col.target"): supervision.value_text(c.key.kpi, c.target, c.key.unit_kind),
            v.t("col.state"): v.t(f"supervision.closed_{c.state}"),
            v.t("col.follow_up"): v.t(f"follow_up.{c.follow_up.status}"),
            v.t("col.note"): c.follow_up.note,
            v.t("col.who"): c.follow_up.who,
        }
        for c in found
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="supervision_closed")


def history_note(v: View) -> None:
    st.caption(md(v.t("supervision.log_note", file=supervision.LOG)))
