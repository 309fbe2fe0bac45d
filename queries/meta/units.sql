-- The units of a grouping with their names, for labelling KPI rows.
-- Grain: one row per unit. Params: $anchors (the units, see setup/macros.sql).
with

units as (
    select unit_code from units($anchors)
),

final as (
    select units.unit_code, regions.name, regions.level
    from units
    left join regions on regions.region_code = units.unit_code
    order by units.unit_code
)

select * from final
