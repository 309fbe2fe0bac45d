-- The activity cadence of towns or villages ("每个乡镇每年至少开展2次协商"): the activities of the
-- kinds $kinds (null: every kind) held in each area at $level in each period, counted by the
-- activity definition (setup/flows.sql: activity_flows; a town counts its own and its
-- villages', a village its own), for every such area in each unit's subtree, with the area's
-- name, its parent's name and the deepest region of $named holding it (to find its target).
-- Grain: one row per (unit_code, region_code, period_i): every area, with or without
-- activities. Params: $anchors (the units: the region, or its children), $level, $periods
-- (list of {i, from_on, to_on}), $kinds, $rolled (the rollups hold areas at $level), $whole
-- (every period is whole months), $named (the region codes targets name; null: none).
with

areas as (
    select unit_regions.unit_code, regions.region_code, regions.name, parents.name as parent_name
    from unit_regions($anchors) as unit_regions
    inner join regions using (region_code)
    left join regions as parents on parents.region_code = regions.parent_code
    where regions.level = $level
),

periods as (
    select unnest($periods, recursive := true)
),

sums as (
    select unit_code as region_code, period_i, sum(activities)::bigint as held
    from activity_sums(
        (select coalesce(list(distinct region_code order by region_code), []) from areas),
        $periods,
        $rolled,
        $whole
    )
    where $kinds is null or list_contains($kinds, kind)
    group by all
),

named as (
    select
        region_closure.region_code,
        arg_min(region_closure.ancestor_code, region_closure.depth) as named_code
    from region_closure
    semi join areas using (region_code)
    where list_contains($named, region_closure.ancestor_code)
    group by all
),

final as (
    select
        areas.unit_code,
        areas.region_code,
        areas.name,
        areas.parent_name,
        periods.i as period_i,
        coalesce(sums.held, 0) as held,
        named.named_code
    from areas
    cross join periods
    left join sums on sums.region_code = areas.region_code and sums.period_i = periods.i
    left join named on named.region_code = areas.region_code
    order by areas.unit_code, areas.region_code, period_i
)

select * from final
