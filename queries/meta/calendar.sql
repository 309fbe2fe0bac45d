-- A list of periods as the KPI queries take it: each with what reading the rollups needs of it
-- (see setup/readers.sql: calendar), worked out once for all the queries of an answer.
-- Grain: one row. Params: $periods (list of {i, from_on, to_on}).
with

final as (
    select calendar($periods) as periods
)

select * from final
