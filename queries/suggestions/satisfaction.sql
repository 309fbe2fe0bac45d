-- How the cohort in Sub(R) rated the handling of their suggestions.
-- Grain: one row per satisfaction value present (null: not rated). Params: $anchors (the region), $from, $to, $kind.
with

final as (
    select suggestion_cohort.satisfaction, count(*) as suggestions
    from suggestion_cohort($from, $to, $kind) as suggestion_cohort
    inner join unit_regions($anchors) as unit_regions using (region_code)
    where suggestion_cohort.concluded_on is not null
    group by suggestion_cohort.satisfaction
    order by suggestion_cohort.satisfaction nulls last
)

select * from final
