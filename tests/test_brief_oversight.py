"""The brief says what the targets engine decided: towns keeping the cadence (cadence.py), the
units behind it, silent or missing a target and their follow-ups (supervision.review), and the
thirds of the scorecard (scorecard.build) — on small hand-built exports."""

from __future__ import annotations

import re
from datetime import date

from factories import activity, assessment, room
from oversight_fixtures import DISTRICT, nine_towns, with_members

from xieshang.brief import compose
from xieshang.brief.model import Document, Heading, Paragraph
from xieshang.kpis import scorecard, supervision
from xieshang.kpis.scope import Scope
from xieshang.kpis.supervision import Key, Log

YEAR = Scope(date(2024, 1, 1), date(2024, 12, 31), DISTRICT)
HALF = Scope(date(2024, 1, 1), date(2024, 6, 30), DISTRICT)
PERIOD = "2024-01-01/2024-12-31"
DANGLING = r"—|None|nan|，。|。。|，，|（）|、。|、，|等。|有。|^，|：。"


def paragraphs(doc: Document) -> list[str]:
    return [p.text for p in doc.paragraphs()]


def section(doc: Document, heading: str) -> list[str]:
    """The paragraphs under a heading (一、… to the next one)."""
    out: list[str] = []
    inside = False
    for block in doc.blocks:
        if isinstance(block, Heading):
            if inside and block.level <= 1:
                break
            inside = inside or heading in block.text
        elif isinstance(block, Paragraph) and inside:
            out.append(block.text)
    return out


def problems(doc: Document) -> list[str]:
    return section(doc, "存在问题")


def test_the_nine_towns_brief_says_eight_keep_the_cadence_and_names_the_one_behind(snapshot_of):
    # The district: nine towns held 1, 15, 15, 15, 14, 14, 14, 14 and 14 consultations.
    snap = snapshot_of(**nine_towns())

    doc = compose.build(snap, YEAR)

    activities = "".join(section(doc, "协商活动开展情况"))
    assert "9个乡镇（街道）中8个达到每年至少开展2次协商的要求" in activities
    behind = [p for p in problems(doc) if "每年至少开展2次协商的要求" in p]
    assert [re.sub(r"^[一二三四五六七八九十]+是", "", p) for p in behind] == [
        "第1镇（开展1次，还需开展1次）未达到每年至少开展2次协商的要求。"
    ]
    # the one town is the one `xieshang supervise` lists; no other town is named behind
    listed = [i for i in supervision.items(snap, YEAR) if i.kpi == "cadence.town_activities"]
    assert [(i.name, i.status) for i in listed] == [("第1镇", "missed")]
    for other in (f"第{i}镇" for i in range(2, 10)):
        assert not any(other in p for p in behind)


def test_at_mid_year_the_town_with_one_consultation_is_on_pace_and_not_a_problem(snapshot_of):
    snap = snapshot_of(**nine_towns())

    doc = compose.build(snap, HALF)

    assert "9个乡镇（街道）中9个达到或按进度符合每年至少开展2次协商的要求" in "".join(
        section(doc, "协商活动开展情况")
    )
    # no town is said to be behind its cadence (at mid-year one of two a year is on pace)
    assert not any("次协商的要求" in p or "次的进度" in p for p in problems(doc))


def test_behind_pace_says_how_far_behind_and_what_is_still_needed(snapshot_of, isolated_store):
    # Six a year for every town: by 30 June three are due; 第1镇 has held one.
    isolated_store.mkdir(parents=True, exist_ok=True)
    (isolated_store / "targets.toml").write_text(
        '[[target]]\nkpi = "cadence.town_activities"\nvalue = 6\n', encoding="utf-8"
    )
    snap = snapshot_of(**nine_towns())

    doc = compose.build(snap, HALF)

    (item,) = [i for i in supervision.items(snap, HALF) if i.unit_id == "T1"]
    assert (item.status, item.value, item.expected, item.missing) == ("at_risk", 1, 3, 5)
    text = "".join(problems(doc))
    assert (
        "第1镇（开展1次，按进度应开展3次，还需开展5次）协商次数落后于每年至少开展6次的进度" in text
    )
    assert "9个乡镇（街道）中8个达到或按进度符合每年至少开展6次协商的要求" in "".join(
        section(doc, "协商活动开展情况")
    )


def test_silent_villages_members_rooms_and_open_items_are_problems(snapshot_of):
    tables = with_members(nine_towns())
    tables["rooms"] = [room("R1", "V1"), room("R2", "V2")]
    tables["room_assessments"] = [
        assessment("R1", "2024-06-01", "有场所", True),
        assessment("R1", "2024-06-01", "有制度", False),
        assessment("R2", "2024-06-01", "有场所", True),
    ]
    snap = snapshot_of(**tables)
    found = supervision.items(snap, YEAR)
    Log().append(Key("region", "T1", "cadence.town_activities", PERIOD), "supervised")

    text = "\n".join(problems(compose.build(snap, YEAR)))

    villages = sorted(i.name for i in found if i.kpi == "cadence.village_activities")
    assert len(villages) == 9  # every village held nothing of its own
    assert (
        "第1村、第2村、第3村、第4村、第5村等9个村（社区）本期未开展协商活动、未报送活动情况" in text
    )
    assert "1名下沉委员参加活动未达到每年至少2次的要求" in text  # M2, one of two
    assert "1个议事室未全部达到“六有”标准" in text  # R1
    pending = sum(1 for i in found if i.kpi != "cadence.town_activities")
    assert f"本期督办事项中尚有{len(found)}项未办结，其中待督办{pending}项、已督办1项" in text
    for line in text.splitlines():
        assert not re.search(DANGLING, line), line


def test_an_item_met_in_a_later_snapshot_is_said_to_have_closed(snapshot_of):
    snapshot_of(**nine_towns())
    Log().append(Key("region", "T1", "cadence.town_activities", PERIOD), "supervised")
    later = nine_towns()
    later["activities"].append(activity("late", "T1", "2024-12-20"))
    snap = snapshot_of(**later)

    doc = compose.build(snap, YEAR)

    text = "".join(problems(doc))
    assert "次协商的要求" not in text  # every town now keeps its cadence
    assert "已有1项督办事项经核实达标、自动销号" in text
    assert "9个乡镇（街道）中9个达到" in "".join(section(doc, "协商活动开展情况"))


def test_the_thirds_are_the_scorecards_and_small_numbers_are_not_ranked(snapshot_of):
    # Each town has one village: every rate of a town comes from too few items to rank.
    snap = snapshot_of(**nine_towns())
    card = scorecard.build(snap, YEAR)
    assert card.rows and all(r.rank is None for r in card.rows)

    ranking = section(compose.build(snap, YEAR), "比较与排名")

    assert "表扬" not in "".join(ranking) and "督促" not in "".join(ranking)
    assert "参与排名的下级地区不足两个，不分档次。" in ranking
    assert any(
        "第1镇、第2镇、第3镇、第4镇、第5镇等9个乡镇（街道）没有可计分的比率" in p for p in ranking
    )


def test_the_english_brief_says_the_same_in_plain_words(snapshot_of):
    snap = snapshot_of(**nine_towns())

    text = "\n".join(paragraphs(compose.build(snap, YEAR, "en")))

    assert "8 of 9 towns met the rule of at least 2 consultations a year" in text
    assert "第1镇 (1 held, 1 more to hold) held fewer than the 2 consultations a year" in text


def test_the_follow_ups_counted_are_those_of_the_log_given(snapshot_of, tmp_path):
    snap = snapshot_of(**nine_towns())
    elsewhere = Log(tmp_path / "other" / "supervision.jsonl")
    elsewhere.append(Key("region", "T1", "cadence.town_activities", PERIOD), "supervised")

    default = "".join(problems(compose.build(snap, YEAR)))
    given = "".join(problems(compose.build(snap, YEAR, log=elsewhere)))

    assert "已督办" not in default
    assert "已督办1项" in given
