"""The 评分表, 督办 and 目标管理 pages and the import page's targets tab, through AppTest, in
Chinese and English: what they show equals the KPI layer's records, follow-ups and targets
edited on the page are kept, and names from the data show literally."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from factories import CITY, PROVINCE, open_page, visible
from hostile import NAMES, import_hostile
from oversight_fixtures import DISTRICT, nine_towns, with_members
from streamlit.testing.v1 import AppTest
from test_pages_hostile import assert_nothing_acts

from xieshang.access import audit
from xieshang.kpis import scorecard, supervision, targets
from xieshang.kpis.scope import Scope
from xieshang.store.snapshots import Store

ROOT = Path(__file__).resolve().parent.parent
YEAR = {"from": "2024-01-01", "to": "2024-12-31"}
DEMO_CITY = "990100000000"


@pytest.mark.parametrize(
    ("page", "lang", "title"),
    [
        ("scorecard", "zh", "评分表"),
        ("scorecard", "en", "Scorecard"),
        ("supervision", "zh", "督办"),
        ("supervision", "en", "Supervision"),
        ("targets", "zh", "目标管理"),
        ("targets", "en", "Targets"),
    ],
)
def test_the_oversight_pages_render_on_the_demo_in_both_languages(page, lang, title):
    query = {"region": DEMO_CITY} | ({"lang": "en"} if lang == "en" else {})

    at = open_page(page, **query)

    assert at.title[0].value == title
    assert not at.error


def test_the_scorecard_page_shows_the_records_cells_average_and_target_lines(snapshot_of):
    snap = snapshot_of(**nine_towns())
    card = scorecard.build(snap, Scope(date(2024, 1, 1), date(2024, 12, 31), "C"))

    at = open_page("scorecard", region="C", **YEAR)

    shown = at.dataframe[0].value
    assert list(shown.columns) == card.headers("zh")
    assert shown.values.tolist() == card.table("zh")
    assert list(shown.iloc[-2:, 1]) == ["平均值", "目标"]
    assert any("样本少于 5 个" in c.value for c in at.caption)


def test_the_scorecard_filter_keeps_the_regions_failing_a_target(snapshot_of):
    snapshot_of(**nine_towns())
    at = open_page("scorecard", region="C", **YEAR)

    at.segmented_control(key="scorecard_filter").set_value("failing").run()

    names = list(at.dataframe[0].value.iloc[:-2, 1])
    assert names == ["沙湾区", "乙区"]


def test_the_supervision_page_lists_the_items_and_keeps_a_follow_up(snapshot_of):
    snap = snapshot_of(**with_members(nine_towns()))
    scope = Scope(date(2024, 1, 1), date(2024, 12, 31), DISTRICT)
    found = supervision.items(snap, scope)
    at = open_page("supervision", region=DISTRICT, **YEAR)

    editor = at.data_editor[0]
    table = editor.value
    assert list(table["名称"]) == [i.name for i in found]
    row = next(
        i
        for i, item in enumerate(found)
        if (item.unit_id, item.kpi) == ("T1", "cadence.town_activities")
    )
    assert table.iloc[row]["状态"] == "✖ 未达标"
    assert table.iloc[row]["差距"] == "还需开展 1 次"
    assert table.iloc[row]["督办状态"] == "待督办"

    at.text_input(key="supervision_who").input("督查室")
    at.session_state[editor.key] = {
        "edited_rows": {
            row: {"督办状态": "已督办", "督办说明": "已电话督促", "整改期限": "2025-01-31"}
        },
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()

    assert not at.exception, [e.value for e in at.exception]
    kept = supervision.Log().latest()[found[row].key]
    assert (kept.status, kept.note, kept.due, kept.who) == (
        "supervised",
        "已电话督促",
        date(2025, 1, 31),
        "督查室",
    )
    assert any("已记录 1 条督办" in s.value for s in at.success)
    again = at.data_editor[0].value
    assert again.iloc[row]["督办状态"] == "已督办"
    assert len(supervision.Log().entries()) == 1  # the rerun records nothing twice


@pytest.fixture
def staff(tmp_path, monkeypatch):
    """An oidc deployment with a viewer and an analyst of the whole tree."""
    path = tmp_path / "users.toml"
    path.write_text(
        '[users."zhao@p"]\nname = "赵查看"\nrole = "viewer"\nregions = ["*"]\n'
        '[users."li@p"]\nname = "李分析"\nrole = "analyst"\nregions = ["*"]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("XIESHANG_USERS", str(path))
    monkeypatch.setenv("XIESHANG_AUTH", "oidc")


def follow_up_first(at) -> None:
    editor = at.data_editor[0]
    at.session_state[editor.key] = {
        "edited_rows": {0: {"督办状态": "已督办", "督办说明": "已督促"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def test_a_signed_in_analyst_records_follow_ups_as_themselves(snapshot_of, staff):
    snapshot_of(**with_members(nine_towns()))
    at = open_page("supervision", signed_in="li@p", region=DISTRICT, **YEAR)

    assert not at.text_input  # no name to type: the session says who
    follow_up_first(at)

    (kept,) = supervision.Log().latest().values()
    assert (kept.status, kept.who) == ("supervised", "李分析 <li@p>")
    assert [(e["event"], e["who"]) for e in audit.read(event="followup")] == [("followup", "li@p")]


@pytest.mark.parametrize("read_only", [False, True])
def test_a_viewer_or_a_read_only_replica_records_no_follow_up(
    snapshot_of, staff, monkeypatch, read_only
):
    snapshot_of(**with_members(nine_towns()))
    if read_only:
        monkeypatch.setenv("XIESHANG_READ_ONLY", "1")
    who = "li@p" if read_only else "zhao@p"  # an analyst, but on a replica
    at = open_page("supervision", signed_in=who, region=DISTRICT, **YEAR)

    assert any("只能查看" in c.value for c in at.caption)
    follow_up_first(at)  # an edit forced into the session anyway

    assert supervision.Log().entries() == []
    assert not list(audit.read(event="followup"))


def test_the_supervision_filters_narrow_the_list(snapshot_of):
    snapshot_of(**with_members(nine_towns()))
    at = open_page("supervision", region=DISTRICT, **YEAR)

    at.segmented_control(key="supervision_part").set_value("members").run()

    assert list(at.data_editor[0].value["名称"]) == ["委员M2"]


def test_the_targets_page_edits_the_table_as_a_new_snapshot_version(snapshot_of):
    base = snapshot_of()
    at = open_page("targets")
    editor = at.data_editor[0]
    table = editor.value
    row = list(table["指标"]).index("suggestions.adoption_rate")

    at.session_state[editor.key] = {
        "edited_rows": {row: {"目标值": "95%", "来源/文号": "政协办〔2025〕1号"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key="targets_save").click().run()

    assert not at.exception, [e.value for e in at.exception]
    current = Store().current()
    assert current.id != base.id and current.manifest["who"] == "匿名（未启用访问控制）"
    adoption = targets.find(targets.table(current), "suggestions.adoption_rate", level="city")
    assert (adoption.value, adoption.source) == (pytest.approx(0.95), "政协办〔2025〕1号")
    assert any("新数据快照" in s.value for s in at.success)


def test_a_bad_edit_lists_its_problems_and_keeps_nothing(snapshot_of):
    base = snapshot_of()
    at = open_page("targets")
    editor = at.data_editor[0]
    at.session_state[editor.key] = {
        "edited_rows": {0: {"指标": "不存在的指标"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.button(key="targets_save").click().run()

    assert Store().current().id == base.id
    assert any("未知的指标" in m.value for m in at.markdown)


def test_the_import_page_takes_a_targets_file_on_its_targets_tab(snapshot_of):
    base = snapshot_of()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/import.py")
    at.run()
    data = "指标,目标值,来源/文号\ncadence.town_activities,3,县政协〔2025〕2号\n".encode("gbk")

    uploader = next(u for u in at.file_uploader if u.key.startswith("import_targets_file"))
    uploader.set_value(("目标.csv", data, "text/csv")).run()
    assert any("目标表有效：1 项目标" in s.value for s in at.success)
    at.button(key="import_targets_commit").click().run()

    assert not at.exception, [e.value for e in at.exception]
    current = Store().current()
    assert current.id != base.id and current.manifest["action"] == "targets"
    assert [(t.kpi, t.value) for t in targets.table(current)] == [("cadence.town_activities", 3)]
    history = at.dataframe[0].value
    assert history.iloc[0]["操作"] == "目标表"


def test_the_overview_attention_list_links_the_supervision_items(snapshot_of):
    snapshot_of(**nine_towns())

    at = open_page("overview", region=DISTRICT, **YEAR)

    labels = [visible(link.proto.label) for link in at.get("page_link")]
    assert "1 个乡镇（街道）协商次数未达到每年 2 次的要求或进度滞后" in labels
    assert "9 个村（社区）本时段未报送协商活动" in labels


@pytest.mark.parametrize("page", ["scorecard", "supervision", "targets"])
def test_hostile_names_show_literally_on_the_oversight_pages(isolated_store, tmp_path, page):
    import_hostile(isolated_store, tmp_path)

    at = open_page(page, region=CITY, **YEAR)

    assert_nothing_acts(at)
    if page != "targets":
        assert visible(at.caption[0].value).startswith(NAMES[CITY].split("\n")[0].strip()[:10])
    assert NAMES[PROVINCE]
