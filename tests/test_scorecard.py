"""The scorecard: cells against targets and the previous period, the average and target
lines, the small-number guard, ranks and thirds with their tie rule, its files."""

from __future__ import annotations

import io
import json
from datetime import date

import openpyxl
import pytest
from factories import room

from xieshang.cli.main import main
from xieshang.kpis import scorecard
from xieshang.kpis.scope import Scope
from xieshang.kpis.scorecard import tiers

CITY = "C"
YEAR = Scope(date(2024, 1, 1), date(2024, 12, 31), CITY)
COVERAGE = "rooms.village_coverage"
# villages each county has, and how many of them have a room
COUNTIES = {"K1": (5, 5), "K2": (5, 5), "K3": (5, 4), "K4": (5, 3), "K5": (5, 3), "K6": (5, 0)}
SMALL = ("K7", 3, 3)  # three villages, all covered: 100% from too few to rank


def city() -> dict[str, list[dict]]:
    regions = [
        dict(region_code="P", name="省", level="province", parent_code=None, kind=None),
        dict(region_code=CITY, name="甲市", level="city", parent_code="P", kind=None),
    ]
    rooms = []
    for county, (villages, covered) in {**COUNTIES, SMALL[0]: SMALL[1:]}.items():
        town = f"{county}T"
        regions.append(
            dict(
                region_code=county, name=f"{county}县", level="county", parent_code=CITY, kind=None
            )
        )
        regions.append(
            dict(region_code=town, name=f"{county}镇", level="town", parent_code=county, kind=None)
        )
        for v in range(villages):
            code = f"{town}V{v}"
            regions.append(
                dict(region_code=code, name="村", level="village", parent_code=town, kind=None)
            )
            if v < covered:
                # K3's last room opened in 2024: its coverage went up on the year before
                opened = "2024-03-01" if county == "K3" and v == covered - 1 else "2020-01-01"
                rooms.append(room(f"R{code}", code, opened=opened))
    return dict(regions=regions, rooms=rooms)


@pytest.fixture
def card(snapshot_of):
    snap = snapshot_of(**city())
    return scorecard.build(snap, YEAR, weights={COVERAGE: 1.0}, columns=[COVERAGE])


def test_each_cell_holds_the_value_its_n_its_state_and_its_trend(card):
    cells = {row.region_code: row.cells[COVERAGE] for row in card.rows}

    assert cells["K3"].value == pytest.approx(0.8)
    assert cells["K3"].n == 5
    assert cells["K3"].state == "missed"  # 80% of a 100% target, the year over
    assert cells["K3"].previous == pytest.approx(0.6)
    assert cells["K3"].trend == "up"
    assert (cells["K1"].state, cells["K1"].trend) == ("met", "flat")
    assert cells["K3"].shown() == "80.0% ✖ ↑"


def test_a_rate_from_fewer_than_five_items_is_shown_with_its_n_and_kept_out(card):
    small = next(row for row in card.rows if row.region_code == "K7")

    assert small.cells[COVERAGE].small and small.cells[COVERAGE].n == 3
    assert small.cells[COVERAGE].shown() == "100.0%*(n=3) ✔ →"
    assert (small.score, small.rank, small.tier) == (None, None, None)
    assert card.rows[-1] is small  # unranked come last
    # nor does it lift the average
    assert card.average[COVERAGE] == pytest.approx((1 + 1 + 0.8 + 0.6 + 0.6 + 0) / 6)


def test_a_smaller_guard_lets_the_rate_in(snapshot_of):
    snap = snapshot_of(**city())

    card = scorecard.build(snap, YEAR, weights={COVERAGE: 1.0}, columns=[COVERAGE], min_n=3)

    assert [row.region_code for row in card.rows if row.rank == 1] == ["K1", "K2", "K7"]


def test_equal_scores_share_a_rank_and_ties_at_a_boundary_go_to_the_better_third(card):
    ranked = [(row.region_code, row.score, row.rank, row.tier) for row in card.rows[:-1]]

    assert ranked == [
        ("K1", 100.0, 1, "top"),
        ("K2", 100.0, 1, "top"),
        ("K3", 80.0, 3, "middle"),
        ("K4", 60.0, 4, "bottom"),
        ("K5", 60.0, 4, "bottom"),
        ("K6", 0.0, 6, "bottom"),
    ]


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([90, 80, 70, 60, 50, 40], ["top"] * 2 + ["middle"] * 2 + ["bottom"] * 2),
        # a tie straddling the top boundary: both go to the top
        ([90, 80, 80, 70, 60, 50], ["top"] * 3 + ["middle"] + ["bottom"] * 2),
        # a tie straddling the bottom boundary: both go to the bottom
        ([90, 80, 70, 60, 60, 50], ["top"] * 2 + ["middle"] + ["bottom"] * 3),
        # everybody equal: all praised, nobody supervised
        ([70, 70, 70], ["top"] * 3),
        ([70], ["middle"]),
        ([70, 60], ["top", "bottom"]),
        # seven regions: round(7/3) = 2 in each outer third
        ([7, 6, 5, 4, 3, 2, 1], ["top"] * 2 + ["middle"] * 3 + ["bottom"] * 2),
    ],
)
def test_the_thirds_and_their_tie_rule(scores, expected):
    assert tiers(scores) == expected


def test_the_score_is_the_weighted_mean_of_the_scorable_rates(snapshot_of):
    snap = snapshot_of(**city())

    card = scorecard.build(
        snap,
        YEAR,
        weights={COVERAGE: 3.0, "rooms.with_member_rate": 1.0},
        columns=[COVERAGE, "rooms.with_member_rate"],
        min_n=1,
    )

    k3 = next(row for row in card.rows if row.region_code == "K3")
    # no room has a member: 0% of 4 rooms, scored with weight 1 beside 80% with weight 3
    # (with the default guard, four rooms are too few to score)
    assert k3.cells["rooms.with_member_rate"].value == 0.0
    assert k3.score == pytest.approx((3 * 0.8 + 0.0) / 4 * 100)


def test_sorting_by_a_column_puts_the_best_first_and_the_unscored_last(card):
    assert [r.region_code for r in card.sorted_by(COVERAGE)] == [
        "K1",
        "K2",
        "K3",
        "K4",
        "K5",
        "K6",
        "K7",
    ]
    assert [r.region_code for r in card.sorted_by(COVERAGE, descending=False)][:2] == ["K6", "K4"]


def test_the_filters_keep_rows_below_the_average_or_failing_a_target(card):
    rows = card.sorted_by("score")

    below = card.filtered(rows, "below_average", COVERAGE)
    failing = card.filtered(rows, "failing")

    assert [r.region_code for r in below] == ["K4", "K5", "K6"]
    assert [r.region_code for r in failing] == ["K3", "K4", "K5", "K6"]


def test_the_printed_table_ends_with_the_average_and_the_target_line(card):
    table = card.table("zh")

    assert card.headers("zh") == ["排名", "名称", "分组", "综合得分", "村（社区）覆盖率"]
    assert table[0] == ["1", "K1县", "前三分之一", "100.0", "100.0% ✔ →"]
    assert table[-2] == ["", "平均值", "", "", "66.7%"]
    assert table[-1] == ["", "目标", "", "", "≥ 100.0%"]
    assert card.table("en")[-1][1] == "Target"


def test_the_excel_file_colours_each_cell_by_its_state(card):
    book = openpyxl.load_workbook(io.BytesIO(scorecard.to_xlsx(card)))
    sheet = book.active
    rows = list(sheet.iter_rows(min_row=2))
    by_name = {row[1].value: row for row in rows}

    assert by_name["K1县"][4].fill.start_color.rgb.endswith("C6EFCE")  # met
    assert by_name["K3县"][4].fill.start_color.rgb.endswith("FFC7CE")  # missed
    assert by_name["K3县"][4].value == "80.0% ✖ ↑"
    assert "平均值" in by_name and "目标" in by_name


def test_the_cadence_columns_are_shares_of_units_keeping_them(snapshot_of):
    from oversight_fixtures import DISTRICT, nine_towns

    snap = snapshot_of(**nine_towns())

    card = scorecard.build(snap, Scope(date(2024, 1, 1), date(2024, 12, 31), "C"), min_n=1)

    district = next(row for row in card.rows if row.region_code == DISTRICT)
    towns = district.cells["cadence.town_activities"]
    assert (towns.value, towns.n, towns.state) == (pytest.approx(8 / 9), 9, "missed")
    assert card.targets["cadence.town_activities"].value == 2
    assert card.table("zh")[-1][4 + card.columns.index("cadence.town_activities")] == (
        "每个乡镇 ≥2 次/年"
    )


def test_xieshang_scorecard_prints_the_scorecard_as_json_and_as_a_table(snapshot_of, capsys):
    snapshot_of(**city())

    assert (
        main(
            [
                "scorecard",
                "--region",
                CITY,
                "--from",
                "2024-01-01",
                "--to",
                "2024-12-31",
                "--weight",
                "rooms.town_coverage=0",
                "--format",
                "json",
            ]
        )
        == 0
    )
    found = json.loads(capsys.readouterr().out)
    assert found["weights"]["rooms.town_coverage"] == 0
    assert found["min_n"] == 5
    first = found["rows"][0]
    assert set(first) == {"region_code", "name", "level", "score", "rank", "tier", "cells"}
    assert set(first["cells"][COVERAGE]) >= {"value", "n", "small", "state", "trend", "target"}

    assert (
        main(
            [
                "scorecard",
                "--region",
                CITY,
                "--from",
                "2024-01-01",
                "--to",
                "2024-12-31",
                "--format",
                "table",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "平均值" in out and "K7县" in out and "*(n=3)" in out

    assert main(["scorecard", "--weight", "nonsense=1"]) == 2
