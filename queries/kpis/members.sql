-- Member sinking (委员下沉), as of $to.
-- Grain: one row per unit (see setup/macros.sql).
-- Params: $anchors (the units, see setup/macros.sql), $to.
with

units as (
    select unit_code from units($anchors)
),

unit_regions as (
    select unit_code, region_code from unit_regions($anchors)
),

-- The units' own members (by the committee they sit on).
active_members as (
    select active_members.member_id, active_members.committee_region_code as region_code
    from active_members($to) as active_members
    semi join unit_regions on unit_regions.region_code = active_members.committee_region_code
),

active_postings as (
    select member_id, region_code from active_postings($to)
),

-- Posted anywhere, but only the unit's own members need looking up.
posted_members as (
    select distinct active_postings.member_id
    from active_postings
    semi join active_members using (member_id)
),

-- Villages of the units with someone posted there.
posted_regions as (
    select distinct active_postings.region_code
    from active_postings
    semi join unit_regions using (region_code)
),

member_counts as (
    select
        unit_regions.unit_code,
        count(*) as active,
        count(posted_members.member_id) as posted
    from active_members
    inner join unit_regions using (region_code)
    left join posted_members using (member_id)
    group by unit_regions.unit_code
),

posted_here_counts as (
    select unit_regions.unit_code, count(distinct active_postings.member_id) as posted_here
    from active_postings
    inner join unit_regions using (region_code)
    group by unit_regions.unit_code
),

village_counts as (
    select
        unit_regions.unit_code,
        count(*) as villages,
        count(posted_regions.region_code) as villages_with_member
    from unit_regions
    inner join regions using (region_code)
    left join posted_regions using (region_code)
    where regions.level = 'village'
    group by unit_regions.unit_code
),

final as (
    select
        units.unit_code,
        coalesce(member_counts.active, 0) as active,
        coalesce(member_counts.posted, 0) as posted,
        member_counts.posted / nullif(member_counts.active, 0) as sinking_rate,
        coalesce(posted_here_counts.posted_here, 0) as posted_here,
        coalesce(village_counts.villages_with_member, 0) as villages_with_member,
        village_counts.villages_with_member / nullif(village_counts.villages, 0)
            as villages_with_member_rate
    from units
    left join member_counts using (unit_code)
    left join posted_here_counts using (unit_code)
    left join village_counts using (unit_code)
)

select * from final
