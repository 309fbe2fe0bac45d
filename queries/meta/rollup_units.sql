-- The rolled-up units and which rollups hold them (see setup/rollups.sql).
-- Grain: one row per unit ('' for everything). Params: none.
with

final as (
    select unit_code, holds_stocks, holds_activities from rollup_units
)

select * from final
