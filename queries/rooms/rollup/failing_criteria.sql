-- How often each "六有" criterion fails in the latest assessments of the active rooms on $to,
-- from the rollups (see rooms/failing_criteria.sql).
-- Rolled up: as of a month end.
-- Grain: one row per criterion. Params: $anchors (the region), $to.
with

units as (
    select unit_code from units($anchors)
),

sets as (
    select criteria, failed, rooms
    from rollup_criteria_sets
    semi join units using (unit_code)
    where month_end = $to
),

assessed as (
    select criterion, sum(rooms) as assessed
    from (select unnest(criteria) as criterion, rooms from sets)
    group by criterion
),

failed as (
    select criterion, sum(rooms) as failed
    from (select unnest(failed) as criterion, rooms from sets)
    group by criterion
),

final as (
    select
        assessed.criterion,
        assessed.assessed::bigint as assessed,
        coalesce(failed.failed, 0)::bigint as failed,
        coalesce(failed.failed, 0) / assessed.assessed as fail_rate
    from assessed
    left join failed using (criterion)
    order by failed desc, assessed.criterion
)

select * from final
