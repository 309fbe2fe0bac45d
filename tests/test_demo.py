from __future__ import annotations

import pyarrow.parquet as pq
import pytest
from factories import scope

from xieshang.cli.main import main
from xieshang.contract.tables import TABLE_NAMES
from xieshang.dev import demo
from xieshang.ingest.readers import Frame
from xieshang.ingest.validate import validate
from xieshang.kpis import metrics
from xieshang.paths import DEMO_DIR
from xieshang.store.imports import Importer
from xieshang.store.snapshots import Store


@pytest.fixture(scope="module")
def generated():
    return demo.generate()


def test_the_committed_demo_export_is_exactly_what_the_generator_writes(generated):
    for name in TABLE_NAMES:
        committed = pq.read_table(DEMO_DIR / f"{name}.parquet")
        order = [(c, "ascending") for c in committed.column_names]
        assert committed.sort_by(order).equals(generated[name].sort_by(order)), (
            f"data/demo/{name}.parquet is stale: run `make demo`"
        )


def test_the_demo_export_obeys_the_contract(generated):
    frames = {n: Frame(n, t, f"{n}.parquet") for n, t in generated.items()}

    _, problems = validate(frames)

    assert problems == []


def test_the_demo_is_rich_enough_for_every_page():
    snapshot = Store().current()
    levels = pq.read_table(DEMO_DIR / "regions.parquet").column("level").to_pylist()
    span = metrics.data_span(snapshot)

    assert levels.count("city") >= 3
    assert levels.count("county") >= 10
    assert levels.count("town") >= 100
    assert levels.count("village") >= 1500
    assert span is not None and (span[1] - span[0]).days >= 2 * 365


def test_the_demo_has_leaders_and_laggards_and_missed_targets():
    snapshot = Store().current()
    counties = metrics.compare(
        snapshot, scope(start="2025-01-01", end="2025-12-31"), level="county"
    )
    everything = metrics.kpis(snapshot, scope(start="2025-01-01", end="2025-12-31"))

    assert counties["score"].max() - counties["score"].min() > 20
    assert everything["rooms"]["village_coverage"] < 0.9
    assert everything["activities"]["towns_meeting_target_rate"] < 1
    assert 0.85 < everything["suggestions"]["adoption_rate"] < 0.97
    assert everything["activities"]["count"] > 1000


def test_xieshang_demo_writes_an_export_that_imports(tmp_path, capsys):
    assert main(["demo", "--out", str(tmp_path / "demo")]) == 0
    assert "生成演示数据 regions" in capsys.readouterr().err

    snapshot = Importer().import_files([tmp_path / "demo"], who="test")

    assert snapshot.row_counts() == Store().get("demo").row_counts()
