-- The suggestion funnel per month of submission for the cohort in Sub(R).
-- Grain: one row per month with submissions. Params: $anchors (the region), $from, $to, $kind.
with

cohort as (
    select suggestion_cohort.*
    from suggestion_cohort($from, $to, $kind) as suggestion_cohort
    inner join unit_regions($anchors) as unit_regions using (region_code)
),

final as (
    select
        date_trunc('month', submitted_on)::date as month_on,
        count(*) as submitted,
        count(filed_on) as filed,
        count(concluded_on) as concluded,
        count(*) filter (where outcome in ('adopted', 'partially_adopted')) as adopted_any,
        count(*) filter (where outcome in ('adopted', 'partially_adopted'))
            / nullif(count(concluded_on), 0) as adoption_rate
    from cohort
    group by month_on
    order by month_on
)

select * from final
