-- The dates the export's flows cover: activities held and suggestions submitted (defined in
-- setup/rollups.sql, built once per snapshot).
-- Grain: one row. Params: none.
with

final as (
    select first_on, last_on from data_span
)

select * from final
