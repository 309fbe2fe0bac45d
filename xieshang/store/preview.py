"""What an import would change, before it is committed: rows per table and headline KPIs."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

import pandas as pd
import pyarrow.parquet as pq

from xieshang.contract.tables import TABLE_NAMES, table
from xieshang.store.imports import Prepared
from xieshang.store.snapshots import Snapshot, write_table

HEADLINES = (
    ("rooms", "town_coverage"),
    ("rooms", "village_coverage"),
    ("rooms", "standards_rate"),
    ("members", "sinking_rate"),
    ("activities", "count"),
    ("activities", "towns_meeting_target_rate"),
    ("suggestions", "submitted"),
    ("suggestions", "adoption_rate"),
)


def row_changes(prepared: Prepared) -> pd.DataFrame:
    """Per table given: rows now and after, and rows added and removed (by id where it has one).

    Tables without an id (assessments, postings, attendance) are compared by row count.
    """
    out = []
    for name, new in prepared.tables.items():
        current = pq.read_table(prepared.base.table_path(name))
        keys = [c.name for c in table(name).columns if c.unique]
        if keys:
            old_ids = set(current.column(keys[0]).to_pylist())
            new_ids = set(new.column(keys[0]).to_pylist())
            added, removed = len(new_ids - old_ids), len(old_ids - new_ids)
        else:
            added = max(0, new.num_rows - current.num_rows)
            removed = max(0, current.num_rows - new.num_rows)
        out.append(
            {
                "table": name,
                "before": current.num_rows,
                "after": new.num_rows,
                "added": added,
                "removed": removed,
            }
        )
    return pd.DataFrame(out, columns=["table", "before", "after", "added", "removed"])


def stage(prepared: Prepared, folder: Path) -> Snapshot:
    """The data an import would make current, written to `folder` to be queried, not committed."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in TABLE_NAMES:
        target = folder / f"{name}.parquet"
        if name in prepared.tables:
            write_table(prepared.tables[name], name, target)
        else:
            target.write_bytes(prepared.base.table_path(name).read_bytes())
    return Snapshot(f"preview-{folder.name}", folder, {})


class Blocks(Protocol):
    def __getitem__(self, block: str, /) -> Any: ...


def kpi_changes(before: Blocks, after: Blocks) -> pd.DataFrame:
    """The headline KPIs before and after an import (KPIs by block: metrics.Figures)."""
    rows = []
    for block, key in HEADLINES:
        rows.append(
            {"kpi": f"{block}.{key}", "before": before[block][key], "after": after[block][key]}
        )
    return pd.DataFrame(rows)
