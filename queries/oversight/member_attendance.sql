-- The activity cadence of posted members ("每名委员每年至少参加2次活动"): the members with an
-- active posting into each unit on each period's last day, whatever committee they sit on
-- (the members members.posted_here counts), with the activities of the kinds $kinds (null:
-- every kind) each attended in the period, counted by the attendance definition
-- (setup/flows.sql: attendance_flows); the committee they sit on, the regions they are posted
-- to in the unit, and the deepest region of $named holding one of those (to find the target).
-- Grain: one row per (unit_code, member_id, period_i). Params: $anchors (the units: the
-- region, or its children), $periods (list of {i, from_on, to_on}), $kinds, $rolled (read
-- the attendance rollup), $named (the region codes targets name; null: none).
with

periods as (
    select unnest($periods, recursive := true)
),

postings as (
    select
        unit_regions.unit_code,
        periods.i as period_i,
        posting_facts.member_id,
        posting_facts.region_code
    from posting_facts
    inner join unit_regions($anchors) as unit_regions using (region_code)
    inner join periods on is_active(posting_facts.valid_from, posting_facts.valid_to, periods.to_on)
),

named as (
    select
        postings.unit_code,
        postings.period_i,
        postings.member_id,
        arg_min(region_closure.ancestor_code, region_closure.depth) as named_code
    from postings
    inner join region_closure using (region_code)
    where list_contains($named, region_closure.ancestor_code)
    group by all
),

posted as (
    select
        postings.unit_code,
        postings.period_i,
        postings.member_id,
        min(postings.region_code) as region_code,
        list(distinct regions.name order by regions.name) as posted_in
    from postings
    inner join regions using (region_code)
    group by all
),

attended as (
    select
        attendance_sums.member_id,
        attendance_sums.period_i,
        sum(attendance_sums.attended)::bigint as attended
    from attendance_sums($periods, $rolled, $kinds) as attendance_sums
    semi join posted using (member_id)
    group by all
),

final as (
    select
        posted.unit_code,
        posted.member_id,
        members.name,
        members.committee_level,
        committees.name as committee_name,
        posted.period_i,
        posted.region_code,
        posted.posted_in,
        coalesce(attended.attended, 0) as attended,
        named.named_code
    from posted
    inner join members using (member_id)
    inner join regions as committees
        on committees.region_code = members.committee_region_code
    left join attended
        on attended.member_id = posted.member_id and attended.period_i = posted.period_i
    left join named
        on named.unit_code = posted.unit_code
        and named.period_i = posted.period_i
        and named.member_id = posted.member_id
    order by posted.unit_code, posted.member_id, posted.period_i
)

select * from final
