-- Active postings into Sub(R) on $to, fixed (固定) versus mobile (流动).
-- Grain: one row per mode present. Params: $anchors (the region), $to.
with

final as (
    select
        active_postings.mode,
        count(*) as postings,
        count(distinct active_postings.member_id) as members
    from active_postings($to) as active_postings
    inner join unit_regions($anchors) as unit_regions using (region_code)
    group by active_postings.mode
    order by active_postings.mode
)

select * from final
