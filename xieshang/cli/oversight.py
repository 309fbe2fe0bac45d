"""`xieshang supervise`, `xieshang scorecard` and `xieshang targets`: the oversight commands.

They print what the 督办, 评分表 and 目标管理 pages show, from the same KPI-layer records
(xieshang.kpis.supervision, .scorecard, .target_table). The shared options and the snapshot
and scope they read come from the main command line (passed in, so this module needs nothing
from it).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xieshang.errors import UserError
from xieshang.format import text_table
from xieshang.i18n import Lang, t

if TYPE_CHECKING:
    from xieshang.kpis.scope import Scope
    from xieshang.store.snapshots import Snapshot

Options = Callable[[argparse.ArgumentParser], None]
SnapshotOf = Callable[[argparse.Namespace], "Snapshot"]
ScopeOf = Callable[[argparse.Namespace, "Snapshot"], "Scope"]
# Checks the --as user may do an action here and returns the author a snapshot records.
Acting = Callable[[argparse.Namespace, str], str]


def add_commands(
    commands: Any,
    scope_options: Options,
    data_dir_option: Options,
    snapshot_of: SnapshotOf,
    scope_of: ScopeOf,
    acting: Acting,
    as_option: Options,
) -> None:
    """Add the oversight commands to the main parser's subcommands."""

    def run(handler: Callable[..., int]) -> Callable[[argparse.Namespace, Lang], int]:
        return lambda args, lang: handler(args, lang, snapshot_of, scope_of, acting)

    p = commands.add_parser(
        "supervise", help="units below target or behind pace, to follow up / 督办清单"
    )
    scope_options(p)
    p.set_defaults(handler=run(_supervise))

    p = commands.add_parser("scorecard", help="the scorecard of the child regions / 考核评分表")
    scope_options(p)
    p.add_argument(
        "--weight",
        action="append",
        default=None,
        metavar="KEY=W",
        help="a column's weight in the score (repeat; 0 leaves it out)",
    )
    p.add_argument(
        "--min-n", type=int, default=None, help="rates from fewer items are not scored (5)"
    )
    p.set_defaults(handler=run(_scorecard))

    p = commands.add_parser("targets", help="the targets in force; import a targets table / 目标")
    p.add_argument("--import", dest="import_path", type=Path, default=None, metavar="PATH")
    p.add_argument("--export", dest="export_path", type=Path, default=None, metavar="PATH")
    as_option(p)
    p.add_argument("--snapshot", default=None, help="read this snapshot instead of the current")
    p.add_argument("--format", choices=("json", "table"), default="table")
    data_dir_option(p)
    p.set_defaults(handler=run(_targets))


def _supervise(
    args: argparse.Namespace,
    lang: Lang,
    snapshot_of: SnapshotOf,
    scope_of: ScopeOf,
    acting: Acting,
) -> int:
    from xieshang.kpis import metrics, supervision

    snapshot = snapshot_of(args)
    scope = scope_of(args, snapshot)
    log = supervision.Log(_store_root(args) / supervision.LOG)
    found = supervision.items(snapshot, scope, log=log)
    if args.format == "json":
        print(json.dumps([item.as_json() for item in found], ensure_ascii=False, indent=2))
        return 0
    header = metrics.header(snapshot, scope, lang)
    print(f"{header['region']['name']}  {header['period']['from']} — {header['period']['to']}")
    headers = [
        t("col.name", lang),
        t("col.level", lang),
        t("col.parent_name", lang),
        t("col.kpi", lang),
        t("col.actual", lang),
        t("col.target", lang),
        t("col.expected", lang),
        t("col.state", lang),
        t("col.missing", lang),
        t("col.follow_up", lang),
    ]
    rows = [
        [
            item.name,
            supervision.level_text(item.level, lang),
            item.parent_name or "",
            t(f"kpi.{item.kpi}", lang),
            supervision.value_text(item.kpi, item.value, item.unit_kind),
            supervision.value_text(item.kpi, item.target, item.unit_kind),
            supervision.value_text(item.kpi, item.expected, item.unit_kind),
            t(f"state.{item.status}", lang),
            supervision.missing_text(item, lang),
            t(f"follow_up.{item.follow_up_status}", lang),
        ]
        for item in found
    ]
    print(text_table(headers, rows) if rows else t("supervision.none", lang))
    return 0


def _scorecard(
    args: argparse.Namespace,
    lang: Lang,
    snapshot_of: SnapshotOf,
    scope_of: ScopeOf,
    acting: Acting,
) -> int:
    from xieshang.kpis import scorecard

    snapshot = snapshot_of(args)
    scope = scope_of(args, snapshot)
    weights = dict(scorecard.DEFAULT_WEIGHTS)
    for given in args.weight or []:
        key, _, raw = given.partition("=")
        if key not in scorecard.COLUMNS:
            choices = ", ".join(scorecard.COLUMNS)
            raise UserError("error.unknown_column", value=key, choices=choices)
        try:
            weights[key] = float(raw)
        except ValueError:
            raise UserError("error.bad_weight", value=given) from None
    min_n = scorecard.MIN_N if args.min_n is None else max(0, args.min_n)
    card = scorecard.build(snapshot, scope, weights=weights, min_n=min_n)
    if args.format == "json":
        print(json.dumps(card.as_json(), ensure_ascii=False, indent=2, default=str))
        return 0
    print(f"{card.region.name}  {card.start} — {card.end}")
    if not card.rows:
        print(t("empty.no_children", lang))
        return 0
    print(text_table(card.headers(lang), card.table(lang)))
    print()
    print(t("scorecard.rules", lang, min_n=card.min_n))
    return 0


def _targets(
    args: argparse.Namespace,
    lang: Lang,
    snapshot_of: SnapshotOf,
    scope_of: ScopeOf,
    acting: Acting,
) -> int:
    from xieshang.ingest.readers import Upload
    from xieshang.ingest.report import ValidationError
    from xieshang.kpis import target_table
    from xieshang.kpis import targets as targeting
    from xieshang.store.snapshots import Store

    if args.import_path is None:
        acting(args, "view")  # the targets in force are for users of the deployment
    snapshot = snapshot_of(args)
    if args.import_path is not None:
        path: Path = args.import_path
        if not path.is_file():
            raise UserError("error.no_input", path=str(path))
        upload = Upload(path.name, path=path)
        reading = target_table.read(snapshot, upload)
        if not reading.is_valid:
            raise ValidationError(reading.problems)
        who = acting(args, "import")
        new = target_table.commit(reading, who, snapshot.id, upload, Store(args.data_dir))
        print(t("targets.imported", lang, rows=len(reading.targets), snapshot=new.id))
        return 0
    found = targeting.in_force(snapshot)
    if args.export_path is not None:
        out: Path = args.export_path
        data = (
            target_table.to_csv(found, lang)
            if out.suffix.lower() == ".csv"
            else target_table.to_xlsx(found, lang)
        )
        out.write_bytes(data)
        print(t("targets.exported", lang, rows=len(found), path=out))
        return 0
    if args.format == "json":
        print(json.dumps([target.as_dict() for target in found], ensure_ascii=False, indent=2))
        return 0
    rows = target_table.rows_for_file(found, lang)
    print(text_table([str(c) for c in rows[0]], [[str(c) for c in r] for r in rows[1:]]))
    return 0


def _store_root(args: argparse.Namespace) -> Path:
    from xieshang.store.snapshots import Store

    return Store(args.data_dir).root
