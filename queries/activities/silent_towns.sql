-- Towns in Sub(R) that reported no activity at all in [$from, $to] (未报送), counting
-- activities held in the town or any of its villages (what activities.silent_towns counts).
-- Grain: one row per silent town, the first $limit (null: all). Params: $anchors (the
-- region), $periods (the calendar of [$from, $to], see xieshang.kpis.details), $rolled,
-- $whole, $limit.
with

towns as (
    select regions.region_code, regions.name, regions.parent_code
    from unit_regions($anchors) as unit_regions
    inner join regions using (region_code)
    where regions.level = 'town'
),

active_towns as (
    select town_code as region_code
    from town_activity_sums($anchors, $periods, $rolled, $whole)
    where held > 0
),

final as (
    select towns.region_code, towns.name, parents.name as parent_name
    from towns
    anti join active_towns using (region_code)
    left join regions as parents on parents.region_code = towns.parent_code
    order by towns.region_code
    limit $limit
)

select * from final
