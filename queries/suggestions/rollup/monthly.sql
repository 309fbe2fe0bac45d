-- The suggestion funnel per month of submission in [$from, $to], from the rollups (see
-- suggestions/monthly.sql).
-- Rolled up: whole months.
-- Grain: one row per month with suggestions. Params: $anchors (the region), $from, $to, $kind.
with

units as (
    select unit_code from units($anchors)
),

counts as (
    select
        month_start as month_on,
        sum(submitted)::bigint as submitted,
        sum(filed)::bigint as filed,
        sum(concluded)::bigint as concluded,
        sum(adopted + partially_adopted)::bigint as adopted_any
    from rollup_suggestions
    semi join units using (unit_code)
    where month_start between $from and $to and ($kind is null or kind = $kind)
    group by month_start
),

final as (
    select
        month_on,
        submitted,
        filed,
        concluded,
        adopted_any,
        adopted_any / nullif(concluded, 0) as adoption_rate
    from counts
    order by month_on
)

select * from final
