-- The stock KPIs' counting rules, each written once: which keys count for which measure on
-- which days. A stock measure's value for a unit on a day is the number of distinct keys active
-- that day (setup/macros.sql: interval_changes); every path to a stock figure reads these
-- macros (xieshang/engine: the rolled-up tables are their output stored, see setup/rollups.sql).
-- Measures are named like the KPIs they feed (block.key); `part` breaks a measure down
-- (a room type, a criterion, a committee level, a posting mode), '' for none.
-- Grain: stated for each macro below. Needs: setup/facts.sql, setup/macros.sql.
-- Params: none (macros).

-- Measures whose keys each belong to one region: counted per region, and a unit's count is the
-- sum of its regions' (a room, a member's committee, a posting, a town or village, each lies in
-- exactly one region). Here each key's intervals never overlap (a room's or a member's
-- segments, one posting, one area): see region_area_intervals for keys that may.
-- Grain: one row per (scope_code = region_code, measure, part, key, interval).
create or replace macro region_stock_intervals() as table
with areas as (
    select region_code, level from regions where level in ('town', 'village')
),

final as (
    -- Rooms active (在用议事室).
    select region_code as scope_code, 'rooms.active' as measure, '' as part,
        room_id as key, valid_from, valid_to
    from room_segments

    -- Active rooms whose latest assessment exists / met every criterion (“六有”达标).
    union all
    select region_code, 'rooms.assessed', '', room_id, valid_from, valid_to
    from room_segments where is_assessed

    union all
    select region_code, 'rooms.standards_met', '', room_id, valid_from, valid_to
    from room_segments where is_standard_met

    -- Active rooms with a member's posting to them active (有委员的议事室).
    union all
    select region_code, 'rooms.with_member', '', room_id, valid_from, valid_to
    from room_segments where has_member

    -- Active rooms by type.
    union all
    select region_code, 'rooms.by_type', room_type, room_id, valid_from, valid_to
    from room_segments

    -- Each criterion of the active rooms' latest assessments: assessed, and failed.
    union all
    select region_code, 'rooms.criterion_assessed', unnest(criteria), room_id, valid_from,
        valid_to
    from room_segments where is_assessed

    union all
    select region_code, 'rooms.criterion_failed', unnest(failed), room_id, valid_from, valid_to
    from room_segments where is_assessed

    -- Towns and villages in all (the coverage denominators), for every day.
    union all
    select region_code, 'areas.towns', '', region_code, dawn(), null::date
    from areas where level = 'town'

    union all
    select region_code, 'areas.villages', '', region_code, dawn(), null::date
    from areas where level = 'village'

    -- Active members of the unit's committees (by the committee they sit on), and those
    -- holding an active posting anywhere (下沉), in all and per committee level.
    union all
    select committee_region_code, 'members.active', '', member_id, valid_from, valid_to
    from member_segments

    union all
    select committee_region_code, 'members.posted', '', member_id, valid_from, valid_to
    from member_segments where is_posted

    union all
    select committee_region_code, 'members.active_by_level', committee_level, member_id,
        valid_from, valid_to
    from member_segments

    union all
    select committee_region_code, 'members.posted_by_level', committee_level, member_id,
        valid_from, valid_to
    from member_segments where is_posted

    -- Active postings into the unit per mode (固定 / 流动).
    union all
    select region_code, 'members.postings_by_mode', mode, posting_n::varchar, valid_from,
        valid_to
    from posting_facts
)

select * from final;

-- Region-local measures whose key, an area, can be covered by several intervals at once (two
-- rooms in one village, three members posted to it): each area counts once.
-- Grain: one row per (scope_code = region_code, measure, part, key, interval).
create or replace macro region_area_intervals() as table
with final as (
    -- Towns and villages with an active room of their own (covered).
    select room_segments.region_code as scope_code,
        case regions.level when 'town' then 'rooms.towns_covered'
            else 'rooms.villages_covered' end as measure,
        '' as part, room_segments.region_code as key, room_segments.valid_from,
        room_segments.valid_to
    from room_segments
    inner join regions using (region_code)
    where regions.level in ('town', 'village')

    -- Villages with a member's posting to them active (村（社区）有委员).
    union all
    select region_code, 'members.villages_with_member', '', region_code, valid_from, valid_to
    from posting_facts where region_level = 'village'
)

select * from final;

-- Measures whose keys can lie in several regions of one unit: counted per unit. A member
-- posted to two villages of one county counts once for the county.
-- Grain: one row per (scope_code = unit_code, measure, part, key, interval).
create or replace macro unit_stock_intervals(p_anchors) as table
with postings_here as (
    select unit_regions.unit_code, posting_facts.*
    from posting_facts
    inner join unit_regions(p_anchors) as unit_regions using (region_code)
),

final as (
    -- Members with an active posting into the unit, whatever committee they sit on.
    select unit_code as scope_code, 'members.posted_here' as measure, '' as part,
        member_id as key, valid_from, valid_to
    from postings_here

    -- The members holding the unit's active postings of each mode.
    union all
    select unit_code, 'members.posted_by_mode', mode, member_id, valid_from, valid_to
    from postings_here
)

select * from final;
