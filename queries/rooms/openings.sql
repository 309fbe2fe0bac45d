-- Rooms in Sub(R) opened and closed per year up to $to, and rooms active at each year end.
-- Grain: one row per year with an opening or closing. Params: $anchors (the region), $periods
-- (the calendar of the one period from the dawn to $to, see xieshang.kpis.details), $rolled,
-- $whole ($to is a month end), $room_type (null: every type).
with

yearly as (
    select year, sum(opened)::bigint as opened, sum(closed)::bigint as closed
    from room_event_years($anchors, $periods, $rolled, $whole)
    where $room_type is null or room_type = $room_type
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
