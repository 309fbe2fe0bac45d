-- Units of a KPI query and the regions inside each: the one definition of Sub(R).
-- unit_regions(region, grouping, level) returns (unit_code, region_code): one row per unit and
-- region of that unit's subtree. grouping 'self' gives one unit, R itself (region null means
-- everything, unit_code ''); 'children' gives R's children (region null: the top regions);
-- 'level' gives the regions at `level` inside R.
-- units(...) returns one row per unit, including the '' unit when R is everything and empty.
-- Grain: unit_regions, one row per (unit_code, region_code); units, one row per unit_code.
-- Params: none (macro arguments p_region, p_grouping, p_level).
create or replace macro unit_regions(p_region, p_grouping, p_level) as table
with anchors as (
    select region_code as unit_code
    from regions
    where (p_grouping = 'self' and region_code = p_region)
        or (p_grouping = 'children' and parent_code is not distinct from p_region)
        or (
            p_grouping = 'level' and level = p_level
            and (
                p_region is null
                or region_code in (
                    select region_code from region_closure where ancestor_code = p_region
                )
            )
        )
)

select anchors.unit_code, region_closure.region_code
from anchors
inner join region_closure on region_closure.ancestor_code = anchors.unit_code

union all

select '' as unit_code, region_code
from regions
where p_grouping = 'self' and p_region is null;

create or replace macro units(p_region, p_grouping, p_level) as table
select distinct unit_code from unit_regions(p_region, p_grouping, p_level)

union

select '' as unit_code
where p_grouping = 'self' and p_region is null;
