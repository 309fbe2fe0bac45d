-- Member sinking (委员下沉) on each period's last day, and per committee level (by_level: a
-- list of {committee_level, active, posted, sinking_rate} for the levels with active members;
-- read in the same query, as a second query planned the same stock read again).
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
            'members.villages_with_member', 'areas.villages', 'members.active_by_level',
            'members.posted_by_level'
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

levels as (
    select
        unit_code,
        period_i,
        part as committee_level,
        coalesce(sum(value) filter (where measure = 'members.active_by_level'), 0)::bigint
            as active,
        coalesce(sum(value) filter (where measure = 'members.posted_by_level'), 0)::bigint
            as posted
    from stock
    where measure in ('members.active_by_level', 'members.posted_by_level')
    group by all
),

by_level as (
    select
        unit_code,
        period_i,
        list(
            {
                'committee_level': committee_level,
                'active': active,
                'posted': posted,
                'sinking_rate': sinking_rate(posted, active)
            }
            order by committee_level
        ) filter (where active > 0) as by_level
    from levels
    group by all
),

final as (
    select kpis.*, coalesce(by_level.by_level, []) as by_level
    from members_kpis('counts') as kpis
    left join by_level using (unit_code, period_i)
    order by unit_code, period_i
)

select * from final
