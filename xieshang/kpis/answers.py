"""The answers the CLI prints and the JSON API returns, one function per question, so that
`xieshang kpis --format json` and `GET /api/v1/kpis` say exactly the same thing (the same dict,
serialised by the same `dumps`).

Every function takes a scope (or a grant) and reads through the KPI layer's guards: a region
outside the grant is Forbidden before anything is read.
"""

from __future__ import annotations

import json
from typing import Any

from xieshang.access.grants import Grant, guard
from xieshang.contract.tables import REGION_LEVELS
from xieshang.engine import sql
from xieshang.errors import UserError
from xieshang.i18n import Lang
from xieshang.kpis import metrics
from xieshang.kpis.scope import Scope, find_region
from xieshang.store.snapshots import Snapshot


def kpis(snapshot: Snapshot, scope: Scope, lang: Lang = "zh") -> dict[str, Any]:
    """Every KPI block of the scope's region and period (what `xieshang kpis` prints)."""
    return metrics.kpis(snapshot, scope, lang)


def sort_columns() -> list[str]:
    """What a comparison may be sorted by: the composite score or any KPI."""
    return sorted({"score", *(f"{b}.{k}" for b, keys in metrics.BLOCKS.items() for k in keys)})


def compare(
    snapshot: Snapshot,
    scope: Scope,
    level: str | None = None,
    sort: str = "score",
    lang: Lang = "zh",
) -> dict[str, Any]:
    """The scope's child regions (or its regions at `level`) ranked, with every KPI, the score
    and its weights (what `xieshang compare --format json` prints)."""
    if sort not in sort_columns():
        raise UserError("error.unknown_sort", value=sort, choices=", ".join(sort_columns()))
    if level is not None and level not in REGION_LEVELS:
        raise UserError("error.unknown_level", value=level, choices="/".join(REGION_LEVELS))
    table = metrics.compare(snapshot, scope, level=level, sort_by=sort)
    rows = table.astype(object).where(table.notna(), None).to_dict(orient="records")
    return {
        **metrics.header(snapshot, scope, lang),
        "level": level,
        "sort": sort,
        "weights": metrics.DEFAULT_WEIGHTS,
        "rows": rows,
    }


def regions(
    snapshot: Snapshot, parent: str | None, grant: Grant | None, lang: Lang = "zh"
) -> dict[str, Any]:
    """The children of `parent` (None: the top: every top-level region, or for a user whose
    grant is a few regions, those regions), each with its code, name and level."""
    parent = (parent or "").strip() or None
    if parent is None and grant is not None and grant.roots is not None:
        codes = sorted(code for code in grant.roots if grant.covers(snapshot, code))
        codes = [code for code in codes if _exists(snapshot, code)]
        above: dict[str, Any] | None = None
    else:
        guard(snapshot, grant, parent)
        where = find_region(snapshot, parent, lang)  # UnknownRegion for a code not held
        codes = [str(r["region_code"]) for r in sql.rows(snapshot, "meta/children", region=parent)]
        above = {"code": where.code, "name": where.name, "level": where.level}
    named = sql.rows(snapshot, "meta/units", anchors=codes) if codes else []
    return {
        "parent": above,
        "snapshot": snapshot.id,
        "regions": [
            {"code": str(r["unit_code"]), "name": r["name"], "level": r["level"]} for r in named
        ],
    }


def dumps(answer: object) -> str:
    """The JSON text of an answer: Chinese as is, indented, dates as ISO text."""
    return json.dumps(answer, ensure_ascii=False, indent=2, default=str)


def _exists(snapshot: Snapshot, code: str) -> bool:
    return bool(sql.rows(snapshot, "meta/region", region=code))
