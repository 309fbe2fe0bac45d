-- The children of $region (null: the regions at the top), for resolving compare's units.
-- Grain: one row per child region. Params: $region.
with

final as (
    select region_code
    from regions
    where parent_code is not distinct from $region
    order by region_code
)

select * from final
