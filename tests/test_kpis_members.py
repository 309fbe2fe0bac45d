from factories import CITY, COUNTY1, COUNTY2, V1, V2, V3, V4, member, posting, scope

from xieshang.kpis.metrics import kpis


def members_of_county_one():
    return dict(
        members=[
            member("M1"),  # posted, active
            member("M2"),  # posting ended before the end of the period
            member("M3", left="2024-06-30"),  # left: no longer an active member
            member("M4"),  # never posted
            member("M5", joined="2025-01-01"),  # joins after the period
            member("C1", committee_region_code=CITY, level="city"),  # city member posted here
        ],
        member_postings=[
            posting("M1", V1),
            posting("M2", V2, end="2024-05-01"),
            posting("M3", V3, end="2024-06-30"),
            posting("C1", V3, mode="mobile"),
        ],
    )


def test_sinking_rate_is_posted_active_members_over_active_members(snapshot_of):
    snap = snapshot_of(**members_of_county_one())

    county = kpis(snap, scope(COUNTY1))["members"]

    assert county["active"] == 3  # M1, M2, M4
    assert county["posted"] == 1  # M1
    assert county["sinking_rate"] == 1 / 3


def test_members_posted_here_counts_members_of_any_committee(snapshot_of):
    snap = snapshot_of(**members_of_county_one())

    county = kpis(snap, scope(COUNTY1))["members"]
    city = kpis(snap, scope(CITY))["members"]

    assert county["posted_here"] == 2  # M1 (county) and C1 (city committee)
    assert (city["active"], city["posted"]) == (4, 2)
    assert city["sinking_rate"] == 0.5


def test_villages_with_a_member_count_villages_with_an_active_posting(snapshot_of):
    snap = snapshot_of(**members_of_county_one())

    county = kpis(snap, scope(COUNTY1))["members"]
    other = kpis(snap, scope(COUNTY2))["members"]

    assert county["villages_with_member"] == 2  # V1 and V3; V2's posting ended
    assert county["villages_with_member_rate"] == 2 / 3
    assert (other["villages_with_member"], other["villages_with_member_rate"]) == (0, 0.0)


def test_by_level_gives_every_committee_level_even_when_empty(snapshot_of):
    snap = snapshot_of(**members_of_county_one())

    by_level = kpis(snap, scope())["members"]["by_level"]

    assert list(by_level) == ["national", "provincial", "city", "county"]
    assert by_level["county"] == {"active": 3, "posted": 1, "sinking_rate": 1 / 3}
    assert by_level["city"] == {"active": 1, "posted": 1, "sinking_rate": 1.0}
    assert by_level["national"] == {"active": 0, "posted": 0, "sinking_rate": None}


def test_a_region_without_members_has_a_null_sinking_rate(snapshot_of):
    snap = snapshot_of(**members_of_county_one())

    village = kpis(snap, scope(V4))["members"]

    assert (village["active"], village["posted"], village["sinking_rate"]) == (0, 0, None)
