from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from factories import COUNTY1, EAST, V1, V3, room, suggestion, write_export
from test_contract_rules import tree_digest

from xieshang.cli.main import main
from xieshang.kpis import metrics
from xieshang.store.snapshots import Store

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def imported(tmp_path):
    rows = [room("R1", EAST), room("R2", V1), room("R3", V3)]
    suggestions = [
        suggestion("S1", filed="2024-03-02", concluded="2024-04-01", outcome="adopted"),
        suggestion("S2", filed="2024-03-02", concluded="2024-04-01", outcome="not_adopted"),
    ]
    folder = write_export(tmp_path / "export", {"rooms": rows, "suggestions": suggestions})
    return folder


def test_import_then_kpis_gives_the_json_of_the_metrics_api(capsys, imported):
    code, out, err = run(capsys, "import", str(imported))
    assert code == 0, err
    assert "已导入新快照" in out
    assert "[xieshang] 写入 rooms" in err  # progress lines go to stderr

    code, out, _ = run(
        capsys, "kpis", "--region", COUNTY1, "--from", "2024-01-01", "--to", "2024-12-31"
    )
    result = json.loads(out)

    assert code == 0
    assert list(result) == [
        "region",
        "period",
        "snapshot",
        "rooms",
        "members",
        "activities",
        "suggestions",
    ]
    assert result["region"] == {"code": COUNTY1, "name": "一县", "level": "county"}
    assert result["period"] == {"from": "2024-01-01", "to": "2024-12-31"}
    assert result["snapshot"] == Store().current().id
    assert list(result["rooms"]) == list(metrics.BLOCKS["rooms"])
    assert list(result["suggestions"]) == list(metrics.BLOCKS["suggestions"])
    assert result["rooms"]["town_coverage"] == 0.5
    assert result["suggestions"]["adoption_rate"] == 0.5
    assert result["suggestions"]["satisfaction_rate"] is None  # JSON null, never NaN


def test_kpis_as_a_table_shows_percentages_with_one_decimal(capsys, imported):
    run(capsys, "import", str(imported))

    code, out, _ = run(
        capsys,
        "kpis",
        "--region",
        COUNTY1,
        "--from",
        "2024-01-01",
        "--to",
        "2024-12-31",
        "--format",
        "table",
    )

    assert code == 0
    assert "一县  2024-01-01 — 2024-12-31" in out
    assert "乡镇覆盖率" in out and "50.0%" in out


def test_kpis_defaults_to_the_latest_full_year_of_the_demo_export(capsys):
    code, out, _ = run(capsys, "kpis")

    result = json.loads(out)
    assert code == 0
    assert result["snapshot"] == "demo"
    assert result["period"] == {"from": "2025-01-01", "to": "2025-12-31"}
    assert result["region"]["name"] == "全部地区"


def test_an_unknown_region_is_a_message_in_the_users_language(capsys):
    code, _, err = run(capsys, "kpis", "--region", "000000")
    assert (code, err.strip()) == (2, "未找到地区代码“000000”")

    code, _, err = run(capsys, "--lang", "en", "kpis", "--region", "000000")
    assert (code, err.strip()) == (2, "Unknown region code “000000”")


def test_a_bad_or_reversed_period_is_refused_clearly(capsys):
    code, _, err = run(capsys, "kpis", "--from", "2024-02-30")
    assert code == 2 and "无法识别的日期“2024-02-30”" in err

    code, _, err = run(capsys, "kpis", "--from", "2024-06-01", "--to", "2024-01-01")
    assert code == 2 and "晚于截止日期" in err


def test_validate_reports_row_and_column_and_exits_one(capsys, tmp_path):
    folder = write_export(tmp_path / "bad", {"rooms": [room("R1", "NOWHERE")]})

    code, out, _ = run(capsys, "validate", str(folder))

    assert code == 1
    assert "文件 rooms.parquet，第 1 行，列 region_code: 引用不存在" in out
    assert "值“NOWHERE”" in out


def test_validate_accepts_a_good_export(capsys, imported):
    code, out, _ = run(capsys, "validate", str(imported))

    assert code == 0
    assert out.startswith("校验通过：8 张表")


def test_a_refused_import_exits_nonzero_and_leaves_the_store_as_it_was(capsys, imported, tmp_path):
    run(capsys, "import", str(imported))
    store = Store()
    before = tree_digest(store.root)
    bad = write_export(
        tmp_path / "bad", {"rooms": [room("R1", V1, closed="2000-01-01")]}, only={"rooms"}
    )

    code, _, err = run(capsys, "import", str(bad))

    assert code == 1
    assert "closed_on 应晚于 opened_on" in err
    assert tree_digest(store.root) == before


def test_importing_a_missing_path_says_so(capsys, tmp_path):
    code, _, err = run(capsys, "import", str(tmp_path / "nothing-here"))

    assert code == 2 and "没有找到可导入的文件" in err


def test_compare_ranks_the_children_with_the_same_figures_as_kpis(capsys, imported):
    run(capsys, "import", str(imported))

    code, out, _ = run(
        capsys, "compare", "--region", COUNTY1, "--from", "2024-01-01", "--to", "2024-12-31"
    )
    result = json.loads(out)
    rows = {r["region_code"]: r for r in result["rows"]}
    _, east_out, _ = run(
        capsys, "kpis", "--region", EAST, "--from", "2024-01-01", "--to", "2024-12-31"
    )
    east = json.loads(east_out)

    assert code == 0
    assert [r["rank"] for r in result["rows"]] == [1, 2]
    assert set(rows) == {EAST, "110101002"}
    for key, value in east["rooms"].items():
        assert rows[EAST][f"rooms.{key}"] == value, key
    assert result["weights"] == metrics.DEFAULT_WEIGHTS


def test_compare_table_and_an_unknown_sort_key(capsys, imported):
    run(capsys, "import", str(imported))

    code, out, _ = run(
        capsys,
        "compare",
        "--region",
        COUNTY1,
        "--format",
        "table",
        "--from",
        "2024-01-01",
        "--to",
        "2024-12-31",
    )
    assert code == 0 and "东镇" in out and "综合得分" in out

    code, _, err = run(capsys, "compare", "--region", COUNTY1, "--sort", "rooms.nonsense")
    assert code == 2 and "无法按“rooms.nonsense”排序" in err


def test_history_and_rollback(capsys, imported):
    run(capsys, "import", str(imported))
    first = Store().current().id

    code, out, _ = run(capsys, "rollback", "demo")
    assert code == 0 and "已回滚" in out
    code, out, _ = run(capsys, "history")

    assert code == 0
    lines = out.splitlines()
    assert lines[2].startswith("*")  # the rollback, current, newest
    assert first in out and "demo" in out


def test_the_module_and_the_console_script_both_run(tmp_path):
    for command in (
        [sys.executable, "-m", "xieshang"],
        [str(Path(sys.executable).parent / "xieshang")],
    ):
        done = subprocess.run(
            [*command, "kpis", "--format", "table"],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert "全部地区" in done.stdout
