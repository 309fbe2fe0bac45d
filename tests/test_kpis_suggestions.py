from factories import COUNTY1, COUNTY2, scope, suggestion

from xieshang.format import percent
from xieshang.kpis.metrics import kpis


def province_report() -> list[dict]:
    """A year as one province reported it: 1194 submitted, 1006 filed, 994 concluded,
    917 adopted or partially adopted (92.3%)."""
    rows = []
    for i in range(1194):
        filed = "2024-03-10" if i < 1006 else None
        concluded = "2024-06-10" if i < 994 else None
        outcome = None
        if i < 994:
            outcome = "adopted" if i < 800 else "partially_adopted" if i < 917 else "not_adopted"
        rows.append(
            suggestion(
                f"S{i:04d}",
                submitted="2024-03-01",
                filed=filed,
                concluded=concluded,
                outcome=outcome,
            )
        )
    return rows


def test_the_published_province_figures_are_reproduced(snapshot_of):
    snap = snapshot_of(suggestions=province_report())

    result = kpis(snap, scope(kind="proposal"))["suggestions"]

    assert (result["submitted"], result["filed"], result["concluded"]) == (1194, 1006, 994)
    assert (result["adopted"], result["partially_adopted"], result["not_adopted"]) == (800, 117, 77)
    assert round(result["adoption_rate"], 4) == 0.9225
    assert percent(result["adoption_rate"]) == "92.3%"
    assert result["filing_rate"] == 1006 / 1194
    assert result["conclusion_rate"] == 994 / 1006
    assert result["median_days_to_conclude"] == 101  # 2024-03-01 -> 2024-06-10


def test_the_cohort_is_what_was_submitted_in_the_period_whenever_it_was_concluded(snapshot_of):
    snap = snapshot_of(
        suggestions=[
            suggestion(
                "S1",
                submitted="2024-12-20",
                filed="2024-12-28",
                concluded="2025-02-01",
                outcome="adopted",
            ),
            suggestion(
                "S2",
                submitted="2023-12-31",
                filed="2024-01-05",
                concluded="2024-02-01",
                outcome="adopted",
            ),
            suggestion("S3", submitted="2024-01-01"),
        ]
    )

    result = kpis(snap, scope())["suggestions"]

    assert (result["submitted"], result["filed"], result["concluded"], result["adopted"]) == (
        2,
        1,
        1,
        1,
    )
    assert result["adoption_rate"] == 1.0


def test_the_kind_filter_narrows_the_cohort(snapshot_of):
    snap = snapshot_of(
        suggestions=[
            suggestion("S1", kind="proposal"),
            suggestion("S2", kind="opinion"),
            suggestion("S3", kind="opinion", region_code=COUNTY2),
        ]
    )

    assert kpis(snap, scope(kind="opinion"))["suggestions"]["submitted"] == 2
    assert kpis(snap, scope(COUNTY1, kind="opinion"))["suggestions"]["submitted"] == 1
    assert kpis(snap, scope())["suggestions"]["submitted"] == 3


def test_median_days_and_satisfaction(snapshot_of):
    snap = snapshot_of(
        suggestions=[
            suggestion(
                "S1",
                submitted="2024-01-01",
                filed="2024-01-02",
                concluded="2024-01-11",
                outcome="adopted",
                satisfaction="satisfied",
            ),
            suggestion(
                "S2",
                submitted="2024-01-01",
                filed="2024-01-02",
                concluded="2024-01-31",
                outcome="not_adopted",
                satisfaction="unsatisfied",
            ),
            suggestion(
                "S3",
                submitted="2024-01-01",
                filed="2024-01-02",
                concluded="2024-03-01",
                outcome="partially_adopted",
                satisfaction="basically_satisfied",
            ),
            suggestion(
                "S4",
                submitted="2024-01-01",
                filed="2024-01-02",
                concluded="2024-03-01",
                outcome="adopted",
            ),  # no satisfaction recorded: left out of the rate
        ]
    )

    result = kpis(snap, scope())["suggestions"]

    assert result["median_days_to_conclude"] == (30 + 60) / 2
    assert result["satisfaction_rate"] == 2 / 3
    assert result["adoption_rate"] == 3 / 4


def test_no_suggestions_gives_zero_counts_and_null_rates(snapshot_of):
    snap = snapshot_of(suggestions=[suggestion("S1", region_code=COUNTY2)])

    result = kpis(snap, scope(COUNTY1))["suggestions"]

    assert result["submitted"] == 0
    for key in (
        "filing_rate",
        "conclusion_rate",
        "adoption_rate",
        "median_days_to_conclude",
        "satisfaction_rate",
    ):
        assert result[key] is None, key


def test_by_kind_gives_each_kind_its_own_funnel_and_they_add_up(snapshot_of):
    from xieshang.kpis.metrics import suggestions_by_kind

    snap = snapshot_of(
        suggestions=[
            suggestion("P1", filed="2024-03-02", concluded="2024-04-01", outcome="adopted"),
            suggestion("P2", filed="2024-03-02"),
            suggestion(
                "O1",
                kind="opinion",
                filed="2024-03-05",
                concluded="2024-03-11",
                outcome="not_adopted",
            ),
            suggestion("O2", kind="opinion", submitted="2023-12-31"),  # another year
        ]
    )
    where = scope(COUNTY1)

    found = suggestions_by_kind(snap, where)

    assert list(found) == ["proposal", "opinion", "info"]
    assert (found["proposal"].submitted, found["proposal"].filed) == (2, 2)
    assert found["proposal"].adoption_rate == 1.0
    assert (found["opinion"].submitted, found["opinion"].adopted_any) == (1, 0)
    assert found["opinion"].median_days_to_conclude == 10.0
    assert found["info"].submitted == 0 and found["info"].adoption_rate is None
    total = kpis(snap, where)["suggestions"]
    assert sum(block.submitted for block in found.values()) == total["submitted"] == 3


def test_the_monthly_trend_counts_each_month_and_its_rate_is_the_blocks(snapshot_of):
    from xieshang.kpis.details import suggestions_monthly

    adopted = dict(filed="2024-03-20", concluded="2024-04-01", outcome="adopted")
    snap = snapshot_of(
        suggestions=[
            suggestion("A1", submitted="2024-03-10", **adopted),
            suggestion(
                "A2",
                submitted="2024-03-31",
                filed="2024-04-02",
                concluded="2024-04-09",
                outcome="not_adopted",
            ),
            suggestion("A3", submitted="2024-03-05"),  # before the period: not counted
            suggestion(
                "B1",
                submitted="2024-05-01",
                **{**adopted, "filed": "2024-05-02", "concluded": "2024-05-03"},
            ),
        ]
    )
    where = scope(COUNTY1, "2024-03-07", "2024-05-20")

    monthly = suggestions_monthly(snap, where)

    # March from the 7th, no row for April (nothing submitted), May up to the 20th.
    assert [str(d)[:10] for d in monthly["month_on"]] == ["2024-03-01", "2024-05-01"]
    assert list(monthly["submitted"]) == [2, 1]
    assert list(monthly["adopted_any"]) == [1, 1]
    assert list(monthly["adoption_rate"]) == [0.5, 1.0]
    assert int(monthly["submitted"].sum()) == kpis(snap, where)["suggestions"]["submitted"]
