-- The suggestion funnel per month of submission for the cohort in Sub(R) submitted in
-- [$from, $to] (each month clipped to the period).
-- Grain: one row per month with submissions. Params: $anchors (the region), $from, $to,
-- $rolled, $whole ([$from, $to] is
-- whole months), $kind (null: every kind).
with

months as (
    select
        (row_number() over (order by month_on) - 1)::integer as i,
        month_on
    from (
        select unnest(generate_series(
            date_trunc('month', $from::date), date_trunc('month', $to::date), interval 1 month
        ))::date as month_on
    )
),

sums as (
    select period_i, kind, submitted, filed, concluded, adopted_any
    -- The months as a list built from the parameters alone (not from the CTE above): a
    -- constant, so the rollup reads are bounded by it (see setup/readers.sql).
    from suggestion_sums(
        $anchors,
        list_transform(
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
        ),
        $rolled,
        $whole
    )
    where $kind is null or kind = $kind
),

final as (
    select
        months.month_on,
        sum(sums.submitted)::bigint as submitted,
        sum(sums.filed)::bigint as filed,
        sum(sums.concluded)::bigint as concluded,
        sum(sums.adopted_any)::bigint as adopted_any,
        sum(sums.adopted_any) / nullif(sum(sums.concluded), 0) as adoption_rate
    from sums
    inner join months on months.i = sums.period_i
    group by months.month_on
    having sum(sums.submitted) > 0
    order by months.month_on
)

select * from final
