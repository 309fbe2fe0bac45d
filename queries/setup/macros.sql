-- Shared macros: the units of a query, the predicates every definition uses, and the generic
-- steps from intervals and events to counts. No KPI's counting rule is here: those are in
-- setup/stocks.sql and setup/flows.sql, written once each.
-- Grain: stated for each macro below. Params: none (macro arguments only). Created in every
-- connection (macros are not stored).

-- The units of a KPI query and the regions inside each: the one definition of Sub(R).
-- unit_regions(anchors) returns (unit_code, region_code): one row per unit and region of that
-- unit's subtree, where the units are the `anchors` (a list of region codes: the region itself,
-- its children, or the regions at a level, resolved once by xieshang.kpis). A null list
-- means everything, as one unit with unit_code ''.
-- units(anchors) returns one row per unit, including the '' unit for everything.
-- Grain: unit_regions, one row per (unit_code, region_code); units, one row per unit_code.
create or replace macro unit_regions(p_anchors) as table
select region_closure.ancestor_code as unit_code, region_closure.region_code
from region_closure
-- A join, not list_contains: the rollups' build passes tens of thousands of units.
semi join (select unnest(p_anchors) as unit_code) as anchors
    on anchors.unit_code = region_closure.ancestor_code

union all

select '' as unit_code, region_code
from regions
where p_anchors is null;

create or replace macro units(p_anchors) as table
select unnest(p_anchors) as unit_code

union all

select '' as unit_code
where p_anchors is null;

-- A period's whole months: the first day of its first whole month, and the first day of its
-- last whole month (the first may come after the last: then it has none).
create or replace macro whole_months_from(p_from) as
    case when day(p_from) = 1 then p_from
        else (date_trunc('month', p_from) + interval 1 month)::date end;

create or replace macro whole_months_to(p_to) as
    case when p_to = last_day(p_to) then date_trunc('month', p_to)::date
        else (date_trunc('month', p_to) - interval 1 month)::date end;

-- A period's whole years, likewise (1 January of its first and of its last whole year).
create or replace macro whole_years_from(p_from) as
    case when month(p_from) = 1 and day(p_from) = 1 then p_from
        else make_date(year(p_from) + 1, 1, 1) end;

create or replace macro whole_years_to(p_to) as
    case when month(p_to) = 12 and day(p_to) = 31 then make_date(year(p_to), 1, 1)
        else make_date(year(p_to) - 1, 1, 1) end;

-- Whether something that started on p_start and stopped on p_stop (null: still going) is
-- active on p_at: started on or before it and not stopped by then. In intervals: active on
-- the days [p_start, p_stop).
create or replace macro is_active(p_start, p_stop, p_at) as
    p_start <= p_at and (p_stop is null or p_stop > p_at);

-- Whether a satisfaction answer counts as satisfied (满意 / 基本满意).
create or replace macro is_satisfied(p_satisfaction) as
    p_satisfaction in ('satisfied', 'basically_satisfied');

-- Whether an outcome counts as adopted (采纳 or 部分采纳: "采纳或部分采纳").
create or replace macro is_adopted(p_outcome) as
    p_outcome in ('adopted', 'partially_adopted');

-- Days from a suggestion's submission to its conclusion (null while not concluded).
create or replace macro days_to_conclude(p_submitted_on, p_concluded_on) as
    date_diff('day', p_submitted_on, p_concluded_on);

-- The first day anything can be active: intervals with no start (a region counted as a
-- denominator) start here.
create or replace macro dawn() as date '0001-01-01';

-- How many distinct keys are active, as changes: from intervals (scope_code, measure, part,
-- key, valid_from, valid_to) — the key active on [valid_from, valid_to), valid_to null for
-- still active — to the days on which the number of distinct keys active in each (scope_code,
-- measure, part) changes, and by how much. A key counts once however many of its intervals
-- overlap; the value on a day is the sum of the changes up to it.
-- Each (scope, measure, part, key)'s events are summed per day first, so the order of the
-- running sums is total (no ties between rows to order arbitrarily).
-- Grain: one row per (scope_code, measure, part, on_date) with a change.
create or replace macro interval_changes(p_intervals) as table
with events as (
    select scope_code, measure, part, key, valid_from as on_date, 1 as change
    from query_table(p_intervals)

    union all

    select scope_code, measure, part, key, valid_to as on_date, -1 as change
    from query_table(p_intervals)
    where valid_to is not null
),

per_key as (
    select scope_code, measure, part, key, on_date, sum(change) as change
    from events
    group by all
),

covering as (
    select
        scope_code,
        measure,
        part,
        on_date,
        change,
        sum(change) over (
            partition by scope_code, measure, part, key
            order by on_date
            rows unbounded preceding
        ) as intervals
    from per_key
),

-- +1 where a key becomes active, -1 where it stops being active, 0 otherwise.
flips as (
    select
        scope_code,
        measure,
        part,
        on_date,
        (intervals > 0)::integer - (intervals - change > 0)::integer as flip
    from covering
),

final as (
    select scope_code, measure, part, on_date, sum(flip)::bigint as change
    from flips
    group by all
    having sum(flip) <> 0
)

select * from final;

-- The same changes for intervals known never to overlap for one key (a room's segments, a
-- member's segments, a single posting): +1 where each starts, -1 where it ends. Cheaper than
-- interval_changes (no running count per key); the property tests hold the two equal.
-- Grain: one row per (scope_code, measure, part, on_date) with a change.
create or replace macro disjoint_changes(p_intervals) as table
with events as (
    select scope_code, measure, part, valid_from as on_date, 1 as change
    from query_table(p_intervals)

    union all

    select scope_code, measure, part, valid_to as on_date, -1 as change
    from query_table(p_intervals)
    where valid_to is not null
),

final as (
    select scope_code, measure, part, on_date, sum(change)::bigint as change
    from events
    group by all
    having sum(change) <> 0
)

select * from final;

-- Overlapping or touching intervals of each key merged: (key, start_on, end_on) with end_on
-- null for still going, to one row per maximal interval.
-- Grain: one row per (key, merged interval).
create or replace macro merge_intervals(p_runs) as table
with runs as (
    -- Each key is its own scope: its count of distinct active keys is 1 inside a merged
    -- interval and 0 outside, so its changes are the merged intervals' ends.
    select key as scope_code, '' as measure, '' as part, key, start_on as valid_from,
        end_on as valid_to
    from query_table(p_runs)
),

changes as (
    select scope_code as key, on_date, change from interval_changes('runs')
),

starts as (
    select key, on_date, row_number() over (partition by key order by on_date) as n
    from changes
    where change > 0
),

ends as (
    select key, on_date, row_number() over (partition by key order by on_date) as n
    from changes
    where change < 0
),

final as (
    select starts.key, starts.on_date as start_on, ends.on_date as end_on
    from starts
    left join ends using (key, n)
)

select * from final;

-- The median of a histogram (unit_code, period_i, days, suggestions): the middle value, or
-- the mean of the two middle values when the count is even, as median() does on the rows.
-- Grain: one row per (unit_code, period_i) with at least one value.
create or replace macro histogram_median(p_histogram) as table
with counted as (
    select unit_code, period_i, days, sum(suggestions) as suggestions
    from query_table(p_histogram)
    group by all
),

running as (
    select
        unit_code,
        period_i,
        days,
        sum(suggestions) over (partition by unit_code, period_i order by days) as up_to,
        sum(suggestions) over (partition by unit_code, period_i) as total
    from counted
),

final as (
    select
        unit_code,
        period_i,
        (min(days) filter (where up_to > (total - 1) // 2)
            + min(days) filter (where up_to > total // 2)) / 2 as median_days
    from running
    group by all
)

select * from final;
