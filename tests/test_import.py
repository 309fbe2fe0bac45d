"""Real-looking exports: Chinese headers and values, GBK bytes, Excel quirks, zips."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq
import pytest
from factories import COUNTY1, EAST, V1, V3, room, suggestion, write_export

from xieshang.cli.main import main
from xieshang.contract.tables import TABLE_NAMES
from xieshang.contract.templates import to_chinese
from xieshang.paths import DEMO_DIR
from xieshang.store.imports import Importer
from xieshang.store.snapshots import Store

ROOMS_CSV = (
    "平台编号,平台名称,区划代码,平台类型,建成日期,撤销日期\n"
    "R1,一村“有事好商量”协商议事室,110101001001,协商议事室,2020年1月1日,\n"
    "R2,东镇政协委员联络站,110101001,联络站,2021/3/5,\n"
    "R3,三村委员工作室,１１０１０１００２００１,委员工作室,20220601,2024-01-01\n"
)


@pytest.fixture
def base(tmp_path) -> Store:
    """A store whose current snapshot holds the tiny region tree."""
    store = Store()
    Importer(store).import_files([write_export(tmp_path / "base", {})], who="base")
    return store


def rooms_of(snapshot) -> list[dict]:
    return pq.read_table(snapshot.table_path("rooms")).to_pylist()


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("gb18030", "平台.csv"), ("utf-8-sig", "rooms.csv"), ("utf-8", "议事室2025.csv")],
)
def test_a_csv_with_chinese_headers_and_values_imports(base, tmp_path, encoding, name):
    path = tmp_path / name
    path.write_bytes(ROOMS_CSV.encode(encoding))

    snapshot = Importer(base).import_files([path], who="分析员")

    rows = rooms_of(snapshot)
    assert [(r["room_id"], r["room_type"], str(r["opened_on"])) for r in rows] == [
        ("R2", "liaison_station", "2021-03-05"),
        ("R1", "council_room", "2020-01-01"),
        ("R3", "member_studio", "2022-06-01"),
    ]
    assert rows[2]["region_code"] == "110101002001"  # full-width digits folded
    assert rows[1]["name"] == "一村“有事好商量”协商议事室"


def test_a_gbk_file_is_really_gbk_bytes():
    # guards the test above: these headers are not ASCII, and GBK bytes are not UTF-8
    with pytest.raises(UnicodeDecodeError):
        ROOMS_CSV.encode("gb18030").decode("utf-8")


def xlsx_with_title_merged_header_numbers_and_total(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "平台"
    sheet.append(["2025年协商议事平台台账"])
    sheet.merge_cells("A1:F1")
    sheet.append(["基本信息", None, None, None, "建设情况", None])
    sheet.merge_cells("A2:D2")
    sheet.merge_cells("E2:F2")
    sheet.append(["平台编号", "名称", "区划代码", "类型", "建成日期", "撤销日期"])
    rows = [
        (12, "一村议事室", 110101001001, "协商议事室", datetime(2020, 1, 1), None),
        (7, "三村议事室", 110101002001.0, "议事室", datetime(2021, 6, 30), None),
    ]
    for values in rows:
        sheet.append(list(values))
    for cell in sheet["A"][3:5]:
        cell.number_format = "0000"  # Excel shows 0012: the code has leading zeros
    for cell in sheet["E"][3:5]:
        cell.number_format = "yyyy-mm-dd"
    sheet.append(["合计", None, None, None, None, None])
    sheet.append(["注：本表由各县（区）政协填报"])
    book.save(path)
    return path


def test_an_xlsx_with_title_rows_merged_headers_numeric_codes_and_excel_dates(base, tmp_path):
    path = xlsx_with_title_merged_header_numbers_and_total(tmp_path / "台账.xlsx")

    prepared = Importer(base).prepare([path])
    snapshot = Importer(base).commit(prepared, who="x")

    rows = sorted(rooms_of(snapshot), key=lambda r: r["room_id"])
    assert [(r["room_id"], r["region_code"], str(r["opened_on"])) for r in rows] == [
        ("0007", "110101002001", "2021-06-30"),
        ("0012", "110101001001", "2020-01-01"),
    ]
    (report,) = prepared.reports
    assert (report.table, report.rows) == ("rooms", 2)
    assert ("note.footer_rows", {"rows": "6、7"}) in report.notes


def chinese_files(tables: dict) -> dict[str, bytes]:
    """Each table as a GBK CSV named in Chinese, the way a county office would send it."""
    from xieshang.contract.aliases import TABLE_ALIASES

    return {
        f"{TABLE_ALIASES[name][0]}.csv": to_chinese(name, data)
        .to_csv(index=False)
        .encode("gb18030")
        for name, data in tables.items()
    }


def test_a_zip_of_all_eight_tables_in_chinese_imports(tmp_path):
    parquet_dir = write_export(
        tmp_path / "pq",
        {"rooms": [room("R1", EAST), room("R2", V1)], "suggestions": [suggestion("S1")]},
    )
    tables = {n: pq.read_table(parquet_dir / f"{n}.parquet") for n in TABLE_NAMES}
    archive = tmp_path / "县级报送.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in chinese_files(tables).items():
            z.writestr(f"报送材料/{name}", data)
        z.writestr("报送材料/说明.docx", b"not data")

    snapshot = Importer().import_files([archive], who="x")

    for name in TABLE_NAMES:
        assert pq.read_table(snapshot.table_path(name)).num_rows == tables[name].num_rows, name
    (source,) = snapshot.manifest["sources"]
    assert source["name"] == "县级报送.zip"


def kpis_json(capsys, *args: str) -> dict:
    capsys.readouterr()
    assert main(["kpis", *args]) == 0
    result = json.loads(capsys.readouterr().out)
    result.pop("snapshot")
    return result


def test_the_demo_export_as_chinese_gbk_csvs_gives_exactly_the_same_kpis(
    tmp_path, capsys, monkeypatch
):
    folder = tmp_path / "gbk"
    folder.mkdir()
    tables = {n: pq.read_table(DEMO_DIR / f"{n}.parquet") for n in TABLE_NAMES}
    for name, data in chinese_files(tables).items():
        (folder / name).write_bytes(data)
    scopes = [
        (),
        ("--region", "990102000000"),
        ("--kind", "proposal", "--from", "2024-01-01", "--to", "2026-09-30"),
    ]

    monkeypatch.setenv("XIESHANG_DATA_DIR", str(tmp_path / "from_parquet"))
    assert main(["import", str(DEMO_DIR)]) == 0
    expected = [kpis_json(capsys, *s) for s in scopes]
    monkeypatch.setenv("XIESHANG_DATA_DIR", str(tmp_path / "from_gbk"))
    assert main(["import", str(folder)]) == 0
    actual = [kpis_json(capsys, *s) for s in scopes]

    assert actual == expected
    assert expected[0]["suggestions"]["submitted"] > 10_000


def test_local_outcome_codes_go_through_the_codebook(base, tmp_path, isolated_store):
    csv_text = (
        "建议编号,建议类型,区划代码,提交日期,立案日期,办结日期,办理结果\n"
        "S1,提案,110101,2024-03-01,2024-03-05,2024-04-01,A类\n"
        "S2,提案,110101,2024-03-01,2024-03-05,2024-04-01,B\n"
        "S3,提案,110101,2024-03-01,2024-03-05,2024-04-01,留作参考\n"
        "S4,提案,110101,2024-03-01,2024-03-05,2024-04-01,甲\n"
    )
    path = tmp_path / "建议.csv"
    path.write_text(csv_text, encoding="utf-8")
    (isolated_store / "codebook.toml").write_text(
        'name = "某县2024年办理结果分类"\n[outcome]\n"甲" = "adopted"\n"A类" = "adopted"\n'
        '"B" = "partially_adopted"\n',
        encoding="utf-8",
    )

    snapshot = Importer(base).import_files([path], who="x")

    outcomes = pq.read_table(snapshot.table_path("suggestions")).column("outcome").to_pylist()
    assert outcomes == ["adopted", "partially_adopted", "not_adopted", "adopted"]
    assert snapshot.manifest["codebook"]["name"] == "某县2024年办理结果分类"


def test_append_adds_new_rows_and_refuses_ids_already_there(base, tmp_path, capsys):
    first = tmp_path / "一批" / "rooms.csv"
    first.parent.mkdir()
    first.write_text(ROOMS_CSV, encoding="utf-8")
    Importer(base).import_files([first], who="x")
    more = tmp_path / "二批.csv"
    more.write_text(
        "平台编号,名称,区划代码,平台类型,建成日期\nR9,新议事室,110102001001,协商议事室,"
        "2025-01-01\n",
        encoding="utf-8",
    )
    again = tmp_path / "三批.csv"
    again.write_text(
        "平台编号,名称,区划代码,平台类型,建成日期\nR9,重复,110102001001,协商议事室,2025-01-01\n",
        encoding="utf-8",
    )

    assert main(["import", "--append", str(more)]) == 0
    assert len(rooms_of(Store().current())) == 4
    code = main(["import", "--append", str(again)])

    assert code == 1
    assert (
        "文件 三批.csv，第 2 行，列 平台编号（room_id）: 追加模式下编号已存在于当前数据中"
        in capsys.readouterr().err
    )
    assert len(rooms_of(Store().current())) == 4


def test_the_report_names_the_table_found_and_the_extra_columns_kept(base, tmp_path):
    path = tmp_path / "平台.csv"
    path.write_text(
        "平台编号,名称,区划代码,平台类型,建成日期,联系人\n"
        "R1,议事室,110101001001,协商议事室,2020-01-01,张三\n",
        encoding="utf-8",
    )

    prepared = Importer(base).prepare([path])

    (report,) = prepared.reports
    assert (report.source, report.table, report.rows) == ("平台.csv", "rooms", 1)
    assert ("note.extra_columns", {"columns": "联系人"}) in report.notes
    assert prepared.tables["rooms"].column("联系人").to_pylist() == ["张三"]


def test_templates_have_chinese_headers_and_an_example_row_that_imports(base, tmp_path):
    from xieshang.contract import templates

    book = openpyxl.load_workbook(io.BytesIO(templates.template_xlsx("rooms")))
    header = [c.value for c in next(book.active.iter_rows())]
    assert header == ["平台编号", "名称", "区划代码", "平台类型", "建成日期", "撤销日期"]
    csv_text = templates.template_csv("suggestions").decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("建议编号,建议类型,区划代码")


def test_import_does_not_touch_the_rooms_of_another_county(base, tmp_path):
    # guards the fixture tree used by the rows above
    assert COUNTY1 == "110101" and V3.startswith(COUNTY1)
