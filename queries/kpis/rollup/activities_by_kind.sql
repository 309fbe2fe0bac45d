-- Activities held in [$from, $to] per kind, from the rollups (see kpis/rooms.sql's note).
-- Rolled up: whole months.
-- Grain: one row per unit and activity kind that occurs.
-- Params: $anchors, $from (a month start), $to (a month end).
with

units as (
    select unit_code from units($anchors)
),

final as (
    select unit_code, kind, sum(count)::bigint as count
    from rollup_activities
    semi join units using (unit_code)
    where month_start between $from and $to
    group by unit_code, kind
)

select * from final
