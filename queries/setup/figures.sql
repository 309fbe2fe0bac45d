-- Each KPI block's final step: from a block's counts to its figures and rates, written once
-- (xieshang.kpis.registry names every KPI and says which counts each rate divides). A unit
-- without counts gets zeros and null rates. Arguments are the names of the calling query's
-- relations (query_table).
-- Grain: one row per (unit_code, period_i), as the counts given. Needs: nothing.
-- Params: none (macros).

-- Member sinking: the share of active members posted to the grass roots. A macro of its own,
-- as members are also shown per committee level (kpis/members.sql: by_level).
create or replace macro sinking_rate(p_posted, p_active) as p_posted / nullif(p_active, 0);

create or replace macro rooms_kpis(p_counts) as table
select
    unit_code,
    period_i,
    active,
    towns,
    towns_covered,
    towns_covered / nullif(towns, 0) as town_coverage,
    villages,
    villages_covered,
    villages_covered / nullif(villages, 0) as village_coverage,
    assessed,
    standards_met,
    standards_met / nullif(assessed, 0) as standards_rate,
    with_member,
    with_member / nullif(active, 0) as with_member_rate
from query_table(p_counts);

create or replace macro members_kpis(p_counts) as table
select
    unit_code,
    period_i,
    active,
    posted,
    sinking_rate(posted, active) as sinking_rate,
    posted_here,
    villages_with_member,
    villages_with_member / nullif(villages, 0) as villages_with_member_rate
from query_table(p_counts);

create or replace macro activities_kpis(p_counts) as table
select
    unit_code,
    period_i,
    count,
    public_participants,
    problems_solved,
    towns_meeting_target,
    towns_meeting_target / nullif(towns, 0) as towns_meeting_target_rate,
    silent_towns
from query_table(p_counts);

create or replace macro suggestions_kpis(p_counts) as table
select
    unit_code,
    period_i,
    submitted,
    filed,
    concluded,
    adopted,
    partially_adopted,
    not_adopted,
    adopted_any,
    filed / nullif(submitted, 0) as filing_rate,
    concluded / nullif(filed, 0) as conclusion_rate,
    adopted_any / nullif(concluded, 0) as adoption_rate,
    median_days_to_conclude,
    satisfied / nullif(rated, 0) as satisfaction_rate
from query_table(p_counts);
