"""How the brief words numbers and lists, in Chinese as a 通报 writes them and in English."""

from __future__ import annotations

import pytest

from xieshang.brief import wording
from xieshang.brief.model import Fig
from xieshang.brief.text import fill, paragraph, sentence, with_comma


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        (0, "0", "0"),
        (917, "917", "917"),
        (1194, "1194", "1,194"),
        (99_999, "99999", "99,999"),
        (100_000, "10万", "100,000"),
        (204_720, "20.47万", "204,720"),
        (1_205_000, "120.5万", "1.21 million"),
        (350_000_000, "3.5亿", "350 million"),
        (4_793_863_000, "47.94亿", "4.79 billion"),
    ],
)
def test_counts_are_digits_below_ten_wan_then_wan_and_yi(value, zh, en):
    assert wording.count(value, "zh") == zh
    assert wording.count(value, "en") == en


def test_the_provincial_adoption_rate_reads_as_the_committee_reported_it():
    assert wording.percent(917 / 994) == "92.3%"
    assert wording.percent(1.0, trim=True) == "100%"
    assert wording.percent(0.905, trim=True) == "90.5%"


def test_a_rate_changes_in_percentage_points_of_the_rates_as_printed():
    # 92.3% after 90.2% reads as 2.1 points, whatever the digits behind each rate.
    assert wording.points(0.92254, 0.90249) == 2.1
    assert wording.points_change(0.92254, 0.90249) == "同比提高2.1个百分点"
    assert wording.points_change(0.5, 0.504) == "同比下降0.4个百分点"
    assert wording.points_change(0.5, 0.5004) == "与上年同期持平"
    assert wording.points_change(0.6, 0.5, "en") == "up 10.0 percentage points on a year earlier"


def test_flows_grow_in_per_cent_and_stocks_change_in_units():
    assert wording.growth(4899, 3920) == "同比增长25.0%"
    assert wording.growth(90, 100) == "同比下降10.0%"
    assert wording.growth(5, 0) is None  # nothing to compare with: no sentence
    assert wording.difference(1186, 1037, "个") == "同比增加149个"
    assert wording.difference(3, 5, "名") == "同比减少2名"
    assert wording.difference(3, 0, "名") is None
    assert wording.difference(12, 10, "", "en") == "2 more than a year earlier"
    assert wording.days_change(61.5, 64) == "同比缩短2.5天"
    assert wording.days_change(64, 61) == "同比延长3天"


def test_lists_join_with_dun_and_end_with_deng_and_the_total():
    assert wording.listing(["甲市", "乙市"]) == "甲市、乙市"
    names = [f"{i}镇" for i in range(12)]
    assert wording.listing(names, measure="个乡镇") == "0镇、1镇、2镇、3镇、4镇等12个乡镇"
    assert wording.listing(["A", "B", "C"], "en") == "A, B and C"
    assert wording.listing(names[:7], "en") == "0镇, 1镇, 2镇, 3镇, 4镇 and 2 others"


def test_headings_and_items_are_numbered_in_chinese():
    assert [wording.chinese_number(n) for n in (1, 10, 12, 20, 23)] == [
        "一",
        "十",
        "十二",
        "二十",
        "二十三",
    ]
    assert wording.ordinal(2, 1) == "二、"
    assert wording.ordinal(3, 2) == "（三）"
    assert wording.item_lead(4) == "四是"


def test_a_clause_with_a_missing_figure_is_left_out_whole():
    rate = Fig("92.3%", "suggestions.adoption_rate", value=0.923)
    adopted = fill(
        "brief.suggestions.adopted",
        "zh",
        adopted_any="917",
        rate=rate,
        change=with_comma(None, "zh"),
    )
    missing = fill("brief.suggestions.filed", "zh", filed="1006", rate=None)

    found = paragraph("zh", sentence("zh", missing, adopted), sentence("zh", missing))

    assert found is not None
    assert found.text == "所提意见和建议采纳或部分采纳917件、占92.3%。"
    assert rate in found.runs  # the figure stays a run of its own, with its source
    assert sentence("zh", None, None) is None
    assert paragraph("zh", None) is None


def test_an_english_sentence_starts_with_a_capital_whichever_clause_is_first():
    clause = fill("brief.activities.solved", "en", problems="558")

    found = sentence("en", None, clause)

    assert found is not None
    assert "".join(str(r) for r in found) == "The consultations helped solve 558 problems."
