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

-- Whether something that started on p_start and stopped on p_stop (null: still going) is
-- active on p_at: started on or before it and not stopped by then.
create or replace macro is_active(p_start, p_stop, p_at) as
    p_start <= p_at and (p_stop is null or p_stop > p_at);

-- Whether a satisfaction answer counts as satisfied (满意 / 基本满意).
create or replace macro is_satisfied(p_satisfaction) as
    p_satisfaction in ('satisfied', 'basically_satisfied');

-- Days from a suggestion's submission to its conclusion (null while not concluded).
create or replace macro days_to_conclude(p_submitted_on, p_concluded_on) as
    date_diff('day', p_submitted_on, p_concluded_on);

-- The stock and flow definitions every KPI and every list of rows uses (one place each).
-- Grain: one row per room / posting / member / activity / suggestion that qualifies.
-- Params: none (macro arguments p_to, p_from, p_kind).

-- A room is active on p_to if it opened on or before p_to and has not closed by then.
create or replace macro active_rooms(p_to) as table
select *
from rooms
where is_active(opened_on, closed_on, p_to);

-- A posting is active on p_to if it started on or before p_to and has not ended by then.
create or replace macro active_postings(p_to) as table
select *
from member_postings
where is_active(start_on, end_on, p_to);

-- A member is active on p_to if they joined on or before p_to and have not left by then.
create or replace macro active_members(p_to) as table
select *
from members
where is_active(joined_on, left_on, p_to);

-- Each room's latest assessment on or before p_to (see setup/assessment_results.sql), for
-- the rooms located in the units (anchors as for unit_regions): a county reads its own rooms'
-- assessments, not the country's.
create or replace macro room_standards(p_to, p_anchors) as table
with rooms_here as (
    select rooms.room_id
    from rooms
    semi join unit_regions(p_anchors) as unit_regions using (region_code)
)

select
    assessment_results.room_id,
    max(assessment_results.assessed_on) as assessed_on,
    arg_max(assessment_results.is_standard_met, assessment_results.assessed_on)
        as is_standard_met,
    arg_max(assessment_results.criteria_failed, assessment_results.assessed_on)
        as criteria_failed
from assessment_results
semi join rooms_here using (room_id)
where assessment_results.assessed_on <= p_to
group by assessment_results.room_id;

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
