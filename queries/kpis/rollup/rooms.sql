-- Room coverage, "六有" standards and member presence, as of $to, from the rollups.
-- The same figures as kpis/rooms.sql for the rolled-up units at a month end (see
-- setup/rollups.sql); xieshang.metrics picks this file only then.
-- Rolled up: as of a month end.
-- Grain: one row per unit. Params: $anchors, $to (a month end).
with

units as (
    select unit_code from units($anchors)
),

counts as (
    select rollup_rooms.*
    from rollup_rooms
    semi join units using (unit_code)
    where rollup_rooms.month_end = $to
),

final as (
    select
        units.unit_code,
        coalesce(counts.active, 0) as active,
        coalesce(counts.towns, 0) as towns,
        coalesce(counts.towns_covered, 0) as towns_covered,
        counts.towns_covered / nullif(counts.towns, 0) as town_coverage,
        coalesce(counts.villages, 0) as villages,
        coalesce(counts.villages_covered, 0) as villages_covered,
        counts.villages_covered / nullif(counts.villages, 0) as village_coverage,
        coalesce(counts.assessed, 0) as assessed,
        coalesce(counts.standards_met, 0) as standards_met,
        counts.standards_met / nullif(counts.assessed, 0) as standards_rate,
        coalesce(counts.with_member, 0) as with_member,
        counts.with_member / nullif(counts.active, 0) as with_member_rate
    from units
    left join counts using (unit_code)
)

select * from final
