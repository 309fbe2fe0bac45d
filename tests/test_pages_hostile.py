"""No text from a URL, a file or the data acts on a leader's screen: hostile names and link
values on every page are shown literally, never as Markdown or Plotly HTML."""

from __future__ import annotations

import json
import re

import pytest
from factories import CITY, COUNTY1, PROVINCE, open_page, visible
from hostile import CODEBOOK, CRITERION, NAMES, URL_VALUES, import_hostile
from streamlit.testing.v1 import AppTest

from xieshang.web.text import one_line

YEAR = {"from": "2024-01-01", "to": "2024-12-31"}

# Markdown that would act: a link or image, an icon, raw HTML, an address that autolinks.
ACTIVE = re.compile(r"(?<!\\)\]\(|(?<!\\)!\[|(?<!\\)<|(?<!\\):material/|://|www\.|(?<!\\)@", re.I)


def markdown_sources(at: AppTest) -> list[str]:
    """Every string Streamlit renders as Markdown on the page, as the script sent it."""
    sources = [e.value for kind in ("title", "caption", "markdown") for e in getattr(at, kind)]
    sources += [
        e.value for kind in ("warning", "info", "error", "success") for e in getattr(at, kind)
    ]
    sources += [b.label for b in at.button] + [e.label for e in at.expander]
    sources += [m.label for m in at.metric] + [m.proto.help for m in at.metric]
    sources += [m.proto.delta for m in at.metric] + [m.proto.delta_description for m in at.metric]
    sources += [link.proto.label for link in at.get("page_link")]
    return [s for s in sources if s]


def chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def chart_strings(spec: object) -> list[str]:
    """Every string in a Plotly figure: titles, tick labels, hover templates, data."""
    if isinstance(spec, str):
        return [spec]
    if isinstance(spec, dict):
        return [s for value in spec.values() for s in chart_strings(value)]
    if isinstance(spec, list):
        return [s for value in spec for s in chart_strings(value)]
    return []


def assert_nothing_acts(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    for source in markdown_sources(at):
        assert not ACTIVE.search(source), source
    for spec in chart_specs(at):
        for text in chart_strings(spec):
            assert "<a" not in text and "<img" not in text and "<script" not in text, text


@pytest.fixture
def hostile(isolated_store, tmp_path):
    return import_hostile(isolated_store, tmp_path)


@pytest.mark.parametrize(
    ("page", "region"),
    [
        ("overview", CITY),
        ("rooms", COUNTY1),
        ("members", CITY),
        ("adoption", CITY),
        ("regions", CITY),
    ],
)
def test_hostile_names_show_literally_on_every_page(hostile, page, region):
    at = open_page(page, region=region, **YEAR)

    assert_nothing_acts(at)
    assert visible(at.caption[0].value).startswith(one_line(NAMES[region]))
    crumbs = [visible(b.label) for b in at.button if b.key.startswith(f"{page}_crumb_")]
    assert crumbs[0] == NAMES[PROVINCE]
    assert crumbs[1] == "› " + one_line(NAMES[CITY], 24)[:23] + "…"


def test_child_region_names_in_charts_are_text_not_plotly_html(hostile):
    at = open_page("rooms", region=COUNTY1, **YEAR)

    coverage = chart_specs(at)[0]["data"][0]
    names = [name for _code, name in coverage["customdata"]]
    assert names == [
        '&lt;a href="http://evil.example/a"&gt;点我&lt;/a&gt;镇 %{x}',
        "西镇 第二行 :material/home: :red[红] **粗** $x$",
    ]
    assert "%{x}" not in coverage["hovertemplate"]
    criteria = chart_specs(at)[2]["data"][0]
    assert criteria["customdata"][0][1] == CRITERION.replace("<", "&lt;").replace(">", "&gt;")


def test_a_hostile_codebook_name_is_shown_as_text(hostile):
    at = open_page("adoption", region=PROVINCE, **YEAR)

    assert_nothing_acts(at)
    shown = [visible(c.value) for c in at.caption]
    assert f"办理结果对照：{CODEBOOK}" in shown


@pytest.mark.parametrize("value", URL_VALUES)
@pytest.mark.parametrize("page", ["overview", "rooms", "members", "adoption", "regions"])
def test_hostile_link_values_are_repeated_as_text_and_never_act(page, value):
    query = {"region": value, "kind": value, "from": value, "room_type": value, "committee": value}
    at = open_page(page, **query)

    assert_nothing_acts(at)
    warnings = [visible(w.value) for w in at.warning]
    echoed = one_line(value, 60)
    assert f"链接中的地区代码“{echoed}”不存在，已改为显示演示省" in warnings
    assert f"链接中的建议类型“{echoed}”不存在，已改为全部类型" in warnings
    assert f"链接中的日期“{echoed}”无法识别，已改为默认时段" in warnings
    assert at.caption[0].value.startswith("演示省 · 2025年")
