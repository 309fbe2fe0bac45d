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

-- The KPI blocks' final step, shared by each KPI query and its rolled-up twin (queries/kpis/
-- and queries/kpis/rollup/): from per-unit counts to the block's figures and rates, one row
-- per unit in p_units (a unit without counts gets zeros and null rates). The arguments are the
-- names of the calling query's CTEs.
create or replace macro rooms_kpis(p_units, p_counts) as table
select
    units.unit_code,
    coalesce(counts.active, 0) as active,
    coalesce(counts.towns, 0) as towns,
    coalesce(counts.towns_covered, 0) as towns_covered,
    counts.towns_covered / nullif(counts.towns, 0) as town_coverage,
    coalesce(counts.villages, 0) as villages,
    coalesce(counts.villages_covered, 0) as villages_covered,
    counts.villages_covered / nullif(counts.villages, 0) as village_coverage,
    coalesce(counts.assessed, 0) as assessed,
    coalesce(counts.standards_met, 0) as standards_met,
    counts.standards_met / nullif(counts.assessed, 0) as standards_rate,
    coalesce(counts.with_member, 0) as with_member,
    counts.with_member / nullif(counts.active, 0) as with_member_rate
from query_table(p_units) as units
left join query_table(p_counts) as counts using (unit_code);

create or replace macro activities_kpis(p_units, p_activity_counts, p_town_counts) as table
select
    units.unit_code,
    coalesce(activity_counts.count, 0) as count,
    coalesce(activity_counts.public_participants, 0) as public_participants,
    coalesce(activity_counts.problems_solved, 0) as problems_solved,
    coalesce(town_counts.towns_meeting_target, 0) as towns_meeting_target,
    town_counts.towns_meeting_target / nullif(town_counts.towns, 0)
        as towns_meeting_target_rate,
    coalesce(town_counts.silent_towns, 0) as silent_towns
from query_table(p_units) as units
left join query_table(p_activity_counts) as activity_counts using (unit_code)
left join query_table(p_town_counts) as town_counts using (unit_code);

create or replace macro suggestions_kpis(p_units, p_counts, p_medians) as table
select
    units.unit_code,
    coalesce(counts.submitted, 0) as submitted,
    coalesce(counts.filed, 0) as filed,
    coalesce(counts.concluded, 0) as concluded,
    coalesce(counts.adopted, 0) as adopted,
    coalesce(counts.partially_adopted, 0) as partially_adopted,
    coalesce(counts.not_adopted, 0) as not_adopted,
    counts.filed / nullif(counts.submitted, 0) as filing_rate,
    counts.concluded / nullif(counts.filed, 0) as conclusion_rate,
    (counts.adopted + counts.partially_adopted) / nullif(counts.concluded, 0) as adoption_rate,
    medians.median_days_to_conclude,
    counts.satisfied / nullif(counts.rated, 0) as satisfaction_rate
from query_table(p_units) as units
left join query_table(p_counts) as counts using (unit_code)
left join query_table(p_medians) as medians using (unit_code);

-- Rooms opened and closed per year, with the rooms active at each year end (p_yearly: year,
-- opened, closed), for rooms/openings.sql and its rolled-up twin.
create or replace macro openings_by_year(p_yearly) as table
select
    year,
    opened,
    closed,
    (sum(opened - closed) over (order by year))::bigint as active_at_year_end
from query_table(p_yearly)
order by year;
