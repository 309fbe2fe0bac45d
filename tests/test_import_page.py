"""The import page through AppTest: upload, report, preview, commit, history, rollback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from factories import open_page, write_export
from streamlit.testing.v1 import AppTest

from xieshang.access import audit
from xieshang.store.imports import Importer
from xieshang.store.snapshots import Store

ROOT = Path(__file__).resolve().parent.parent
ROOMS = (
    "平台编号,名称,区划代码,平台类型,建成日期\n"
    "R1,一村议事室,110101001001,协商议事室,2020年1月1日\n"
    "R2,东镇联络站,110101001,联络站,2021/3/5\n"
).encode("gb18030")


@pytest.fixture
def page(tmp_path) -> AppTest:
    Importer().import_files([write_export(tmp_path / "base", {})], who="base")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/import.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_gbk_csv_is_recognised_previewed_committed_and_recorded(page):
    base = Store().current().id
    page.file_uploader[0].set_value(("平台.csv", ROOMS, "text/csv")).run()

    assert not page.exception, [e.value for e in page.exception]
    report = page.dataframe[0].value
    assert list(report["识别为"]) == ["平台（rooms）"]
    assert list(report["行数"]) == [2]
    assert any("全部文件校验通过" in s.value for s in page.success)
    changes = page.dataframe[1].value
    assert changes.iloc[0].to_dict() == {
        "数据表": "平台（rooms）",
        "当前": 0,
        "导入后": 2,
        "新增": 2,
        "删除": 0,
    }

    assert not page.text_input  # nobody types who they are: the session says it
    page.button(key="import_commit").click().run()

    current = Store().current()
    assert current.id != base
    assert current.manifest["who"] == "匿名（未启用访问控制）"
    assert [e["event"] for e in audit.read()] == ["import"]
    assert current.row_counts()["rooms"] == 2
    assert any(f"新数据快照 {current.id} 已生效" in s.value for s in page.success)
    history = page.dataframe[0].value
    assert history.iloc[0]["快照"] == current.id and history.iloc[0]["当前"] == "✔"
    assert history.iloc[0]["来源文件"] == "平台.csv"


def test_a_bad_file_lists_its_problems_and_offers_no_commit(page):
    bad = (
        "平台编号,名称,区划代码,平台类型,建成日期\nR1,一村,110101001001,大厅,2020-01-01\n".encode()
    )
    before = Store().current().id
    page.file_uploader[0].set_value(("平台.csv", bad, "text/csv")).run()

    assert any("校验未通过" in e.value for e in page.error)
    listed = " ".join(m.value for m in page.markdown).replace("\\", "")
    assert "文件 平台.csv，第 2 行，列 平台类型（room_type）" in listed
    assert "值“大厅”" in listed
    assert not [b for b in page.button if b.key == "import_commit"]
    assert Store().current().id == before


def test_rollback_from_the_history_tab(page, tmp_path):
    first = Store().current().id
    Importer().import_files([write_export(tmp_path / "second", {})], who="second")
    page.run()

    page.selectbox(key="import_rollback_target").set_value(first).run()
    page.checkbox(key="import_rollback_confirm").check().run()
    page.button(key="import_rollback").click().run()

    current = Store().current()
    assert current.manifest["action"] == "rollback"
    assert current.manifest["rolled_back_to"] == first


def test_the_adoption_page_names_the_codebook_behind_its_rates(tmp_path):
    suggestions = (
        "建议编号,建议类型,区划代码,提交日期,立案日期,办结日期,办理结果\n"
        "S1,提案,110101,2025-03-01,2025-03-05,2025-04-01,A类\n"
    ).encode()
    Importer().import_files([write_export(tmp_path / "base", {})], who="base")
    path = tmp_path / "建议.csv"
    path.write_bytes(suggestions)
    Importer().import_files([path], who="x")

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/adoption.py")
    at.run()

    assert any(c.value.startswith("办理结果对照：默认对照") for c in at.caption)
    assert "办理结果对照" in next(m.help for m in at.metric if m.label == "采纳率")


def test_a_header_only_file_asks_before_a_table_is_emptied(tmp_path):
    from factories import suggestion

    rows = [suggestion(f"S{i}", filed="2024-03-02") for i in range(10)]
    Importer().import_files([write_export(tmp_path / "base", {"suggestions": rows})], who="base")
    before = Store().current().id
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/import.py")
    at.run()
    head = "建议编号,建议类型,区划代码,提交日期,立案日期,办结日期,办理结果\n".encode("gb18030")

    at.file_uploader[0].set_value(("建议.csv", head, "text/csv")).run()

    assert not at.exception, [e.value for e in at.exception]
    assert list(at.dataframe[0].value["行数"]) == [0]
    box = at.checkbox(key="import_allow_shrink")
    assert "建议（suggestions） 从 10 行减少到 0 行（删除 10 行）" in box.label
    assert at.button(key="import_commit").disabled
    after = at.dataframe[2].value
    assert "nan%" not in after.to_string()

    box.check().run()
    at.button(key="import_commit").click().run()

    current = Store().current()
    assert current.id != before
    assert current.row_counts()["suggestions"] == 0


def test_a_commit_over_a_preview_made_stale_by_another_import_is_refused(page, tmp_path):
    page.file_uploader[0].set_value(("平台.csv", ROOMS, "text/csv")).run()
    assert any("全部文件校验通过" in s.value for s in page.success)
    other = Importer().import_files([write_export(tmp_path / "other", {})], who="其他人")

    page.button(key="import_commit").click().run()

    assert not page.exception, [e.value for e in page.exception]
    assert any("预览之后当前数据已有变化" in w.value for w in page.warning)
    assert Store().current().id == other.id
    # the new preview is on screen now: confirming it imports
    page.button(key="import_commit").click().run()
    assert Store().current().row_counts()["rooms"] == 2


@pytest.mark.parametrize(("how", "reason"), [("crc", "校验和不符"), ("size", "实际大小")])
def test_a_damaged_zip_is_a_clear_message_on_the_page(page, how, reason):
    from test_import_formats import damaged_zip

    before = Store().current().id
    page.file_uploader[0].set_value(("报送.zip", damaged_zip(how), "application/zip")).run()

    assert not page.exception, [e.value for e in page.exception]
    listed = " ".join(m.value for m in page.markdown).replace("\\", "")
    assert "压缩包中的 平台.csv 已损坏" in listed and reason in listed, listed
    commit = [b for b in page.button if b.key == "import_commit"]
    assert not commit or commit[0].disabled  # nothing to confirm
    assert Store().current().id == before


def test_a_commit_over_a_preview_made_stale_by_a_rollback_is_refused(page, tmp_path):
    base = Store().current()
    Importer().import_files([write_export(tmp_path / "later", {})], who="其他人")
    page.file_uploader[0].set_value(("平台.csv", ROOMS, "text/csv")).run()
    assert any("全部文件校验通过" in s.value for s in page.success)
    rolled_back = Store().rollback(base.id, who="其他人")  # the same regions: still valid

    page.button(key="import_commit").click().run()

    assert not page.exception, [e.value for e in page.exception]
    assert any("预览之后当前数据已有变化" in w.value for w in page.warning)
    assert Store().current().id == rolled_back.id  # nothing imported over the rollback


def test_hostile_file_names_and_values_are_listed_as_text(page):
    """A file name and a cell written in Markdown and HTML are repeated literally in the
    problem list (Streamlit renders it as Markdown): never a link, an image or markup."""
    hostile_name = "[点此重新登录](http://evil.example)<b>x</b>.csv"
    rows = (
        "议事室编号,议事室名称,区划代码,类型,建成日期\n"
        "R1,![t](http://evil.example/b.png),990101001001,协商议事室,[不是日期](http://x.example)\n"
    ).encode("gb18030")

    page.file_uploader[0].set_value((hostile_name, rows, "text/csv")).run()

    assert not page.exception, [e.value for e in page.exception]
    problems = next(m.value for m in page.markdown if "第 2 行" in m.value)
    # Every Markdown and HTML character is escaped (a link needs an unescaped "](")...
    assert not re.search(r"(?<!\\)\]\(|(?<!\\)<b", problems), problems
    assert "://" not in problems.replace("\\", "")  # a bare address would become a link too
    # ...so the reader sees exactly what the file said.
    literal = problems.replace("\u2060", "").replace("\\", "")
    assert f"文件 {hostile_name}，第 2 行" in literal
    assert "[不是日期](http://x.example)" in literal


def test_a_signed_in_user_is_the_author_of_their_import_and_rollback(tmp_path, monkeypatch):
    users_file = tmp_path / "users.toml"
    users_file.write_text(
        '[users."li@p"]\nname = "李分析"\nrole = "analyst"\nregions = ["*"]\n'
        '[users."wang@p"]\nname = "王管理"\nrole = "admin"\nregions = ["*"]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("XIESHANG_USERS", str(users_file))
    monkeypatch.setenv("XIESHANG_AUTH", "oidc")
    base = Importer().import_files([write_export(tmp_path / "base", {})], who="base")
    analyst = open_page("import", signed_in="li@p")

    assert not analyst.text_input  # no box to type a name into: the session says who
    analyst.file_uploader[0].set_value(("平台.csv", ROOMS, "text/csv")).run()
    analyst.button(key="import_commit").click().run()
    imported = Store().current()
    assert imported.manifest["who"] == "李分析 <li@p>"
    assert [(e["event"], e["who"]) for e in audit.read(event="import")] == [("import", "li@p")]
    rollback_pickers = [s for s in analyst.selectbox if s.key == "import_rollback_target"]
    assert rollback_pickers == []  # an analyst imports but does not roll back

    admin = open_page("import", signed_in="wang@p")
    assert not admin.text_input
    admin.selectbox(key="import_rollback_target").set_value(base.id).run()
    admin.checkbox(key="import_rollback_confirm").check().run()
    admin.button(key="import_rollback").click().run()

    rolled = Store().current()
    assert rolled.manifest["action"] == "rollback" and rolled.manifest["who"] == "王管理 <wang@p>"
