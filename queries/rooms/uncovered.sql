-- Towns and villages in Sub(R) without an active room of their own on $to.
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
    select distinct region_code from active_rooms($to)
),

final as (
    select areas.region_code, areas.name, areas.level, parents.name as parent_name
    from areas
    left join covered using (region_code)
    left join regions as parents on parents.region_code = areas.parent_code
    where covered.region_code is null
    order by areas.level, areas.region_code
    limit $limit
)

select * from final
