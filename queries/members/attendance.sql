-- Attendance at activities held in [$from, $to] by active members of the committees in
-- Sub(R) on $to (the member segments members.active counts), whether or not they are posted,
-- counted by the attendance definition (setup/flows.sql: attendance_flows). Those who
-- attended fewer than $below (null: everyone), fewest first, the first $limit (null: all)
-- with the count of all.
-- Grain: one row per active member. Params: $anchors (the region), $from, $to,
-- $committee_level (null: all), $below, $limit, $rolled (read the attendance rollup).
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
    select attendance_sums.member_id, sum(attendance_sums.attended)::bigint as attended
    from attendance_sums([{'i': 0, 'from_on': $from, 'to_on': $to}], $rolled, null)
        as attendance_sums
    semi join members_here using (member_id)
    group by attendance_sums.member_id
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
