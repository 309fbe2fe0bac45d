-- The suggestion funnel for the cohort submitted in [$from, $to], from the rollups (see
-- kpis/rooms.sql's note). The median is read exactly from the histogram of days: the mean
-- of the two middle values when the count is even, as median() does on the rows.
-- Rolled up: whole months.
-- Grain: one row per unit. Params: $anchors, $from (a month start), $to (a month end), $kind.
with

units as (
    select unit_code from units($anchors)
),

counts as (
    select
        unit_code,
        sum(submitted)::bigint as submitted,
        sum(filed)::bigint as filed,
        sum(concluded)::bigint as concluded,
        sum(adopted)::bigint as adopted,
        sum(partially_adopted)::bigint as partially_adopted,
        sum(not_adopted)::bigint as not_adopted,
        sum(rated)::bigint as rated,
        sum(satisfied)::bigint as satisfied
    from rollup_suggestions
    semi join units using (unit_code)
    where month_start between $from and $to and ($kind is null or kind = $kind)
    group by unit_code
),

days as (
    select unit_code, days, sum(suggestions) as suggestions
    from rollup_suggestion_days
    semi join units using (unit_code)
    where month_start between $from and $to and ($kind is null or kind = $kind)
    group by unit_code, days
),

running as (
    select
        unit_code,
        days,
        sum(suggestions) over (partition by unit_code order by days) as up_to,
        sum(suggestions) over (partition by unit_code) as total
    from days
),

medians as (
    select
        unit_code,
        (min(days) filter (where up_to > (total - 1) // 2)
            + min(days) filter (where up_to > total // 2)) / 2 as median_days_to_conclude
    from running
    group by unit_code
),

final as (
    select * from suggestions_kpis('units', 'counts', 'medians')
)

select * from final
