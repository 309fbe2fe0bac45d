"""The plain-SQL yardstick: what a competent analyst would write to get the KPIs of one region
and period with DuckDB straight from an export's Parquet files, and nothing else imported.

`xieshang bench --cli` times `xieshang kpis` beside this script (a new process each), so the
command's own overhead (imports, opening a snapshot) is measured against the work itself. It is
a benchmark, not a definition, but it computes every figure the command prints, and
tests/test_bench.py holds them equal to `xieshang kpis` on the demo.

    python xieshang/dev/plain_sql.py FOLDER [REGION] FROM TO
"""

from __future__ import annotations

import json
import sys

import duckdb

QUERY = """
with recursive sub(region_code) as (
    select region_code from regions where $region is null and parent_code is null
    union all
    select $region where $region is not null
    union all
    select regions.region_code from regions inner join sub on regions.parent_code = sub.region_code
),
here as (select regions.* from regions semi join sub using (region_code)),
live_rooms as (
    select * from rooms where opened_on <= $to and (closed_on is null or closed_on > $to)
),
rooms_here as (select * from live_rooms semi join sub using (region_code)),
live_posts as (
    select * from member_postings where start_on <= $to and (end_on is null or end_on > $to)
),
latest as (
    select room_id, max(assessed_on) as assessed_on from room_assessments
    where assessed_on <= $to and room_id in (select room_id from rooms_here) group by room_id
),
standards as (
    select room_id, bool_and(met) as met from room_assessments semi join latest
        using (room_id, assessed_on) group by room_id
),
activity_towns as (
    select case when held_in.level = 'town' then held_in.region_code
        when parent.level = 'town' then parent.region_code end as town
    from activities
    inner join regions as held_in using (region_code)
    left join regions as parent on parent.region_code = held_in.parent_code
    where activities.held_on between $from and $to
),
town_held as (
    select here.region_code, count(activity_towns.town) as held
    from here
    left join activity_towns on activity_towns.town = here.region_code
    where here.level = 'town'
    group by here.region_code
),
members_here as (
    select * from members semi join sub on members.committee_region_code = sub.region_code
    where joined_on <= $to and (left_on is null or left_on > $to)
),
cohort as (
    select * from suggestions semi join sub using (region_code)
    where submitted_on between $from and $to
)
select
    (select count(*) from rooms_here) as rooms_active,
    (select count(*) from here where level = 'town') as towns,
    (select count(*) from here where level = 'town'
        and region_code in (select region_code from live_rooms)) as towns_covered,
    (select count(*) from here where level = 'village') as villages,
    (select count(*) from here where level = 'village'
        and region_code in (select region_code from live_rooms)) as villages_covered,
    (select count(*) from standards) as assessed,
    (select count(*) from standards where met) as standards_met,
    (select count(*) from rooms_here
        where room_id in (select room_id from live_posts)) as with_member,
    (select count(*) from members_here) as members_active,
    (select count(*) from members_here
        where member_id in (select member_id from live_posts)) as members_posted,
    (select count(distinct member_id) from live_posts semi join sub using (region_code))
        as posted_here,
    (select count(*) from here where level = 'village'
        and region_code in (select region_code from live_posts)) as villages_with_member,
    (select count(*) from activities semi join sub using (region_code)
        where held_on between $from and $to) as activities,
    (select count(*) from town_held where held >= 2) as towns_meeting_target,
    (select count(*) from town_held where held = 0) as silent_towns,
    (select count(*) from cohort) as submitted,
    (select count(filed_on) from cohort) as filed,
    (select count(concluded_on) from cohort) as concluded,
    (select count(*) from cohort where outcome = 'adopted') as adopted,
    (select count(*) from cohort where outcome = 'partially_adopted') as partially_adopted,
    (select count(*) from cohort where outcome = 'not_adopted') as not_adopted,
    (select count(*) from cohort where outcome in ('adopted', 'partially_adopted'))
        as adopted_any,
    (select median(date_diff('day', submitted_on, concluded_on)) from cohort
        where concluded_on is not null) as median_days_to_conclude,
    (select count(satisfaction) from cohort) as rated,
    (select count(*) from cohort where satisfaction in ('satisfied', 'basically_satisfied'))
        as satisfied,
    (select coalesce(sum(public_participants), 0) from activities semi join sub using (region_code)
        where held_on between $from and $to) as public_participants,
    (select coalesce(sum(problems_solved), 0) from activities semi join sub using (region_code)
        where held_on between $from and $to) as problems_solved,
    (select map(list(kind), list(n)) from (
        select kind, count(*) as n from activities semi join sub using (region_code)
        where held_on between $from and $to group by kind
    )) as activities_by_kind,
    (select map(list(committee_level), list({'active': active, 'posted': posted})) from (
        select committee_level, count(*) as active,
            count(*) filter (where member_id in (select member_id from live_posts)) as posted
        from members_here group by committee_level
    )) as members_by_level
"""


def main(folder: str, region: str | None, start: str, end: str) -> dict:
    con = duckdb.connect()
    for table in (
        "regions",
        "rooms",
        "room_assessments",
        "members",
        "member_postings",
        "activities",
        "suggestions",
    ):
        con.read_parquet(f"{folder}/{table}.parquet").create_view(table)
    params = {"region": region, "from": start, "to": end}
    cursor = con.execute(QUERY, params)
    names = [d[0] for d in cursor.description or ()]
    return shaped(dict(zip(names, cursor.fetchone() or (), strict=True)))


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def shaped(f: dict) -> dict:
    """The counts as `xieshang kpis --format json` prints its blocks, with the rates."""
    return {
        "rooms": {
            "active": f["rooms_active"],
            "towns": f["towns"],
            "towns_covered": f["towns_covered"],
            "town_coverage": _rate(f["towns_covered"], f["towns"]),
            "villages": f["villages"],
            "villages_covered": f["villages_covered"],
            "village_coverage": _rate(f["villages_covered"], f["villages"]),
            "assessed": f["assessed"],
            "standards_met": f["standards_met"],
            "standards_rate": _rate(f["standards_met"], f["assessed"]),
            "with_member": f["with_member"],
            "with_member_rate": _rate(f["with_member"], f["rooms_active"]),
        },
        "members": {
            "active": f["members_active"],
            "posted": f["members_posted"],
            "sinking_rate": _rate(f["members_posted"], f["members_active"]),
            "posted_here": f["posted_here"],
            "villages_with_member": f["villages_with_member"],
            "villages_with_member_rate": _rate(f["villages_with_member"], f["villages"]),
            "by_level": {
                level: {**counts, "sinking_rate": _rate(counts["posted"], counts["active"])}
                for level, counts in (f["members_by_level"] or {}).items()
            },
        },
        "activities": {
            "count": f["activities"],
            "public_participants": int(f["public_participants"]),
            "problems_solved": int(f["problems_solved"]),
            "towns_meeting_target": f["towns_meeting_target"],
            "towns_meeting_target_rate": _rate(f["towns_meeting_target"], f["towns"]),
            "silent_towns": f["silent_towns"],
            "by_kind": dict(f["activities_by_kind"] or {}),
        },
        "suggestions": {
            "submitted": f["submitted"],
            "filed": f["filed"],
            "concluded": f["concluded"],
            "adopted": f["adopted"],
            "partially_adopted": f["partially_adopted"],
            "not_adopted": f["not_adopted"],
            "adopted_any": f["adopted_any"],
            "filing_rate": _rate(f["filed"], f["submitted"]),
            "conclusion_rate": _rate(f["concluded"], f["filed"]),
            "adoption_rate": _rate(f["adopted_any"], f["concluded"]),
            "median_days_to_conclude": f["median_days_to_conclude"],
            "satisfaction_rate": _rate(f["satisfied"], f["rated"]),
        },
    }


if __name__ == "__main__":
    folder, *rest = sys.argv[1:]
    region = rest[0] if len(rest) == 3 else None
    print(json.dumps(main(folder, region or None, rest[-2], rest[-1]), default=str))
