-- Consultation activities held in each period, and the towns meeting the activity cadence
-- (at least $activity_target activities held in the town or its villages) or holding none
-- at all (未开展).
-- Grain: one row per (unit_code, period_i). Params: $anchors, $periods, $rolled (see
-- kpis/rooms.sql), $activity_target.
with

units as (
    select unit_code from units($anchors)
),

periods as (
    select unnest($periods, recursive := true)
),

sums as (
    select * from activity_sums($anchors, $periods, $rolled)
),

activity_counts as (
    select
        unit_code,
        period_i,
        sum(activities)::bigint as count,
        sum(public_participants)::bigint as public_participants,
        sum(problems_solved)::bigint as problems_solved
    from sums
    group by all
),

-- Each unit's towns; a town's activities are its own unit's (the town and its villages).
unit_towns as (
    select unit_regions.unit_code, unit_regions.region_code as town_code
    from unit_regions($anchors) as unit_regions
    inner join regions using (region_code)
    where regions.level = 'town'
),

town_sums as (
    select unit_code as town_code, period_i, sum(activities)::bigint as held
    from activity_sums(
        (select coalesce(list(distinct town_code order by town_code), []) from unit_towns),
        $periods,
        $rolled
    )
    group by all
),

town_counts as (
    select
        unit_towns.unit_code,
        periods.i as period_i,
        count(*) as towns,
        count(*) filter (where coalesce(town_sums.held, 0) >= $activity_target)
            as towns_meeting_target,
        count(*) filter (where town_sums.held is null) as silent_towns
    from unit_towns
    cross join periods
    left join town_sums
        on town_sums.town_code = unit_towns.town_code and town_sums.period_i = periods.i
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
    select * from activities_kpis('counts')
    order by unit_code, period_i
)

select * from final
