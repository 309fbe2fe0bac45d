from datetime import date

from xieshang.kpis import periods
from xieshang.kpis.periods import grain_of, label, options, previous, year_earlier


def test_grains_are_recognised_from_the_dates_alone():
    assert grain_of(date(2025, 1, 1), date(2025, 12, 31)) == "year"
    assert grain_of(date(2025, 10, 1), date(2025, 12, 31)) == "quarter"
    assert grain_of(date(2024, 2, 1), date(2024, 2, 29)) == "month"
    assert grain_of(date(2025, 2, 1), date(2025, 4, 30)) == "custom"
    assert grain_of(date(2025, 1, 5), date(2025, 12, 31)) == "custom"


def test_labels_read_the_way_officials_write_them():
    assert label(date(2025, 1, 1), date(2025, 12, 31)) == "2025年"
    assert label(date(2025, 10, 1), date(2025, 12, 31)) == "2025年第4季度"
    assert label(date(2024, 3, 1), date(2024, 3, 31)) == "2024年3月"
    assert label(date(2024, 3, 5), date(2024, 4, 1)) == "2024年3月5日—2024年4月1日"
    assert label(date(2025, 10, 1), date(2025, 12, 31), "en") == "Q4 2025"


def test_the_previous_period_has_the_same_length():
    assert previous(date(2025, 1, 1), date(2025, 12, 31)) == (date(2024, 1, 1), date(2024, 12, 31))
    assert previous(date(2025, 1, 1), date(2025, 3, 31)) == (date(2024, 10, 1), date(2024, 12, 31))
    assert previous(date(2024, 3, 1), date(2024, 3, 31)) == (date(2024, 2, 1), date(2024, 2, 29))
    assert previous(date(2025, 1, 11), date(2025, 1, 20)) == (date(2025, 1, 1), date(2025, 1, 10))


def test_a_year_earlier_keeps_month_ends_and_leap_days_sensible():
    assert year_earlier(date(2025, 1, 1), date(2025, 12, 31)) == (
        date(2024, 1, 1),
        date(2024, 12, 31),
    )
    assert year_earlier(date(2024, 2, 1), date(2024, 2, 29)) == (
        date(2023, 2, 1),
        date(2023, 2, 28),
    )
    assert year_earlier(date(2025, 2, 1), date(2025, 2, 28)) == (
        date(2024, 2, 1),
        date(2024, 2, 29),
    )


def test_options_cover_the_data_newest_first():
    quarters = options("quarter", date(2024, 1, 1), date(2026, 9, 30))

    assert len(quarters) == 11
    assert quarters[0] == (date(2026, 7, 1), date(2026, 9, 30))
    assert options("year", date(2024, 1, 1), date(2026, 9, 30))[-1] == (
        date(2024, 1, 1),
        date(2024, 12, 31),
    )


def test_months_are_the_calendar_months_a_period_touches_clipped_to_it():
    assert periods.months(date(2025, 2, 10), date(2025, 4, 20)) == [
        (date(2025, 2, 10), date(2025, 2, 28)),
        (date(2025, 3, 1), date(2025, 3, 31)),
        (date(2025, 4, 1), date(2025, 4, 20)),
    ]
    assert periods.months(date(2024, 12, 31), date(2025, 1, 1)) == [
        (date(2024, 12, 31), date(2024, 12, 31)),
        (date(2025, 1, 1), date(2025, 1, 1)),
    ]
    assert periods.months(date(2024, 2, 1), date(2024, 2, 29)) == [
        (date(2024, 2, 1), date(2024, 2, 29))
    ]
