"""The import-memory benchmark runs, so it cannot rot; its figures are never asserted."""

import pytest

from xieshang.dev import bench


@pytest.mark.slow
def test_the_import_memory_benchmark_measures_validate_and_import(tmp_path):
    path = bench.suggestions_csv(tmp_path / "建议.csv", copies=1)
    assert path.read_bytes()[:8].decode("gb18030") == "建议编号"

    results = bench.import_memory([path])

    assert [r["run"] for r in results][1:] == ["validate", "import"]
    assert [r["exit"] for r in results][1:] == [0, 0]
    assert all(isinstance(r["peak_mb"], float) and r["peak_mb"] > 0 for r in results)
    assert "| import |" in bench.import_memory_report(results)
