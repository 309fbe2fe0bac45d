-- Each room assessment's result: met when every criterion assessed that day was met, with
-- the criteria assessed and those failed (sorted lists, so equal sets compare equal).
-- Grain: one row per (room_id, assessed_on). Params: none. Built once per snapshot.
-- The criteria rows are six or so per assessment; stocks as of a date read this instead.
create or replace table assessment_results as
select
    room_id,
    assessed_on,
    bool_and(met) as is_standard_met,
    count(*) filter (where not met) as criteria_failed,
    list_sort(list(distinct criterion)) as criteria,
    list_sort(coalesce(list(distinct criterion) filter (where not met), [])) as failed
from room_assessments
group by room_id, assessed_on
order by room_id, assessed_on
