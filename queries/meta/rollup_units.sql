-- The rolled-up units and which rollups hold them, and the month ends the stock rollup holds
-- values for (see setup/rollups.sql).
-- Grain: one row per unit ('' for everything); first and last month end on every row.
-- Params: none.
with

final as (
    select
        rollup_units.unit_code,
        rollup_units.holds_stocks,
        rollup_units.holds_activities,
        (select min(month_end) from rollup_stock_month_ends) as first_month_end,
        (select max(month_end) from rollup_stock_month_ends) as last_month_end
    from rollup_units
)

select * from final
