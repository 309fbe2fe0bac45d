-- Towns in Sub(R) that reported no activity at all in [$from, $to] (未报送), counting
-- activities held in the town or any of its villages.
-- Grain: one row per silent town, the first $limit (null: all; activities.silent_towns counts
-- them all). Params: $anchors (the region), $from, $to, $limit.
with

towns as (
    select regions.region_code, regions.name, regions.parent_code
    from unit_regions($anchors) as unit_regions
    inner join regions using (region_code)
    where regions.level = 'town'
),

active_towns as (
    select distinct region_town.town_code as region_code
    from period_activities($from, $to) as period_activities
    inner join region_town using (region_code)
),

final as (
    select towns.region_code, towns.name, parents.name as parent_name
    from towns
    left join active_towns using (region_code)
    left join regions as parents on parents.region_code = towns.parent_code
    where active_towns.region_code is null
    order by towns.region_code
    limit $limit
)

select * from final
