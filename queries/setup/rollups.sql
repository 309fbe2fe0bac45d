-- Rollups: the stock and flow definitions' output (setup/stocks.sql, setup/flows.sql), stored
-- once per snapshot at import for the units that would otherwise read millions of rows per
-- request. Precomputing is a setting here, never a second definition: each table below is a
-- definition's macro run for the rolled-up units, so a rolled-up figure and one computed from
-- the rows run the same SQL (tests hold them equal, with an independent oracle, on random data).
-- Rolled up: everything ('') and every province, city and county; for activities also every
-- town (each town's count of activities is what the activity cadence is counted on). Towns and
-- villages otherwise read their own few rows (the facts are sorted by region).
-- Stored for speed, measured at national scale: units as integer ids numbered by depth, so a
-- region's children are contiguous; flows per month (whole months of a period) and per day (its
-- partial months: the day tables are sorted by month, then unit, so a custom period reads only
-- its first and last months' row groups); stocks at each month end and as changes per day (a
-- period's last day that is not a month end). Each of these is a sum of the same macro's rows,
-- nothing more.
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

-- The rolled-up units, which rollups hold them, and their ids (numbered by depth, then code).
-- Grain: one row per unit ('' for everything).
create or replace table rollup_units as
with units as (
    select '' as unit_code, -1 as depth, true as holds_stocks, true as holds_activities

    union all

    select regions.region_code, region_depths.depth, regions.level not in ('town', 'village'), true
    from regions
    inner join (
        select region_code, max(depth) as depth from region_closure group by region_code
    ) as region_depths using (region_code)
    where regions.level <> 'village'
)

select
    (row_number() over (order by depth, unit_code) - 1)::integer as unit_id,
    unit_code,
    holds_stocks,
    holds_activities
from units
order by unit_id;

-- The towns of each rolled-up unit, as unit ids (a town's activities are its own unit's: the
-- activity cadence counts towns).
-- Grain: one row per (unit_id, town_id).
create or replace table rollup_unit_towns as
with towns as (
    select unit_id as town_id, unit_code as town_code
    from rollup_units
    inner join regions on regions.region_code = rollup_units.unit_code
    where regions.level = 'town'
)

select rollup_units.unit_id, towns.town_id
from rollup_units
inner join region_closure on region_closure.ancestor_code = rollup_units.unit_code
inner join towns on towns.town_code = region_closure.region_code

union all

select 0, town_id from towns

order by unit_id, town_id;

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

-- The months the stock rollup holds values for: from the first month anything changed in
-- (regions counted from the dawn aside) to a year after the last, and the data's span.
-- Grain: one row per month end.
create or replace table rollup_stock_month_ends as
with span as (
    select
        least(
            (select min(on_date) from region_stock_changes where on_date > dawn()),
            (select first_on from data_span)
        ) as first_on,
        greatest(
            (select max(on_date) from region_stock_changes),
            (select last_on from data_span)
        ) as last_on
)

select
    (unnest(generate_series(
        date_trunc('month', first_on), date_trunc('month', last_on) + interval 12 month,
        interval 1 month
    )) + interval 1 month - interval 1 day)::date as month_end
from span
where first_on is not null
order by month_end;

-- Every stock measure's changes for each rolled-up unit: its regions' changes added up, and
-- the changes of the measures counted per unit (setup/stocks.sql).
-- Grain: one row per (unit_id, measure, part, on_date) with a change.
create or replace table rollup_stock_changes as
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
        region_stock_changes.change
    from region_stock_changes
    inner join unit_regions_rolled using (region_code)
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
    select unit_code, measure, part, on_date, sum(change)::bigint as change
    from (
        select * from region_changes
        union all
        select * from unit_changes
    )
    group by all
    having sum(change) <> 0
)

select rollup_units.unit_id, changes.measure, changes.part, changes.on_date, changes.change
from changes
inner join rollup_units using (unit_code)
order by rollup_units.unit_id, changes.measure, changes.part, changes.on_date;

-- Every stock measure's value for each rolled-up unit at each month end the rollup holds.
-- Grain: one row per (unit_id, measure, part, month_end) with a value other than zero.
create or replace table rollup_stock_months as
with keys as (
    select unit_id, measure, part, min(on_date) as first_on
    from rollup_stock_changes
    group by all
),

values_at as (
    select
        keys.unit_id,
        keys.measure,
        keys.part,
        rollup_stock_month_ends.month_end
    from keys
    inner join rollup_stock_month_ends on rollup_stock_month_ends.month_end >= keys.first_on
),

running as (
    select
        unit_id,
        measure,
        part,
        on_date,
        sum(change) over (
            partition by unit_id, measure, part order by on_date rows unbounded preceding
        ) as value
    from rollup_stock_changes
),

final as (
    select values_at.unit_id, values_at.measure, values_at.part, values_at.month_end,
        running.value::bigint as value
    from values_at
    asof inner join running
        on running.unit_id = values_at.unit_id
        and running.measure = values_at.measure
        and running.part = values_at.part
        and running.on_date <= values_at.month_end
)

select * from final
where value <> 0
order by unit_id, month_end, measure, part;

-- Activities per rolled-up unit and day (activity_flows).
-- Grain: one row per (unit_id, on_date (and its month_on), kind).
create or replace table rollup_activity_days as
with anchors as (
    select list(unit_code order by unit_code) as codes
    from rollup_units
    where holds_activities and unit_code <> ''
),

flows as (
    select * from activity_flows((select codes from anchors))
    union all
    select * from activity_flows(null)
)

select rollup_units.unit_id, date_trunc('month', flows.on_date)::date as month_on,
    flows.* exclude (unit_code)
from flows
inner join rollup_units using (unit_code)
order by month_on, rollup_units.unit_id, flows.on_date;

-- The same per month (a period's whole months read these).
-- Grain: one row per (unit_id, month_on, kind).
create or replace table rollup_activity_months as
select
    unit_id,
    date_trunc('month', on_date)::date as month_on,
    kind,
    sum(activities)::bigint as activities,
    sum(public_participants)::bigint as public_participants,
    sum(problems_solved)::bigint as problems_solved
from rollup_activity_days
group by all
order by unit_id, month_on;

-- And per year (a period's whole years read these).
-- Grain: one row per (unit_id, year_on, ...).
create or replace table rollup_activity_years as
select
    unit_id,
    make_date(year(month_on), 1, 1) as year_on,
    kind,
    sum(activities)::bigint as activities,
    sum(public_participants)::bigint as public_participants,
    sum(problems_solved)::bigint as problems_solved
from rollup_activity_months
group by all
order by unit_id, year_on;

-- Activities per town and month, and per year, all kinds together: what the activity cadence
-- counts for every town of a unit (town_activity_sums). The month and year tables above with
-- their kinds summed, kept apart because a country's cadence reads every town (measured at
-- national scale: 1.7 million town-month rows by kind against 0.43 million).
-- Grain: one row per (unit_id, month_on) of a town with activities.
create or replace table rollup_town_activity_months as
select rollup_activity_months.unit_id, rollup_activity_months.month_on,
    sum(rollup_activity_months.activities)::bigint as activities
from rollup_activity_months
semi join rollup_unit_towns on rollup_unit_towns.town_id = rollup_activity_months.unit_id
group by all
order by unit_id, month_on;

-- Grain: one row per (unit_id, year_on) of a town with activities.
create or replace table rollup_town_activity_years as
select unit_id, make_date(year(month_on), 1, 1) as year_on, sum(activities)::bigint as activities
from rollup_town_activity_months
group by all
order by unit_id, year_on;

-- The suggestion funnel per rolled-up unit and day (suggestion_flows).
-- Grain: one row per (unit_id, on_date (and its month_on), kind).
create or replace table rollup_suggestion_days as
with anchors as (
    select list(unit_code order by unit_code) as codes
    from rollup_units
    where holds_stocks and unit_code <> ''
),

flows as (
    select * from suggestion_flows((select codes from anchors))
    union all
    select * from suggestion_flows(null)
)

select rollup_units.unit_id, date_trunc('month', flows.on_date)::date as month_on,
    flows.* exclude (unit_code)
from flows
inner join rollup_units using (unit_code)
order by month_on, rollup_units.unit_id, flows.on_date;

-- The same per month (a period's whole months read these).
-- Grain: one row per (unit_id, month_on, kind).
create or replace table rollup_suggestion_months as
select
    unit_id,
    date_trunc('month', on_date)::date as month_on,
    kind,
    sum(submitted)::bigint as submitted,
    sum(filed)::bigint as filed,
    sum(concluded)::bigint as concluded,
    sum(adopted)::bigint as adopted,
    sum(partially_adopted)::bigint as partially_adopted,
    sum(not_adopted)::bigint as not_adopted,
    sum(adopted_any)::bigint as adopted_any,
    sum(rated)::bigint as rated,
    sum(satisfied)::bigint as satisfied,
    sum(answered_satisfied)::bigint as answered_satisfied,
    sum(answered_basically_satisfied)::bigint as answered_basically_satisfied,
    sum(answered_unsatisfied)::bigint as answered_unsatisfied,
    sum(answered_none)::bigint as answered_none
from rollup_suggestion_days
group by all
order by unit_id, month_on;

-- And per year (a period's whole years read these).
-- Grain: one row per (unit_id, year_on, ...).
create or replace table rollup_suggestion_years as
select
    unit_id,
    make_date(year(month_on), 1, 1) as year_on,
    kind,
    sum(submitted)::bigint as submitted,
    sum(filed)::bigint as filed,
    sum(concluded)::bigint as concluded,
    sum(adopted)::bigint as adopted,
    sum(partially_adopted)::bigint as partially_adopted,
    sum(not_adopted)::bigint as not_adopted,
    sum(adopted_any)::bigint as adopted_any,
    sum(rated)::bigint as rated,
    sum(satisfied)::bigint as satisfied,
    sum(answered_satisfied)::bigint as answered_satisfied,
    sum(answered_basically_satisfied)::bigint as answered_basically_satisfied,
    sum(answered_unsatisfied)::bigint as answered_unsatisfied,
    sum(answered_none)::bigint as answered_none
from rollup_suggestion_months
group by all
order by unit_id, year_on;

-- Days to conclusion (a histogram) per rolled-up unit and day (suggestion_days).
-- Grain: one row per (unit_id, on_date (and its month_on), kind, days).
create or replace table rollup_conclusion_days as
with anchors as (
    select list(unit_code order by unit_code) as codes
    from rollup_units
    where holds_stocks and unit_code <> ''
),

flows as (
    select * from suggestion_days((select codes from anchors))
    union all
    select * from suggestion_days(null)
)

select rollup_units.unit_id, date_trunc('month', flows.on_date)::date as month_on,
    flows.* exclude (unit_code)
from flows
inner join rollup_units using (unit_code)
order by month_on, rollup_units.unit_id, flows.on_date;

-- The same per month (a period's whole months read these).
-- Grain: one row per (unit_id, month_on, kind, days).
create or replace table rollup_conclusion_months as
select
    unit_id,
    date_trunc('month', on_date)::date as month_on,
    kind, days,
    sum(suggestions)::bigint as suggestions
from rollup_conclusion_days
group by all
order by unit_id, month_on;

-- And per year (a period's whole years read these).
-- Grain: one row per (unit_id, year_on, ...).
create or replace table rollup_conclusion_years as
select
    unit_id,
    make_date(year(month_on), 1, 1) as year_on,
    kind, days,
    sum(suggestions)::bigint as suggestions
from rollup_conclusion_months
group by all
order by unit_id, year_on;

-- Rooms opened and closed per rolled-up unit and day (room_events).
-- Grain: one row per (unit_id, on_date (and its month_on), room_type).
create or replace table rollup_room_event_days as
with anchors as (
    select list(unit_code order by unit_code) as codes
    from rollup_units
    where holds_stocks and unit_code <> ''
),

flows as (
    select * from room_events((select codes from anchors))
    union all
    select * from room_events(null)
)

select rollup_units.unit_id, date_trunc('month', flows.on_date)::date as month_on,
    flows.* exclude (unit_code)
from flows
inner join rollup_units using (unit_code)
order by month_on, rollup_units.unit_id, flows.on_date;

-- The same per month (a period's whole months read these).
-- Grain: one row per (unit_id, month_on, room_type).
create or replace table rollup_room_event_months as
select
    unit_id,
    date_trunc('month', on_date)::date as month_on,
    room_type,
    sum(opened)::bigint as opened,
    sum(closed)::bigint as closed
from rollup_room_event_days
group by all
order by unit_id, month_on;

-- And per year (a period's whole years read these).
-- Grain: one row per (unit_id, year_on, ...).
create or replace table rollup_room_event_years as
select
    unit_id,
    make_date(year(month_on), 1, 1) as year_on,
    room_type,
    sum(opened)::bigint as opened,
    sum(closed)::bigint as closed
from rollup_room_event_months
group by all
order by unit_id, year_on;

-- Members' attendance per committee region, member, day and kind: each member sits on one
-- committee, so a unit reads its regions' rows (every region is held).
-- Grain: one row per (region_code, member_id, on_date, kind) with attendance.
create or replace table rollup_attendance as
select * from attendance_flows()
order by region_code, member_id, on_date, kind
