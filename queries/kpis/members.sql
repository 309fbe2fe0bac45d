-- Member sinking (委员下沉) on each period's last day.
-- Grain: one row per (unit_code, period_i). Params: $anchors, $periods, $rolled, $month_ends
-- (see kpis/rooms.sql).
with

units as (
    select unit_code from units($anchors)
),

periods as (
    select unnest($periods, recursive := true)
),

stock as (
    select *
    from stock_values(
        $anchors,
        $periods,
        $rolled,
        [
            'members.active', 'members.posted', 'members.posted_here',
            'members.villages_with_member', 'areas.villages'
        ],
        $month_ends
    )
),

counts as (
    select
        units.unit_code,
        periods.i as period_i,
        coalesce(sum(stock.value) filter (where stock.measure = 'members.active'), 0)::bigint
            as active,
        coalesce(sum(stock.value) filter (where stock.measure = 'members.posted'), 0)::bigint
            as posted,
        coalesce(sum(stock.value) filter (where stock.measure = 'members.posted_here'), 0)::bigint
            as posted_here,
        coalesce(
            sum(stock.value) filter (where stock.measure = 'members.villages_with_member'), 0
        )::bigint as villages_with_member,
        coalesce(sum(stock.value) filter (where stock.measure = 'areas.villages'), 0)::bigint
            as villages
    from units
    cross join periods
    left join stock
        on stock.unit_code = units.unit_code and stock.period_i = periods.i
    group by all
),

final as (
    select * from members_kpis('counts')
    order by unit_code, period_i
)

select * from final
