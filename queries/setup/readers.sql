-- Reading the definitions for a query: the stock and flow macros' output for the units (the
-- anchors) and periods asked, from the rollups when p_rolled (every unit is rolled up, see
-- setup/rollups.sql) or else computed from the rows by the very same macros.
-- p_periods is a calendar (see calendar below: a list of structs {i, from_on, to_on, ...} as
-- `meta/calendar` returns it): one query answers several periods (the period shown, 同比 and
-- 环比) at once. Stocks are read on each period's last day; flows are
-- summed over its days. From the rollups, a period's whole months are read per month and only
-- its partial months per day: p_whole says every period is whole months, p_month_ends that
-- every period ends on a month end the stock rollup holds, and then the day tables are not
-- read at all (the flags change the plan, never a figure).
-- Grain: stated for each macro below. Needs: setup/macros.sql, setup/stocks.sql,
-- setup/flows.sql, setup/rollups.sql. Params: none (macros).

-- The rolled-up units among the anchors (null: everything, the unit ''), with their ids (see
-- setup/rollups.sql: rollup_units).
-- Grain: one row per rolled-up unit asked for.
create or replace macro unit_ids(p_anchors) as table
select rollup_units.unit_id, rollup_units.unit_code
from rollup_units
semi join units(p_anchors) as units using (unit_code);

-- Stock measures (p_measures) of each unit on each period's last day.
-- Grain: one row per (unit_code, period_i, measure, part) with a value.
-- Each reader below comes as three macros: `<reader>_rolled` reads the rollups, `<reader>_live`
-- computes the same definition from the rows, and `<reader>` takes p_rolled and is the one or
-- the other. A query names `<reader>`; the engine plans it for the path it takes (see
-- xieshang/sqlfiles.py: load), because DuckDB binds both sides of a union before it drops the
-- one a constant rules out (measured: half of a KPI query's planning bound the path not taken).

-- The values of a relation of stock rows (p_values names it), summed per unit, period, measure
-- and part.
create or replace macro stock_totals(p_values) as table
select unit_code, period_i, measure, part, sum(value)::bigint as value
from query_table(p_values)
group by all;

create or replace macro stock_values_rolled(
    p_anchors, p_periods, p_rolled, p_measures, p_month_ends
) as table
with periods as (
    select unnest(p_periods, recursive := true)
),

-- Materialized, so each rollup table is filtered by unit first: its rows are sorted by unit id,
-- and the filter then skips every other unit's (measured: 7.6 million rows scanned became 51).
ids as materialized (
    select * from unit_ids(p_anchors)
),

-- Each period's last day and the latest month end on or before it the rollup holds values for.
period_ends as (
    select
        periods.i,
        periods.to_on,
        (
            select max(rollup_stock_month_ends.month_end)
            from rollup_stock_month_ends
            where rollup_stock_month_ends.month_end <= periods.to_on
        ) as month_end
    from periods
),

month_values as materialized (
    select *
    from rollup_stock_months
    semi join ids using (unit_id)
    where list_contains(p_measures, measure)
),

rolled_base as (
    select ids.unit_code, period_ends.i as period_i, month_values.measure, month_values.part,
        month_values.value
    from month_values
    inner join ids using (unit_id)
    inner join period_ends on month_values.month_end = period_ends.month_end
),

day_changes as materialized (
    select *
    from rollup_stock_changes
    semi join ids using (unit_id)
    where not p_month_ends and list_contains(p_measures, measure)
),

-- The changes after that month end, up to the period's last day.
rolled_changes as (
    select ids.unit_code, period_ends.i as period_i, day_changes.measure, day_changes.part,
        day_changes.change as value
    from day_changes
    inner join ids using (unit_id)
    inner join period_ends
        on day_changes.on_date <= period_ends.to_on
        and (period_ends.month_end is null or day_changes.on_date > period_ends.month_end)
),

rolled as (
    select * from rolled_base
    union all
    select * from rolled_changes
)

select * from stock_totals('rolled');

create or replace macro stock_values_live(
    p_anchors, p_periods, p_rolled, p_measures, p_month_ends
) as table
with periods as (
    select unnest(p_periods, recursive := true)
),

unit_intervals as (
    select *
    from unit_stock_intervals(p_anchors)
    where list_contains(p_measures, measure)
),

live_changes as (
    select unit_regions.unit_code, region_stock_changes.measure, region_stock_changes.part,
        region_stock_changes.on_date, region_stock_changes.change
    from region_stock_changes
    inner join unit_regions(p_anchors) as unit_regions using (region_code)
    where list_contains(p_measures, region_stock_changes.measure)

    union all

    select scope_code, measure, part, on_date, change
    from interval_changes('unit_intervals')
),

live as (
    select live_changes.unit_code, periods.i as period_i, live_changes.measure,
        live_changes.part, live_changes.change as value
    from live_changes
    inner join periods on live_changes.on_date <= periods.to_on
)

select * from stock_totals('live');

create or replace macro stock_values(p_anchors, p_periods, p_rolled, p_measures, p_month_ends)
as table
select * from stock_values_rolled(p_anchors, p_periods, p_rolled, p_measures, p_month_ends)
where p_rolled
union all
select * from stock_values_live(p_anchors, p_periods, p_rolled, p_measures, p_month_ends)
where not p_rolled;

-- The first and the last day of a list of periods ({i, from_on, to_on}): constants when the
-- list is a query parameter, so a filter on them prunes a Parquet scan.
create or replace macro periods_first_day(p_periods) as
    list_min(list_transform(p_periods, lambda period: period.from_on));

create or replace macro periods_last_day(p_periods) as
    list_max(list_transform(p_periods, lambda period: period.to_on));

-- The months a list of periods covers in part (a period's first month unless it starts on the
-- 1st, its last month unless it ends on the last day), and likewise the years: only their days
-- (months) are read from a rollup's day (month) table, the rest come whole from the coarser
-- table. Constants when the list is a query parameter. (list_distinct drops the nulls.)
create or replace macro partial_months(p_periods) as
    list_distinct(flatten(list_transform(p_periods, lambda period: [
        case when day(period.from_on) <> 1 then date_trunc('month', period.from_on)::date end,
        case when period.to_on <> last_day(period.to_on)
            then date_trunc('month', period.to_on)::date end
    ])));

create or replace macro partial_years(p_periods) as
    list_distinct(flatten(list_transform(p_periods, lambda period: [
        case when strftime(period.from_on, '%m-%d') <> '01-01'
            then date_trunc('year', period.from_on)::date end,
        case when strftime(period.to_on, '%m-%d') <> '12-31'
            then date_trunc('year', period.to_on)::date end
    ])));

-- Whether a day falls in one of a period's whole months or years (then a coarser row counts it).
create or replace macro in_whole_month(p_day, p_months_from, p_months_to) as
    p_day >= p_months_from and p_day < p_months_to + interval 1 month;

create or replace macro in_whole_year(p_day, p_years_from, p_years_to) as
    p_day >= p_years_from and p_day < p_years_to + interval 1 year;

-- A period's whole years (1 January of each), its whole months outside them, and its partial
-- months (the months of its first and last day that are not whole): which rows of a rollup's
-- year, month and day tables it counts, as lists, so that a rollup's rows meet the periods by
-- equal dates (a hash join) rather than by ranges (measured at national scale: the range joins
-- of the country's towns' days were most of a custom period's activity cadence).
create or replace macro period_years(p_from, p_to) as
    list_transform(
        generate_series(whole_years_from(p_from), whole_years_to(p_to), interval 1 year),
        lambda year_on: year_on::date
    );

create or replace macro period_months(p_from, p_to) as
    list_filter(
        list_transform(
            generate_series(whole_months_from(p_from), whole_months_to(p_to), interval 1 month),
            lambda month_on: month_on::date
        ),
        lambda month_on: not in_whole_year(
            month_on, whole_years_from(p_from), whole_years_to(p_to)
        )
    );

create or replace macro period_edge_months(p_from, p_to) as
    list_filter(
        list_distinct([date_trunc('month', p_from)::date, date_trunc('month', p_to)::date]),
        lambda month_on: not in_whole_month(
            month_on, whole_months_from(p_from), whole_months_to(p_to)
        )
    );

-- A list of periods ({i, from_on, to_on}) with what reading the rollups needs of them, worked
-- out once (`meta/calendar`) and passed back as the query parameter: each period's first and
-- last whole year and month (setup/macros.sql), and the list's first and last day, the first
-- and last whole year and month a rollup read needs, and its partial months and years (above),
-- the same on every period. A query then reads plain fields, which
-- DuckDB binds and plans in a fraction of the time (measured at province scale: binding the
-- date macros anew at each use was half of a KPI query's planning, 10-30 ms each).
create or replace macro calendar(p_periods) as
    list_transform(p_periods, lambda period: {
        'i': period.i,
        'from_on': period.from_on,
        'to_on': period.to_on,
        'years_from': whole_years_from(period.from_on),
        'years_to': whole_years_to(period.to_on),
        'months_from': whole_months_from(period.from_on),
        'months_to': whole_months_to(period.to_on),
        'first_day': periods_first_day(p_periods),
        'last_day': periods_last_day(p_periods),
        'first_year': whole_years_from(periods_first_day(p_periods)),
        'last_year': whole_years_to(periods_last_day(p_periods)),
        'first_month': date_trunc('month', periods_first_day(p_periods))::date,
        'last_month': whole_months_to(periods_last_day(p_periods)),
        'partial_months': partial_months(p_periods),
        'partial_years': partial_years(p_periods),
        'years': period_years(period.from_on, period.to_on),
        'months': period_months(period.from_on, period.to_on),
        'edge_months': period_edge_months(period.from_on, period.to_on)
    });

-- A calendar's periods (see calendar), for reading flows.
-- Grain: one row per period.
create or replace macro period_spans(p_periods) as table
select i, from_on, to_on, years_from, years_to, months_from, months_to
from (select unnest(p_periods, recursive := true));

-- A flow rollup's rows for the units and periods asked: whole years from its year table
-- (p_years), the remaining whole months from its month table, the remaining days from its day
-- table (none when p_whole: every period is whole months). Each table's rows are read for the
-- units first (materialized: they are sorted by unit id, so other units' rows are skipped).
-- p_ids names the caller's relation of unit ids. The rows keep their unit's id, not its code:
-- a caller adds its units up first and looks their codes up after (measured at national scale:
-- looking up the country's 38,000 towns' codes for each of their 830,000 day and month rows of
-- a custom period was a fifth of its activity cadence).
-- Each grain meets the periods by equal dates: a year row the periods' whole years
-- (calendar.years), a month row their other whole months, a day row the partial months it lies
-- in, within the period's days.
-- The date bounds come from the periods list itself (its calendar), not from a relation:
-- constants, so DuckDB filters each Parquet scan by them (measured at national scale: a
-- subquery bound left the whole conclusion months table, 5.2 million rows, to be read and
-- hashed for the country). The calendar's bounds are the macros of setup/macros.sql on the
-- earliest start and latest end, which equal the earliest and latest of the periods' own
-- bounds (the macros never decrease).
-- Grain: one row per rollup row and period it falls in, with unit_id and period_i.
-- It comes in two parts: rolled_flows_whole reads the years and the months, and rolled_flows
-- adds the days to it. For periods that are whole months (p_whole) the two are equal, and
-- each reader calling rolled_flows has a twin calling rolled_flows_whole (made from its text
-- by xieshang/sqlfiles.py, hence the same arguments, p_days and p_whole unused): a query asked
-- with $whole is planned with the twins, as DuckDB binds the day tables even where a constant
-- rules them out (measured at national scale: a fifth of a county's activity and suggestion
-- queries' time).
create or replace macro rolled_flows_whole(p_years, p_months, p_days, p_ids, p_periods, p_whole)
as table
with years as materialized (
    select *
    from query_table(p_years)
    semi join query_table(p_ids) as ids using (unit_id)
    where year_on between p_periods[1].first_year and p_periods[1].last_year
),

months as materialized (
    select *
    from query_table(p_months)
    semi join query_table(p_ids) as ids using (unit_id)
    where month_on between p_periods[1].first_month and p_periods[1].last_month
        and list_contains(p_periods[1].partial_years, date_trunc('year', month_on)::date)
),

periods as (
    select unnest(p_periods) as period
),

span_years as (
    select period.i, unnest(period.years) as year_on from periods
),

span_months as (
    select period.i, unnest(period.months) as month_on from periods
),

final as (
    select years.unit_id, span_years.i as period_i, years.* exclude (unit_id, year_on)
    from years
    inner join span_years on span_years.year_on = years.year_on

    union all by name

    select months.unit_id, span_months.i as period_i, months.* exclude (unit_id, month_on)
    from months
    inner join span_months on span_months.month_on = months.month_on
)

select * from final;

create or replace macro rolled_flows(p_years, p_months, p_days, p_ids, p_periods, p_whole)
as table
with days as materialized (
    select *
    from query_table(p_days)
    semi join query_table(p_ids) as ids using (unit_id)
    where not p_whole
        and on_date between p_periods[1].first_day and p_periods[1].last_day
        and list_contains(p_periods[1].partial_months, month_on)
),

span_edges as (
    select period.i, period.from_on, period.to_on, unnest(period.edge_months) as month_on
    from (select unnest(p_periods) as period)
),

final as (
    select *
    from rolled_flows_whole(p_years, p_months, p_days, p_ids, p_periods, p_whole)

    union all by name

    select days.unit_id, span_edges.i as period_i, days.* exclude (unit_id, month_on, on_date)
    from days
    inner join span_edges
        on span_edges.month_on = days.month_on
        and days.on_date between span_edges.from_on and span_edges.to_on
)

select * from final;

-- Activities of each unit in each period, per kind.
-- Grain: one row per (unit_code, period_i, kind) with activities.

create or replace macro activity_totals(p_flows) as table
select
    columns(lambda c: c in ('unit_code', 'unit_id')),
    period_i,
    kind,
    sum(activities)::bigint as activities,
    sum(public_participants)::bigint as public_participants,
    sum(problems_solved)::bigint as problems_solved
from query_table(p_flows)
group by all;

create or replace macro activity_sums_rolled(p_anchors, p_periods, p_rolled, p_whole) as table
with ids as materialized (
    select * from unit_ids(p_anchors)
),

flows as (
    select *
    from rolled_flows(
        'rollup_activity_years', 'rollup_activity_months', 'rollup_activity_days', 'ids',
        p_periods, p_whole
    )
),

totals as (
    select * from activity_totals('flows')
)

select ids.unit_code, totals.* exclude (unit_id)
from totals
inner join ids using (unit_id);

create or replace macro activity_sums_live(p_anchors, p_periods, p_rolled, p_whole) as table
with spans as (
    select * from period_spans(p_periods)
),

flows as (
    select activity_flows.* exclude (on_date), spans.i as period_i
    from activity_flows(p_anchors) as activity_flows
    inner join spans on activity_flows.on_date between spans.from_on and spans.to_on
)

select * from activity_totals('flows');

create or replace macro activity_sums(p_anchors, p_periods, p_rolled, p_whole) as table
select * from activity_sums_rolled(p_anchors, p_periods, p_rolled, p_whole) where p_rolled
union all
select * from activity_sums_live(p_anchors, p_periods, p_rolled, p_whole) where not p_rolled;

-- Activities held in each town of each unit in each period (the town and its villages): what
-- the activity cadence counts. Every town of the units is listed, with 0 if it held none.
-- From the rollups, every town is rolled up.
-- Grain: one row per (unit_code, town_code, period_i).

create or replace macro town_activity_sums_rolled(p_anchors, p_periods, p_rolled, p_whole)
as table
with spans as (
    select * from period_spans(p_periods)
),

units_rolled as materialized (
    select * from unit_ids(p_anchors)
),

unit_towns_rolled as materialized (
    select units_rolled.unit_code, towns.unit_id as town_id, towns.unit_code as town_code
    from units_rolled
    inner join rollup_unit_towns using (unit_id)
    inner join rollup_units as towns on towns.unit_id = rollup_unit_towns.town_id
),

-- The towns as rows of rollup_units, not as the distinct rows of the join above: DuckDB
-- estimates that join's size far above the flows table's, builds its semi join's hash table
-- on the town months instead, and cannot skip other towns' rows (measured at national scale,
-- a county's custom period: 287,867 town months read and hashed for 104; the activities
-- query 32 -> 22 ms, the country's 78 -> 68 ms; whole years unchanged).
towns as materialized (
    select rollup_units.unit_id, rollup_units.unit_code
    from rollup_units
    where rollup_units.unit_id in (select town_id from unit_towns_rolled)
),

town_flows as (
    select unit_id as town_id, period_i, sum(activities) as held
    from rolled_flows(
        'rollup_town_activity_years', 'rollup_town_activity_months', 'rollup_activity_days',
        'towns', p_periods, p_whole
    )
    group by all
),

final as (
    select unit_towns_rolled.unit_code, unit_towns_rolled.town_code, spans.i as period_i,
        coalesce(town_flows.held, 0)::bigint as held
    from unit_towns_rolled
    cross join spans
    left join town_flows
        on town_flows.town_id = unit_towns_rolled.town_id and town_flows.period_i = spans.i
)

select * from final;

create or replace macro town_activity_sums_live(p_anchors, p_periods, p_rolled, p_whole)
as table
with spans as (
    select * from period_spans(p_periods)
),

unit_towns_live as (
    select unit_regions.unit_code, unit_regions.region_code as town_code
    from unit_regions(p_anchors) as unit_regions
    inner join regions using (region_code)
    where regions.level = 'town'
),

town_flows_live as (
    select unit_code as town_code, period_i, sum(activities) as held
    from activity_sums_live(
        (select coalesce(list(distinct town_code order by town_code), []) from unit_towns_live),
        p_periods,
        false,
        p_whole
    )
    group by all
),

final as (
    select unit_towns_live.unit_code, unit_towns_live.town_code, spans.i as period_i,
        coalesce(town_flows_live.held, 0)::bigint as held
    from unit_towns_live
    cross join spans
    left join town_flows_live
        on town_flows_live.town_code = unit_towns_live.town_code
        and town_flows_live.period_i = spans.i
)

select * from final;

create or replace macro town_activity_sums(p_anchors, p_periods, p_rolled, p_whole) as table
select * from town_activity_sums_rolled(p_anchors, p_periods, p_rolled, p_whole) where p_rolled
union all
select * from town_activity_sums_live(p_anchors, p_periods, p_rolled, p_whole)
where not p_rolled;

-- The suggestion funnel of each unit's cohort in each period, per kind.
-- Grain: one row per (unit_code, period_i, kind) with suggestions.

create or replace macro suggestion_totals(p_flows) as table
select
    columns(lambda c: c in ('unit_code', 'unit_id')),
    period_i,
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
from query_table(p_flows)
group by all;

create or replace macro suggestion_sums_rolled(p_anchors, p_periods, p_rolled, p_whole) as table
with ids as materialized (
    select * from unit_ids(p_anchors)
),

flows as (
    select *
    from rolled_flows(
        'rollup_suggestion_years', 'rollup_suggestion_months', 'rollup_suggestion_days',
        'ids', p_periods, p_whole
    )
),

totals as (
    select * from suggestion_totals('flows')
)

select ids.unit_code, totals.* exclude (unit_id)
from totals
inner join ids using (unit_id);

create or replace macro suggestion_sums_live(p_anchors, p_periods, p_rolled, p_whole) as table
with spans as (
    select * from period_spans(p_periods)
),

flows as (
    select suggestion_flows.* exclude (on_date), spans.i as period_i
    from suggestion_flows(p_anchors) as suggestion_flows
    inner join spans on suggestion_flows.on_date between spans.from_on and spans.to_on
)

select * from suggestion_totals('flows');

create or replace macro suggestion_sums(p_anchors, p_periods, p_rolled, p_whole) as table
select * from suggestion_sums_rolled(p_anchors, p_periods, p_rolled, p_whole) where p_rolled
union all
select * from suggestion_sums_live(p_anchors, p_periods, p_rolled, p_whole) where not p_rolled;

-- Days to conclusion of each unit's concluded cohort in each period, per kind (a histogram).
-- Grain: one row per (unit_code, period_i, kind, days).

create or replace macro conclusion_totals(p_flows) as table
select columns(lambda c: c in ('unit_code', 'unit_id')), period_i, kind, days,
    sum(suggestions)::bigint as suggestions
from query_table(p_flows)
group by all;

create or replace macro conclusion_counts_rolled(p_anchors, p_periods, p_rolled, p_whole)
as table
with ids as materialized (
    select * from unit_ids(p_anchors)
),

flows as (
    select *
    from rolled_flows(
        'rollup_conclusion_years', 'rollup_conclusion_months', 'rollup_conclusion_days',
        'ids', p_periods, p_whole
    )
),

totals as (
    select * from conclusion_totals('flows')
)

select ids.unit_code, totals.* exclude (unit_id)
from totals
inner join ids using (unit_id);

create or replace macro conclusion_counts_live(p_anchors, p_periods, p_rolled, p_whole)
as table
with spans as (
    select * from period_spans(p_periods)
),

flows as (
    select suggestion_days.* exclude (on_date), spans.i as period_i
    from suggestion_days(p_anchors) as suggestion_days
    inner join spans on suggestion_days.on_date between spans.from_on and spans.to_on
)

select * from conclusion_totals('flows');

create or replace macro conclusion_counts(p_anchors, p_periods, p_rolled, p_whole) as table
select * from conclusion_counts_rolled(p_anchors, p_periods, p_rolled, p_whole) where p_rolled
union all
select * from conclusion_counts_live(p_anchors, p_periods, p_rolled, p_whole)
where not p_rolled;

-- Rooms opened and closed in each unit in each period, per year and type (a period from the
-- dawn gives every opening up to its last day).
-- Grain: one row per (unit_code, period_i, year, room_type).

create or replace macro room_event_totals(p_events) as table
select unit_code, period_i, year(on_date) as year, room_type,
    sum(opened)::bigint as opened, sum(closed)::bigint as closed
from query_table(p_events)
group by all;

create or replace macro room_event_years_rolled(p_anchors, p_periods, p_rolled, p_whole)
as table
with spans as (
    select * from period_spans(p_periods)
),

ids as materialized (
    select * from unit_ids(p_anchors)
),

-- The rollups' rows lose their dates: each grain is read apart to keep its year.
years as materialized (
    select * from rollup_room_event_years semi join ids using (unit_id)
),

months as materialized (
    select * from rollup_room_event_months semi join ids using (unit_id)
),

days as materialized (
    select *
    from rollup_room_event_days
    semi join ids using (unit_id)
    where not p_whole
),

events as (
    select ids.unit_code, spans.i as period_i, years.year_on as on_date, years.room_type,
        years.opened, years.closed
    from years
    inner join ids using (unit_id)
    inner join spans on years.year_on between spans.years_from and spans.years_to

    union all

    select ids.unit_code, spans.i, months.month_on, months.room_type, months.opened,
        months.closed
    from months
    inner join ids using (unit_id)
    inner join spans
        on months.month_on between spans.months_from and spans.months_to
        and not in_whole_year(months.month_on, spans.years_from, spans.years_to)

    union all

    select ids.unit_code, spans.i, days.on_date, days.room_type, days.opened, days.closed
    from days
    inner join ids using (unit_id)
    inner join spans
        on days.on_date between spans.from_on and spans.to_on
        and not in_whole_month(days.on_date, spans.months_from, spans.months_to)
)

select * from room_event_totals('events');

create or replace macro room_event_years_live(p_anchors, p_periods, p_rolled, p_whole)
as table
with spans as (
    select * from period_spans(p_periods)
),

events as (
    select room_events.unit_code, spans.i as period_i, room_events.on_date,
        room_events.room_type, room_events.opened, room_events.closed
    from room_events(p_anchors) as room_events
    inner join spans on room_events.on_date between spans.from_on and spans.to_on
)

select * from room_event_totals('events');

create or replace macro room_event_years(p_anchors, p_periods, p_rolled, p_whole) as table
select * from room_event_years_rolled(p_anchors, p_periods, p_rolled, p_whole) where p_rolled
union all
select * from room_event_years_live(p_anchors, p_periods, p_rolled, p_whole)
where not p_rolled;

-- Activities each member attended in each period, of the kinds p_kinds (null: every kind),
-- with the region of the committee the member sits on. The rollup holds every region, so
-- p_rolled only ever chooses between two readings of one definition (tests compare them).
-- Grain: one row per (region_code, member_id, period_i) with attendance.

create or replace macro attendance_totals(p_flows, p_periods, p_kinds) as table
with periods as (
    select unnest(p_periods, recursive := true)
)

select
    flows.region_code,
    flows.member_id,
    periods.i as period_i,
    sum(flows.attended)::bigint as attended
from query_table(p_flows) as flows
inner join periods on flows.on_date between periods.from_on and periods.to_on
where p_kinds is null or list_contains(p_kinds, flows.kind)
group by all;

create or replace macro attendance_sums_rolled(p_periods, p_rolled, p_kinds) as table
select * from attendance_totals('rollup_attendance', p_periods, p_kinds);

create or replace macro attendance_sums_live(p_periods, p_rolled, p_kinds) as table
with flows as (
    select * from attendance_flows()
)

select * from attendance_totals('flows', p_periods, p_kinds);

create or replace macro attendance_sums(p_periods, p_rolled, p_kinds) as table
select * from attendance_sums_rolled(p_periods, p_rolled, p_kinds) where p_rolled
union all
select * from attendance_sums_live(p_periods, p_rolled, p_kinds) where not p_rolled;
