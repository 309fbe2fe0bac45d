"""Bad input of every kind: a clear message naming where, a non-zero exit, the store untouched."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from factories import write_export
from test_contract_rules import tree_digest

from xieshang.cli.main import main
from xieshang.store.imports import Importer
from xieshang.store.snapshots import Store

HEAD = "平台编号,名称,区划代码,平台类型,建成日期,撤销日期\n"
GOOD = "R1,一村议事室,110101001001,协商议事室,2020-01-01,\n"


def csv(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


def xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buffer.getvalue()


CASES = {
    "utf16_without_bom": (
        "平台.csv",
        lambda: (HEAD + GOOD).encode("utf-16-le"),
        ["无法识别文件编码", "带 BOM 的 UTF-16"],
    ),
    "broken_xls": (
        "平台.xls",
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
        ["文件无法读取"],
    ),
    "empty": ("平台.csv", lambda: b"  \n", ["文件是空的"]),
    "zip_bomb": ("大.zip", lambda: zipped({"平台.csv": b"0" * 30_000_000}), ["超过限制，未解压"]),
    "nested_zip": (
        "包.zip",
        lambda: zipped({"内层.zip": zipped({"平台.csv": csv(HEAD + GOOD)})}),
        ["压缩包中不能再包含压缩包"],
    ),
    "broken_xlsx": (
        "平台.xlsx",
        lambda: zipped({"[Content_Types].xml": b"<x", "xl/workbook.xml": b"not xml"}),
        ["文件无法读取"],
    ),
    "no_header": ("数据.csv", lambda: csv("甲,乙,丙\n1,2,3\n"), ["找不到表头"]),
    "missing_column": (
        "平台.csv",
        lambda: csv("平台编号,名称,区划代码,平台类型\nR1,x,110101,协商议事室\n"),
        ["列 建成日期（opened_on）: 缺少必需的列 建成日期（opened_on）"],
    ),
    "duplicate_header": (
        "委员下沉.csv",
        lambda: csv(
            "委员编号,区划代码,下沉区划代码,下沉方式,开始日期\nM1,110101001001,110101001001,固定,2024-01-01\n"
        ),
        ["多个列都对应 region_code：区划代码、下沉区划代码"],
    ),
    "bad_date": (
        "平台.csv",
        lambda: csv(HEAD + "R1,议事室,110101001001,协商议事室,2023-13-45,\n"),
        ["第 2 行，列 建成日期（opened_on）", "无法识别的日期", "值“2023-13-45”"],
    ),
    "bad_enum": (
        "区划.csv",
        lambda: csv("区划代码,名称,层级,上级代码\n11,省,省,\n1101,市,大区,11\n"),
        ["第 3 行，列 层级（level）", "应为 省/市/县区/乡镇/村 之一", "值“大区”"],
    ),
    "scientific_code": (
        "平台.csv",
        lambda: csv(HEAD + "R1,议事室,1.10101E+11,协商议事室,2020-01-01,\n"),
        ["第 2 行，列 区划代码（region_code）", "科学计数法"],
    ),
    "bad_bool": (
        "平台评估.csv",
        lambda: csv("平台编号,评估日期,评估项,是否达标\nR0,2024-12-15,有场所,也许\n"),
        ["第 2 行，列 是否达标（met）", "应为 是/否"],
    ),
    "bad_int": (
        "活动.csv",
        lambda: csv(
            "活动编号,区划代码,活动日期,活动类型,群众参与人数\n"
            "A1,110101001001,2024-03-01,小微协商,十二\n"
        ),
        ["第 2 行，列 群众参与人数（public_participants）", "应为整数", "值“十二”"],
    ),
    "unknown_region": (
        "平台.csv",
        lambda: csv(HEAD + "R1,议事室,999999,协商议事室,2020-01-01,\n"),
        ["第 2 行，列 区划代码（region_code）", "引用不存在", "值“999999”"],
    ),
    "required_empty": (
        "建议.csv",
        lambda: csv("建议编号,建议类型,区划代码,提交日期\nS1,,110101,2024-03-01\n"),
        ["第 2 行，列 建议类型（kind）", "必填项为空"],
    ),
    "date_order": (
        "建议.csv",
        lambda: csv(
            "建议编号,建议类型,区划代码,提交日期,立案日期,办结日期\n"
            "S1,提案,110101,2024-03-01,2024-03-05,2024-03-04\n"
        ),
        [
            "第 2 行，列 办结日期（concluded_on）",
            "办结日期（concluded_on） 应不早于 立案日期（filed_on）",
        ],
    ),
    "duplicate_ids": (
        "平台.csv",
        lambda: csv(HEAD + GOOD + GOOD),
        ["第 2 行，列 平台编号（room_id）: 编号重复", "第 3 行"],
    ),
    "xlsx_bad_row": (
        "平台.xlsx",
        lambda: xlsx(
            [
                ["平台编号", "名称", "区划代码", "平台类型", "建成日期"],
                ["R1", "x", "110101001001", "协商议事室", "明年"],
            ]
        ),
        ["第 2 行，列 建成日期（opened_on）", "值“明年”"],
    ),
    "parquet_garbage": ("rooms.parquet", lambda: b"PAR1 truncated", ["文件无法读取"]),
}


@pytest.fixture
def store(tmp_path) -> Store:
    store = Store()
    Importer(store).import_files([write_export(tmp_path / "base", {})], who="base")
    return store


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_refused_clearly_and_changes_nothing(case, store, tmp_path, capsys):
    name, build, expected = CASES[case]
    path = tmp_path / "upload" / name
    path.parent.mkdir()
    path.write_bytes(build())
    before = tree_digest(store.root)

    code = main(["import", str(path)])
    err = capsys.readouterr().err

    assert code == 1, err
    assert f"文件 {name}" in err or f"文件 {name} ›" in err, err
    for text in expected:
        assert text in err, (text, err)
    assert tree_digest(store.root) == before


@pytest.mark.parametrize(
    ("env", "expected"),
    [("XIESHANG_MAX_FILE_MB", "超过上限"), ("XIESHANG_MAX_ROWS", "超过每张表 1 行的上限")],
)
def test_size_limits_are_configurable_and_clear(
    env, expected, store, tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv(env, "0.0001" if env.endswith("MB") else "1")
    path = tmp_path / "平台.csv"
    path.write_text(HEAD + GOOD + GOOD.replace("R1", "R2"), encoding="utf-8")
    before = tree_digest(store.root)

    assert main(["import", str(path)]) == 1
    assert expected in capsys.readouterr().err
    assert tree_digest(store.root) == before


def test_at_least_fifteen_kinds_of_bad_input_are_covered():
    assert len(CASES) >= 15
