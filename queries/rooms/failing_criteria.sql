-- The "六有" criteria rooms fail most, over active rooms in Sub(R) on $to,
-- each judged on its latest assessment on or before $to.
-- Grain: one row per criterion. Params: $anchors (the region), $to.
with

rooms_here as (
    select active_rooms.room_id
    from active_rooms($to) as active_rooms
    inner join unit_regions($anchors) as unit_regions using (region_code)
),

latest as (
    select room_standards.room_id, room_standards.assessed_on
    from room_standards($to, $anchors) as room_standards
    inner join rooms_here using (room_id)
),

final as (
    select
        room_assessments.criterion,
        count(*) as assessed,
        count(*) filter (where not room_assessments.met) as failed,
        count(*) filter (where not room_assessments.met) / count(*) as fail_rate
    from latest
    inner join room_assessments using (room_id, assessed_on)
    group by room_assessments.criterion
    order by failed desc, room_assessments.criterion
)

select * from final
