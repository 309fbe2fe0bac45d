-- Regions at $level inside Sub(R) (null: everywhere), with their parent's name, for the
-- region picker. Grain: one row per region. Params: $level, $anchors (the region to look inside).
with

final as (
    select regions.region_code, regions.name, parents.name as parent_name
    from unit_regions($anchors) as unit_regions
    inner join regions using (region_code)
    left join regions as parents on parents.region_code = regions.parent_code
    where regions.level = $level
    order by regions.region_code
)

select * from final
