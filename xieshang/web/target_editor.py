"""The targets table on screen: the targets in force with their sources, a targets file checked
and committed on the import page, the table edited on the 目标管理 page. Both write a new
snapshot version through xieshang.kpis.target_table (reversible from the import history)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from xieshang.access import audit
from xieshang.contract import target_table as shape
from xieshang.errors import UserError
from xieshang.ingest.readers import Upload
from xieshang.ingest.report import ValidationError, grouped, summary
from xieshang.kpis import target_table
from xieshang.kpis import targets as targeting
from xieshang.store.snapshots import StaleBase
from xieshang.web import identity
from xieshang.web.downloads import button as download
from xieshang.web.text import md
from xieshang.web.view import View

_FLASH = "_targets_flash"
_UPLOADS = "_targets_upload_generation"
_EDITS = "_targets_edit_generation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def flash(v: View) -> None:
    message = st.session_state.pop(_FLASH, None)
    if message:
        st.success(message, icon=":material/check_circle:")


def describe(v: View) -> None:
    """Where the targets in force come from: this snapshot's table, or the defaults."""
    found = target_table.describe(v.snapshot)
    if found is None:
        st.info(v.t("targets.defaults_only"), icon=":material/flag:")
        return
    st.caption(
        md(
            v.t(
                "targets.table_line",
                source=found["source"],
                rows=found["rows"],
                who=found["who"],
                saved=found["saved_at"][:16].replace("T", " "),
            )
        )
    )


def frame_of(v: View, found: Sequence[targeting.Target]) -> pd.DataFrame:
    """Targets as the page lists them: the file's columns, and where each comes from."""
    rows = target_table.rows_for_file(found, v.lang)
    table = pd.DataFrame(rows[1:], columns=[str(c) for c in rows[0]], dtype=object)
    table[v.t("targets.origin")] = [v.t(f"targets.origin_{t.origin}") for t in found]
    return table


def in_force(v: View) -> None:
    """Every target in force, its source beside it, with the files to edit them offline."""
    table = frame_of(v, v.targets)
    st.dataframe(table, hide_index=True, width="stretch", key="targets_in_force")
    downloads(v, v.targets, "targets_in_force")


def downloads(v: View, found: Sequence[targeting.Target], key: str) -> None:
    name = v.t("targets.file_name")
    with st.container(horizontal=True, gap="small"):
        download(
            v,
            v.t("download.xlsx"),
            lambda: target_table.to_xlsx(found, v.lang),
            f"{name}.xlsx",
            XLSX,
            key=f"{key}_xlsx",
        )
        download(
            v,
            v.t("download.csv"),
            lambda: target_table.to_csv(found, v.lang),
            f"{name}.csv",
            "text/csv",
            key=f"{key}_csv",
        )


def problems(v: View, reading: target_table.Reading) -> None:
    """Every problem of a targets table, with its row and column, as the import shows them."""
    st.error(
        "  \n".join(md(line) for line in summary(reading.problems, v.lang)),
        icon=":material/block:",
    )
    lines = []
    for shown, more in grouped(reading.problems):
        lines += [f"- {md(p.line(v.lang))}" for p in shown]
        if more > 0:
            lines.append(f"  - {v.t('report.more', count=f'{more:,}')}")
    st.markdown("\n".join(lines))


def upload(v: View, editable: bool) -> None:
    """The import page's targets tab: the table in force, a file checked and committed."""
    flash(v)
    describe(v)
    st.caption(v.t("targets.import_note"))
    in_force(v)
    if not editable:
        return
    generation = st.session_state.get(_UPLOADS, 0)
    given = st.file_uploader(
        v.t("targets.upload_label"),
        type=["csv", "txt", "tsv", "xlsx", "xls", "et", "ods"],
        key=f"import_targets_file_{generation}",
    )
    if given is None:
        return
    file = Upload(given.name, data=given.getvalue())
    reading = target_table.read(v.snapshot, file)
    if not reading.is_valid:
        problems(v, reading)
        return
    st.success(v.t("targets.valid", rows=len(reading.targets)), icon=":material/check_circle:")
    st.dataframe(frame_of(v, reading.targets), hide_index=True, width="stretch")
    clicked = st.button(v.t("targets.commit"), type="primary", key="import_targets_commit")
    if clicked and _commit(v, reading, "import", file):
        st.session_state[_UPLOADS] = generation + 1
        st.rerun()


def edit(v: View) -> None:
    """The 目标管理 editor: the snapshot's table (or the defaults, to start one from), rows added,
    changed or removed, checked as a file is, saved as a new snapshot version."""
    flash(v)
    own = targeting.table(v.snapshot)
    start_from = own or targeting.load()
    rows = target_table.rows_for_file(start_from, v.lang)
    headers = [str(c) for c in rows[0]]
    table = pd.DataFrame(rows[1:], columns=headers, dtype=object).astype(str)
    if not own:
        st.caption(v.t("targets.edit_from_defaults"))
    generation = st.session_state.get(_EDITS, 0)
    edited = st.data_editor(
        table,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        key=f"targets_editor_{v.snapshot.id}_{generation}",
        column_config={
            shape.header_of("kpi"): st.column_config.TextColumn(
                shape.header_of("kpi"), help=v.t("targets.kpi_help"), required=True
            ),
            shape.header_of("value"): st.column_config.TextColumn(
                shape.header_of("value"), help=v.t("targets.value_help"), required=True
            ),
        },
    )
    if st.button(v.t("targets.save"), type="primary", key="targets_save"):
        values = [headers, *edited.fillna("").astype(str).values.tolist()]
        reading = target_table.read_rows(v.snapshot, v.t("targets.editor_source"), values)
        if not reading.is_valid:
            problems(v, reading)
            return
        if _commit(v, reading, "targets", None):
            st.session_state[_EDITS] = generation + 1
            st.rerun()


def _commit(v: View, reading: target_table.Reading, action: str, file: Upload | None) -> bool:
    """Save the targets as a new snapshot version, by the signed-in user, if their role allows
    `action` (an analyst imports a targets file, an administrator edits) on a writing node."""
    try:
        v.require(action)
        snapshot = target_table.commit(reading, v.author, v.snapshot.id, file)
    except ValidationError as exc:
        st.error(v.t("report.invalid", count=len(exc.problems)))
        return False
    except StaleBase:
        st.warning(v.t("targets.stale"), icon=":material/refresh:")
        return False
    except UserError as exc:
        st.error(exc.message(v.lang))
        return False
    rows = len(reading.targets)
    audit.record(
        "targets",
        v.who.id if v.who else None,
        identity.address(),
        snapshot=snapshot.id,
        rows=rows,
        file=file.name if file else None,
    )
    st.session_state[_FLASH] = v.t("targets.committed", rows=rows, snapshot=snapshot.id)
    return True
