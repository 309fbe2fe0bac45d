-- Consultation activities held in each period, and the towns meeting the activity cadence
-- (at least $activity_target activities held in the town or its villages) or holding none
-- at all (未开展); and the activities per kind (by_kind: a list of {kind, count} for the
-- kinds held, read in the same query).
-- Grain: one row per (unit_code, period_i). Params: $anchors, $periods, $rolled, $whole (every
-- period is whole months; see kpis/rooms.sql), $activity_target.
with

units as (
    select unit_code from units($anchors)
),

periods as (
    select unnest($periods, recursive := true)
),

activity_counts as (
    select
        unit_code,
        period_i,
        sum(activities)::bigint as count,
        sum(public_participants)::bigint as public_participants,
        sum(problems_solved)::bigint as problems_solved,
        list({'kind': kind, 'count': activities::bigint} order by kind)
            filter (where activities > 0) as by_kind
    from activity_sums($anchors, $periods, $rolled, $whole)
    group by all
),

town_counts as (
    select
        unit_code,
        period_i,
        count(*) as towns,
        count(*) filter (where held >= $activity_target) as towns_meeting_target,
        count(*) filter (where held = 0) as silent_towns
    from town_activity_sums($anchors, $periods, $rolled, $whole)
    group by all
),

counts as (
    select
        units.unit_code,
        periods.i as period_i,
        coalesce(activity_counts.count, 0) as count,
        coalesce(activity_counts.public_participants, 0) as public_participants,
        coalesce(activity_counts.problems_solved, 0) as problems_solved,
        coalesce(town_counts.towns, 0) as towns,
        coalesce(town_counts.towns_meeting_target, 0) as towns_meeting_target,
        coalesce(town_counts.silent_towns, 0) as silent_towns
    from units
    cross join periods
    left join activity_counts
        on activity_counts.unit_code = units.unit_code
        and activity_counts.period_i = periods.i
    left join town_counts
        on town_counts.unit_code = units.unit_code and town_counts.period_i = periods.i
),

final as (
    select kpis.*, coalesce(activity_counts.by_kind, []) as by_kind
    from activities_kpis('counts') as kpis
    left join activity_counts using (unit_code, period_i)
    order by unit_code, period_i
)

select * from final
