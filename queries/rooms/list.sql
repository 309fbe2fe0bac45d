-- Active rooms in Sub(R) on $to with their standard status and member presence: all of
-- them, or those with a problem ($problem 'without_member': no posted member; 'failing':
-- assessed and failing the standard), the first $limit (null: all) with the count of all.
-- Grain: one row per active room. Params: $anchors (the region), $to, $room_type (null: every
-- type), $problem (null: every room), $limit.
with

rooms_here as (
    select active_rooms.*, regions.name as region_name, regions.level as region_level
    from active_rooms($to) as active_rooms
    inner join unit_regions($anchors) as unit_regions using (region_code)
    inner join regions using (region_code)
    where $room_type is null or active_rooms.room_type = $room_type
),

staffed as (
    select distinct room_id from active_postings($to) where room_id is not null
),

listed as (
    select
        rooms_here.room_id,
        rooms_here.name,
        rooms_here.room_type,
        rooms_here.region_code,
        rooms_here.region_name,
        rooms_here.region_level,
        rooms_here.opened_on,
        room_standards.assessed_on,
        room_standards.room_id is not null as is_assessed,
        coalesce(room_standards.is_standard_met, false) as is_standard_met,
        coalesce(room_standards.criteria_failed, 0) as criteria_failed,
        staffed.room_id is not null as has_member
    from rooms_here
    left join room_standards($to, $anchors) as room_standards using (room_id)
    left join staffed using (room_id)
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
