-- The "六有" criteria the active rooms in Sub(R) fail most on $to, each room judged on its
-- latest assessment on or before $to (stock measures rooms.criterion_assessed and
-- rooms.criterion_failed).
-- Grain: one row per criterion. Params: $anchors (the region), $to, $rolled, $month_ends ($to is a month end
-- the rollups hold).
with

stock as (
    select measure, part as criterion, value
    from stock_values($anchors, [{'i': 0, 'from_on': $to, 'to_on': $to}], $rolled,
        ['rooms.criterion_assessed', 'rooms.criterion_failed'], $month_ends)
),

counts as (
    select
        criterion,
        coalesce(sum(value) filter (where measure = 'rooms.criterion_assessed'), 0)::bigint
            as assessed,
        coalesce(sum(value) filter (where measure = 'rooms.criterion_failed'), 0)::bigint
            as failed
    from stock
    group by criterion
),

final as (
    select criterion, assessed, failed, failed / assessed as fail_rate
    from counts
    where assessed > 0
    order by failed desc, criterion
)

select * from final
