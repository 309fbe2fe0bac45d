-- One region by code, with its path from the top (for names and breadcrumbs).
-- Grain: one row per region on the path from the top down to $region, ordered by depth.
-- Params: $region.
-- Names and levels come from region_picker (one row per region, held in memory by a server
-- and stored in the command line's catalog), not from the regions' Parquet file: a command's
-- lookup took 10 ms reading that file, 4 ms without it (province scale).
with

path as (
    select region_closure.ancestor_code as region_code, region_closure.depth
    from region_closure
    where region_closure.region_code = $region
),

final as (
    select region_picker.region_code, region_picker.name, region_picker.level, path.depth
    from path
    inner join region_picker using (region_code)
    order by path.depth desc
)

select * from final
