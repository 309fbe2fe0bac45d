"""Every office file is read, and nothing is silently dropped (issue #10, part 2).

Real small files: workbooks written by openpyxl's write-only mode and by xlwt (Excel 97-2003
BIFF8, which WPS also writes as .et), Excel's "Unicode 文本" (UTF-16 with BOM, tabs), damaged
zips, NUL bytes and thousands of extra columns.
"""

from __future__ import annotations

import io
import struct
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq
import pytest
import xlwt
from factories import write_export
from test_contract_rules import tree_digest

from xieshang.cli.main import main
from xieshang.store.imports import Importer
from xieshang.store.snapshots import Store

HEADERS = ["平台编号", "名称", "区划代码", "平台类型", "建成日期"]
ROOMS = [
    ["R1", "一村议事室", "110101001001", "协商议事室", "2020-01-01"],
    ["R2", "东镇联络站", "110101001", "联络站", "2021-03-05"],
]


@pytest.fixture
def store(tmp_path) -> Store:
    store = Store()
    Importer(store).import_files([write_export(tmp_path / "base", {})], who="base")
    return store


def rooms_of(snapshot) -> list[tuple[str, str, str]]:
    rows = pq.read_table(snapshot.table_path("rooms")).to_pylist()
    return sorted((r["room_id"], r["region_code"], str(r["opened_on"])) for r in rows)


def write_only_xlsx(path: Path) -> Path:
    """openpyxl's write-only mode leaves out the optional <dimension> element."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("平台")
    sheet.append(HEADERS)
    for row in ROOMS:
        sheet.append(row)
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        assert b"<dimension" not in archive.read("xl/worksheets/sheet1.xml")
    return path


def test_an_xlsx_without_a_dimension_element_is_read(store, tmp_path):
    path = write_only_xlsx(tmp_path / "平台.xlsx")

    prepared = Importer(store).prepare([path])

    assert prepared.problems == []
    assert [(r.table, r.rows) for r in prepared.reports] == [("rooms", 2)]
    snapshot = Importer(store).commit(prepared, who="x")
    assert rooms_of(snapshot) == [
        ("R1", "110101001001", "2020-01-01"),
        ("R2", "110101001", "2021-03-05"),
    ]


def xls_bytes(title: bool = True) -> bytes:
    """A real BIFF8 workbook as Excel 97-2003 and WPS write it: title row, Chinese headers,
    codes and dates stored as numbers."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("协商议事平台")
    top = 0
    if title:
        sheet.write_merge(0, 0, 0, 4, "2025年某县协商议事平台台账")
        top = 2
    for col, header in enumerate(HEADERS):
        sheet.write(top, col, header)
    dates = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    sheet.write(top + 1, 0, 12, xlwt.easyxf(num_format_str="0000"))  # Excel shows 0012
    sheet.write(top + 1, 1, "一村议事室")
    sheet.write(top + 1, 2, 110101001001)
    sheet.write(top + 1, 3, "协商议事室")
    sheet.write(top + 1, 4, date(2020, 1, 1), dates)
    sheet.write(top + 2, 0, "R2")
    sheet.write(top + 2, 1, "东镇联络站")
    sheet.write(top + 2, 2, "110101001")
    sheet.write(top + 2, 3, "联络站")
    sheet.write(top + 2, 4, "2021年3月5日")
    sheet.write(top + 3, 0, "合计")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["平台.xls", "平台台账.et", "台账（WPS）.xls"])
def test_excel_97_and_wps_workbooks_with_a_title_row_import(store, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(xls_bytes())
    assert path.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2, as WPS writes

    prepared = Importer(store).prepare([path])

    assert prepared.problems == []
    (report,) = prepared.reports
    assert (report.source, report.table, report.rows) == (name, "rooms", 2)
    assert ("note.footer_rows", {"rows": "6"}) in report.notes
    snapshot = Importer(store).commit(prepared, who="x")
    assert rooms_of(snapshot) == [
        ("0012", "110101001001", "2020-01-01"),
        ("R2", "110101001", "2021-03-05"),
    ]


def test_an_xls_row_number_in_a_problem_is_the_row_excel_shows(store, tmp_path, capsys):
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("平台")
    sheet.write(0, 0, "平台台账")
    for col, header in enumerate(HEADERS):
        sheet.write(2, col, header)
    for col, value in enumerate(["R1", "一村", "110101001001", "大厅", "2020-01-01"]):
        sheet.write(4, col, value)  # a blank row between header and data
    path = tmp_path / "平台.xls"
    book.save(str(path))

    assert main(["validate", str(path)]) == 1

    out = capsys.readouterr().out
    assert "文件 平台.xls，第 5 行，列 平台类型（room_type）" in out
    assert "值“大厅”" in out


def test_an_xlsx_zero_format_restores_the_leading_zeros_of_a_code(store, tmp_path):
    """The number format is read from the styles (calamine does not expose it); the .xls
    twin is in the test above."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("平台")
    sheet.append(HEADERS)
    cell = openpyxl.cell.WriteOnlyCell(sheet, value=12)
    cell.number_format = "000000"
    plain = openpyxl.cell.WriteOnlyCell(sheet, value=7)
    sheet.append([cell, "一村", 110101001001, "协商议事室", datetime(2020, 1, 1)])
    sheet.append([plain, "二村", 110101001002, "协商议事室", datetime(2020, 1, 1)])
    path = tmp_path / "平台.xlsx"
    book.save(path)

    snapshot = Importer(store).import_files([path], who="x")

    ids = [r[0] for r in rooms_of(snapshot)]
    assert ids == ["000012", "7"]


def test_excels_unicode_text_export_utf16_with_tabs_imports(store, tmp_path):
    text = "\t".join(HEADERS) + "\r\n" + "".join("\t".join(r) + "\r\n" for r in ROOMS)
    data = text.encode("utf-16")  # what Excel's "Unicode 文本" writes: BOM, UTF-16 LE
    assert data[:2] == b"\xff\xfe"
    path = tmp_path / "平台.txt"
    path.write_bytes(data)

    snapshot = Importer(store).import_files([path], who="x")

    assert rooms_of(snapshot) == [
        ("R1", "110101001001", "2020-01-01"),
        ("R2", "110101001", "2021-03-05"),
    ]


def damaged_zip(how: str) -> bytes:
    csv = ("\n".join(",".join(r) for r in [HEADERS, *ROOMS]) + "\n").encode("gb18030")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("报送/区划.csv", b"")
        archive.writestr("报送/平台.csv", csv * 20)
    data = bytearray(buffer.getvalue())
    local = data.find(b"PK\x03\x04", 1)  # the second member: 平台.csv
    central = data.find(b"PK\x01\x02", data.find(b"PK\x01\x02") + 1)
    if how == "crc":
        data[local + 14] ^= 0xFF
        data[central + 16] ^= 0xFF
    else:  # a false size: the archive claims more bytes than the member holds
        size = struct.unpack_from("<I", data, local + 22)[0] + 1000
        struct.pack_into("<I", data, local + 22, size)
        struct.pack_into("<I", data, central + 24, size)
    return bytes(data)


@pytest.mark.parametrize(("how", "reason"), [("crc", "校验和不符"), ("size", "实际大小")])
def test_a_damaged_zip_member_is_named_and_refused(store, tmp_path, capsys, how, reason):
    path = tmp_path / "报送.zip"
    path.write_bytes(damaged_zip(how))
    before = tree_digest(store.root)

    code = main(["import", str(path)])

    err = capsys.readouterr().err
    assert code == 1, err
    assert "压缩包中的 平台.csv 已损坏" in err
    assert reason in err
    assert "内部错误" not in err
    assert tree_digest(store.root) == before


def test_text_with_nul_bytes_is_refused_naming_row_and_column(store, tmp_path, capsys):
    rows = [HEADERS, ROOMS[0], ["R2", "东镇\x00联络站", "110101001", "联络站", "2021-03-05"]]
    path = tmp_path / "平台.csv"
    path.write_bytes(("\n".join(",".join(r) for r in rows) + "\n").encode("gb18030"))

    assert main(["import", str(path)]) == 1

    err = capsys.readouterr().err
    assert "文件 平台.csv，第 3 行，列 名称" in err
    assert "空字符" in err
    assert "东镇\\0联络站" in err


def test_too_many_extra_columns_are_refused_with_the_limit(store, tmp_path, capsys, monkeypatch):
    extra = [f"备注{i}" for i in range(250)]
    rows = [HEADERS + extra, ROOMS[0] + ["x"] * 250]
    path = tmp_path / "平台.csv"
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")

    assert main(["import", str(path)]) == 1
    assert "有 250 列不在数据规范中，超过上限 200 列" in capsys.readouterr().err

    monkeypatch.setenv("XIESHANG_MAX_EXTRA_COLUMNS", "300")
    assert main(["import", str(path)]) == 0
    kept = pq.read_table(Store().current().table_path("rooms")).column_names
    assert "备注249" in kept


def test_a_csv_read_in_blocks_keeps_excels_row_numbers(store, tmp_path):
    """Over Arrow's 4 MB blocks: a subtotal row in the middle, a bad date far down."""
    lines = ["2025年台账", ",".join(HEADERS)]
    for i in range(150_000):
        opened = "2020年1月1日" if i % 3 else "2020-01-01"
        if i == 120_000:
            opened = "2020-02-30"
        lines.append(f"R{i:06d},第{i}个村民议事室（有事好商量）,110101001001,协商议事室,{opened}")
        if i == 50_000:
            lines.append("小计,,,,")
    path = tmp_path / "平台.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode("gb18030"))
    assert path.stat().st_size > 2 * (4 << 20)

    prepared = Importer(store).prepare([path])

    (report,) = prepared.reports
    assert (report.table, report.rows) == ("rooms", 150_000)
    assert ("note.footer_rows", {"rows": "50004"}) in report.notes
    assert [(p.code, p.row, p.value) for p in prepared.problems] == [
        ("unparsable", 120_004, "2020-02-30")
    ]
