-- Consultation activities held in [$from, $to] and towns meeting the activity target, from
-- the rollups (see kpis/rooms.sql's note).
-- Rolled up: whole months.
-- Grain: one row per unit. Params: $anchors, $from (a month start), $to (a month end),
-- $activity_target.
with

units as (
    select unit_code from units($anchors)
),

activity_counts as (
    select
        unit_code,
        sum(count)::bigint as count,
        sum(public_participants)::bigint as public_participants,
        sum(problems_solved)::bigint as problems_solved
    from rollup_activities
    semi join units using (unit_code)
    where month_start between $from and $to
    group by unit_code
),

-- The units' towns, and the activities held in each (in the town or its villages).
unit_towns as (
    select unit_code, town_code
    from rollup_unit_towns
    semi join units using (unit_code)
),

town_activities as (
    select town_code, sum(held) as held
    from rollup_town_activities
    semi join unit_towns using (town_code)
    where month_start between $from and $to
    group by town_code
),

town_counts as (
    select
        unit_towns.unit_code,
        count(*) as towns,
        count(*) filter (where coalesce(town_activities.held, 0) >= $activity_target)
            as towns_meeting_target,
        count(*) filter (where town_activities.held is null) as silent_towns
    from unit_towns
    left join town_activities using (town_code)
    group by unit_towns.unit_code
),

final as (
    select * from activities_kpis('units', 'activity_counts', 'town_counts')
)

select * from final
