from __future__ import annotations

import io
from datetime import date

import openpyxl
import pandas as pd
import pytest

from xieshang import export
from xieshang.kpis import insights, supervision, targets
from xieshang.kpis.targets import Target


def test_csv_downloads_open_in_excel_with_chinese_headers():
    frame = pd.DataFrame({"名称": ["东镇"], "村（社区）覆盖率(%)": [92.3]})

    data = export.to_csv(frame)

    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    assert data.decode("utf-8-sig").splitlines() == ["名称,村（社区）覆盖率(%)", "东镇,92.3"]


def test_cells_that_would_run_as_formulas_are_neutralised_but_numbers_are_not():
    frame = pd.DataFrame(
        {"名称": ['=HYPERLINK("x")', "+1", "-2", "@sum", "正常"], "数值": [-3, 1, 2, 3, 4]}
    )

    data = export.to_csv(frame).decode("utf-8-sig").splitlines()
    workbook = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(frame, "测试")))
    sheet = workbook["测试"]

    assert data[1] == '"\'=HYPERLINK(""x"")",-3'
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        '\'=HYPERLINK("x")',
        "'+1",
        "'-2",
        "'@sum",
        "正常",
    ]
    assert sheet.cell(row=2, column=2).value == -3
    assert sheet.cell(row=1, column=1).value == "名称"


@pytest.mark.parametrize(
    ("target", "actual", "status"),
    [
        (Target("rooms.village_coverage", 1.0), 1.0, "met"),
        (Target("rooms.village_coverage", 1.0), 0.96, "near"),
        (Target("rooms.village_coverage", 1.0), 0.9, "missed"),
        (Target("suggestions.median_days_to_conclude", 90, higher_is_better=False), 64, "met"),
        (Target("suggestions.median_days_to_conclude", 90, higher_is_better=False), 95, "near"),
        (Target("suggestions.median_days_to_conclude", 90, higher_is_better=False), 120, "missed"),
        (Target("rooms.village_coverage", 1.0), None, None),
    ],
)
def test_target_status(target, actual, status):
    assert target.status(actual) == status


def test_the_most_specific_target_wins(tmp_path):
    path = tmp_path / "targets.toml"
    path.write_text(
        '[[target]]\nkpi = "members.sinking_rate"\nvalue = 0.6\n'
        '[[target]]\nkpi = "members.sinking_rate"\nvalue = 0.8\nlevel = "county"\n'
        '[[target]]\nkpi = "members.sinking_rate"\nvalue = 0.9\nregion = "110101"\n',
        encoding="utf-8",
    )
    loaded = targets.load(path)

    assert targets.find(loaded, "members.sinking_rate", level="city").value == 0.6
    assert targets.find(loaded, "members.sinking_rate", level="county").value == 0.8
    assert (
        targets.find(loaded, "members.sinking_rate", level="county", region="110101").value == 0.9
    )
    assert targets.find(loaded, "rooms.active") is None


def test_a_targets_file_in_the_data_dir_replaces_the_defaults(isolated_store):
    isolated_store.mkdir(parents=True)
    (isolated_store / "targets.toml").write_text(
        '[[target]]\nkpi = "suggestions.adoption_rate"\nvalue = 0.95\n', encoding="utf-8"
    )

    loaded = targets.load()

    assert [(t.kpi, t.value) for t in loaded] == [("suggestions.adoption_rate", 0.95)]


def test_a_broken_targets_file_names_itself(tmp_path):
    path = tmp_path / "targets.toml"
    path.write_text("[[target]]\nkpi = \n", encoding="utf-8")

    with pytest.raises(targets.TargetsError, match=r"targets\.toml"):
        targets.load(path)


def kpis(**rooms) -> dict:
    base = {
        "towns": 10,
        "towns_covered": 10,
        "villages": 50,
        "villages_covered": 50,
        "active": 60,
        "with_member": 60,
        "assessed": 60,
        "standards_met": 60,
    }
    return {"rooms": base | rooms}


def item(name, kpi, status="missed", unit_kind="region", target=None) -> supervision.Item:
    return supervision.Item(
        unit_kind,
        name,
        name,
        name,
        "county",
        None,
        kpi,
        0.7,
        target,
        None,
        status,
        None,
        None,
        "",
        date(2025, 1, 1),
        date(2025, 12, 31),
    )


def test_attention_summarises_the_supervision_items_and_the_rooms_to_build_or_staff():
    supervised = [
        item("乙县", "rooms.village_coverage"),
        item("丙县", "suggestions.adoption_rate", "at_risk"),
        item("丁县", "suggestions.submitted", "no_data"),
        item("东镇", "cadence.town_activities", "no_data", target=2),
        item("西镇", "cadence.town_activities", "at_risk", target=2),
        item("R1", "rooms.standards_met", unit_kind="room"),
        item("M1", "cadence.member_attendance", unit_kind="member", target=2),
    ]

    tally = supervision.Tally.of(supervised)
    items = insights.attention(kpis(with_member=55, villages_covered=48), tally)

    assert [(i.key, i.page, i.count) for i in items] == [
        ("attention.regions_missing", "supervision", 1),
        ("attention.regions_behind", "supervision", 1),
        ("attention.regions_silent", "supervision", 1),
        ("attention.silent_towns", "supervision", 1),
        ("attention.towns_cadence", "supervision", 1),
        ("attention.members_cadence", "supervision", 1),
        ("attention.rooms_failing", "supervision", 1),
        ("attention.uncovered", "rooms", 2),
        ("attention.rooms_without_member", "rooms", 5),
    ]
    assert items[0].params == {"kpi": "rooms.village_coverage", "names": "乙县"}
    assert items[4].params == {"target": 2}


def test_nothing_to_attend_to_gives_an_empty_list():
    assert insights.attention(kpis(), supervision.Tally.of([])) == []
