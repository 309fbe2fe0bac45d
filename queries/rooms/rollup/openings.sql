-- Rooms opened and closed per year up to $to, and active at each year end, from the rollups
-- (see rooms/openings.sql).
-- Rolled up: any date.
-- Grain: one row per year. Params: $anchors (the region), $to, $room_type (null: every type).
with

units as (
    select unit_code from units($anchors)
),

yearly as (
    select year(on_date) as year, sum(opened)::bigint as opened, sum(closed)::bigint as closed
    from rollup_room_events
    semi join units using (unit_code)
    where on_date <= $to and ($room_type is null or room_type = $room_type)
    group by year(on_date)
),

final as (
    select * from openings_by_year('yearly')
)

select * from final
