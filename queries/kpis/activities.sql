-- Consultation activities held in [$from, $to], towns meeting the activity target and towns
-- holding none at all (未开展).
-- Grain: one row per unit (see setup/macros.sql).
-- Params: $anchors (the units, see setup/macros.sql), $from, $to, $activity_target.
with

units as (
    select unit_code from units($anchors)
),

unit_regions as (
    select unit_code, region_code from unit_regions($anchors)
),

-- Only the units' own activities (a town's villages are inside any unit holding the town).
period_activities as (
    select period_activities.region_code, public_participants, problems_solved
    from period_activities($from, $to) as period_activities
    semi join unit_regions using (region_code)
),

activity_counts as (
    select
        unit_regions.unit_code,
        count(*) as count,
        sum(period_activities.public_participants) as public_participants,
        sum(period_activities.problems_solved) as problems_solved
    from period_activities
    inner join unit_regions using (region_code)
    group by unit_regions.unit_code
),

-- Activities held in each town or any of its villages.
town_activities as (
    select region_town.town_code as region_code, count(*) as held
    from period_activities
    inner join region_town using (region_code)
    group by region_town.town_code
),

town_counts as (
    select
        unit_regions.unit_code,
        count(*) as towns,
        count(*) filter (where coalesce(town_activities.held, 0) >= $activity_target)
            as towns_meeting_target,
        count(*) filter (where town_activities.held is null) as silent_towns
    from unit_regions
    inner join regions using (region_code)
    left join town_activities using (region_code)
    where regions.level = 'town'
    group by unit_regions.unit_code
),

final as (
    select * from activities_kpis('units', 'activity_counts', 'town_counts')
)

select * from final
