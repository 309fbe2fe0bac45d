-- Regions at $level inside Sub(R), with their parent's name, for the region picker (see
-- meta/regions_at_level_everywhere.sql for the whole tree: one file each keeps both cheap).
-- Grain: one row per region. Params: $level, $anchors (the region to look inside).
with

final as (
    select region_picker.region_code, region_picker.name, region_picker.parent_name
    from region_picker
    semi join region_closure
        on region_closure.region_code = region_picker.region_code
        and list_contains($anchors, region_closure.ancestor_code)
    where region_picker.level = $level
    order by region_picker.region_code
)

select * from final
