-- Activities held in [$from, $to] per kind.
-- Grain: one row per unit and activity kind that occurs.
-- Params: $anchors (the units, see setup/macros.sql), $from, $to.
with

unit_regions as (
    select unit_code, region_code from unit_regions($anchors)
),

final as (
    select unit_regions.unit_code, period_activities.kind, count(*) as count
    from period_activities($from, $to) as period_activities
    inner join unit_regions using (region_code)
    group by unit_regions.unit_code, period_activities.kind
)

select * from final
