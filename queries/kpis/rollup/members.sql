-- Member sinking (委员下沉), as of $to, from the rollups (see kpis/rooms.sql's note).
-- Rolled up: as of a month end.
-- Grain: one row per unit. Params: $anchors, $to (a month end).
with

units as (
    select unit_code from units($anchors)
),

member_counts as (
    select
        unit_code,
        sum(active)::bigint as active,
        sum(posted)::bigint as posted
    from rollup_members_by_level
    semi join units using (unit_code)
    where month_end = $to
    group by unit_code
),

posting_counts as (
    select rollup_postings.*
    from rollup_postings
    semi join units using (unit_code)
    where rollup_postings.month_end = $to
),

final as (
    select
        units.unit_code,
        coalesce(member_counts.active, 0) as active,
        coalesce(member_counts.posted, 0) as posted,
        member_counts.posted / nullif(member_counts.active, 0) as sinking_rate,
        coalesce(posting_counts.posted_here, 0) as posted_here,
        coalesce(posting_counts.villages_with_member, 0) as villages_with_member,
        posting_counts.villages_with_member / nullif(posting_counts.villages, 0)
            as villages_with_member_rate
    from units
    left join member_counts using (unit_code)
    left join posting_counts using (unit_code)
)

select * from final
