-- The suggestions of the cohort in Sub(R) (submitted in [$from, $to], as the suggestion flows
-- count them), optionally only those with one outcome.
-- $outcome: 'adopted' | 'partially_adopted' | 'not_adopted' | 'pending' (not yet concluded)
-- | null (all). Capped at $limit rows, oldest first.
-- Grain: one row per suggestion. Params: $anchors (the region), $from, $to, $kind, $outcome,
-- $limit.
with

cohort as (
    select suggestions.*, regions.name as region_name
    from suggestions
    semi join unit_regions($anchors) as unit_regions using (region_code)
    inner join regions using (region_code)
    where suggestions.submitted_on between $from and $to
        and ($kind is null or suggestions.kind = $kind)
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
