-- Active postings in Sub(R) on $to per mode, and the members holding them, from the rollups
-- (see members/postings_by_mode.sql). One region: members are distinct within it.
-- Rolled up: as of a month end.
-- Grain: one row per mode. Params: $anchors (the region), $to.
with

units as (
    select unit_code from units($anchors)
),

final as (
    select mode, sum(postings)::bigint as postings, sum(members)::bigint as members
    from rollup_posting_modes
    semi join units using (unit_code)
    where month_end = $to
    group by mode
    order by mode
)

select * from final
