"""督办: every unit below target, behind pace, silent, failing the standard or below the
attendance cadence; follow-ups kept in an append-only log, carried across snapshots and
closed automatically once a later snapshot shows the target met."""

from __future__ import annotations

import io
import json
from datetime import date

import openpyxl
import pytest
from factories import activity, assessment, room
from oversight_fixtures import CITY, DISTRICT, OTHER, nine_towns, with_members

from xieshang.cli.main import main
from xieshang.kpis import supervision
from xieshang.kpis.scope import Scope
from xieshang.kpis.supervision import Key, Log

YEAR = Scope(date(2024, 1, 1), date(2024, 12, 31), DISTRICT)
PERIOD = "2024-01-01/2024-12-31"


def export(**more: list[dict]) -> dict[str, list[dict]]:
    tables = with_members(nine_towns())
    tables["rooms"] = [room("R1", "V1"), room("R2", "V2")]
    tables["room_assessments"] = [
        assessment("R1", "2024-06-01", "有场所", True),
        assessment("R1", "2024-06-01", "有制度", False),
        assessment("R1", "2024-06-01", "有档案", False),
        assessment("R2", "2024-06-01", "有场所", True),
    ]
    for name, rows in more.items():
        tables[name] = tables.get(name, []) + rows
    return tables


def keyed(found: list[supervision.Item]) -> dict[tuple[str, str], supervision.Item]:
    return {(i.unit_id, i.kpi): i for i in found}


def test_the_one_town_short_of_two_consultations_is_listed_with_what_it_misses(snapshot_of):
    snap = snapshot_of(**export())

    found = keyed(supervision.items(snap, YEAR))

    towns = [k for k in found if k[1] == "cadence.town_activities"]
    assert towns == [("T1", "cadence.town_activities")]
    t1 = found[("T1", "cadence.town_activities")]
    assert (t1.name, t1.level, t1.value, t1.target, t1.expected, t1.missing, t1.status) == (
        "第1镇",
        "town",
        1,
        2,
        2,
        1,
        "missed",
    )
    assert t1.source == "区政协下达各镇（街道）每年开展2次以上协商议事目标任务"
    assert supervision.missing_text(t1) == "还需开展 1 次"
    assert supervision.missing_text(t1, "en") == "1 more to hold"


def test_villages_that_held_nothing_are_listed_as_not_reported(snapshot_of):
    snap = snapshot_of(**export())

    found = keyed(supervision.items(snap, YEAR, parts=("cadence",)))

    village = found[("V3", "cadence.village_activities")]
    assert (village.status, village.value, village.missing) == ("no_data", 0, 1)
    assert village.parent_name == "第3镇"


def test_posted_members_below_the_attendance_cadence_are_listed(snapshot_of):
    snap = snapshot_of(**export())

    found = keyed(supervision.items(snap, YEAR, parts=("members",)))

    assert list(found) == [("M2", "cadence.member_attendance")]
    m2 = found[("M2", "cadence.member_attendance")]
    assert (m2.level, m2.value, m2.missing, m2.detail, m2.region_code) == (
        "member",
        1,
        1,
        ("第2村",),
        "V2",
    )
    assert supervision.missing_text(m2) == "还需参加 1 次"


def test_rooms_failing_the_standard_name_the_criteria_they_failed(snapshot_of):
    snap = snapshot_of(**export())

    found = supervision.items(snap, YEAR, parts=("rooms",))

    assert [(i.unit_kind, i.unit_id, i.kpi) for i in found] == [
        ("room", "R1", "rooms.standards_met")
    ]
    assert (found[0].value, found[0].target, found[0].missing) == (1, 3, 2)
    assert found[0].detail == ("有制度", "有档案")
    assert supervision.missing_text(found[0]) == "2 项未达标：有制度、有档案"


def test_child_regions_off_target_or_silent_are_listed(snapshot_of):
    snap = snapshot_of(**nine_towns())
    city = Scope(date(2024, 1, 1), date(2024, 12, 31), CITY)

    found = keyed(supervision.items(snap, city, parts=("regions",)))

    # the other county held no consultation though its town owes two; nobody sent suggestions
    assert found[(OTHER, "activities.count")].status == "no_data"
    assert supervision.missing_text(found[(OTHER, "activities.count")]) == "本时段未报送"
    assert found[(DISTRICT, "suggestions.submitted")].status == "no_data"
    assert (DISTRICT, "activities.count") not in found
    coverage = found[(DISTRICT, "rooms.village_coverage")]
    assert (coverage.status, coverage.value, coverage.target) == ("missed", 0.0, 1.0)
    assert supervision.missing_text(coverage) == "还差 100.0 个百分点"
    # KPIs without a figure are not judged (no suggestion was concluded)
    assert (DISTRICT, "suggestions.adoption_rate") not in found


def test_at_mid_year_units_behind_pace_are_at_risk_and_those_on_pace_not_listed(snapshot_of):
    snap = snapshot_of(**export())
    half = Scope(date(2024, 1, 1), date(2024, 6, 30), DISTRICT)

    found = keyed(supervision.items(snap, half))

    assert ("T1", "cadence.town_activities") not in found  # 1 of 2 by mid-year: on track
    assert ("M2", "cadence.member_attendance") not in found  # 1 of 2 by mid-year
    assert found[("R1", "rooms.standards_met")].status == "at_risk"
    assert {i.status for i in found.values()} <= {"at_risk", "no_data"}


def test_the_follow_up_log_is_append_only_and_skips_a_torn_last_line(tmp_path):
    log = Log(tmp_path / "supervision.jsonl")
    key = Key("region", "T1", "cadence.town_activities", PERIOD)

    log.append(key, "supervised", "已电话督促", date(2025, 1, 31), "张三", "S1")
    with log.path.open("ab") as f:
        f.write(b'{"unit": "region:T1", "kpi": "cadence.town_act')  # a crash mid-line
    assert [f.status for f in log.history(key)] == ["supervised"]
    log.append(key, "rectified", "已补开一次", None, "李四", "S2")

    lines = log.path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3  # the torn line stays; the next follow-up starts on a line of its own
    assert [f.status for f in log.history(key)] == ["supervised", "rectified"]
    latest = log.latest()[key]
    assert (latest.status, latest.note, latest.due, latest.who) == (
        "rectified",
        "已补开一次",
        None,
        "李四",
    )
    with pytest.raises(ValueError):
        log.append(key, "done", "")


def test_follow_ups_carry_across_snapshots_and_close_once_the_target_is_met(snapshot_of):
    first = snapshot_of(**export())
    log = Log()
    town = Key("region", "T1", "cadence.town_activities", PERIOD)
    village = Key("region", "V3", "cadence.village_activities", PERIOD)
    log.append(town, "supervised", "要求年底前补开", date(2024, 12, 31), "督查室", first.id)
    log.append(village, "supervised", "已约谈", None, "督查室", first.id)

    before = keyed(supervision.items(first, YEAR))
    assert before[("T1", "cadence.town_activities")].follow_up_status == "supervised"

    # a later export reports the town's second consultation; the village is still silent
    second = snapshot_of(**export(activities=[activity("late", "T1", "2024-12-20")]))
    review = supervision.review(second, YEAR)

    items = keyed(review.items)
    assert ("T1", "cadence.town_activities") not in items
    carried = items[("V3", "cadence.village_activities")]
    assert (carried.follow_up_status, carried.follow_up.note) == ("supervised", "已约谈")
    assert [(c.key, c.state, c.follow_up.note) for c in review.closed] == [
        (town, "met", "要求年底前补开")
    ]
    # another period keeps its own follow-ups
    other = supervision.review(second, Scope(date(2023, 1, 1), date(2023, 12, 31), DISTRICT))
    assert all(i.follow_up is None for i in other.items) and other.closed == []


def test_the_list_downloads_as_excel_with_its_statuses_in_colour(snapshot_of):
    snap = snapshot_of(**export())
    found = supervision.items(snap, YEAR)

    sheet = openpyxl.load_workbook(io.BytesIO(supervision.to_xlsx(found))).active
    header = [c.value for c in sheet[1]]
    status = header.index("状态")
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}

    assert rows["第1镇"][status].value == "✖ 未达标"
    assert rows["第1镇"][status].fill.start_color.rgb.endswith("FFC7CE")
    assert rows["第3村"][status].value == "∅ 未报送"


def test_xieshang_supervise_lists_the_one_town_in_json(snapshot_of, capsys):
    snapshot_of(**nine_towns())

    args = ["supervise", "--region", DISTRICT, "--from", "2024-01-01", "--to", "2024-12-31"]
    assert main([*args, "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)

    assert {
        "region_code",
        "name",
        "level",
        "kpi",
        "value",
        "target",
        "expected",
        "status",
        "missing",
    } <= set(found[0])
    assert {i["status"] for i in found} <= {"missed", "at_risk", "no_data"}
    towns = [i for i in found if i["kpi"] == "cadence.town_activities"]
    assert [
        (i["region_code"], i["name"], i["level"], i["value"], i["target"], i["missing"])
        for i in towns
    ] == [("T1", "第1镇", "town", 1, 2, 1)]

    assert main([*args, "--format", "table"]) == 0
    assert "还需开展 1 次" in capsys.readouterr().out
    assert main(["--lang", "en", *args, "--format", "table"]) == 0
    assert "1 more to hold" in capsys.readouterr().out
