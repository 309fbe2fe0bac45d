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

periods as (
    select list({
        'i': i,
        'from_on': greatest(month_on, $from::date),
        'to_on': least((month_on + interval 1 month - interval 1 day)::date, $to::date)
    } order by i) as periods
    from months
),

sums as (
    select period_i, kind, submitted, filed, concluded, adopted_any
    from suggestion_sums($anchors, (select periods from periods), $rolled, $whole)
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
