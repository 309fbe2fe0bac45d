-- Units of a KPI query and the regions inside each: the one definition of Sub(R).
-- unit_regions(anchors) returns (unit_code, region_code): one row per unit and region of that
-- unit's subtree, where the units are the `anchors` (a list of region codes: the region itself,
-- its children, or the regions at a level, resolved once by xieshang.metrics). A null list
-- means everything, as one unit with unit_code ''.
-- units(anchors) returns one row per unit, including the '' unit for everything.
-- Grain: unit_regions, one row per (unit_code, region_code); units, one row per unit_code.
-- Params: none (macro argument p_anchors). Kept to a plain lookup: planning cost is paid on
-- every query that expands it (measured: the earlier three-way OR cost 6 ms a expansion).
create or replace macro unit_regions(p_anchors) as table
select region_closure.ancestor_code as unit_code, region_closure.region_code
from region_closure
where list_contains(p_anchors, region_closure.ancestor_code)

union all

select '' as unit_code, region_code
from regions
where p_anchors is null;

create or replace macro units(p_anchors) as table
select unnest(p_anchors) as unit_code

union all

select '' as unit_code
where p_anchors is null;

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
-- for the rooms located in the units (anchors as for unit_regions): a county
-- reads its own rooms' assessments, not the country's.
create or replace macro room_standards(p_to, p_anchors) as table
with rooms_here as (
    select rooms.room_id
    from rooms
    semi join unit_regions(p_anchors) as unit_regions using (region_code)
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
