-- Attendance at activities held in [$from, $to] by active members of the committees in
-- Sub(R) on $to (the member segments members.active counts), whether or not they are posted.
-- Those who attended fewer than $below (null: everyone), fewest first, the first $limit
-- (null: all) with the count of all.
-- Grain: one row per active member. Params: $anchors (the region), $from, $to,
-- $committee_level (null: all), $below, $limit.
with

members_here as (
    select
        member_segments.member_id,
        member_segments.committee_level,
        member_segments.is_posted,
        members.name,
        members.sector,
        regions.name as committee_name
    from member_segments
    inner join unit_regions($anchors) as unit_regions
        on unit_regions.region_code = member_segments.committee_region_code
    inner join members using (member_id)
    inner join regions on regions.region_code = member_segments.committee_region_code
    where is_active(member_segments.valid_from, member_segments.valid_to, $to)
        and ($committee_level is null or member_segments.committee_level = $committee_level)
),

attended as (
    select activity_members.member_id, count(distinct activity_members.activity_id) as attended
    from activity_members
    semi join members_here using (member_id)
    inner join activities using (activity_id)
    where activities.held_on between $from and $to
    group by activity_members.member_id
),

final as (
    select
        members_here.member_id,
        members_here.name,
        members_here.committee_level,
        members_here.committee_name,
        members_here.sector,
        coalesce(attended.attended, 0) as attended,
        members_here.is_posted,
        count(*) over () as total_rows
    from members_here
    left join attended using (member_id)
    where $below is null or coalesce(attended.attended, 0) < $below
    order by attended, members_here.member_id
    limit $limit
)

select * from final
