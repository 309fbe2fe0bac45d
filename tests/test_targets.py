"""Targets: the most specific applies; the targets table is read like an export (Chinese
headers, every problem with its row and column), versioned with the snapshot, reversible."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from factories import COUNTY1, EAST, PROVINCE, write_export

from xieshang.cli.main import main
from xieshang.ingest.readers import Upload
from xieshang.ingest.report import ValidationError
from xieshang.kpis import target_table, targets
from xieshang.kpis.targets import Target
from xieshang.store.imports import Importer
from xieshang.store.snapshots import StaleBase, Store

HEADER = "指标,层级,地区代码,年度,目标值,方向,来源/文号,月度分布,活动类型\n"


def csv(*rows: str, encoding: str = "utf-8") -> Upload:
    return Upload("目标.csv", data=(HEADER + "".join(r + "\n" for r in rows)).encode(encoding))


# --------------------------------------------------------------------------- specificity


def test_the_most_specific_target_applies_region_then_level_then_year():
    found = (
        Target("members.sinking_rate", 0.6),
        Target("members.sinking_rate", 0.65, year=2024),
        Target("members.sinking_rate", 0.7, level="county"),
        Target("members.sinking_rate", 0.75, level="county", year=2024),
        Target("members.sinking_rate", 0.8, region=PROVINCE),
        Target("members.sinking_rate", 0.9, region=COUNTY1),
    )
    path = (PROVINCE, "1101", COUNTY1)

    def value(**where) -> float:
        target = targets.find(found, "members.sinking_rate", **where)
        assert target is not None
        return target.value

    assert value(level="city", year=2023) == 0.6
    assert value(level="city", year=2024) == 0.65
    assert value(level="county", year=2023) == 0.7
    assert value(level="county", year=2024) == 0.75
    # a region's target covers every region inside it, and beats any level or year
    assert value(level="city", year=2024, path=(PROVINCE, "1101")) == 0.8
    # the region named deepest wins
    assert value(level="county", year=2024, path=path) == 0.9
    assert value(level="county", region=COUNTY1) == 0.9
    assert targets.find(found, "rooms.active") is None


def test_the_snapshots_table_beats_the_defaults_when_equally_specific():
    found = (
        Target("suggestions.adoption_rate", 0.9, origin="defaults"),
        Target("suggestions.adoption_rate", 0.8, origin="table"),
        Target("suggestions.adoption_rate", 0.95, level="county", origin="defaults"),
    )

    assert targets.find(found, "suggestions.adoption_rate", level="city").value == 0.8
    assert targets.find(found, "suggestions.adoption_rate", level="county").value == 0.95


def test_a_target_points_the_way_the_registry_says_unless_told():
    assert Target("suggestions.median_days_to_conclude", 90).higher_is_better is False
    assert Target("rooms.village_coverage", 1.0).higher_is_better is True
    assert Target("cadence.town_activities", 2).higher_is_better is True
    assert Target("activities.count", 10, higher_is_better=False).higher_is_better is False


def test_the_shipped_defaults_hold_the_seed_articles_cadences_with_their_sources():
    found = targets.load(targets.DEFAULTS)
    cadences = {t.kpi: t for t in found if t.kpi.startswith("cadence.")}

    assert {k: t.value for k, t in cadences.items()} == {
        "cadence.town_activities": 2,
        "cadence.village_activities": 1,
        "cadence.member_attendance": 2,
    }
    assert all(t.source for t in cadences.values())


# --------------------------------------------------------------------------- the table


@pytest.fixture
def snap(snapshot_of):
    return snapshot_of()


def test_a_targets_table_with_chinese_headers_in_gbk_is_read(snap):
    upload = csv(
        "村（社区）覆盖率,县（区）,,2024,95%,不低于,市委办〔2024〕3号,,",
        f'cadence.town_activities,,{COUNTY1},,3,,县政协通知,"1,1,1,1,1,1,2,2,2,2,2,2",小微协商、恳谈协商',
        "suggestions.median_days_to_conclude,,,,60,,,,",
        encoding="gbk",
    )

    reading = target_table.read(snap, upload)

    assert reading.problems == []
    coverage, towns, days = reading.targets
    assert (coverage.kpi, coverage.level, coverage.year, coverage.value) == (
        "rooms.village_coverage",
        "county",
        2024,
        pytest.approx(0.95),
    )
    assert coverage.source == "市委办〔2024〕3号"
    assert (towns.level, towns.region, towns.value, towns.kinds) == (
        None,
        COUNTY1,
        3,
        ("micro", "talk"),
    )
    assert towns.profile == (1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2)
    assert days.higher_is_better is False
    assert all(t.origin == "table" for t in reading.targets)


def test_a_workbook_with_a_title_row_and_a_notes_sheet_is_read(snap):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2024年度考核目标"])
    sheet.append(["指标", "目标值", "来源"])
    sheet.append(["suggestions.adoption_rate", 0.92, "政协办公室"])
    book.create_sheet("说明").append(["目标值：比率写 90%"])
    data = io.BytesIO()
    book.save(data)

    reading = target_table.read(snap, Upload("目标.xlsx", data=data.getvalue()))

    assert reading.problems == []
    assert [(t.kpi, t.value, t.source) for t in reading.targets] == [
        ("suggestions.adoption_rate", 0.92, "政协办公室")
    ]


def test_every_problem_is_reported_with_its_row_and_column_in_both_languages(snap):
    upload = csv(
        "采纳率,,,,120%,,,,",
        "不存在的指标,,,,1,,,,",
        "rooms.village_coverage,省会,,,1,,,,",
        "rooms.village_coverage,,999999,,1,,,,",
        "rooms.village_coverage,,,二〇二四,1,,,,",
        "activities.count,,,,50%,,,,",
        "cadence.village_activities,,,,1.5,,,,",
        "cadence.village_activities,乡镇,,,1,,,,",
        "activities.count,,,,10,越多越好吧,,,",
        "activities.count,,,2025,10,,,1;2;3,",
        "activities.count,,,2026,10,,,,小微协商",
        "cadence.town_activities,,,,2,,,,吃饭",
        "suggestions.filing_rate,,,,0.9,,,,",
        "suggestions.filing_rate,,,,0.8,,,,",
        ",,,,,,,,",
        "rooms.town_coverage,,,,,,,,",
    )

    reading = target_table.read(snap, upload)

    found = [(p.row, p.column, p.code) for p in reading.problems]
    assert found == [
        (2, "目标值", "target_rate_range"),
        (3, "指标", "target_unknown_kpi"),
        (4, "层级", "target_bad_level"),
        (5, "地区代码", "target_unknown_region"),
        (6, "年度", "target_bad_year"),
        (7, "目标值", "target_not_rate"),
        (8, "目标值", "target_cadence_count"),
        (9, "层级", "target_rule_level"),
        (10, "方向", "target_bad_direction"),
        (11, "月度分布", "target_bad_profile"),
        (12, "活动类型", "target_kinds_not_cadence"),
        (13, "活动类型", "target_bad_kinds"),
        (15, "指标", "target_duplicate"),
        (17, "目标值", "target_missing"),
    ]
    assert not reading.is_valid
    zh, en = reading.problems[12].line("zh"), reading.problems[12].line("en")
    assert "第 15 行" in zh and "与第 14 行重复" in zh
    assert "Repeats row 14" in en


def test_a_file_that_is_no_targets_table_says_so(snap):
    reading = target_table.read(snap, Upload("x.csv", data="名称,数量\n甲,1\n".encode()))

    assert [p.code for p in reading.problems] == ["target_no_header"]


def test_a_targets_table_is_kept_with_a_new_snapshot_carried_by_imports_and_rolled_back(
    snapshot_of, tmp_path
):
    first = snapshot_of()
    assert targets.table(first) == ()
    reading = target_table.read(first, csv("suggestions.adoption_rate,,,,80%,,文号1,,"))

    kept = target_table.commit(reading, "分析员", first.id, csv("x"))

    assert kept.manifest["action"] == "targets"
    assert [(t.kpi, t.value, t.source) for t in targets.table(kept)] == [
        ("suggestions.adoption_rate", 0.8, "文号1")
    ]
    found = targets.find(targets.in_force(kept), "suggestions.adoption_rate", level="city")
    assert (found.value, found.origin) == (0.8, "table")
    assert kept.row_counts() == first.row_counts()
    assert (kept.path / kept.manifest["sources"][0]["stored_as"]).is_file()
    # a later import of data keeps the targets; a rollback to before them drops them
    later = Importer().import_files([write_export(tmp_path / "again", {})], who="test")
    assert [t.value for t in targets.table(later)] == [0.8]
    undone = Store().rollback(first.id, who="test")
    assert targets.table(undone) == ()
    redone = Store().rollback(kept.id, who="test")
    assert [t.value for t in targets.table(redone)] == [0.8]


def test_a_targets_table_checked_against_an_older_snapshot_is_not_committed(snapshot_of):
    first = snapshot_of()
    snapshot_of()
    reading = target_table.read(first, csv("suggestions.adoption_rate,,,,80%,,,,"))

    with pytest.raises(StaleBase):
        target_table.commit(reading, "分析员", first.id)


def test_an_invalid_table_is_never_committed(snap):
    reading = target_table.read(snap, csv("不存在的指标,,,,1,,,,"))

    with pytest.raises(ValidationError):
        target_table.commit(reading, "分析员", snap.id)


def test_the_targets_in_force_download_as_a_file_that_reads_back_the_same(snap):
    found = targets.load(targets.DEFAULTS)

    data = target_table.to_xlsx(found)
    reading = target_table.read(snap, Upload("目标.xlsx", data=data))

    assert reading.problems == []

    def plain(t: Target) -> tuple:
        return (
            t.kpi,
            t.level,
            t.region,
            t.year,
            pytest.approx(t.value),
            t.higher_is_better,
            t.source,
        )

    assert [plain(t) for t in reading.targets] == [plain(t) for t in found]


def test_the_editor_rows_are_checked_like_a_file(snap):
    rows = [["指标", "目标值", "地区代码"], ["cadence.town_activities", "3", EAST]]

    reading = target_table.read_rows(snap, "目标管理页面", rows)

    assert [(t.kpi, t.value, t.region) for t in reading.targets] == [
        ("cadence.town_activities", 3, EAST)
    ]


def test_xieshang_targets_imports_a_table_and_prints_the_targets_in_force(
    snapshot_of, tmp_path, capsys
):
    snapshot_of()
    path = tmp_path / "目标.csv"
    path.write_bytes(csv("cadence.village_activities,,,,2,,县政协〔2025〕1号,,").read())

    assert main(["targets", "--import", str(path)]) == 0
    capsys.readouterr()
    assert main(["targets", "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)

    village = [t for t in shown if t["kpi"] == "cadence.village_activities"]
    assert [(t["value"], t["origin"], t["source"]) for t in village] == [
        (2, "table", "县政协〔2025〕1号"),
        (1, "defaults", "每个村（社区）每年至少开展1次协商议事"),
    ]
    assert main(["targets", "--export", str(tmp_path / "out.xlsx")]) == 0
    assert (tmp_path / "out.xlsx").stat().st_size > 0


def test_a_bad_targets_file_on_the_command_line_lists_its_problems(snapshot_of, tmp_path, capsys):
    snapshot_of()
    path = tmp_path / "目标.csv"
    path.write_bytes(csv("不存在的指标,,,,1,,,,").read())

    assert main(["targets", "--import", str(path)]) == 1
    assert "第 2 行" in capsys.readouterr().err
