"""`xieshang`: the command line. Every figure it prints comes from `xieshang.kpis.metrics`."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import os
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xieshang.cli import oversight
from xieshang.contract.tables import REGION_LEVELS, SUGGESTION_KINDS, render_markdown
from xieshang.errors import UserError
from xieshang.format import text_table
from xieshang.i18n import Lang, normalize_lang, t
from xieshang.ingest.report import ValidationError, render
from xieshang.kpis.scope import DEFAULT_ACTIVITY_TARGET
from xieshang.paths import DEMO_DIR, using_data_dir
from xieshang.store.snapshots import Snapshot, Store

if TYPE_CHECKING:
    from xieshang.access.grants import Grant
    from xieshang.access.users import User
    from xieshang.ingest.readers import Upload
    from xieshang.kpis.scope import Scope

# Each command imports what it needs when it runs, not here: `xieshang kpis` must start as fast
# as a plain DuckDB script (pandas, the file readers, the generators cost it up to 0.6 s).


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    lang = normalize_lang(args.lang)
    try:
        with using_data_dir(getattr(args, "data_dir", None)):
            return args.handler(args, lang)
    except ValidationError as exc:
        print(render(exc.problems, lang), file=sys.stderr)
        return 1
    except UserError as exc:
        print(exc.message(lang), file=sys.stderr)
        return 2
    except BrokenPipeError:  # `xieshang kpis | head`: the reader has had enough
        sys.stderr.close()
        return 0
    except Exception as exc:  # the last line of defence: a message, never a traceback
        if os.environ.get("XIESHANG_DEBUG"):
            traceback.print_exc()
        print(t("error.internal", lang, reason=type(exc).__name__), file=sys.stderr)
        return 3
    finally:
        _close_connections()


def _close_connections() -> None:
    """Close the snapshot connections a command opened (if any) before the process exits."""
    engine = sys.modules.get("xieshang.engine.sql")
    if engine is not None:
        with contextlib.suppress(Exception):  # the answer is out: nothing left to tell
            engine.close()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xieshang", description="协商议事平台监测 / consultation platform oversight"
    )
    parser.add_argument(
        "--lang", default=os.environ.get("XIESHANG_LANG", "zh"), help="zh (default) or en"
    )
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("demo", help="write the demo export / 生成演示数据")
    p.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder to write (default: data/demo for the embedded demo)",
    )
    p.add_argument("--seed", type=int, default=None)
    p.add_argument(
        "--scale",
        choices=("demo", "province", "national", "tiny"),
        default="demo",
        help="demo: the embedded demo; province/national: synthetic, for benchmarks",
    )
    p.set_defaults(handler=_demo)

    p = commands.add_parser("validate", help="check files without importing / 校验")
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument("--append", action="store_true", help="check as rows added to the current data")
    _data_dir_option(p)
    p.set_defaults(handler=_validate)

    p = commands.add_parser("import", help="validate and commit a new snapshot / 导入")
    p.add_argument("paths", nargs="+", type=Path)
    _as_option(p)
    p.add_argument(
        "--append",
        action="store_true",
        help="add rows to the given tables instead of replacing them",
    )
    p.add_argument(
        "--allow-shrink",
        action="store_true",
        help="allow a replace that removes more than half of a table's rows, or all of them",
    )
    p.add_argument(
        "--wait",
        type=float,
        default=60.0,
        help="seconds to wait for another import to finish (default 60)",
    )
    _data_dir_option(p)
    p.set_defaults(handler=_import)

    p = commands.add_parser("kpis", help="every KPI for a region and period / 指标")
    _scope_options(p)
    p.set_defaults(handler=_kpis)

    p = commands.add_parser("compare", help="rank the child regions / 区域比较")
    _scope_options(p)
    p.add_argument(
        "--level",
        choices=REGION_LEVELS,
        help="rank every region at this level inside --region instead of children",
    )
    p.add_argument("--sort", default="score", help="a KPI such as suggestions.adoption_rate")
    p.set_defaults(handler=_compare)

    oversight.add_commands(
        commands, _scope_options, _data_dir_option, _snapshot, _scope, _acting, _as_option
    )

    p = commands.add_parser("brief", help="the meeting brief (通报) as DOCX or PDF / 情况通报")
    _brief_options(p)
    p.set_defaults(handler=_brief)

    p = commands.add_parser("history", help="every snapshot, newest first / 快照历史")
    _data_dir_option(p)
    p.set_defaults(handler=_history)

    p = commands.add_parser("rollback", help="make an earlier snapshot current / 回滚")
    p.add_argument("snapshot")
    _as_option(p)
    _data_dir_option(p)
    p.set_defaults(handler=_rollback)

    p = commands.add_parser("bench", help="time every page's render (a benchmark, not a test)")
    p.add_argument(
        "--region",
        action="append",
        default=None,
        help="region code; repeat for several (default: everything and one county)",
    )
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--json", type=Path, default=None, help="also write the results here")
    p.add_argument(
        "--cli",
        action="store_true",
        help="xieshang kpis end to end beside a plain DuckDB script, for the country, a "
        "province and a county (time and peak memory)",
    )
    p.add_argument(
        "--queries",
        action="store_true",
        help="each page's query set (country, province, county): warm and cold, "
        "against the scan floor and the pandas yardstick; for scale exports",
    )
    p.add_argument("--from", dest="date_from", default=None, help="--queries over this period")
    p.add_argument("--to", dest="date_to", default=None, help="(with --from: a custom period)")
    p.add_argument(
        "--scope", action="append", choices=("country", "province", "county"), default=None
    )
    p.add_argument(
        "--brief",
        action="store_true",
        help="the brief (通报) end to end for a county and everything, DOCX and PDF",
    )
    p.add_argument(
        "--load",
        type=int,
        default=None,
        metavar="N",
        help="N concurrent sessions rendering whole pages on one server process over its "
        "websocket: p50/p95 per render, errors, server CPU per render",
    )
    p.add_argument("--rounds", type=int, default=3, help="--load: pages walked per session")
    p.add_argument(
        "--processes",
        type=int,
        default=1,
        help="--load: app processes over the same store, behind nginx (default: one, no proxy)",
    )
    p.add_argument(
        "--think", type=float, default=0.0, help="--load: seconds between a session's pages"
    )
    _data_dir_option(p)
    p.set_defaults(handler=_bench)

    p = commands.add_parser("contract", help="print the data contract as Markdown")
    p.set_defaults(handler=_contract)
    return parser


def _data_dir_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="the store (default: $XIESHANG_DATA_DIR or data/)",
    )


def _scope_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--region", default=None, help="region code (default: everything)")
    p.add_argument("--from", dest="date_from", default=None, help="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", default=None, help="YYYY-MM-DD")
    p.add_argument("--kind", choices=SUGGESTION_KINDS, default=None)
    p.add_argument(
        "--activity-target",
        type=int,
        default=DEFAULT_ACTIVITY_TARGET,
        help="activities a town must hold in the period (default 2)",
    )
    p.add_argument("--snapshot", default=None, help="read this snapshot instead of the current")
    p.add_argument("--format", choices=("json", "table"), default="json")
    _as_option(p)
    _data_dir_option(p)


def _as_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--as",
        dest="as_user",
        default=None,
        metavar="USER",
        help="act as this user of the users file (required when access control is on)",
    )


def _brief_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--region", default=None, help="region code (default: everything)")
    p.add_argument("--from", dest="date_from", default=None, help="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", default=None, help="YYYY-MM-DD")
    p.add_argument("--kind", choices=SUGGESTION_KINDS, default=None)
    p.add_argument(
        "--activity-target",
        type=int,
        default=DEFAULT_ACTIVITY_TARGET,
        help="activities a town must hold in the period (default 2)",
    )
    p.add_argument("--out", type=Path, required=True, help="FILE.docx or FILE.pdf")
    p.add_argument("--internal", action="store_true", help="mark every page 内部资料")
    p.add_argument("--snapshot", default=None, help="read this snapshot instead of the current")
    # Also after the command (`xieshang brief … --lang en`); the global option otherwise.
    p.add_argument("--lang", default=argparse.SUPPRESS, help="zh (default) or en")
    _as_option(p)
    _data_dir_option(p)


def _progress(lang: Lang):
    def report(key: str, params: dict[str, object]) -> None:
        print(f"[xieshang] {t(key, lang, **params)}", file=sys.stderr, flush=True)

    return report


def _user(args: argparse.Namespace) -> User | None:
    """Who the command acts as: the --as user of the users file; nobody in an open deployment
    without --as. A protected deployment needs --as (exit 2 otherwise); an unknown user is
    refused. Refusals are recorded in the audit log."""
    from xieshang.access import audit, settings, users

    as_user = getattr(args, "as_user", None)
    try:
        if not as_user:
            if settings.protected():
                raise UserError("error.cli_needs_as", mode=settings.mode())
            return None
        return users.find(as_user)
    except UserError as exc:
        audit.record("refused", as_user, _where(), reason=exc.key, command=args.command)
        raise


def _grant(args: argparse.Namespace) -> Grant | None:
    from xieshang.access.grants import Grant

    user = _user(args)
    return Grant.of(user, _where()) if user is not None else None


def _acting(args: argparse.Namespace, action: str) -> str:
    """Check the user may `action` here and return the author a snapshot records."""
    from xieshang.access import actions

    user = _user(args)
    actions.require(user, action, _where())
    return actions.author(user, _login())


def _where() -> str:
    return f"cli:{_login()}"


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _demo(args: argparse.Namespace, lang: Lang) -> int:
    from xieshang.dev import demo, scale

    if args.scale == "demo":
        out = args.out or DEMO_DIR
        demo.write(out, seed=args.seed or demo.SEED, progress=_progress(lang))
    else:
        if args.out is None:
            raise UserError("error.scale_needs_out")
        out = args.out
        scale.generate(args.scale, out, seed=args.seed or scale.SEED, progress=_progress(lang))
    print(t("demo.done", lang, path=out))
    return 0


def _uploads(args: argparse.Namespace) -> list[Upload]:
    from xieshang.ingest.readers import uploads_from_paths

    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        raise UserError("error.no_input", path=" ".join(missing))
    uploads = uploads_from_paths(args.paths)
    if not uploads:
        raise UserError("error.no_input", path=" ".join(map(str, args.paths)))
    return uploads


def _print_reports(reports: list, lang: Lang) -> None:
    for report in reports:
        table = report.table or "?"
        print(
            t("report.file", lang, file=report.source, table=table, rows=f"{report.rows:,}"),
            file=sys.stderr,
        )
        for key, params in report.notes:
            print("    " + t(key, lang, **params), file=sys.stderr)


def _validate(args: argparse.Namespace, lang: Lang) -> int:
    from xieshang.store.imports import Importer

    prepared = Importer(Store(args.data_dir)).prepare(
        _uploads(args), "append" if args.append else "replace", progress=_progress(lang)
    )
    _print_reports(prepared.reports, lang)
    if prepared.problems or not prepared.tables:
        print(render(prepared.problems, lang))
        return 1
    rows = sum(prepared.tables.rows(name) for name in prepared.tables)
    print(t("report.valid", lang, tables=len(prepared.tables), rows=f"{rows:,}"))
    if prepared.shrinks:
        tables = "；".join(shrink.describe(lang) for shrink in prepared.shrinks)
        print(t("import.shrink_warning", lang, tables=tables))
    return 0


def _import(args: argparse.Namespace, lang: Lang) -> int:
    from xieshang.access import audit
    from xieshang.store.imports import Importer

    author = _acting(args, "import")  # before reading the files: a refusal costs nothing
    store = Store(args.data_dir, lock_timeout=args.wait)
    uploads = _uploads(args)
    snapshot = Importer(store).import_files(
        uploads,
        who=author,
        progress=_progress(lang),
        mode="append" if args.append else "replace",
        allow_shrink=args.allow_shrink,
    )
    tables = ", ".join(
        f"{name} {info['rows']:,}"
        for name, info in snapshot.manifest["tables"].items()
        if not info["carried_over"]
    )
    audit.record(
        "import",
        getattr(args, "as_user", None),
        _where(),
        snapshot=snapshot.id,
        files=[upload.name for upload in uploads],
    )
    print(t("import.done", lang, snapshot=snapshot.id, tables=tables))
    return 0


def _snapshot(args: argparse.Namespace) -> Snapshot:
    from xieshang.engine import sql

    # A command answers once and exits: read the snapshot's tables from Parquet rather than
    # loading them into memory (a national snapshot: milliseconds and megabytes, not seconds
    # and gigabytes).
    sql.connection.resident = False
    store = Store(args.data_dir)
    return store.get(args.snapshot) if args.snapshot else store.current()


def _scope(args: argparse.Namespace, snapshot: Snapshot) -> Scope:
    from xieshang.kpis.scope import scope_from_input

    return scope_from_input(
        snapshot,
        args.region,
        args.date_from,
        args.date_to,
        args.kind,
        args.activity_target,
        grant=_grant(args),
    )


def _kpis(args: argparse.Namespace, lang: Lang) -> int:
    from xieshang.kpis import answers, metrics, registry

    snapshot = _snapshot(args)
    result = answers.kpis(snapshot, _scope(args, snapshot), lang)
    if args.format == "json":
        print(answers.dumps(result))
        return 0
    region, period = result["region"], result["period"]
    print(
        f"{region['name']}  {period['from']} — {period['to']}  "
        f"{t('snapshot', lang)}: {result['snapshot']}"
    )
    for block, keys in metrics.BLOCKS.items():
        rows = [
            [t(f"kpi.{block}.{key}", lang), registry.shown(f"{block}.{key}", result[block][key])]
            for key in keys
        ]
        print()
        print(text_table([t(f"block.{block}", lang), ""], rows))
    return 0


def _compare(args: argparse.Namespace, lang: Lang) -> int:
    from xieshang.format import number
    from xieshang.kpis import answers, metrics, registry

    snapshot = _snapshot(args)
    scope = _scope(args, snapshot)
    answer = answers.compare(snapshot, scope, level=args.level, sort=args.sort, lang=lang)
    if args.format == "json":
        print(answers.dumps(answer))
        return 0
    shown = list(metrics.DEFAULT_WEIGHTS)
    headers = [t("rank", lang), t("code", lang), t("name", lang), t("score", lang)]
    headers += [t(f"kpi.{key}", lang) for key in shown]
    rows = [
        [str(r["rank"]), r["region_code"], str(r["name"]), number(_none(r["score"]))]
        + [registry.shown(key, _none(r[key])) for key in shown]
        for r in answer["rows"]
    ]
    print(text_table(headers, rows))
    return 0


def _none(value: Any) -> Any:
    return None if value != value else value  # NaN is the only value unequal to itself


def _brief(args: argparse.Namespace, lang: Lang) -> int:
    from xieshang.brief import compose, output

    fmt = output.format_of(args.out)
    output.check_writable(args.out)  # before the work, not after it
    output.prepare(fmt)
    from xieshang.kpis import supervision

    snapshot = _snapshot(args)
    log = supervision.Log(Store(args.data_dir).root / supervision.LOG)
    document = compose.build(
        snapshot, _scope(args, snapshot), lang, internal=args.internal, log=log
    )
    output.write(args.out, output.render(document, fmt))
    print(t("brief.written", lang, path=args.out))
    return 0


def _history(args: argparse.Namespace, lang: Lang) -> int:
    store = Store(args.data_dir)
    current = store.current().id
    headers = ["", t("snapshot", lang), t("snapshot_imported", lang), "who", "action", "rows"]
    rows = []
    for snapshot in store.history():
        total = sum(snapshot.row_counts().values())
        rows.append(
            [
                "*" if snapshot.id == current else "",
                snapshot.id,
                snapshot.created_at,
                str(snapshot.manifest.get("who", "")),
                str(snapshot.manifest.get("action", "")),
                f"{total:,}",
            ]
        )
    print(text_table(headers, rows))
    return 0


def _rollback(args: argparse.Namespace, lang: Lang) -> int:
    from xieshang.access import audit

    author = _acting(args, "rollback")
    snapshot = Store(args.data_dir).rollback(args.snapshot, who=author)
    audit.record("rollback", args.as_user, _where(), snapshot=snapshot.id, target=args.snapshot)
    print(t("rollback.done", lang, snapshot=snapshot.id, target=args.snapshot))
    return 0


def _bench(args: argparse.Namespace, lang: Lang) -> int:
    from xieshang.dev import bench

    if args.data_dir:
        os.environ["XIESHANG_DATA_DIR"] = str(args.data_dir)
    if args.queries:
        return _bench_queries(args)
    if args.load:
        return _bench_load(args)
    if args.brief:
        return _bench_brief(args)
    if args.cli:
        data_dir = Store(args.data_dir).root
        results = bench.cli_against_plain_sql(
            data_dir, args.repeats, progress=lambda line: print(line, file=sys.stderr)
        )
        print(bench.cli_report(results))
        if args.json:
            args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        return 0 if all(r["within_budget"] for r in results) else 1
    regions = args.region or [None, bench_default_county(args)]
    results = []
    for region in regions:
        results += bench.render_pages(
            region, args.repeats, progress=lambda line: print(line, file=sys.stderr)
        )
    print(bench.report(results))
    if args.json:
        bench.save_json(results, args.json)
    return 0 if all(r["within_budget"] for r in results) else 1


def _bench_queries(args: argparse.Namespace) -> int:
    from xieshang.dev import bench

    data_dir = Store(args.data_dir).root
    period = (args.date_from, args.date_to) if args.date_from and args.date_to else None
    results = bench.query_sets(
        data_dir,
        args.repeats,
        progress=lambda line: print(line, file=sys.stderr),
        period=period,
        scopes=tuple(args.scope or ("country", "province", "county")),
    )
    cli = bench.cli_times(data_dir)
    memory = bench.peak_memory_mb()
    browser = bench.first_page_in_browser(data_dir)
    print(bench.query_report(results))
    print()
    print(f"xieshang kpis (whole country, end to end): {cli['kpis_s']:.2f} s")
    print(f"xieshang compare (children of a province, end to end): {cli['compare_s']:.2f} s")
    print(f"peak memory of this benchmark (pandas yardstick included): {memory:,.0f} MB")
    if browser is None:
        print("first page in a browser: not measured (no Chromium)")
    else:
        verdict = "met" if browser["first_page_s"] <= bench.FIRST_PAGE_BUDGET else "MISSED"
        print(
            f"server ready {browser['ready_s']:.1f} s after `streamlit run`; first page fully "
            f"drawn in Chromium {browser['first_page_s']:.1f} s later ({verdict}); server peak "
            f"memory after every page for a province and a county: "
            f"{browser['server_peak_mb']:,.0f} MB"
        )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "machine": bench.machine(),
                    "queries": results,
                    "cli": cli,
                    "peak_memory_mb": memory,
                    "browser": browser,
                },
                indent=2,
                default=str,
            )
            + "\n",
            encoding="utf-8",
        )
    return 0 if all(r["within_budget"] for r in results) else 1


def _bench_load(args: argparse.Namespace) -> int:
    import tempfile

    from xieshang.dev import bench, load

    data_dir = Store(args.data_dir).root
    region = args.region[0] if args.region else None
    with tempfile.TemporaryDirectory(prefix="xieshang-load-") as scratch:
        renders, found = load.measure(
            data_dir,
            args.load,
            Path(scratch) / "server.log",
            rounds=args.rounds,
            think=args.think,
            region=region,
            processes=args.processes,
        )
    print(load.report(args.load, args.think, found))
    if args.json:
        args.json.write_text(
            json.dumps(
                {"machine": bench.machine(), "summary": found, "renders": load.as_dicts(renders)},
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
    within = found["p95_s"] is not None and found["p95_s"] <= load.BUDGET_P95
    return 0 if not found["errors"] and within else 1


def _bench_brief(args: argparse.Namespace) -> int:
    from xieshang.dev import bench_brief

    data_dir = Store(args.data_dir).root
    results = bench_brief.end_to_end(data_dir, args.repeats)
    print(bench_brief.report(results))
    for scope, region in bench_brief.scopes(data_dir).items():
        found = bench_brief.phases(data_dir, region)
        print(f"{scope}: " + ", ".join(f"{k} {v:.2f}" for k, v in found.items()))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0 if all(r["within_budget"] for r in results) else 1


def bench_default_county(args: argparse.Namespace) -> str | None:
    from xieshang.kpis import metrics

    snapshot = Store(args.data_dir).current()
    counties = metrics.compare(snapshot, metrics.scope_from_input(snapshot), level="county")
    return None if counties.empty else str(counties["region_code"].iloc[0])


def _contract(args: argparse.Namespace, lang: Lang) -> int:
    print(render_markdown(), end="")
    return 0
