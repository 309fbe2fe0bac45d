-- The region levels the export holds and how many regions each (see setup/region_closure.sql).
-- Grain: one row per level. Params: none.
with

final as (
    select level, regions from region_levels
)

select * from final
