-- Attendance at activities held in [$from, $to] by active members of the committees in
-- Sub(R) (as of $to), whether or not they are posted.
-- Those who attended fewer than $below (null: everyone), fewest first, the first $limit
-- (null: all) with the count of all.
-- Grain: one row per active member. Params: $anchors (the region), $from, $to,
-- $committee_level (null: all), $below, $limit.
with

members_here as (
    select active_members.*, regions.name as committee_name
    from active_members($to) as active_members
    inner join unit_regions($anchors) as unit_regions
        on unit_regions.region_code = active_members.committee_region_code
    inner join regions on regions.region_code = active_members.committee_region_code
    where $committee_level is null or active_members.committee_level = $committee_level
),

attended as (
    select activity_members.member_id, count(distinct activity_members.activity_id) as attended
    from activity_members
    inner join period_activities($from, $to) as period_activities using (activity_id)
    group by activity_members.member_id
),

posted as (
    select distinct member_id from active_postings($to)
),

final as (
    select
        members_here.member_id,
        members_here.name,
        members_here.committee_level,
        members_here.committee_name,
        members_here.sector,
        coalesce(attended.attended, 0) as attended,
        posted.member_id is not null as is_posted,
        count(*) over () as total_rows
    from members_here
    left join attended using (member_id)
    left join posted using (member_id)
    where $below is null or coalesce(attended.attended, 0) < $below
    order by attended, members_here.member_id
    limit $limit
)

select * from final
