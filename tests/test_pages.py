"""Every page, driven by AppTest on the demo export: figures equal `xieshang kpis`."""

from __future__ import annotations

import json

import pytest
from factories import open_page, visible
from streamlit.testing.v1 import AppTest

from xieshang.cli.main import main
from xieshang.kpis.registry import shown as formatted

PROVINCE, CITY, COUNTY = "990000000000", "990100000000", "990102000000"
PAGES = {
    "overview": "总览",
    "rooms": "议事室覆盖",
    "members": "委员下沉",
    "adoption": "建议采纳",
    "regions": "区域比较",
}


def cli_kpis(capsys, *args: str) -> dict:
    capsys.readouterr()
    assert main(["kpis", *args]) == 0
    return json.loads(capsys.readouterr().out)


def tiles(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_renders_on_the_demo_export_with_its_badge(page):
    at = open_page(page, region=CITY)

    assert at.title[0].value == PAGES[page]
    assert at.caption[0].value.startswith("青岚市 · 2025年")
    assert any("演示数据 / demo data" in m.value for m in at.sidebar.markdown)


@pytest.mark.parametrize(
    ("page", "block", "keys"),
    [
        ("overview", "rooms", ("town_coverage", "village_coverage", "standards_rate")),
        ("overview", "suggestions", ("adoption_rate", "submitted", "satisfaction_rate")),
        ("rooms", "rooms", ("town_coverage", "village_coverage", "with_member_rate")),
        ("members", "members", ("sinking_rate", "posted", "posted_here")),
        ("adoption", "suggestions", ("filing_rate", "conclusion_rate", "median_days_to_conclude")),
    ],
)
def test_headline_figures_equal_xieshang_kpis(capsys, page, block, keys):
    at = open_page(page, region=COUNTY, **{"from": "2025-04-01", "to": "2025-06-30"})
    expected = cli_kpis(capsys, "--region", COUNTY, "--from", "2025-04-01", "--to", "2025-06-30")

    shown = tiles(at)
    from xieshang.i18n import t

    for key in keys:
        assert shown[t(f"kpi.{block}.{key}")] == formatted(
            f"{block}.{key}", expected[block][key]
        ), key


def test_the_url_sets_region_period_and_kind(capsys):
    at = open_page(
        "adoption", region=COUNTY, kind="proposal", **{"from": "2025-04-01", "to": "2025-06-30"}
    )
    expected = cli_kpis(
        capsys,
        "--region",
        COUNTY,
        "--kind",
        "proposal",
        "--from",
        "2025-04-01",
        "--to",
        "2025-06-30",
    )

    assert at.caption[0].value == "石晨县 · 2025年第2季度 · 提案"
    assert tiles(at)["提交"] == formatted(
        "suggestions.submitted", expected["suggestions"]["submitted"]
    )
    assert at.sidebar.selectbox(key="app_kind").value == "proposal"
    assert at.sidebar.segmented_control(key="app_grain").value == "quarter"


def test_bad_url_values_give_a_message_and_fall_back_to_the_defaults():
    at = open_page("rooms", region="NOWHERE", kind="gossip", **{"from": "2025-02-30"})

    warnings = [visible(w.value) for w in at.warning]
    assert "链接中的地区代码“NOWHERE”不存在，已改为显示演示省" in warnings
    assert "链接中的日期“2025-02-30”无法识别，已改为默认时段" in warnings
    assert "链接中的建议类型“gossip”不存在，已改为全部类型" in warnings
    assert at.caption[0].value == "演示省 · 2025年"
    assert dict(at.query_params) == {
        "region": PROVINCE,
        "from": "2025-01-01",
        "to": "2025-12-31",
    }


def test_a_reversed_period_in_the_url_falls_back_with_a_message():
    at = open_page(**{"from": "2025-06-01", "to": "2025-01-01"})

    assert [w.value for w in at.warning] == ["链接中的起始日期晚于截止日期，已改为默认时段"]


def test_lang_en_shows_english():
    at = open_page("rooms", lang="en", region=CITY)

    assert at.title[0].value == "Rooms"
    assert "Town coverage" in tiles(at)
    assert at.query_params["lang"] == "en"


def test_drill_down_from_province_to_town_and_back_up_by_the_breadcrumb():
    at = open_page()
    steps = [
        ("province", "990000000000", "演示省"),
        ("city", CITY, "青岚市"),
        ("county", COUNTY, "石晨县"),
        ("town", "990102001000", None),
    ]
    for level, code, name in steps:
        at.sidebar.selectbox(key="app_level").set_value(level).run()
        at.sidebar.selectbox(key="app_region_pick").set_value(code).run()
        assert not at.exception
        assert at.query_params["region"] == code
        if name:
            assert at.caption[0].value.startswith(f"{name} · ")
    town_name = at.caption[0].value.split(" · ")[0]
    assert town_name.endswith(("镇", "乡", "街道"))

    crumbs = [b for b in at.button if b.key.startswith("overview_crumb_")]
    # one province at the top: it is where the crumbs start ("all regions" would be the same)
    assert [visible(b.label) for b in crumbs] == [
        "演示省",
        "› 青岚市",
        "› 石晨县",
        f"› {town_name}",
    ]
    crumbs[1].click().run()

    assert at.query_params["region"] == CITY
    assert at.caption[0].value.startswith("青岚市 · ")


def test_changing_the_period_control_updates_the_url():
    at = open_page(region=CITY)

    at.sidebar.segmented_control(key="app_grain").set_value("month").run()
    # the latest month with data, not the last month of the year shown before
    assert (at.query_params["from"], at.query_params["to"]) == ("2026-09-01", "2026-09-30")

    at.sidebar.selectbox(key="app_period").select_index(2).run()
    assert (at.query_params["from"], at.query_params["to"]) == ("2026-07-01", "2026-07-31")
    assert at.caption[0].value == "青岚市 · 2026年7月"


def test_a_region_without_children_says_there_is_nothing_to_compare():
    at = open_page("regions", region="990102001001")

    assert any("暂无数据：所选地区没有下级地区可比较" in i.value for i in at.info)


def test_the_ranking_marks_thirds_and_missed_targets():
    at = open_page("regions", region="990000000000")

    ranking = at.dataframe[0].value
    assert list(ranking["排名"]) == [1, 2, 3, 4]
    assert list(ranking["分组"]) == ["前三分之一", "中间", "中间", "后三分之一"]
    assert ranking["综合得分"].is_monotonic_decreasing
    assert ranking["目标状态"].str.startswith("✖").any()


def test_the_rooms_page_lists_exactly_the_uncovered_areas_it_counts(capsys):
    at = open_page("rooms", region=COUNTY)
    expected = cli_kpis(capsys, "--region", COUNTY)["rooms"]
    uncovered = (
        expected["towns"]
        - expected["towns_covered"]
        + expected["villages"]
        - expected["villages_covered"]
    )

    labels = [e.label for e in at.expander]
    assert f"未覆盖的乡镇和村（社区）（{uncovered:,}）" in labels
    assert len(at.dataframe) == 1  # the lists stay unqueried until opened

    at.session_state["rooms_uncovered_open"] = True
    at.run()

    listed = at.dataframe[1].value
    assert len(listed) == uncovered
    assert set(listed["层级"]) <= {"乡镇（街道）", "村（社区）"}


def test_a_closed_list_runs_no_query_and_an_opened_one_runs_its_own(monkeypatch):
    from xieshang.engine import sql

    ran: list[str] = []
    original = sql.run

    def recording(snapshot, name, /, **params):
        ran.append(name)
        return original(snapshot, name, **params)

    monkeypatch.setattr(sql, "run", recording)
    at = open_page("rooms", region=COUNTY)
    assert not {"rooms/list", "rooms/uncovered", "activities/silent_towns"} & set(ran)

    ran.clear()
    at.session_state["rooms_failing_open"] = True
    at.run()

    assert ran == ["rooms/list"]
    failing = at.dataframe[1].value
    assert len(failing) > 0
    assert set(failing["“六有”达标"]) == {"否"}


def test_the_members_below_target_are_listed_when_asked_for():
    at = open_page("members", region=COUNTY)
    at.session_state["members_below_open"] = True
    at.run()

    below = at.dataframe[-1].value
    caption = next(c.value for c in at.caption if "参加活动少于" in c.value)
    expected = int(caption.split("参加活动少于 ")[1].split(" 次")[0])
    assert len(below) > 0
    assert (below["参加活动次数"] < expected).all()
    assert below["参加活动次数"].is_monotonic_increasing


def test_a_custom_range_from_the_date_picker_goes_into_the_url():
    from datetime import date

    at = open_page(region=CITY)
    at.sidebar.segmented_control(key="app_grain").set_value("custom").run()
    at.sidebar.date_input(key="app_range").set_value((date(2025, 3, 5), date(2025, 4, 1))).run()

    assert (at.query_params["from"], at.query_params["to"]) == ("2025-03-05", "2025-04-01")
    assert at.caption[0].value == "青岚市 · 2025年3月5日—2025年4月1日"
