-- The region levels present in the export, for the region picker.
-- Grain: one row per level present. Params: none.
with

final as (
    select level, count(*) as regions
    from regions
    group by level
)

select * from final
