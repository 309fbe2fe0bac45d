-- Regions at $level inside Sub(R) (null: everywhere), with their parent's name, for the
-- region picker. Grain: one row per region. Params: $level, $anchors (the region to look inside).
with

everywhere as (
    select region_code, name, parent_name
    from region_picker
    where level = $level and $anchors is null
),

inside as (
    select region_picker.region_code, region_picker.name, region_picker.parent_name
    from region_picker
    semi join region_closure
        on region_closure.region_code = region_picker.region_code
        and list_contains($anchors, region_closure.ancestor_code)
    where region_picker.level = $level
),

final as (
    select * from everywhere
    union all
    select * from inside
    order by region_code
)

select * from final
