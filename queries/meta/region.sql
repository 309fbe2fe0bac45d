-- One region by code, with its path from the top (for names and breadcrumbs).
-- Grain: one row per region on the path from the top down to $region, ordered by depth.
-- Params: $region.
with

path as (
    select region_closure.ancestor_code as region_code, region_closure.depth
    from region_closure
    where region_closure.region_code = $region
),

final as (
    select regions.region_code, regions.name, regions.level, path.depth
    from path
    inner join regions using (region_code)
    order by path.depth desc
)

select * from final
