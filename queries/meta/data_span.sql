-- The dates the export's flows cover: activities held and suggestions submitted.
-- Grain: one row. Params: none.
with

dates as (
    select held_on as on_date from activities
    union all
    select submitted_on from suggestions
),

final as (
    select min(on_date) as first_on, max(on_date) as last_on from dates
)

select * from final
