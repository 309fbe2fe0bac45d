-- Rollups: the KPI counts for the biggest units, precomputed once per snapshot at import.
-- A whole country holds millions of rows; a page for it or for one province would otherwise
-- recompute every stock and flow from them on each request (measured: 5-10 s a page).
-- The rolled-up units are everything ('') and the regions at the top two depths of the tree
-- (provinces and cities in a national export): smaller units read the raw rows, which are
-- sorted by region, so they stay small.
-- Every row here is built from the same definitions as the raw KPI queries (setup/macros.sql:
-- is_active, assessment_results, suggestion_outcome, ...); kpis/rollup/*.sql add them up, and
-- tests hold both paths equal on every unit and period grain.
-- Params: none. Run once per snapshot (persisted beside it, see xieshang/derived.py).

-- The rolled-up units and the regions inside each, with the region's level.
-- Grain: one row per (unit_code, region_code).
create or replace table rollup_unit_regions as
with anchors as (
    select region_closure.region_code as unit_code
    from region_closure
    inner join regions on regions.region_code = region_closure.ancestor_code
    where regions.parent_code is null and region_closure.depth <= 1
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

-- The months a page can ask about: the flows' span and the year before it (同比).
-- Grain: one row per month.
create or replace table rollup_months as
with span as (
    select
        date_trunc('month', min(on_date)) - interval 12 month as first_month,
        date_trunc('month', max(on_date)) as last_month
    from (
        select held_on as on_date from activities
        union all
        select submitted_on from suggestions
    )
),

months as (
    select unnest(generate_series(first_month, last_month, interval 1 month))::date as month_start
    from span
    where first_month is not null
)

select month_start, (month_start + interval 1 month - interval 1 day)::date as month_end
from months
order by month_start;

-- Room stocks at each month end, per unit.
-- Grain: one row per (unit_code, month_end).
create or replace table rollup_rooms as
with room_months as (
    select rollup_months.month_end, rooms.room_id, rooms.region_code
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
),

room_facts as (
    select
        room_months.month_end,
        room_months.room_id,
        room_months.region_code,
        assessment_results.room_id is not null as is_assessed,
        coalesce(assessment_results.is_standard_met, false) as is_standard_met,
        posted_room_months.room_id is not null as has_member
    from room_months
    asof left join assessment_results
        on room_months.room_id = assessment_results.room_id
        and room_months.month_end >= assessment_results.assessed_on
    left join posted_room_months
        on posted_room_months.month_end = room_months.month_end
        and posted_room_months.room_id = room_months.room_id
),

room_counts as (
    select
        rollup_unit_regions.unit_code,
        room_facts.month_end,
        count(*) as active,
        count(*) filter (where room_facts.is_assessed) as assessed,
        count(*) filter (where room_facts.is_standard_met) as standards_met,
        count(*) filter (where room_facts.has_member) as with_member
    from room_facts
    inner join rollup_unit_regions using (region_code)
    group by all
),

covered as (
    select distinct room_months.month_end, room_months.region_code, regions.level
    from room_months
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

-- Grain: one row per (unit_code, month_end).
create or replace table rollup_postings as
with posting_months as (
    select rollup_months.month_end, member_postings.member_id, member_postings.region_code
    from member_postings
    inner join rollup_months
        on is_active(member_postings.start_on, member_postings.end_on, rollup_months.month_end)
),

posted_here as (
    select rollup_unit_regions.unit_code, posting_months.month_end,
        count(distinct posting_months.member_id) as posted_here
    from posting_months
    inner join rollup_unit_regions using (region_code)
    group by all
),

posted_villages as (
    select distinct posting_months.month_end, posting_months.region_code
    from posting_months
    inner join regions using (region_code)
    where regions.level = 'village'
),

village_counts as (
    select rollup_unit_regions.unit_code, posted_villages.month_end,
        count(*) as villages_with_member
    from posted_villages
    inner join rollup_unit_regions using (region_code)
    group by all
),

villages as (
    select unit_code, count(*) as villages
    from rollup_unit_regions
    where level = 'village'
    group by all
),

units as (
    select distinct unit_code from rollup_unit_regions
)

select
    units.unit_code,
    rollup_months.month_end,
    coalesce(posted_here.posted_here, 0) as posted_here,
    villages.villages,
    coalesce(village_counts.villages_with_member, 0) as villages_with_member
from units
cross join rollup_months
left join villages using (unit_code)
left join posted_here using (unit_code, month_end)
left join village_counts using (unit_code, month_end)
order by units.unit_code, rollup_months.month_end;

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
order by all
