"""Two independent readings of the KPI definitions: the SQL and plain pandas must agree."""

from __future__ import annotations

import pytest
import yardstick
from factories import scope

from xieshang.kpis import metrics
from xieshang.paths import DEMO_DIR
from xieshang.store.snapshots import Store


@pytest.mark.parametrize(
    ("region", "start", "end", "kind"),
    [
        (None, "2025-01-01", "2025-12-31", None),
        ("990102000000", "2024-04-01", "2024-06-30", None),
        ("990203001000", "2026-01-01", "2026-09-30", "opinion"),
        ("990100000000", "2024-01-01", "2026-09-30", "proposal"),
    ],
)
def test_pandas_and_sql_give_the_same_kpis_on_the_demo(region, start, end, kind):
    chosen = scope(region, start, end, kind=kind)
    sql = metrics.kpis(Store().current(), chosen)
    pandas = yardstick.kpis(DEMO_DIR, chosen)

    for block, values in pandas.items():
        for key, value in values.items():
            assert sql[block][key] == pytest.approx(value), f"{block}.{key}"
