-- Towns and villages in Sub(R) without an active room of their own on $to (what
-- rooms.towns_covered and rooms.villages_covered do not count).
-- Grain: one row per uncovered town or village, the first $limit (null: all; the rooms KPIs
-- count them all). Params: $anchors (the region), $to, $limit.
with

areas as (
    select regions.region_code, regions.name, regions.level, regions.parent_code
    from unit_regions($anchors) as unit_regions
    inner join regions using (region_code)
    where regions.level in ('town', 'village')
),

covered as (
    select region_stock_changes.region_code
    from region_stock_changes
    semi join areas using (region_code)
    where region_stock_changes.measure in ('rooms.towns_covered', 'rooms.villages_covered')
        and region_stock_changes.on_date <= $to
    group by region_stock_changes.region_code
    having sum(region_stock_changes.change) > 0
),

final as (
    select areas.region_code, areas.name, areas.level, parents.name as parent_name
    from areas
    anti join covered using (region_code)
    left join regions as parents on parents.region_code = areas.parent_code
    order by areas.level, areas.region_code
    limit $limit
)

select * from final
