-- Active rooms in Sub(R) on $to per room type (the stock measure rooms.by_type).
-- Grain: one row per room_type present. Params: $anchors (the region), $to, $rolled, $month_ends ($to is a month end
-- the rollups hold).
with

final as (
    select part as room_type, value::bigint as rooms
    from stock_values($anchors, [{'i': 0, 'from_on': $to, 'to_on': $to}], $rolled,
        ['rooms.by_type'], $month_ends)
    where value > 0
    order by rooms desc, room_type
)

select * from final
