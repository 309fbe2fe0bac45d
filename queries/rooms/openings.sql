-- Rooms in Sub(R) opened and closed per year up to $to, and rooms active at each year end.
-- Grain: one row per year with an opening or closing. Params: $anchors (the region), $to,
-- $rolled, $room_type (null: every type).
with

events as (
    select on_date, opened, closed
    from room_event_days($anchors, [{'i': 0, 'from_on': $to, 'to_on': $to}], $rolled)
    where $room_type is null or room_type = $room_type
),

yearly as (
    select year(on_date) as year, sum(opened)::bigint as opened, sum(closed)::bigint as closed
    from events
    group by year
),

final as (
    select
        year,
        opened,
        closed,
        (sum(opened - closed) over (order by year))::bigint as active_at_year_end
    from yearly
    order by year
)

select * from final
