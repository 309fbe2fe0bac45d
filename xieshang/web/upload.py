"""Streamlit glue for the import page: check uploads once, show what they hold and what is
wrong, preview the change, commit it, and keep the history reversible.

The same `Store.prepare` / `Store.commit` as `xieshang import`; this module only draws.
"""

from __future__ import annotations

import hashlib
import tempfile
from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from xieshang import export
from xieshang.access import audit
from xieshang.contract import templates
from xieshang.contract.aliases import TABLE_ALIASES
from xieshang.contract.tables import TABLE_NAMES
from xieshang.errors import UserError
from xieshang.ingest.readers import Upload
from xieshang.ingest.report import SHOWN_PER_GROUP, ValidationError, grouped, summary
from xieshang.kpis import registry
from xieshang.store import derived, preview
from xieshang.store.imports import Importer, Prepared
from xieshang.store.snapshots import StaleBase, Store
from xieshang.web import downloads, identity
from xieshang.web.text import md
from xieshang.web.view import View

_PREPARED = "_import_prepared"
_FLASH = "_import_flash"
_GENERATION = "_import_generation"
# The snapshot the preview on screen was computed against, recorded when 确认导入 is clicked.
_CLICKED_BASE = "_import_clicked_base"
SHRINK_KEY = "import_allow_shrink"
# What the uploader offers; files are recognised by content, these only filter the picker.
ACCEPTED_TYPES = [
    *("csv", "txt", "tsv", "xlsx", "xlsm", "xlsb", "xls", "et", "ods", "zip", "parquet")
]
# How many problems the page lists in full (all of them are in the downloadable report).
PROBLEMS_LISTED = 200


def uploader_key() -> str:
    """A new key after each commit empties the uploader, so a file is not imported twice."""
    return f"import_files_{st.session_state.get(_GENERATION, 0)}"


def flash(v: View) -> None:
    message = st.session_state.pop(_FLASH, None)
    if message:
        st.success(message, icon=":material/check_circle:")


def prepare(v: View, files: list, mode: str) -> Prepared | None:
    """Check the uploads, once per content, mode and current snapshot (reruns reuse it).

    None (with a message shown) when checking itself failed: never a traceback on the page.
    """
    uploads = [Upload(f.name, data=f.getvalue()) for f in files]
    store = Store()
    digest = hashlib.sha256()
    for upload in uploads:
        digest.update(hashlib.sha256(upload.read()).digest())
    key = (digest.hexdigest(), mode, store.current().id)
    cached = st.session_state.get(_PREPARED)
    if cached and cached[0] == key:
        return cached[1]
    bar = st.progress(0.0, text=v.t("import.checking"))
    steps = len(uploads) + 1
    done = 0

    def progress(message_key: str, params: dict[str, object]) -> None:
        nonlocal done
        done = min(done + 1, steps)
        bar.progress(done / steps, text=v.t(message_key, **params))

    try:
        prepared = Importer(store).prepare(uploads, mode, progress)  # type: ignore[arg-type]
    except UserError as exc:
        bar.empty()
        st.error(exc.message(v.lang))
        return None
    except Exception as exc:  # the last line of defence, as in the CLI: a message, no traceback
        bar.empty()
        st.error(v.t("error.internal", reason=type(exc).__name__))
        return None
    bar.empty()
    st.session_state[_PREPARED] = (key, prepared)
    st.session_state.pop(SHRINK_KEY, None)  # a confirmation is for the preview it was given on
    return prepared


def show_reports(v: View, prepared: Prepared) -> None:
    """Per file (or sheet): the table recognised, rows read, and notes."""
    rows = []
    for report in prepared.reports:
        notes = "；".join(v.t(key, **params) for key, params in report.notes)
        rows.append(
            {
                v.t("col.file"): report.source,
                v.t("col.table"): table_label(v, report.table),
                v.t("col.rows"): report.rows,
                v.t("col.notes"): notes,
            }
        )
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def table_label(v: View, name: str | None) -> str:
    if name is None:
        return v.t("import.table_unknown")
    return f"{TABLE_ALIASES[name][0]}（{name}）" if v.lang == "zh" else name


def problems_frame(v: View, prepared: Prepared) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                v.t("col.file"): p.file,
                v.t("col.row"): p.row,
                v.t("col.column"): p.column,
                v.t("col.value"): p.value,
                v.t("col.problem"): p.message(v.lang),
            }
            for p in prepared.problems
        ]
    )


def show_problems(v: View, prepared: Prepared) -> None:
    """Every problem, grouped by file, column and rule, a few of each shown and the rest counted."""
    st.error(
        "  \n".join(md(line) for line in summary(prepared.problems, v.lang)),
        icon=":material/block:",
    )
    lines = []
    for shown, more in grouped(prepared.problems)[:PROBLEMS_LISTED]:
        # file names and values come from the files: shown as text, never as Markdown
        lines += [f"- {md(p.line(v.lang))}" for p in shown]
        if more > 0:
            lines.append(f"  - {v.t('report.more', count=f'{more:,}')}")
    st.markdown("\n".join(lines))
    frame = problems_frame(v, prepared)
    downloads.button(
        v,
        v.t("import.download_report"),
        lambda: export.to_xlsx(frame, "problems"),
        "validation_report.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="import_report_xlsx",
    )
    st.caption(v.t("import.problems_note", shown=SHOWN_PER_GROUP))


def show_preview(v: View, prepared: Prepared) -> None:
    """Rows added and removed per table, and the headline figures before and after."""
    st.subheader(v.t("import.preview"))
    changes = preview.row_changes(prepared)
    changes["table"] = changes["table"].map(lambda n: table_label(v, n))
    headers = {c: v.t("col.table_name" if c == "table" else f"col.{c}") for c in changes.columns}
    st.dataframe(
        changes.rename(columns=headers),
        hide_index=True,
        width="stretch",
    )
    with tempfile.TemporaryDirectory(prefix="xieshang-preview-") as folder:
        staged = preview.stage(prepared, Path(folder))
        from xieshang.engine import sql
        from xieshang.kpis import metrics

        after = metrics.kpis(staged, v.scope, v.lang)
        sql.connection.cache_clear()  # the staged files are about to go
    kpis = preview.kpi_changes(v.kpis(), after)
    shown = pd.DataFrame(
        {
            v.t("col.kpi"): [v.t(f"kpi.{k}") for k in kpis["kpi"]],
            v.t("col.before"): [
                registry.shown(k, _figure(b))
                for k, b in zip(kpis["kpi"], kpis["before"], strict=True)
            ],
            v.t("col.after"): [
                registry.shown(k, _figure(a))
                for k, a in zip(kpis["kpi"], kpis["after"], strict=True)
            ],
        }
    )
    st.caption(v.t("import.kpi_scope", region=v.region.name, period=v.period_label))
    st.dataframe(shown, hide_index=True, width="stretch")


def _figure(value: object) -> float | None:
    """A KPI of an empty table is no figure (—), never "nan%"."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    return value  # type: ignore[return-value]


def confirm_shrink(v: View, prepared: Prepared) -> bool:
    """Whether the import may go ahead: a replace that removes more than half of a table's rows
    (or all of them) shows what will vanish and needs its box ticked."""
    shrinks = prepared.shrinks
    if not shrinks:
        return True
    tables = "；".join(shrink.describe(v.lang) for shrink in shrinks)
    st.warning(v.t("import.shrink_warning", tables=tables), icon=":material/warning:")
    return st.checkbox(v.t("import.shrink_confirm", tables=tables), key=SHRINK_KEY)


def permission_notice(v: View) -> None:
    """Say up front when this user (or this read-only replica) cannot import or roll back: the
    files can still be checked, nothing can be committed."""
    for action in ("import", "rollback"):
        try:
            v.require(action)
        except UserError as exc:
            st.info(md(exc.message(v.lang)), icon=":material/lock:")
            return


def commit_button(v: View, prepared: Prepared, allowed: bool) -> bool:
    """确认导入, remembering which snapshot the preview on screen was computed against."""
    return st.button(
        v.t("import.commit"),
        type="primary",
        key="import_commit",
        disabled=not allowed or not v.can("import"),
        on_click=_remember_base,
        args=(prepared.base.id,),
    )


def _remember_base(base_id: str) -> None:
    st.session_state[_CLICKED_BASE] = base_id


def commit(v: View, prepared: Prepared) -> None:
    try:
        v.require("import")
    except UserError as exc:
        st.error(md(exc.message(v.lang)))
        return
    if st.session_state.pop(_CLICKED_BASE, None) != prepared.base.id:
        # another import or a rollback landed after the preview the click was made on: this
        # run has prepared and shown a new preview, which has to be looked at first
        st.warning(v.t("import.stale_preview"), icon=":material/refresh:")
        return
    bar = st.progress(0.0, text=v.t("import.committing"))
    done = 0
    steps = len(prepared.tables) + len(derived.SETUP)  # tables written, then summaries built

    def progress(message_key: str, params: dict[str, object]) -> None:
        nonlocal done
        done += 1
        bar.progress(min(done / steps, 1.0), text=v.t(message_key, **params))

    try:
        snapshot = Importer().commit(
            prepared,
            who=v.author,
            progress=progress,
            allow_shrink=bool(st.session_state.get(SHRINK_KEY)),
        )
    except ValidationError as exc:
        bar.empty()
        st.error(v.t("report.invalid", count=len(exc.problems)))
        return
    except StaleBase:
        bar.empty()
        st.session_state.pop(_PREPARED, None)
        st.warning(v.t("import.stale_preview"), icon=":material/refresh:")
        return
    except UserError as exc:
        bar.empty()
        st.error(exc.message(v.lang))
        return
    audit.record(
        "import",
        v.who.id if v.who else None,
        identity.address(),
        snapshot=snapshot.id,
        files=[source.name for source in prepared.sources],
    )
    st.session_state.pop(_PREPARED, None)
    st.session_state[_GENERATION] = st.session_state.get(_GENERATION, 0) + 1
    st.session_state[_FLASH] = v.t("import.committed", snapshot=snapshot.id)
    st.rerun()


def history(v: View) -> None:
    """Every snapshot, newest first, and a rollback to any earlier one (itself recorded)."""
    store = Store()
    current = store.current().id
    snapshots = store.history()
    rows = []
    for snapshot in snapshots:
        manifest = snapshot.manifest
        rows.append(
            {
                v.t("col.current"): "✔" if snapshot.id == current else "",
                v.t("col.snapshot"): snapshot.id,
                v.t("col.created_at"): manifest.get("created_at", "")[:19].replace("T", " "),
                v.t("col.who"): manifest.get("who", ""),
                v.t("col.action"): action_label(v, manifest),
                v.t("col.sources"): "、".join(s["name"] for s in manifest.get("sources", [])),
                v.t("col.rows"): sum(snapshot.row_counts().values()),
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    earlier = [s.id for s in snapshots if s.id != current]
    if not earlier or not v.can("rollback"):
        return
    st.subheader(v.t("import.rollback"))
    target = st.selectbox(v.t("import.rollback_pick"), earlier, key="import_rollback_target")
    confirmed = st.checkbox(
        v.t("import.rollback_confirm", snapshot=target), key="import_rollback_confirm"
    )
    if st.button(v.t("import.rollback_button"), disabled=not confirmed, key="import_rollback"):
        try:
            v.require("rollback")
            snapshot = store.rollback(target, who=v.author)
        except UserError as exc:
            st.error(md(exc.message(v.lang)))
            return
        audit.record(
            "rollback",
            v.who.id if v.who else None,
            identity.address(),
            snapshot=snapshot.id,
            target=target,
        )
        st.session_state[_FLASH] = v.t("rollback.done", snapshot=snapshot.id, target=target)
        st.session_state.pop("import_rollback_confirm", None)
        st.rerun()


def action_label(v: View, manifest: dict) -> str:
    action = manifest.get("action", "")
    label = v.t(f"action.{action}")
    if action == "rollback":
        label += f" → {manifest.get('rolled_back_to', '')}"
    if manifest.get("mode") == "append":
        label += f"（{v.t('mode.append')}）"
    return label


def template_downloads(v: View) -> None:
    st.caption(v.t("import.templates_note"))
    for name in TABLE_NAMES:
        left, middle, right = st.columns([3, 1, 1])
        left.markdown(f"**{table_label(v, name)}**  \n{v.t(f'table.{name}')}")
        downloads.button(
            v,
            "XLSX",
            partial(templates.template_xlsx, name),
            f"{TABLE_ALIASES[name][0]}_模板.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"import_template_xlsx_{name}",
            place=middle,
        )
        downloads.button(
            v,
            "CSV",
            partial(templates.template_csv, name),
            f"{TABLE_ALIASES[name][0]}_模板.csv",
            "text/csv",
            key=f"import_template_csv_{name}",
            place=right,
        )
