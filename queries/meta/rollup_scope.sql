-- What the rollups cover (see setup/rollups.sql): the rolled-up units and month ends.
-- Grain: one row per rolled-up unit (month_end null) or month end (unit_code null).
-- Params: none.
with

final as (
    select distinct unit_code, null::date as month_end
    from rollup_unit_regions
    where unit_code <> ''

    union all

    select null, month_end
    from rollup_months
)

select * from final
