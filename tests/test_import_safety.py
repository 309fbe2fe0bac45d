"""Nothing lost by accident, and problems read as the analyst wrote the file (issue #10, part 2)."""

from __future__ import annotations

import pytest
from factories import COUNTY1, V1, room, suggestion, write_export
from test_contract_rules import tree_digest

from xieshang.cli.main import main
from xieshang.ingest.report import render
from xieshang.store.imports import Importer, ShrinkRefused
from xieshang.store.snapshots import Store

SUGGESTIONS_HEAD = "建议编号,建议类型,区划代码,提交日期,立案日期,办结日期,办理结果\n"


@pytest.fixture
def base(tmp_path) -> Store:
    """A store whose current snapshot holds the tiny region tree and nothing else."""
    Importer().import_files([write_export(tmp_path / "base", {})], who="base")
    return Store()


@pytest.fixture
def with_suggestions(tmp_path) -> Store:
    rows = [suggestion(f"S{i}", filed="2024-03-02") for i in range(10)]
    Importer().import_files([write_export(tmp_path / "base", {"suggestions": rows})], who="base")
    return Store()


def header_only(tmp_path):
    path = tmp_path / "suggestions.csv"
    path.write_text(SUGGESTIONS_HEAD, encoding="utf-8")
    return path


def test_a_header_only_file_does_not_empty_a_table_without_allow_shrink(
    with_suggestions, tmp_path, capsys
):
    path = header_only(tmp_path)
    before = tree_digest(with_suggestions.root)

    code = main(["import", str(path)])

    err = capsys.readouterr().err
    assert code == 2, err
    assert "建议（suggestions） 从 10 行减少到 0 行（删除 10 行）" in err
    assert "--allow-shrink" in err
    assert tree_digest(with_suggestions.root) == before

    assert main(["import", str(path), "--allow-shrink"]) == 0
    assert Store().current().row_counts()["suggestions"] == 0


def test_replacing_more_than_half_of_the_rows_needs_a_confirmation(with_suggestions, tmp_path):
    keep = tmp_path / "four"
    rows = [suggestion(f"S{i}", filed="2024-03-02") for i in range(4)]
    write_export(keep, {"suggestions": rows}, only={"suggestions"})
    half = tmp_path / "five"
    rows = [suggestion(f"S{i}", filed="2024-03-02") for i in range(5)]
    write_export(half, {"suggestions": rows}, only={"suggestions"})

    with pytest.raises(ShrinkRefused) as refused:
        Importer().import_files([keep], who="x")
    assert [(s.table, s.before, s.after) for s in refused.value.shrinks] == [("suggestions", 10, 4)]
    # exactly half is no shrink worth asking about; appending never removes anything
    assert Importer().import_files([half], who="x").row_counts()["suggestions"] == 5
    assert Importer().prepare([keep], mode="append").shrinks == []


def test_validate_warns_of_a_shrink_but_stays_valid(with_suggestions, tmp_path, capsys):
    assert main(["validate", str(header_only(tmp_path))]) == 0
    assert "注意：这次导入会删除大量现有数据" in capsys.readouterr().out


def test_a_missing_column_is_named_as_the_file_would_name_it(base, tmp_path, capsys):
    chinese = tmp_path / "平台.csv"
    chinese.write_text("平台编号,名称,区划代码,平台类型\nR1,x,110101,协商议事室\n", "utf-8")
    english = tmp_path / "rooms.csv"
    english.write_text("room_id,name,region_code,room_type\nR1,x,110101,council_room\n", "utf-8")

    assert main(["validate", str(chinese)]) == 1
    assert "缺少必需的列 建成日期（opened_on）" in capsys.readouterr().out
    assert main(["validate", str(english)]) == 1
    out = capsys.readouterr().out
    assert "缺少必需的列 opened_on" in out and "建成日期" not in out


def test_a_bad_date_is_reported_once_not_also_as_empty(base, tmp_path):
    path = tmp_path / "平台.csv"
    path.write_text(
        "平台编号,名称,区划代码,平台类型,建成日期\nR1,一村,110101001001,协商议事室,去年\n",
        encoding="utf-8",
    )

    prepared = Importer().prepare([path])

    assert [(p.code, p.row, p.column) for p in prepared.problems] == [
        ("unparsable", 2, "建成日期（opened_on）")
    ]


def test_the_detected_files_show_the_real_row_count_of_a_refused_file(base, tmp_path):
    path = tmp_path / "平台.csv"
    rows = "".join(f"R{i},议事室,110101001001,协商议事室\n" for i in range(7))
    path.write_text("平台编号,名称,区划代码,平台类型\n" + rows + "合计,,,\n", encoding="utf-8")

    prepared = Importer().prepare([path])

    (report,) = prepared.reports
    assert (report.table, report.rows) == ("rooms", 7)


def test_follow_on_references_are_summarised_under_their_cause_listed_first(base, tmp_path):
    # the village's code was mangled by Excel in the regions file: every room there follows
    regions = tmp_path / "区划.csv"
    regions.write_text(
        "区划代码,名称,层级,上级代码\n11,演示省,省,\n1101,甲市,市,11\n110101,一县,县,1101\n"
        "110101001,东镇,乡镇,110101\n1.10101E+11,一村,村,110101001\n",
        encoding="utf-8",
    )
    rooms = tmp_path / "平台.csv"
    rooms.write_text(
        "平台编号,名称,区划代码,平台类型,建成日期\n"
        + "".join(f"R{i},议事室{i},{V1},协商议事室,2020-01-01\n" for i in range(40)),
        encoding="utf-8",
    )

    prepared = Importer().prepare([rooms, regions])
    text = render(prepared.problems)

    lines = text.splitlines()
    assert "其中 40 处“引用不存在”源于 区划.csv 自身的问题" in lines[1]
    cause = next(i for i, line in enumerate(lines) if "文件 区划.csv，第 6 行" in line)
    first_follow_on = next(i for i, line in enumerate(lines) if "文件 平台.csv" in line)
    assert cause < first_follow_on
    assert "（区划.csv 有问题，见上）" in lines[first_follow_on]
    assert "同类问题另有 35 处" in text
    assert sum("文件 平台.csv" in line for line in lines) == 5


def test_an_unrelated_reference_problem_is_not_blamed_on_another_file(tmp_path):
    rooms = tmp_path / "平台.csv"
    rooms.write_text(
        "平台编号,名称,区划代码,平台类型,建成日期\nR1,议事室,999,协商议事室,2020-01-01\n",
        encoding="utf-8",
    )
    Importer().import_files(
        [write_export(tmp_path / "base", {"rooms": [room("R0", V1)]})], who="base"
    )

    prepared = Importer().prepare([rooms])

    assert [p.code for p in prepared.problems] == ["reference"]
    assert "见上" not in render(prepared.problems)


def test_replacing_the_demo_export_needs_no_confirmation(tmp_path):
    assert Store().current().is_demo
    rows = [suggestion("S1", region_code=COUNTY1)]
    folder = write_export(tmp_path / "tiny", {"suggestions": rows})

    assert Importer().prepare([folder]).shrinks == []
    assert Importer().import_files([folder], who="x").row_counts()["suggestions"] == 1
