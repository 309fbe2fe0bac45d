-- Regions at $level inside Sub(R) (null: everywhere), with their parent's name, for the
-- region picker. Grain: one row per region. Params: $level, $anchors (the region to look inside).
with

inside as (
    select unit_regions.region_code
    from unit_regions($anchors) as unit_regions
),

final as (
    select regions.region_code, regions.name, parents.name as parent_name
    from regions
    left join regions as parents on parents.region_code = regions.parent_code
    where regions.level = $level
        and ($anchors is null or regions.region_code in (select region_code from inside))
    order by regions.region_code
)

select * from final
