-- The platform names quoted in the names of the rooms in Sub(R) open on $to, such as 有事来协商
-- in 岚坝村“有事来协商”协商议事室, with how many rooms carry each; the brief's title names the
-- most common one. Read from the rooms themselves (opened on or before $to and not closed by
-- then), not their segments: a name needs no standard or member status.
-- Grain: one row per quoted name, most rooms first, the first $limit. Params: $anchors (the
-- region), $to, $limit.
with

quoted as (
    select regexp_extract(rooms.name, '[“"]([^”"]{2,12})[”"]', 1) as platform_name
    from rooms
    semi join unit_regions($anchors) as unit_regions using (region_code)
    where is_active(rooms.opened_on, rooms.closed_on, $to)
        and (contains(rooms.name, '“') or contains(rooms.name, '"'))
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
