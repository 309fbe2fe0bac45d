-- The suggestion funnel of the cohort submitted in each period: submitted, filed (立案),
-- concluded (办结), adopted (采纳 / 部分采纳), days to conclusion and satisfaction.
-- Grain: one row per (unit_code, period_i). Params: $anchors, $periods, $rolled, $whole (every
-- period is whole months; see kpis/rooms.sql), $kind (null: every kind), $period_kinds (null,
-- or the kind each period is asked for, in place of $kind: one query then answers the same
-- span once per kind, planned once).
with

units as (
    select unit_code from units($anchors)
),

periods as (
    select unnest($periods, recursive := true)
),

sums as (
    select unit_code, period_i, kind, submitted, filed, concluded, adopted, partially_adopted,
        not_adopted, adopted_any, rated, satisfied
    from suggestion_sums($anchors, $periods, $rolled, $whole)
    where coalesce($period_kinds[period_i + 1], $kind, kind) = kind
),

histogram as (
    select unit_code, period_i, days, suggestions
    from conclusion_counts($anchors, $periods, $rolled, $whole)
    where coalesce($period_kinds[period_i + 1], $kind, kind) = kind
),

medians as (
    select * from histogram_median('histogram')
),

counts as (
    select
        units.unit_code,
        periods.i as period_i,
        coalesce(sum(sums.submitted), 0)::bigint as submitted,
        coalesce(sum(sums.filed), 0)::bigint as filed,
        coalesce(sum(sums.concluded), 0)::bigint as concluded,
        coalesce(sum(sums.adopted), 0)::bigint as adopted,
        coalesce(sum(sums.partially_adopted), 0)::bigint as partially_adopted,
        coalesce(sum(sums.not_adopted), 0)::bigint as not_adopted,
        coalesce(sum(sums.adopted_any), 0)::bigint as adopted_any,
        coalesce(sum(sums.rated), 0)::bigint as rated,
        coalesce(sum(sums.satisfied), 0)::bigint as satisfied
    from units
    cross join periods
    left join sums on sums.unit_code = units.unit_code and sums.period_i = periods.i
    group by all
),

counted as (
    select counts.*, medians.median_days as median_days_to_conclude
    from counts
    left join medians using (unit_code, period_i)
),

final as (
    select * from suggestions_kpis('counted')
    order by unit_code, period_i
)

select * from final
