-- The suggestion funnel for the cohort submitted in [$from, $to]: submitted, filed (立案),
-- concluded (办结), adopted (采纳 / 部分采纳), with the handling status as recorded.
-- Grain: one row per unit (see setup/macros.sql).
-- Params: $anchors (the units, see setup/macros.sql), $from, $to, $kind (null: every kind).
with

units as (
    select unit_code from units($anchors)
),

unit_regions as (
    select unit_code, region_code from unit_regions($anchors)
),

cohort as (
    select region_code, submitted_on, filed_on, concluded_on, outcome, satisfaction
    from suggestion_cohort($from, $to, $kind)
),

counts as (
    select
        unit_regions.unit_code,
        count(*) as submitted,
        count(cohort.filed_on) as filed,
        count(cohort.concluded_on) as concluded,
        count(*) filter (where cohort.outcome = 'adopted') as adopted,
        count(*) filter (where cohort.outcome = 'partially_adopted') as partially_adopted,
        count(*) filter (where cohort.outcome = 'not_adopted') as not_adopted,
        median(days_to_conclude(cohort.submitted_on, cohort.concluded_on))
            as median_days_to_conclude,
        count(cohort.satisfaction) as rated,
        count(*) filter (where is_satisfied(cohort.satisfaction)) as satisfied
    from cohort
    inner join unit_regions using (region_code)
    group by unit_regions.unit_code
),

-- The counts hold the median too (its twin reads it from a histogram instead).
final as (
    select * from suggestions_kpis('units', 'counts', 'counts')
)

select * from final
