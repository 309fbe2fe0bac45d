-- Room coverage, "六有" standards and member presence, as of $to.
-- Grain: one row per unit (see setup/macros.sql).
-- Params: $anchors (the units, see setup/macros.sql), $to.
with

units as (
    select unit_code from units($anchors)
),

unit_regions as (
    select unit_code, region_code from unit_regions($anchors)
),

-- Only the units' own rooms, and the postings to them.
active_rooms as (
    select active_rooms.room_id, active_rooms.region_code
    from active_rooms($to) as active_rooms
    semi join unit_regions using (region_code)
),

active_postings as (
    select active_postings.room_id
    from active_postings($to) as active_postings
    semi join active_rooms using (room_id)
),

room_standards as (
    select room_id, is_standard_met from room_standards($to, $anchors)
),

room_facts as (
    select
        unit_regions.unit_code,
        room_standards.room_id is not null as is_assessed,
        coalesce(room_standards.is_standard_met, false) as is_standard_met,
        active_rooms.room_id in (select room_id from active_postings) as has_member
    from active_rooms
    inner join unit_regions using (region_code)
    left join room_standards using (room_id)
),

room_counts as (
    select
        unit_code,
        count(*) as active,
        count(*) filter (where is_assessed) as assessed,
        count(*) filter (where is_standard_met) as standards_met,
        count(*) filter (where has_member) as with_member
    from room_facts
    group by unit_code
),

-- Only rooms inside the units can cover a town or village of theirs.
covered_regions as (
    select distinct active_rooms.region_code
    from active_rooms
    inner join unit_regions using (region_code)
),

area_counts as (
    select
        unit_regions.unit_code,
        count(*) filter (where regions.level = 'town') as towns,
        count(*) filter (
            where regions.level = 'town' and covered_regions.region_code is not null
        ) as towns_covered,
        count(*) filter (where regions.level = 'village') as villages,
        count(*) filter (
            where regions.level = 'village' and covered_regions.region_code is not null
        ) as villages_covered
    from unit_regions
    inner join regions using (region_code)
    left join covered_regions using (region_code)
    group by unit_regions.unit_code
),

counts as (
    select
        units.unit_code,
        coalesce(room_counts.active, 0) as active,
        coalesce(area_counts.towns, 0) as towns,
        coalesce(area_counts.towns_covered, 0) as towns_covered,
        coalesce(area_counts.villages, 0) as villages,
        coalesce(area_counts.villages_covered, 0) as villages_covered,
        coalesce(room_counts.assessed, 0) as assessed,
        coalesce(room_counts.standards_met, 0) as standards_met,
        coalesce(room_counts.with_member, 0) as with_member
    from units
    left join room_counts using (unit_code)
    left join area_counts using (unit_code)
),

final as (
    select * from rooms_kpis('units', 'counts')
)

select * from final
