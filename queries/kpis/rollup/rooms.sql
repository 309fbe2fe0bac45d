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
    select * from rooms_kpis('units', 'counts')
)

select * from final
