-- Room coverage, the "六有" standard and member presence, on each period's last day.
-- Grain: one row per (unit_code, period_i). Params: $anchors (the units, see
-- setup/macros.sql), $periods (list of {i, from_on, to_on}), $rolled (read the rollups),
-- $month_ends (every period ends on a month end the rollups hold).
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
            'rooms.active', 'rooms.assessed', 'rooms.standards_met', 'rooms.with_member',
            'rooms.towns_covered', 'rooms.villages_covered', 'areas.towns', 'areas.villages'
        ],
        $month_ends
    )
),

counts as (
    select
        units.unit_code,
        periods.i as period_i,
        coalesce(sum(stock.value) filter (where stock.measure = 'rooms.active'), 0)::bigint as active,
        coalesce(sum(stock.value) filter (where stock.measure = 'areas.towns'), 0)::bigint as towns,
        coalesce(sum(stock.value) filter (where stock.measure = 'rooms.towns_covered'), 0)::bigint
            as towns_covered,
        coalesce(sum(stock.value) filter (where stock.measure = 'areas.villages'), 0)::bigint
            as villages,
        coalesce(sum(stock.value) filter (where stock.measure = 'rooms.villages_covered'), 0)::bigint
            as villages_covered,
        coalesce(sum(stock.value) filter (where stock.measure = 'rooms.assessed'), 0)::bigint
            as assessed,
        coalesce(sum(stock.value) filter (where stock.measure = 'rooms.standards_met'), 0)::bigint
            as standards_met,
        coalesce(sum(stock.value) filter (where stock.measure = 'rooms.with_member'), 0)::bigint
            as with_member
    from units
    cross join periods
    left join stock
        on stock.unit_code = units.unit_code and stock.period_i = periods.i
    group by all
),

final as (
    select * from rooms_kpis('counts')
    order by unit_code, period_i
)

select * from final
