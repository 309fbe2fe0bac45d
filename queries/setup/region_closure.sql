-- Region closure: every region paired with itself and each of its descendants.
-- Grain: one row per (ancestor_code, region_code). Params: none. Built once per snapshot.
-- The depth guard only protects against a cyclic tree, which validation already refuses.
create or replace table region_closure as
with recursive closure (ancestor_code, region_code, depth) as (
    select region_code, region_code, 0
    from regions

    union all

    select closure.ancestor_code, child.region_code, closure.depth + 1
    from closure
    inner join regions as child on child.parent_code = closure.region_code
    where closure.depth < 16
)

select * from closure
order by ancestor_code, region_code;

-- Every region with its parent's name, sorted by level so that one level is read alone (the
-- region picker lists a level; at national scale a whole-tree scan cost 30-60 ms a list).
-- Grain: one row per region. Params: none.
create or replace table region_picker as
select regions.level, regions.region_code, regions.name, parents.name as parent_name
from regions
left join regions as parents on parents.region_code = regions.parent_code
order by regions.level, regions.region_code;

-- How many regions each level holds. Grain: one row per level. Params: none.
create or replace table region_levels as
select level, count(*) as regions
from regions
group by level
order by level
