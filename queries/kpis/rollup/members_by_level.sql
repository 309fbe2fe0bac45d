-- Member sinking per committee level, as of $to, from the rollups (see kpis/rooms.sql's note).
-- Rolled up: as of a month end.
-- Grain: one row per unit and committee_level that has active members.
-- Params: $anchors, $to (a month end).
with

units as (
    select unit_code from units($anchors)
),

final as (
    select
        unit_code,
        committee_level,
        active,
        posted,
        posted / nullif(active, 0) as sinking_rate
    from rollup_members_by_level
    semi join units using (unit_code)
    where month_end = $to
)

select * from final
