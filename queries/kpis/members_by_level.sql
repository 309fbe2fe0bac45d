-- Member sinking per committee level on each period's last day (the rate by the members
-- block's own definition, setup/figures.sql).
-- Grain: one row per (unit_code, period_i, committee_level) with active members.
-- Params: $anchors, $periods, $rolled, $month_ends (see kpis/rooms.sql).
with

stock as (
    select *
    from stock_values(
        $anchors,
        $periods,
        $rolled,
        ['members.active_by_level', 'members.posted_by_level'],
        $month_ends
    )
),

counts as (
    select
        unit_code,
        period_i,
        part as committee_level,
        coalesce(sum(value) filter (where measure = 'members.active_by_level'), 0)::bigint
            as active,
        coalesce(sum(value) filter (where measure = 'members.posted_by_level'), 0)::bigint
            as posted
    from stock
    group by all
),

final as (
    select
        unit_code,
        period_i,
        committee_level,
        active,
        posted,
        sinking_rate(posted, active) as sinking_rate
    from counts
    where active > 0
    order by unit_code, period_i, committee_level
)

select * from final
