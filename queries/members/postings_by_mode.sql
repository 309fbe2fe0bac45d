-- Active postings into Sub(R) on $to, fixed (固定) versus mobile (流动), and the members
-- holding them (stock measures members.postings_by_mode and members.posted_by_mode).
-- Grain: one row per mode present. Params: $anchors (the region), $to, $rolled, $month_ends ($to is a month end
-- the rollups hold).
with

stock as (
    select measure, part as mode, value
    from stock_values($anchors, [{'i': 0, 'from_on': $to, 'to_on': $to}], $rolled,
        ['members.postings_by_mode', 'members.posted_by_mode'], $month_ends)
),

final as (
    select
        mode,
        coalesce(sum(value) filter (where measure = 'members.postings_by_mode'), 0)::bigint
            as postings,
        coalesce(sum(value) filter (where measure = 'members.posted_by_mode'), 0)::bigint
            as members
    from stock
    group by mode
    having postings > 0
    order by mode
)

select * from final
