-- The flow KPIs' counting rules, each written once: what each activity, suggestion and room
-- opening adds to which measure on which day, per unit (the anchors, see setup/macros.sql:
-- unit_regions). A period's figure is the sum of its days; every path to a flow figure reads
-- these macros (the rolled-up tables are their output stored, see setup/rollups.sql).
-- Grain: stated for each macro below. Needs: setup/macros.sql. Params: none (macros).

-- Consultation activities held, per unit, day and kind of activity.
-- Grain: one row per (unit_code, on_date, kind) with activities.
create or replace macro activity_flows(p_anchors) as table
select
    unit_regions.unit_code,
    activities.held_on as on_date,
    activities.kind,
    count(*) as activities,
    sum(activities.public_participants) as public_participants,
    sum(activities.problems_solved) as problems_solved
from activities
inner join unit_regions(p_anchors) as unit_regions using (region_code)
group by all;

-- The suggestion funnel of the cohort submitted on each day: submitted, filed (立案), concluded
-- (办结), the outcome of concluded ones (采纳, 部分采纳, 未采纳, and 采纳或部分采纳 together),
-- satisfaction (rated: any answer; satisfied: 满意 or 基本满意) and the answers of concluded
-- ones, per unit, day of submission and kind of suggestion.
-- Grain: one row per (unit_code, on_date, kind) with suggestions.
create or replace macro suggestion_flows(p_anchors) as table
select
    unit_regions.unit_code,
    suggestions.submitted_on as on_date,
    suggestions.kind,
    count(*) as submitted,
    count(suggestions.filed_on) as filed,
    count(suggestions.concluded_on) as concluded,
    count(*) filter (where suggestions.outcome = 'adopted') as adopted,
    count(*) filter (where suggestions.outcome = 'partially_adopted') as partially_adopted,
    count(*) filter (where suggestions.outcome = 'not_adopted') as not_adopted,
    count(*) filter (where is_adopted(suggestions.outcome)) as adopted_any,
    count(suggestions.satisfaction) as rated,
    count(*) filter (where is_satisfied(suggestions.satisfaction)) as satisfied,
    count(*) filter (
        where suggestions.concluded_on is not null and suggestions.satisfaction = 'satisfied'
    ) as answered_satisfied,
    count(*) filter (
        where suggestions.concluded_on is not null
            and suggestions.satisfaction = 'basically_satisfied'
    ) as answered_basically_satisfied,
    count(*) filter (
        where suggestions.concluded_on is not null and suggestions.satisfaction = 'unsatisfied'
    ) as answered_unsatisfied,
    count(*) filter (
        where suggestions.concluded_on is not null and suggestions.satisfaction is null
    ) as answered_none
from suggestions
inner join unit_regions(p_anchors) as unit_regions using (region_code)
group by all;

-- Days from submission to conclusion of the concluded suggestions, as a histogram per unit,
-- day of submission and kind (the median is read from it: setup/macros.sql).
-- Grain: one row per (unit_code, on_date, kind, days).
create or replace macro suggestion_days(p_anchors) as table
select
    unit_regions.unit_code,
    suggestions.submitted_on as on_date,
    suggestions.kind,
    days_to_conclude(suggestions.submitted_on, suggestions.concluded_on) as days,
    count(*) as suggestions
from suggestions
inner join unit_regions(p_anchors) as unit_regions using (region_code)
where suggestions.concluded_on is not null
group by all;

-- Rooms opened and closed, per unit, day and room type.
-- Grain: one row per (unit_code, on_date, room_type) with an opening or a closing.
create or replace macro room_events(p_anchors) as table
with events as (
    select region_code, room_type, opened_on as on_date, 1 as opened, 0 as closed from rooms
    union all
    select region_code, room_type, closed_on, 0, 1 from rooms where closed_on is not null
)

select
    unit_regions.unit_code,
    events.on_date,
    events.room_type,
    sum(events.opened)::bigint as opened,
    sum(events.closed)::bigint as closed
from events
inner join unit_regions(p_anchors) as unit_regions using (region_code)
group by all;

-- Members' attendance at activities, per region of the committee each member sits on, member,
-- day and kind of activity: an attendance counts once per member and activity, on the day the
-- activity was held (a member listed twice for one activity attended it once). The activity
-- cadence of members ("每名委员每年至少参加2次活动") counts these.
-- Grain: one row per (region_code, member_id, on_date, kind) with attendance.
create or replace macro attendance_flows() as table
with attended as (
    select distinct activity_members.member_id, activity_members.activity_id
    from activity_members
)

select
    members.committee_region_code as region_code,
    attended.member_id,
    activities.held_on as on_date,
    activities.kind,
    count(*) as attended
from attended
inner join activities using (activity_id)
inner join members using (member_id)
group by all;
