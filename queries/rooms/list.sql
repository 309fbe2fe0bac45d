-- Active rooms in Sub(R) on $to with their standard status and member presence (the room
-- segments the rooms KPIs count, setup/facts.sql): all of them, or those with a problem
-- ($problem 'without_member': no posted member; 'failing': assessed and failing the
-- standard), the first $limit (null: all) with the count of all.
-- Grain: one row per active room. Params: $anchors (the region), $to, $room_type (null: every
-- type), $problem (null: every room), $limit.
with

listed as (
    select
        room_segments.room_id,
        rooms.name,
        room_segments.room_type,
        room_segments.region_code,
        regions.name as region_name,
        regions.level as region_level,
        rooms.opened_on,
        room_segments.assessed_on,
        room_segments.is_assessed,
        room_segments.is_standard_met,
        room_segments.criteria_failed,
        room_segments.failed as failed_criteria,
        len(room_segments.criteria) as criteria_assessed,
        room_segments.has_member
    from room_segments
    semi join unit_regions($anchors) as unit_regions using (region_code)
    inner join rooms using (room_id)
    inner join regions on regions.region_code = room_segments.region_code
    where is_active(room_segments.valid_from, room_segments.valid_to, $to)
        and ($room_type is null or room_segments.room_type = $room_type)
),

final as (
    select *, count(*) over () as total_rows
    from listed
    where $problem is null
        or ($problem = 'without_member' and not has_member)
        or ($problem = 'failing' and is_assessed and not is_standard_met)
    order by region_code, room_id
    limit $limit
)

select * from final
