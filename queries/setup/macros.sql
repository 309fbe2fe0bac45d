-- Units of a KPI query and the regions inside each: the one definition of Sub(R).
-- unit_regions(region, grouping, level) returns (unit_code, region_code): one row per unit and
-- region of that unit's subtree. grouping 'self' gives one unit, R itself (region null means
-- everything, unit_code ''); 'children' gives R's children (region null: the top regions);
-- 'level' gives the regions at `level` inside R.
-- units(...) returns one row per unit, including the '' unit when R is everything and empty.
-- Grain: unit_regions, one row per (unit_code, region_code); units, one row per unit_code.
-- Params: none (macro arguments p_region, p_grouping, p_level).
create or replace macro unit_regions(p_region, p_grouping, p_level) as table
with anchors as (
    select region_code as unit_code
    from regions
    where (p_grouping = 'self' and region_code = p_region)
        or (p_grouping = 'children' and parent_code is not distinct from p_region)
        or (
            p_grouping = 'level' and level = p_level
            and (
                p_region is null
                or region_code in (
                    select region_code from region_closure where ancestor_code = p_region
                )
            )
        )
)

select anchors.unit_code, region_closure.region_code
from anchors
inner join region_closure on region_closure.ancestor_code = anchors.unit_code

union all

select '' as unit_code, region_code
from regions
where p_grouping = 'self' and p_region is null;

create or replace macro units(p_region, p_grouping, p_level) as table
select distinct unit_code from unit_regions(p_region, p_grouping, p_level)

union

select '' as unit_code
where p_grouping = 'self' and p_region is null;

-- The stock and flow definitions every KPI and every list of rows uses (one place each).
-- Grain: one row per room / posting / member / activity / suggestion that qualifies.
-- Params: none (macro arguments p_to, p_from, p_kind).

-- A room is active on p_to if it opened on or before p_to and has not closed by then.
create or replace macro active_rooms(p_to) as table
select *
from rooms
where opened_on <= p_to and (closed_on is null or closed_on > p_to);

-- A posting is active on p_to if it started on or before p_to and has not ended by then.
create or replace macro active_postings(p_to) as table
select *
from member_postings
where start_on <= p_to and (end_on is null or end_on > p_to);

-- A member is active on p_to if they joined on or before p_to and have not left by then.
create or replace macro active_members(p_to) as table
select *
from members
where joined_on <= p_to and (left_on is null or left_on > p_to);

-- Each room's latest assessment on or before p_to, and whether every criterion was met,
-- for the rooms located in the units (region, grouping, level as for unit_regions): a county
-- reads its own rooms' assessments, not the country's.
create or replace macro room_standards(p_to, p_region, p_grouping, p_level) as table
with rooms_here as (
    select rooms.room_id
    from rooms
    semi join unit_regions(p_region, p_grouping, p_level) as unit_regions using (region_code)
),

assessments as (
    select room_assessments.*
    from room_assessments
    semi join rooms_here using (room_id)
    where room_assessments.assessed_on <= p_to
),

latest as (
    select room_id, max(assessed_on) as assessed_on
    from assessments
    group by room_id
)

select
    latest.room_id,
    latest.assessed_on,
    bool_and(assessments.met) as is_standard_met,
    count(*) filter (where not assessments.met) as criteria_failed
from latest
inner join assessments using (room_id, assessed_on)
group by latest.room_id, latest.assessed_on;

-- Activities held within [p_from, p_to].
create or replace macro period_activities(p_from, p_to) as table
select *
from activities
where held_on between p_from and p_to;

-- The suggestion cohort: submitted within [p_from, p_to], of kind p_kind (null: every kind).
create or replace macro suggestion_cohort(p_from, p_to, p_kind) as table
select *
from suggestions
where submitted_on between p_from and p_to and (p_kind is null or kind = p_kind);
