-- How the concluded suggestions of the cohort in Sub(R) were rated (null: not rated).
-- Grain: one row per answer present. Params: $anchors (the region), $periods (the calendar of
-- the one period, see xieshang.kpis.details), $rolled, $whole, $kind (null: every kind).
with

sums as (
    select *
    from suggestion_sums($anchors, $periods, $rolled, $whole)
    where $kind is null or kind = $kind
),

answers as (
    select 'satisfied' as satisfaction, sum(answered_satisfied) as suggestions from sums
    union all
    select 'basically_satisfied', sum(answered_basically_satisfied) from sums
    union all
    select 'unsatisfied', sum(answered_unsatisfied) from sums
    union all
    select null, sum(answered_none) from sums
),

final as (
    select satisfaction, suggestions::bigint as suggestions
    from answers
    where suggestions > 0
    order by satisfaction nulls last
)

select * from final
