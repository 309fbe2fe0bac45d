-- The suggestion funnel per month of submission for the cohort in Sub(R) submitted in
-- [$from, $to] (each month clipped to the period), with the adoption rate of each month by the
-- block's own definition (setup/figures.sql).
-- Grain: one row per month with submissions. Params: $anchors (the region), $from, $periods
-- (the calendar of each month of [$from, $to] clipped to it, period i the i-th month from
-- $from's; see xieshang.kpis.details), $rolled, $whole ([$from, $to] is whole months), $kind
-- (null: every kind).
with

sums as (
    -- Every count of the funnel, the kinds added up (each keeps its name).
    select period_i, sum(columns(* exclude (unit_code, period_i, kind)))::bigint
    from suggestion_sums($anchors, $periods, $rolled, $whole)
    where $kind is null or kind = $kind
    group by period_i
),

counted as (
    select '' as unit_code, *, null::double as median_days_to_conclude
    from sums
),

final as (
    select
        (date_trunc('month', $from::date) + to_months(kpis.period_i))::date as month_on,
        kpis.submitted,
        kpis.filed,
        kpis.concluded,
        kpis.adopted_any,
        kpis.adoption_rate
    from suggestions_kpis('counted') as kpis
    where kpis.submitted > 0
    order by month_on
)

select * from final
