-- Reading the definitions for a query: the stock and flow macros' output for the units (the
-- anchors) and periods asked, from the rollups when p_rolled (every unit is rolled up, see
-- setup/rollups.sql) or else computed from the rows by the very same macros.
-- p_periods is a list of structs {i, from_on, to_on}: one query answers several periods (the
-- period shown, 同比 and 环比) at once. Stocks are read on each period's last day; flows are
-- summed over its days.
-- Grain: stated for each macro below. Needs: setup/macros.sql, setup/stocks.sql,
-- setup/flows.sql. Params: none (macros).

-- Stock measures (p_measures) of each unit on each period's last day.
-- Grain: one row per (unit_code, period_i, measure, part) with a value.
create or replace macro stock_values(p_anchors, p_periods, p_rolled, p_measures) as table
with periods as (
    select unnest(p_periods, recursive := true)
),

units as (
    select unit_code from units(p_anchors)
),

rolled as (
    select rollup_stocks.unit_code, periods.i as period_i, rollup_stocks.measure,
        rollup_stocks.part, arg_max(rollup_stocks.value, rollup_stocks.on_date) as value
    from rollup_stocks
    inner join periods on rollup_stocks.on_date <= periods.to_on
    where p_rolled
        and list_contains(p_measures, rollup_stocks.measure)
        and rollup_stocks.unit_code in (select unit_code from units)
    group by all
),

unit_intervals as (
    select *
    from unit_stock_intervals(p_anchors)
    where not p_rolled and list_contains(p_measures, measure)
),

live_changes as (
    select unit_regions.unit_code, region_stock_changes.measure, region_stock_changes.part,
        region_stock_changes.on_date, region_stock_changes.change
    from region_stock_changes
    inner join unit_regions(p_anchors) as unit_regions using (region_code)
    where not p_rolled and list_contains(p_measures, region_stock_changes.measure)

    union all

    select scope_code, measure, part, on_date, change
    from interval_changes('unit_intervals')
),

live as (
    select live_changes.unit_code, periods.i as period_i, live_changes.measure,
        live_changes.part, sum(live_changes.change) as value
    from live_changes
    inner join periods on live_changes.on_date <= periods.to_on
    group by all
),

final as (
    select * from rolled
    union all
    select * from live
)

select * from final;

-- Activities of each unit in each period, per kind.
-- Grain: one row per (unit_code, period_i, kind) with activities.
create or replace macro activity_sums(p_anchors, p_periods, p_rolled) as table
with periods as (
    select unnest(p_periods, recursive := true)
),

flows as (
    select *
    from rollup_activity_flows
    where p_rolled and unit_code in (select unit_code from units(p_anchors))

    union all

    select *
    from activity_flows(p_anchors)
    where not p_rolled
),

final as (
    select
        flows.unit_code,
        periods.i as period_i,
        flows.kind,
        sum(flows.activities)::bigint as activities,
        sum(flows.public_participants)::bigint as public_participants,
        sum(flows.problems_solved)::bigint as problems_solved
    from flows
    inner join periods on flows.on_date between periods.from_on and periods.to_on
    group by all
)

select * from final;

-- The suggestion funnel of each unit's cohort in each period, per kind.
-- Grain: one row per (unit_code, period_i, kind) with suggestions.
create or replace macro suggestion_sums(p_anchors, p_periods, p_rolled) as table
with periods as (
    select unnest(p_periods, recursive := true)
),

flows as (
    select *
    from rollup_suggestion_flows
    where p_rolled and unit_code in (select unit_code from units(p_anchors))

    union all

    select *
    from suggestion_flows(p_anchors)
    where not p_rolled
),

final as (
    select
        flows.unit_code,
        periods.i as period_i,
        flows.kind,
        sum(flows.submitted)::bigint as submitted,
        sum(flows.filed)::bigint as filed,
        sum(flows.concluded)::bigint as concluded,
        sum(flows.adopted)::bigint as adopted,
        sum(flows.partially_adopted)::bigint as partially_adopted,
        sum(flows.not_adopted)::bigint as not_adopted,
        sum(flows.adopted_any)::bigint as adopted_any,
        sum(flows.rated)::bigint as rated,
        sum(flows.satisfied)::bigint as satisfied,
        sum(flows.answered_satisfied)::bigint as answered_satisfied,
        sum(flows.answered_basically_satisfied)::bigint as answered_basically_satisfied,
        sum(flows.answered_unsatisfied)::bigint as answered_unsatisfied,
        sum(flows.answered_none)::bigint as answered_none
    from flows
    inner join periods on flows.on_date between periods.from_on and periods.to_on
    group by all
)

select * from final;

-- Days to conclusion of each unit's concluded cohort in each period, per kind.
-- Grain: one row per (unit_code, period_i, kind, days).
create or replace macro suggestion_day_counts(p_anchors, p_periods, p_rolled) as table
with periods as (
    select unnest(p_periods, recursive := true)
),

flows as (
    select *
    from rollup_suggestion_days
    where p_rolled and unit_code in (select unit_code from units(p_anchors))

    union all

    select *
    from suggestion_days(p_anchors)
    where not p_rolled
),

final as (
    select
        flows.unit_code,
        periods.i as period_i,
        flows.kind,
        flows.days,
        sum(flows.suggestions)::bigint as suggestions
    from flows
    inner join periods on flows.on_date between periods.from_on and periods.to_on
    group by all
)

select * from final;

-- Rooms opened and closed in each unit up to each period's last day, per day and type.
-- Grain: one row per (unit_code, period_i, on_date, room_type).
create or replace macro room_event_days(p_anchors, p_periods, p_rolled) as table
with periods as (
    select unnest(p_periods, recursive := true)
),

events as (
    select *
    from rollup_room_events
    where p_rolled and unit_code in (select unit_code from units(p_anchors))

    union all

    select *
    from room_events(p_anchors)
    where not p_rolled
),

final as (
    select events.unit_code, periods.i as period_i, events.on_date, events.room_type,
        events.opened, events.closed
    from events
    inner join periods on events.on_date <= periods.to_on
)

select * from final;

-- Activities each member attended in each period, of the kinds p_kinds (null: every kind),
-- with the region of the committee the member sits on. The rollup holds every region, so
-- p_rolled only ever chooses between two readings of one definition (tests compare them).
-- Grain: one row per (region_code, member_id, period_i) with attendance.
create or replace macro attendance_sums(p_periods, p_rolled, p_kinds) as table
with periods as (
    select unnest(p_periods, recursive := true)
),

flows as (
    select *
    from rollup_attendance
    where p_rolled

    union all

    select *
    from attendance_flows()
    where not p_rolled
),

final as (
    select
        flows.region_code,
        flows.member_id,
        periods.i as period_i,
        sum(flows.attended)::bigint as attended
    from flows
    inner join periods on flows.on_date between periods.from_on and periods.to_on
    where p_kinds is null or list_contains(p_kinds, flows.kind)
    group by all
)

select * from final;
