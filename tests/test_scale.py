"""The scale generator: contract-valid, deterministic for a seed, same shape at every size."""

from __future__ import annotations

import pyarrow.parquet as pq

from xieshang.cli.main import main
from xieshang.contract.tables import TABLE_NAMES
from xieshang.dev import scale
from xieshang.store.imports import Importer


def test_the_tiny_scale_export_is_valid_deterministic_and_imports(tmp_path, capsys):
    assert main(["demo", "--scale", "tiny", "--out", str(tmp_path / "a")]) == 0
    assert "已生成 1/1 个省" in capsys.readouterr().err
    scale.generate("tiny", tmp_path / "b")

    for name in TABLE_NAMES:
        first = pq.read_table(tmp_path / "a" / f"{name}.parquet")
        assert first.equals(pq.read_table(tmp_path / "b" / f"{name}.parquet")), name
    snapshot = Importer().import_files([tmp_path / "a"], who="test")
    counts = snapshot.row_counts()
    assert counts["regions"] > 50 and counts["activities"] > 100 and counts["suggestions"] > 100


def test_a_scale_export_needs_an_output_folder(capsys):
    assert main(["demo", "--scale", "national"]) == 2
    assert "--out" in capsys.readouterr().err
