-- Active rooms in Sub(R) on $to per room type, from the rollups (see rooms/by_type.sql).
-- Rolled up: as of a month end.
-- Grain: one row per room type. Params: $anchors (the region), $to.
with

units as (
    select unit_code from units($anchors)
),

final as (
    select room_type, sum(rooms)::bigint as rooms
    from rollup_room_types
    semi join units using (unit_code)
    where month_end = $to
    group by room_type
    order by rooms desc, room_type
)

select * from final
