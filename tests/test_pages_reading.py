"""What an official reads on the pages is never a puzzle: impossible dates, a provincial
deployment, comparisons that mean something, funnel bases, colours that read the right way,
periods the data does not reach and download names, on the demo export and tiny ones."""

from __future__ import annotations

import json

import pytest
from factories import COUNTY1, PROVINCE, V1, V2, open_page, room, visible
from streamlit.proto.Metric_pb2 import Metric as MetricProto

from xieshang.kpis import metrics, periods
from xieshang.store.snapshots import Store
from xieshang.web import charts

DEMO_PROVINCE, DEMO_CITY = "990000000000", "990100000000"
PAGES = ("overview", "rooms", "members", "adoption", "regions")


def specs(at) -> dict[str, dict]:
    """The page's Plotly figures by their widget key's end (e.g. 'adoption_funnel')."""
    return {
        chart.proto.id.split("-", 2)[-1]: json.loads(chart.proto.spec)
        for chart in at.get("plotly_chart")
    }


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("query", "value"),
    [
        ({"from": "0001-06-01"}, "0001-06-01"),
        ({"to": "9999-12-31"}, "9999-12-31"),
        ({"from": "0001-01-01", "to": "0001-12-31"}, "0001-01-01"),
    ],
)
def test_dates_no_calendar_can_compare_give_a_message_and_the_default_period(page, query, value):
    at = open_page(page, **query)

    assert [visible(w.value) for w in at.warning] == [
        f"链接中的日期“{value}”超出可选范围（1900—2099年），已改为默认时段"
    ]
    assert at.caption[0].value == "演示省 · 2025年"
    assert (at.query_params["from"], at.query_params["to"]) == ("2025-01-01", "2025-12-31")


def test_a_single_region_at_the_top_is_where_the_app_opens():
    at = open_page("rooms")

    assert at.caption[0].value == "演示省 · 2025年"
    assert at.query_params["region"] == DEMO_PROVINCE
    compared = at.dataframe[0].value["名称"]
    assert sorted(compared) == ["云梧市", "兰汀市", "桐溪市", "青岚市"]


def test_the_ranking_compares_the_cities_of_the_single_province():
    at = open_page("regions")

    assert list(at.dataframe[0].value["排名"]) == [1, 2, 3, 4]


def test_several_regions_at_the_top_open_on_all_of_them(snapshot_of):
    regions = [
        dict(region_code=c, name=n, level="province", parent_code=None, kind=None)
        for c, n in (("11", "甲省"), ("12", "乙省"))
    ]
    snapshot_of(regions=regions)

    at = open_page("rooms", **{"from": "2024-01-01", "to": "2024-12-31"})

    assert at.caption[0].value == "全部地区 · 2024年"
    assert "region" not in at.query_params


def tile(at, label: str):
    return next(m for m in at.metric if m.label == label)


def test_an_unchanged_figure_reads_flat_without_an_arrow(snapshot_of):
    # three villages, one covered since 2020: a third in 2023 and in 2024
    snapshot_of(rooms=[room("R1", V1, opened="2020-01-01")])

    at = open_page("rooms", region=COUNTY1, **{"from": "2024-01-01", "to": "2024-12-31"})

    coverage = tile(at, "村（社区）覆盖率")
    assert coverage.value == "33.3%"
    assert coverage.proto.delta == "持平"
    assert coverage.proto.direction == MetricProto.MetricDirection.NONE
    assert coverage.proto.color == MetricProto.MetricColor.GRAY


def test_a_real_change_keeps_its_sign_and_arrow(snapshot_of):
    snapshot_of(rooms=[room("R1", V1, opened="2020-01-01"), room("R2", V2, opened="2024-03-01")])

    at = open_page("rooms", region=COUNTY1, **{"from": "2024-01-01", "to": "2024-12-31"})

    coverage = tile(at, "村（社区）覆盖率")
    assert coverage.proto.delta == "+33.3 百分点"
    assert coverage.proto.direction == MetricProto.MetricDirection.UP


def test_a_yearly_view_compares_with_last_year_only_and_says_so():
    at = open_page("overview", region=DEMO_CITY)

    descriptions = {m.proto.delta_description for m in at.metric if m.proto.delta}
    assert descriptions == {"同比（较2024年）"}
    assert not any("环比" in c.value for c in at.caption)


def test_a_quarter_compares_with_a_year_before_and_the_quarter_before_and_says_which():
    at = open_page("rooms", region=DEMO_CITY, **{"from": "2025-04-01", "to": "2025-06-30"})

    assert {m.proto.delta_description for m in at.metric if m.proto.delta} == {
        "同比（较2024年第2季度）"
    }
    assert any(c.value.startswith("环比（较2025年第1季度）") for c in at.caption)


def test_the_funnel_labels_each_rate_with_its_base_as_the_tiles_do():
    at = open_page("adoption", region=DEMO_CITY)

    funnel = specs(at)["adoption_funnel"]["data"][0]
    adoption = tile(at, "采纳率").value
    assert funnel["text"][3].endswith(f"采纳率 {adoption}（占办结）")
    assert funnel["text"][1].endswith(f"立案率 {tile(at, '立案率').value}（占提交）")
    assert funnel["text"][2].endswith(f"办结率 {tile(at, '办结率').value}（占立案）")


def test_unsatisfied_is_never_green():
    at = open_page("adoption", region=DEMO_CITY)

    donut = specs(at)["adoption_satisfaction"]["data"][0]
    colours = dict(
        zip(
            [label.split(" ")[0] for label in donut["labels"]],
            donut["marker"]["colors"],
            strict=True,
        )
    )
    assert colours["不满意"] == charts.SATISFACTION_COLOURS["unsatisfied"]
    assert colours["满意"] == charts.SATISFACTION_COLOURS["satisfied"]
    assert colours["不满意"] not in {"#009E73", colours["满意"]}


def test_the_quarter_grain_opens_on_the_latest_quarter_with_data():
    at = open_page("overview", region=DEMO_CITY)

    at.sidebar.segmented_control(key="app_grain").set_value("quarter").run()

    # the demo's data runs to 2026-09-30; the view was 2025
    assert (at.query_params["from"], at.query_params["to"]) == ("2026-07-01", "2026-09-30")
    assert at.caption[0].value == "青岚市 · 2026年第3季度"


@pytest.mark.parametrize("page", PAGES)
def test_a_period_outside_the_data_says_where_the_data_starts_and_ends(page):
    at = open_page(page, region=DEMO_CITY, **{"from": "2030-01-01", "to": "2030-12-31"})

    assert [i.value for i in at.info if "数据范围" in i.value] == [
        "所选时段（2030年）不在数据范围内：现有数据起于 2024年1月1日，止于 2026年9月30日"
    ]
    assert not at.metric and not at.dataframe and not at.get("plotly_chart")
    latest = at.get("page_link")[0].proto
    assert latest.label == "查看数据最近的完整年度（2025年）"
    assert "from=2025-01-01" in latest.query_string and "to=2025-12-31" in latest.query_string


def test_a_period_running_past_the_data_says_where_it_ends():
    at = open_page("rooms", region=DEMO_CITY, **{"from": "2026-01-01", "to": "2026-12-31"})

    assert "所选时段超出数据范围：现有数据起于 2024年1月1日，止于 2026年9月30日" in [
        c.value for c in at.caption
    ]
    assert at.metric


def test_downloads_are_named_after_the_region_the_period_and_the_table(downloads):
    open_page("rooms", region=DEMO_CITY, **{"from": "2025-01-01", "to": "2025-12-31"})

    assert "青岚市_2025年_下级地区覆盖.xlsx" in downloads
    assert "青岚市_2025年_下级地区覆盖.csv" in downloads


def test_a_region_name_cannot_put_a_path_into_a_download_name(snapshot_of, downloads):
    from factories import regions

    named = [
        {**r, "name": "../沙湾/区\\:*?" if r["region_code"] == PROVINCE else r["name"]}
        for r in regions()
    ]
    snapshot_of(regions=named)

    open_page("rooms", region=PROVINCE, **{"from": "2024-01-01", "to": "2024-12-31"})

    assert "沙湾_区_2024年_下级地区覆盖.csv" in downloads
    assert all("/" not in name and "\\" not in name for name in downloads)


def test_the_ranking_fits_the_screen_and_its_files_hold_every_rate(downloads):
    at = open_page("regions", region=DEMO_PROVINCE)

    ranking, rates = at.dataframe[0].value, at.dataframe[1].value
    assert "乡镇覆盖率(%)" not in ranking.columns and "乡镇覆盖率(%)" in rates.columns
    assert ranking["目标状态"].str.fullmatch(r"✖ \d 项未达标|✔ 达标").all()
    saved = downloads["演示省_2025年_下级地区排名.csv"]()
    header = saved.decode("utf-8-sig").splitlines()[0].split(",")
    assert header[:5] == ["排名", "名称", "分组", "综合得分", "目标状态"]
    assert {"未达标指标", "乡镇覆盖率(%)", "采纳率(%)", "协商活动", "提交"} <= set(header)


def test_the_openings_chart_follows_the_room_type_filter_from_the_link_and_the_control(
    snapshot_of,
):
    # The page asks for the chart before it draws the filter: the link's room type and a
    # change of the control both reach it.
    snapshot_of(
        rooms=[
            room("R1", V1, opened="2022-03-01"),
            room("R2", V2, opened="2023-05-01", room_type="liaison_station"),
            room("R3", V1, opened="2023-06-01", room_type="liaison_station"),
        ]
    )
    period = {"from": "2023-01-01", "to": "2023-12-31"}

    def opened(at) -> dict[str, int]:
        (bars, *_rest) = specs(at)["rooms_openings"]["data"]
        return dict(zip(bars["x"], bars["y"], strict=True))

    every = open_page("rooms", region=COUNTY1, **period)
    assert opened(every) == {"2022": 1, "2023": 2}

    stations = open_page("rooms", region=COUNTY1, room_type="liaison_station", **period)
    assert opened(stations) == {"2023": 2}

    stations.selectbox(key="rooms_room_type").set_value("council_room").run()
    assert not stations.exception
    assert stations.query_params["room_type"] == "council_room"
    assert opened(stations) == {"2022": 1}


def test_the_regions_trend_follows_the_kpi_and_the_regions_chosen():
    # The page asks for the trend beside the ranking, before the KPI and the regions are
    # drawn: the chart must still follow both controls, with the figures `trend` gives.
    snapshot = Store().current()
    chosen = metrics.scope_from_input(snapshot, DEMO_PROVINCE)
    ranked = metrics.compare(snapshot, chosen)
    codes, names = list(ranked["region_code"]), list(ranked["name"])
    quarters = periods.options("quarter", *metrics.data_span(snapshot))[::-1]

    def drawn(at) -> dict[str, list]:
        return {line["name"]: line["y"] for line in specs(at)["regions_trend"]["data"]}

    def expected(kpi: str, shown: list[str]) -> dict[str, list]:
        series = {s.name: s.values for s in metrics.trend(snapshot, chosen, None, kpi, quarters)}
        return {name: [None if v is None else v * 100 for v in series[name]] for name in shown}

    at = open_page("regions", region=DEMO_PROVINCE)
    assert at.selectbox(key="regions_kpi").value == "rooms.town_coverage"
    assert drawn(at) == expected("rooms.town_coverage", [names[0], names[-1]])

    at.selectbox(key="regions_kpi").set_value("suggestions.adoption_rate").run()
    assert drawn(at) == expected("suggestions.adoption_rate", [names[0], names[-1]])
    assert drawn(at) != expected("rooms.town_coverage", [names[0], names[-1]])

    at.multiselect(key="regions_compare").set_value(codes[1:3]).run()
    assert drawn(at) == expected("suggestions.adoption_rate", names[1:3])
