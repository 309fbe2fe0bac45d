-- Activities held in each period per kind.
-- Grain: one row per (unit_code, period_i, kind) with activities.
-- Params: $anchors, $periods, $rolled (see kpis/rooms.sql).
with

final as (
    select unit_code, period_i, kind, activities as count
    from activity_sums($anchors, $periods, $rolled)
    order by unit_code, period_i, kind
)

select * from final
