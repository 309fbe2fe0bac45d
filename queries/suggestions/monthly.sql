-- The suggestion funnel per month of submission for the cohort in Sub(R) submitted in
-- [$from, $to] (each month clipped to the period), with the adoption rate of each month by the
-- block's own definition (setup/figures.sql).
-- Grain: one row per month with submissions. Params: $anchors (the region), $from, $to,
-- $rolled, $whole ([$from, $to] is whole months), $kind (null: every kind).
with

sums as (
    -- Every count of the funnel, the kinds added up (each keeps its name).
    select period_i, sum(columns(* exclude (unit_code, period_i, kind)))::bigint
    -- Period i is the i-th month from $from's, given as a list built from the parameters
    -- alone: a constant, so the rollup reads are bounded by it (see setup/readers.sql).
    from suggestion_sums(
        $anchors,
        calendar(list_transform(
            generate_series(
                date_trunc('month', $from::date), date_trunc('month', $to::date), interval 1 month
            ),
            lambda month_start, n: {
                'i': n - 1,
                'from_on': greatest(month_start::date, $from::date),
                'to_on': least(
                    (month_start + interval 1 month - interval 1 day)::date, $to::date
                )
            }
        )),
        $rolled,
        $whole
    )
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
