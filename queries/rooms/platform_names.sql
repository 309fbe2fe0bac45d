-- The platform names quoted in the names of the active rooms in Sub(R) on $to, such as
-- 有事来协商 in 岚坝村“有事来协商”协商议事室, with how many rooms carry each; the brief's title
-- names the most common one. Grain: one row per quoted name, most rooms first, the first
-- $limit. Params: $anchors (the region), $to, $limit.
with

active_rooms as (
    select distinct room_segments.room_id
    from room_segments
    semi join unit_regions($anchors) as unit_regions using (region_code)
    where is_active(room_segments.valid_from, room_segments.valid_to, $to)
),

quoted as (
    select regexp_extract(rooms.name, '[“"]([^”"]{2,12})[”"]', 1) as platform_name
    from active_rooms
    inner join rooms using (room_id)
),

final as (
    select platform_name, count(*) as rooms
    from quoted
    where platform_name <> ''
    group by platform_name
    order by rooms desc, platform_name
    limit $limit
)

select * from final
