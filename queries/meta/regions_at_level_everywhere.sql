-- Regions at $level anywhere, with their parent's name, for the region picker (see
-- meta/regions_at_level.sql for those inside a region).
-- Grain: one row per region. Params: $level.
with

final as (
    select region_code, name, parent_name
    from region_picker
    where level = $level
    order by region_code
)

select * from final
