-- Facts over time: each room's, member's and posting's state as intervals of days, built once
-- per snapshot at import from its tables. Every stock KPI counts keys active in these
-- intervals (setup/stocks.sql); every list of rooms or members reads them too, so a list
-- always agrees with the count beside it.
-- Needs: setup/region_closure.sql, setup/assessment_results.sql, setup/macros.sql.
-- Grain: stated for each table below. Params: none.

-- Each posting, numbered (a posting has no id of its own), with its region's level.
-- Grain: one row per posting.
create or replace table posting_facts as
select
    row_number() over (order by member_postings.region_code, member_postings.start_on,
        member_postings.member_id, member_postings.room_id, member_postings.mode,
        member_postings.end_on) as posting_n,
    member_postings.member_id,
    member_postings.region_code,
    regions.level as region_level,
    member_postings.room_id,
    member_postings.mode,
    member_postings.start_on as valid_from,
    member_postings.end_on as valid_to
from member_postings
inner join regions using (region_code)
order by member_postings.region_code, member_postings.start_on;

-- Each room's active life cut into segments in which its latest assessment (on or before the
-- day) and whether a posting to it is active stay the same: on any day of [valid_from,
-- valid_to) the room is active, its standard status is that of the assessment assessed_on,
-- and has_member says whether a member's posting to this room is active.
-- Grain: one row per (room_id, segment).
create or replace table room_segments as
with room_postings as (
    select room_id as key, valid_from as start_on, valid_to as end_on
    from posting_facts
    where room_id is not null
),

staffed as (
    select key as room_id, start_on, end_on from merge_intervals('room_postings')
),

boundaries as (
    select room_id, opened_on as on_date from rooms
    union
    select room_id, closed_on from rooms where closed_on is not null
    union
    select room_id, assessed_on from assessment_results
    union
    select room_id, start_on from staffed
    union
    select room_id, end_on from staffed where end_on is not null
),

segments as (
    select
        room_id,
        on_date as valid_from,
        lead(on_date) over (partition by room_id order by on_date) as valid_to
    from boundaries
),

final as (
    select
        rooms.room_id,
        rooms.region_code,
        rooms.room_type,
        segments.valid_from,
        segments.valid_to,
        assessment_results.assessed_on,
        assessment_results.room_id is not null as is_assessed,
        coalesce(assessment_results.is_standard_met, false) as is_standard_met,
        coalesce(assessment_results.criteria_failed, 0) as criteria_failed,
        coalesce(assessment_results.criteria, []) as criteria,
        coalesce(assessment_results.failed, []) as failed,
        staffed.room_id is not null as has_member
    from segments
    inner join rooms using (room_id)
    asof left join assessment_results
        on assessment_results.room_id = segments.room_id
        and segments.valid_from >= assessment_results.assessed_on
    left join staffed
        on staffed.room_id = segments.room_id
        and is_active(staffed.start_on, staffed.end_on, segments.valid_from)
    where is_active(rooms.opened_on, rooms.closed_on, segments.valid_from)
)

select * from final
order by region_code, room_id, valid_from;

-- Each member's membership cut into segments in which whether they hold an active posting
-- (anywhere) stays the same: on any day of [valid_from, valid_to) the member is active on
-- their committee and is_posted says whether one of their postings is active.
-- Grain: one row per (member_id, segment).
create or replace table member_segments as
with member_postings_runs as (
    select member_id as key, valid_from as start_on, valid_to as end_on
    from posting_facts
),

posted as (
    select key as member_id, start_on, end_on from merge_intervals('member_postings_runs')
),

boundaries as (
    select member_id, joined_on as on_date from members
    union
    select member_id, left_on from members where left_on is not null
    union
    select member_id, start_on from posted
    union
    select member_id, end_on from posted where end_on is not null
),

segments as (
    select
        member_id,
        on_date as valid_from,
        lead(on_date) over (partition by member_id order by on_date) as valid_to
    from boundaries
),

final as (
    select
        members.member_id,
        members.committee_region_code,
        members.committee_level,
        segments.valid_from,
        segments.valid_to,
        posted.member_id is not null as is_posted
    from segments
    inner join members using (member_id)
    left join posted
        on posted.member_id = segments.member_id
        and is_active(posted.start_on, posted.end_on, segments.valid_from)
    where is_active(members.joined_on, members.left_on, segments.valid_from)
)

select * from final
order by committee_region_code, member_id, valid_from
