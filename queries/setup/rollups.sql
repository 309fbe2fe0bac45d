-- Rollups: the KPI counts for the biggest units, precomputed once per snapshot at import.
-- A whole country holds millions of rows; a page for it or for one province would otherwise
-- recompute every stock and flow from them on each request (measured: 5-10 s a page).
-- The rolled-up units are everything ('') and the regions at the top four depths of the tree
-- (provinces, cities, counties and towns in a national export): a page for any of them, and
-- the comparison of its children, reads precomputed counts. Only villages, and a town's
-- comparison of its villages, read the raw rows (sorted by region, so only their own).
-- Every row here is built from the same definitions as the raw KPI queries (setup/macros.sql:
-- is_active, is_satisfied, days_to_conclude, assessment_results); the rollup twins of the
-- queries (queries/*/rollup/) add them up, and
-- tests hold both paths equal on every unit and period grain.
-- Params: none. Run once per snapshot (persisted beside it, see xieshang/derived.py).

-- The rolled-up units and the regions inside each, with the region's level.
-- Grain: one row per (unit_code, region_code).
create or replace table rollup_unit_regions as
with anchors as (
    select region_closure.region_code as unit_code
    from region_closure
    inner join regions on regions.region_code = region_closure.ancestor_code
    where regions.parent_code is null and region_closure.depth <= 3
),

unit_regions as (
    select region_closure.ancestor_code as unit_code, region_closure.region_code
    from region_closure
    semi join anchors on anchors.unit_code = region_closure.ancestor_code

    union all

    select '' as unit_code, region_code
    from regions
)

select unit_regions.unit_code, unit_regions.region_code, regions.level
from unit_regions
inner join regions using (region_code)
order by unit_regions.unit_code, unit_regions.region_code;

-- The dates the export's flows cover: activities held and suggestions submitted.
-- Grain: one row.
create or replace table data_span as
select min(on_date) as first_on, max(on_date) as last_on
from (
    select held_on as on_date from activities
    union all
    select submitted_on from suggestions
);

-- The towns of each rolled-up unit (the activity target is counted over towns).
-- Grain: one row per (unit_code, town_code).
create or replace table rollup_unit_towns as
select unit_code, region_code as town_code
from rollup_unit_regions
where level = 'town'
order by unit_code, town_code;

-- The months a page can ask about: the flows' span and the year before it (同比).
-- Grain: one row per month.
create or replace table rollup_months as
with months as (
    select
        unnest(generate_series(
            date_trunc('month', first_on) - interval 12 month,
            date_trunc('month', last_on),
            interval 1 month
        ))::date as month_start
    from data_span
    where first_on is not null
)

select
    month_start,
    (month_start + interval 1 month - interval 1 day)::date as month_end,
    (row_number() over (order by month_start) - 1)::integer as month_i
from months
order by month_start;

-- Each active room at each month end, with its latest assessment then: the base of the room
-- stocks below (dropped once they are built).
-- Grain: one row per (month_end, room_id).
create or replace table rollup_room_months as
with room_months as (
    select rollup_months.month_end, rooms.room_id, rooms.region_code, rooms.room_type
    from rooms
    inner join rollup_months
        on is_active(rooms.opened_on, rooms.closed_on, rollup_months.month_end)
),

posted_room_months as (
    select distinct rollup_months.month_end, member_postings.room_id
    from member_postings
    inner join rollup_months
        on is_active(member_postings.start_on, member_postings.end_on, rollup_months.month_end)
    where member_postings.room_id is not null
)

select
    room_months.month_end,
    room_months.room_id,
    room_months.region_code,
    room_months.room_type,
    assessment_results.room_id is not null as is_assessed,
    coalesce(assessment_results.is_standard_met, false) as is_standard_met,
    assessment_results.criteria,
    assessment_results.failed,
    posted_room_months.room_id is not null as has_member
from room_months
asof left join assessment_results
    on room_months.room_id = assessment_results.room_id
    and room_months.month_end >= assessment_results.assessed_on
left join posted_room_months
    on posted_room_months.month_end = room_months.month_end
    and posted_room_months.room_id = room_months.room_id;

-- Room stocks at each month end, per unit.
-- Grain: one row per (unit_code, month_end).
create or replace table rollup_rooms as
with room_counts as (
    select
        rollup_unit_regions.unit_code,
        rollup_room_months.month_end,
        count(*) as active,
        count(*) filter (where rollup_room_months.is_assessed) as assessed,
        count(*) filter (where rollup_room_months.is_standard_met) as standards_met,
        count(*) filter (where rollup_room_months.has_member) as with_member
    from rollup_room_months
    inner join rollup_unit_regions using (region_code)
    group by all
),

covered as (
    select distinct rollup_room_months.month_end, rollup_room_months.region_code, regions.level
    from rollup_room_months
    inner join regions using (region_code)
    where regions.level in ('town', 'village')
),

covered_counts as (
    select
        rollup_unit_regions.unit_code,
        covered.month_end,
        count(*) filter (where covered.level = 'town') as towns_covered,
        count(*) filter (where covered.level = 'village') as villages_covered
    from covered
    inner join rollup_unit_regions using (region_code)
    group by all
),

areas as (
    select
        unit_code,
        count(*) filter (where level = 'town') as towns,
        count(*) filter (where level = 'village') as villages
    from rollup_unit_regions
    group by all
)

select
    areas.unit_code,
    rollup_months.month_end,
    coalesce(room_counts.active, 0) as active,
    areas.towns,
    coalesce(covered_counts.towns_covered, 0) as towns_covered,
    areas.villages,
    coalesce(covered_counts.villages_covered, 0) as villages_covered,
    coalesce(room_counts.assessed, 0) as assessed,
    coalesce(room_counts.standards_met, 0) as standards_met,
    coalesce(room_counts.with_member, 0) as with_member
from areas
cross join rollup_months
left join room_counts using (unit_code, month_end)
left join covered_counts using (unit_code, month_end)
order by areas.unit_code, rollup_months.month_end;

-- Member stocks at each month end, per unit and committee level (members' counts add up over
-- levels; posted_here and villages_with_member do not, so they have their own table).
-- Grain: one row per (unit_code, month_end, committee_level) with active members.
create or replace table rollup_members_by_level as
with member_months as (
    select rollup_months.month_end, members.member_id, members.committee_region_code,
        members.committee_level
    from members
    inner join rollup_months on is_active(members.joined_on, members.left_on, rollup_months.month_end)
),

posting_months as (
    select rollup_months.month_end, member_postings.member_id, member_postings.region_code
    from member_postings
    inner join rollup_months
        on is_active(member_postings.start_on, member_postings.end_on, rollup_months.month_end)
),

posted as (
    select distinct month_end, member_id from posting_months
)

select
    rollup_unit_regions.unit_code,
    member_months.month_end,
    member_months.committee_level,
    count(*) as active,
    count(posted.member_id) as posted
from member_months
inner join rollup_unit_regions on rollup_unit_regions.region_code = member_months.committee_region_code
left join posted using (month_end, member_id)
group by all
order by all;

-- How many distinct keys (members, villages) each unit holds active at each month end, from
-- runs of month indexes (first_i..last_i) per unit and key. Overlapping runs of one key are
-- merged first, so a key counts once; the counts change only where a run starts or ends,
-- and those change points are what this returns (read them with an asof join).
-- Expanding every posting to every month and unit instead cost 34 s at national scale.
create or replace macro active_keys(p_runs) as table
with ordered as (
    select
        unit_code,
        key,
        first_i,
        last_i,
        max(last_i) over (
            partition by unit_code, key
            order by first_i, last_i
            rows between unbounded preceding and 1 preceding
        ) as reach
    from query_table(p_runs)
),

islands as (
    select
        unit_code,
        key,
        first_i,
        last_i,
        sum(case when reach is null or first_i > reach then 1 else 0 end) over (
            partition by unit_code, key
            order by first_i, last_i
            rows unbounded preceding
        ) as island
    from ordered
),

merged as (
    select unit_code, min(first_i) as first_i, max(last_i) as last_i
    from islands
    group by unit_code, key, island
),

changes as (
    select unit_code, first_i as month_i, 1 as change from merged
    union all
    select unit_code, last_i + 1, -1 from merged
),

summed as (
    select unit_code, month_i, sum(change) as change
    from changes
    group by unit_code, month_i
)

select
    unit_code,
    month_i,
    sum(change) over (partition by unit_code order by month_i rows unbounded preceding)
        as active
from summed;

-- Each posting's run of month ends: active on a contiguous run of days, so on a contiguous
-- run of month ends, first_i..last_i (by the one definition, is_active).
-- Grain: one row per posting active at some month end.
create or replace table rollup_posting_runs as
with numbered as (
    select row_number() over () as posting_n, *
    from member_postings
)

select
    numbered.posting_n,
    any_value(numbered.member_id) as member_id,
    any_value(numbered.region_code) as region_code,
    any_value(numbered.mode) as mode,
    min(rollup_months.month_i) as first_i,
    max(rollup_months.month_i) as last_i
from numbered
inner join rollup_months
    on is_active(numbered.start_on, numbered.end_on, rollup_months.month_end)
group by numbered.posting_n;

-- Members posted into each unit, and its villages with someone posted there.
-- Grain: one row per (unit_code, month_end).
create or replace table rollup_postings as
with member_runs as (
    select rollup_unit_regions.unit_code, rollup_posting_runs.member_id as key,
        rollup_posting_runs.first_i, rollup_posting_runs.last_i
    from rollup_posting_runs
    inner join rollup_unit_regions using (region_code)
),

village_runs as (
    select rollup_unit_regions.unit_code, rollup_posting_runs.region_code as key,
        rollup_posting_runs.first_i, rollup_posting_runs.last_i
    from rollup_posting_runs
    inner join rollup_unit_regions using (region_code)
    where rollup_unit_regions.level = 'village'
),

posted_here as (
    select * from active_keys('member_runs')
),

posted_villages as (
    select * from active_keys('village_runs')
),

villages as (
    select unit_code, count(*) filter (where level = 'village') as villages
    from rollup_unit_regions
    group by unit_code
),

unit_months as (
    select villages.unit_code, villages.villages, rollup_months.month_i, rollup_months.month_end
    from villages
    cross join rollup_months
)

select
    unit_months.unit_code,
    unit_months.month_end,
    coalesce(posted_here.active, 0) as posted_here,
    nullif(unit_months.villages, 0) as villages,
    coalesce(posted_villages.active, 0) as villages_with_member
from unit_months
asof left join posted_here
    on posted_here.unit_code = unit_months.unit_code
    and unit_months.month_i >= posted_here.month_i
asof left join posted_villages
    on posted_villages.unit_code = unit_months.unit_code
    and unit_months.month_i >= posted_villages.month_i
order by unit_months.unit_code, unit_months.month_end;

-- Active rooms per type at each month end.
-- Grain: one row per (unit_code, month_end, room_type) with active rooms.
create or replace table rollup_room_types as
select
    rollup_unit_regions.unit_code,
    rollup_room_months.month_end,
    rollup_room_months.room_type,
    count(*) as rooms
from rollup_room_months
inner join rollup_unit_regions using (region_code)
group by all
order by all;

-- The criteria of the active rooms' latest assessments at each month end, counted by the
-- set assessed and the set failed (a few dozen sets; unnested by the query that reads it).
-- Grain: one row per (unit_code, month_end, criteria, failed).
create or replace table rollup_criteria_sets as
select
    rollup_unit_regions.unit_code,
    rollup_room_months.month_end,
    rollup_room_months.criteria,
    rollup_room_months.failed,
    count(*) as rooms
from rollup_room_months
inner join rollup_unit_regions using (region_code)
where rollup_room_months.is_assessed
group by all
order by all;

-- Rooms opened and closed per unit, type and day (any $to reads it exactly).
-- Grain: one row per (unit_code, room_type, on_date) with an opening or a closing.
create or replace table rollup_room_events as
with events as (
    select region_code, room_type, opened_on as on_date, 1 as opened, 0 as closed from rooms
    union all
    select region_code, room_type, closed_on, 0, 1 from rooms where closed_on is not null
)

select
    rollup_unit_regions.unit_code,
    events.room_type,
    events.on_date,
    sum(events.opened)::bigint as opened,
    sum(events.closed)::bigint as closed
from events
inner join rollup_unit_regions using (region_code)
group by all
order by all;

-- Active postings per mode at each month end, and the members holding them.
-- Grain: one row per (unit_code, month_end, mode) with active postings.
create or replace table rollup_posting_modes as
with unit_runs as (
    select
        {'unit_code': rollup_unit_regions.unit_code, 'mode': rollup_posting_runs.mode}
            as unit_code,
        rollup_posting_runs.posting_n,
        rollup_posting_runs.member_id,
        rollup_posting_runs.first_i,
        rollup_posting_runs.last_i
    from rollup_posting_runs
    inner join rollup_unit_regions using (region_code)
),

posting_runs as (
    select unit_code, posting_n::varchar as key, first_i, last_i from unit_runs
),

member_runs as (
    select unit_code, member_id as key, first_i, last_i from unit_runs
),

postings as (
    select * from active_keys('posting_runs')
),

members as (
    select * from active_keys('member_runs')
),

unit_months as (
    select unit_runs.unit_code, rollup_months.month_i, rollup_months.month_end
    from (select distinct unit_code from unit_runs) as unit_runs
    cross join rollup_months
),

counts as (
    select
        unit_months.unit_code.unit_code as unit_code,
        unit_months.month_end,
        unit_months.unit_code.mode as mode,
        coalesce(postings.active, 0) as postings,
        coalesce(members.active, 0) as members
    from unit_months
    asof left join postings
        on postings.unit_code = unit_months.unit_code
        and unit_months.month_i >= postings.month_i
    asof left join members
        on members.unit_code = unit_months.unit_code
        and unit_months.month_i >= members.month_i
)

select * from counts
where postings > 0
order by all;

-- Activities per unit, month and kind.
-- Grain: one row per (unit_code, month_start, kind) with activities.
create or replace table rollup_activities as
select
    rollup_unit_regions.unit_code,
    date_trunc('month', activities.held_on)::date as month_start,
    activities.kind,
    count(*) as count,
    sum(activities.public_participants) as public_participants,
    sum(activities.problems_solved) as problems_solved
from activities
inner join rollup_unit_regions using (region_code)
group by all
order by all;

-- Activities held in each town (or its villages) per month, for the activity target.
-- Grain: one row per (town_code, month_start) with activities.
create or replace table rollup_town_activities as
select
    region_town.town_code,
    date_trunc('month', activities.held_on)::date as month_start,
    count(*) as held
from activities
inner join region_town using (region_code)
group by all
order by all;

-- The suggestion funnel per unit, month of submission and kind.
-- Grain: one row per (unit_code, month_start, kind) with suggestions.
create or replace table rollup_suggestions as
select
    rollup_unit_regions.unit_code,
    date_trunc('month', suggestions.submitted_on)::date as month_start,
    suggestions.kind,
    count(*) as submitted,
    count(suggestions.filed_on) as filed,
    count(suggestions.concluded_on) as concluded,
    count(*) filter (where suggestions.outcome = 'adopted') as adopted,
    count(*) filter (where suggestions.outcome = 'partially_adopted') as partially_adopted,
    count(*) filter (where suggestions.outcome = 'not_adopted') as not_adopted,
    count(suggestions.satisfaction) as rated,
    count(*) filter (where is_satisfied(suggestions.satisfaction)) as satisfied
from suggestions
inner join rollup_unit_regions using (region_code)
group by all
order by all;

-- Days from submission to conclusion, as a histogram (the median is read from it exactly).
-- Grain: one row per (unit_code, month_start, kind, days) with concluded suggestions.
create or replace table rollup_suggestion_days as
select
    rollup_unit_regions.unit_code,
    date_trunc('month', suggestions.submitted_on)::date as month_start,
    suggestions.kind,
    days_to_conclude(suggestions.submitted_on, suggestions.concluded_on) as days,
    count(*) as suggestions
from suggestions
inner join rollup_unit_regions using (region_code)
where suggestions.concluded_on is not null
group by all
order by all;

-- Satisfaction answers on concluded suggestions, per unit, month of submission and kind.
-- Grain: one row per (unit_code, month_start, kind, satisfaction).
create or replace table rollup_satisfaction as
select
    rollup_unit_regions.unit_code,
    date_trunc('month', suggestions.submitted_on)::date as month_start,
    suggestions.kind,
    suggestions.satisfaction,
    count(*) as suggestions
from suggestions
inner join rollup_unit_regions using (region_code)
where suggestions.concluded_on is not null
group by all
order by all;

-- Only the rollups are kept.
drop table rollup_room_months;
drop table rollup_posting_runs
