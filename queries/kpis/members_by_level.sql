-- Member sinking per committee level, as of $to.
-- Grain: one row per unit and committee_level that has active members.
-- Params: $anchors (the units, see setup/macros.sql), $to.
with

unit_regions as (
    select unit_code, region_code from unit_regions($anchors)
),

active_members as (
    select
        active_members.member_id,
        active_members.committee_region_code as region_code,
        active_members.committee_level
    from active_members($to) as active_members
    semi join unit_regions on unit_regions.region_code = active_members.committee_region_code
),

-- Posted anywhere, but only the unit's own members need looking up.
posted_members as (
    select distinct active_postings.member_id
    from active_postings($to) as active_postings
    semi join active_members using (member_id)
),

counts as (
    select
        unit_regions.unit_code,
        active_members.committee_level,
        count(*) as active,
        count(posted_members.member_id) as posted
    from active_members
    inner join unit_regions using (region_code)
    left join posted_members using (member_id)
    group by unit_regions.unit_code, active_members.committee_level
),

final as (
    select
        unit_code,
        committee_level,
        active,
        posted,
        posted / nullif(active, 0) as sinking_rate
    from counts
)

select * from final
