-- Activities held in each period per kind.
-- Grain: one row per (unit_code, period_i, kind) with activities.
-- Params: $anchors, $periods, $rolled, $whole (see kpis/activities.sql).
with

final as (
    select unit_code, period_i, kind, activities as count
    from activity_sums($anchors, $periods, $rolled, $whole)
    order by unit_code, period_i, kind
)

select * from final
