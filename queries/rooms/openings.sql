-- Rooms in Sub(R) opened and closed per year up to $to, and rooms active at each year end.
-- Grain: one row per year with an opening or closing. Params: $anchors (the region), $to, $room_type.
with

rooms_here as (
    select rooms.opened_on, rooms.closed_on
    from rooms
    inner join unit_regions($anchors) as unit_regions using (region_code)
    where rooms.opened_on <= $to and ($room_type is null or rooms.room_type = $room_type)
),

events as (
    select year(opened_on) as year, 1 as opened, 0 as closed from rooms_here
    union all
    select year(closed_on), 0, 1 from rooms_here where closed_on is not null and closed_on <= $to
),

yearly as (
    select year, sum(opened)::bigint as opened, sum(closed)::bigint as closed
    from events
    group by year
),

final as (
    select * from openings_by_year('yearly')
)

select * from final
