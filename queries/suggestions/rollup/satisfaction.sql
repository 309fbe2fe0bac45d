-- Satisfaction answers on the concluded suggestions of the cohort, from the rollups (see
-- suggestions/satisfaction.sql).
-- Rolled up: whole months.
-- Grain: one row per answer (null: not rated). Params: $anchors (the region), $from, $to, $kind.
with

final as (
    select satisfaction, sum(suggestions)::bigint as suggestions
    from rollup_satisfaction
    semi join (select unit_code from units($anchors)) as units using (unit_code)
    where month_start between $from and $to and ($kind is null or kind = $kind)
    group by satisfaction
    order by satisfaction nulls last
)

select * from final
