-- Active rooms in Sub(R) on $to per room type.
-- Grain: one row per room_type present. Params: $anchors (the region), $to.
with

final as (
    select active_rooms.room_type, count(*) as rooms
    from active_rooms($to) as active_rooms
    inner join unit_regions($anchors) as unit_regions using (region_code)
    group by active_rooms.room_type
    order by rooms desc, active_rooms.room_type
)

select * from final
