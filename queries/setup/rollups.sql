-- Rollups: the stock and flow definitions' output (setup/stocks.sql, setup/flows.sql), stored
-- once per snapshot at import for the units that would otherwise read millions of rows per
-- request. Precomputing is a setting here, never a second definition: each table below is a
-- definition's macro run for the rolled-up units, so a rolled-up figure and one computed from
-- the rows run the same SQL (tests hold them equal, with an independent oracle, on random data).
-- Rolled up: everything ('') and every province, city and county; for activities also every
-- town (each town's count of activities is what the activity cadence is counted on). Towns and
-- villages otherwise read their own few rows (the facts are sorted by region).
-- Grain: stated for each table below. Needs: setup/facts.sql, setup/stocks.sql,
-- setup/flows.sql. Params: none.

-- The dates the export's flows cover: activities held and suggestions submitted.
-- Grain: one row.
create or replace table data_span as
select min(on_date) as first_on, max(on_date) as last_on
from (
    select held_on as on_date from activities
    union all
    select submitted_on from suggestions
);

-- The rolled-up units and which rollups hold them.
-- Grain: one row per unit ('' for everything).
create or replace table rollup_units as
select '' as unit_code, true as holds_stocks, true as holds_activities

union all

select region_code, level not in ('town', 'village'), true
from regions
where level <> 'village'

order by unit_code;

-- Stock measures' changes per region (the region-local measures; a unit adds up its regions').
-- Grain: one row per (region_code, measure, part, on_date) with a change.
create or replace table region_stock_changes as
with intervals as (
    select * from region_stock_intervals()
),

areas as (
    select * from region_area_intervals()
),

final as (
    select scope_code as region_code, measure, part, on_date, change
    from disjoint_changes('intervals')

    union all

    select scope_code as region_code, measure, part, on_date, change
    from interval_changes('areas')
)

select * from final
order by region_code, measure, part, on_date;

-- Every stock measure's value for each rolled-up unit, from each day it changes.
-- Grain: one row per (unit_code, measure, part, on_date) with a change.
create or replace table rollup_stocks as
with anchors as (
    select list(unit_code order by unit_code) as codes
    from rollup_units
    where holds_stocks and unit_code <> ''
),

unit_regions_rolled as (
    select * from unit_regions((select codes from anchors))
    union all
    select * from unit_regions(null)
),

region_changes as (
    select
        unit_regions_rolled.unit_code,
        region_stock_changes.measure,
        region_stock_changes.part,
        region_stock_changes.on_date,
        sum(region_stock_changes.change) as change
    from region_stock_changes
    inner join unit_regions_rolled using (region_code)
    group by all
),

unit_intervals as (
    select * from unit_stock_intervals((select codes from anchors))
    union all
    select * from unit_stock_intervals(null)
),

unit_changes as (
    select scope_code as unit_code, measure, part, on_date, change
    from interval_changes('unit_intervals')
),

changes as (
    select unit_code, measure, part, on_date, sum(change) as change
    from (
        select * from region_changes
        union all
        select * from unit_changes
    )
    group by all
    having sum(change) <> 0
)

select
    unit_code,
    measure,
    part,
    on_date,
    sum(change) over (
        partition by unit_code, measure, part order by on_date rows unbounded preceding
    )::bigint as value
from changes
order by unit_code, measure, part, on_date;

-- Activities per rolled-up unit (towns included), day and kind.
-- Grain: one row per (unit_code, on_date, kind) with activities.
create or replace table rollup_activity_flows as
with anchors as (
    select list(unit_code order by unit_code) as codes
    from rollup_units
    where holds_activities and unit_code <> ''
)

select * from activity_flows((select codes from anchors))
union all
select * from activity_flows(null)
order by unit_code, on_date, kind;

-- The suggestion funnel per rolled-up unit, day of submission and kind.
-- Grain: one row per (unit_code, on_date, kind) with suggestions.
create or replace table rollup_suggestion_flows as
with anchors as (
    select list(unit_code order by unit_code) as codes
    from rollup_units
    where holds_stocks and unit_code <> ''
)

select * from suggestion_flows((select codes from anchors))
union all
select * from suggestion_flows(null)
order by unit_code, on_date, kind;

-- Days to conclusion per rolled-up unit, day of submission and kind.
-- Grain: one row per (unit_code, on_date, kind, days).
create or replace table rollup_suggestion_days as
with anchors as (
    select list(unit_code order by unit_code) as codes
    from rollup_units
    where holds_stocks and unit_code <> ''
)

select * from suggestion_days((select codes from anchors))
union all
select * from suggestion_days(null)
order by unit_code, on_date, kind, days;

-- Rooms opened and closed per rolled-up unit, day and type.
-- Grain: one row per (unit_code, on_date, room_type).
create or replace table rollup_room_events as
with anchors as (
    select list(unit_code order by unit_code) as codes
    from rollup_units
    where holds_stocks and unit_code <> ''
)

select * from room_events((select codes from anchors))
union all
select * from room_events(null)
order by unit_code, on_date, room_type
;

-- Members' attendance per committee region, member, day and kind: each member sits on one
-- committee, so a unit reads its regions' rows (every region is held).
-- Grain: one row per (region_code, member_id, on_date, kind) with attendance.
create or replace table rollup_attendance as
select * from attendance_flows()
order by region_code, member_id, on_date, kind
