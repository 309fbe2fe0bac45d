-- Region closure: every region paired with itself and each of its descendants.
-- Grain: one row per (ancestor_code, region_code). Params: none. Run once per connection.
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
