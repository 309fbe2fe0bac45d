"""A district of nine towns, one village each, for the cadence, scorecard and 督办 tests.

P 演示省 › C 甲市 › D 沙湾区 › T1..T9 (towns), each with one village V1..V9; and E 乙区, another
county of 甲市 with one town TE and its village VE.
"""

from __future__ import annotations

from datetime import date, timedelta

from factories import activity, member, posting

PROVINCE, CITY, DISTRICT, OTHER = "P", "C", "D", "E"
TOWNS = [f"T{i}" for i in range(1, 10)]
VILLAGES = [f"V{i}" for i in range(1, 10)]
# consultations each town held in 2024 ("8 of 9 towns meet ≥ 2 a year")
HELD = [1, 15, 15, 15, 14, 14, 14, 14, 14]


def regions() -> list[dict]:
    rows = [
        (PROVINCE, "演示省", "province", None),
        (CITY, "甲市", "city", PROVINCE),
        (DISTRICT, "沙湾区", "county", CITY),
        (OTHER, "乙区", "county", CITY),
        ("TE", "乙镇", "town", OTHER),
        ("VE", "乙村", "village", "TE"),
    ]
    for i, (town, village) in enumerate(zip(TOWNS, VILLAGES, strict=True), start=1):
        rows.append((town, f"第{i}镇", "town", DISTRICT))
        rows.append((village, f"第{i}村", "village", town))
    return [dict(region_code=c, name=n, level=lv, parent_code=p, kind=None) for c, n, lv, p in rows]


def spread(count: int, year: int = 2024) -> list[date]:
    """`count` days of `year`, the first on 15 March and the rest every few weeks after."""
    first = date(year, 3, 15)
    return [first + timedelta(days=17 * k) for k in range(count)]


def nine_towns(held: list[int] | None = None, year: int = 2024) -> dict[str, list[dict]]:
    """The district's towns holding `held` activities in `year`, all in the town itself."""
    activities = []
    for town, count in zip(TOWNS, held or HELD, strict=True):
        for k, day in enumerate(spread(count, year)):
            activities.append(activity(f"{town}-{year}-{k}", town, day.isoformat()))
    return dict(regions=regions(), activities=activities)


def with_members(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The tables with `posted_members` added."""
    out = dict(tables)
    for name, rows in posted_members().items():
        out[name] = out.get(name, []) + rows
    return out


def posted_members() -> dict[str, list[dict]]:
    """M1 (posted to V1) attended 2 activities in 2024, M2 (posted to V2) one, M3 (not posted)
    none, M4 (posted to VE, in the other county) none; M1's second is held in the other county,
    at its one consultation of 2024 (TE-2024-0)."""
    members = [member(m, DISTRICT) for m in ("M1", "M2", "M3", "M4")]
    postings = [
        posting("M1", "V1", start="2023-01-01"),
        posting("M2", "V2", start="2023-01-01"),
        posting("M4", "VE", start="2023-01-01"),
    ]
    attended = [
        {"activity_id": "T2-2024-0", "member_id": "M1"},
        {"activity_id": "TE-2024-0", "member_id": "M1"},
        {"activity_id": "T2-2024-1", "member_id": "M2"},
    ]
    return dict(
        activities=[activity("TE-2024-0", "TE", "2024-05-01")],
        members=members,
        member_postings=postings,
        activity_members=attended,
    )
