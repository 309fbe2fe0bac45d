-- The cohort's suggestions in Sub(R), optionally only those with one outcome.
-- $outcome: 'adopted' | 'partially_adopted' | 'not_adopted' | 'pending' (not yet concluded)
-- | null (all). Capped at $limit rows, oldest first.
-- Grain: one row per suggestion. Params: $anchors (the region), $from, $to, $kind, $outcome, $limit.
with

cohort as (
    select suggestion_cohort.*, regions.name as region_name
    from suggestion_cohort($from, $to, $kind) as suggestion_cohort
    inner join unit_regions($anchors) as unit_regions using (region_code)
    inner join regions using (region_code)
),

final as (
    select
        suggestion_id,
        kind,
        region_code,
        region_name,
        submitted_on,
        filed_on,
        concluded_on,
        outcome,
        satisfaction
    from cohort
    where $outcome is null
        or outcome = $outcome
        or ($outcome = 'pending' and concluded_on is null)
    order by submitted_on, suggestion_id
    limit $limit
)

select * from final
