"""建议采纳 Adoption: proposals and suggestions from submission to adoption."""

import streamlit as st

from xieshang.web import charts, frame, graphs, tables, tiles
from xieshang.web.router import view
from xieshang.web.tables import Col
from xieshang.web.text import md

v = view()
frame.header(v, "adoption")
# What the sections below show, asked for at once; the table of child regions with the
# region's figures.
(now, year_ago, before), satisfaction, monthly, by_kind = v.together(
    lambda: v.comparisons(("suggestions",), children=True),
    lambda: v.detail("satisfaction"),
    lambda: v.detail("suggestions_monthly"),
    v.suggestions_by_kind,
)
tiles.tiles(
    v,
    [
        ("suggestions", k)
        for k in (
            "submitted",
            "filing_rate",
            "conclusion_rate",
            "adoption_rate",
            "median_days_to_conclude",
            "satisfaction_rate",
        )
    ],
    now,
    year_ago,
    before,
)
if v.codebook_name:
    st.caption(md(v.t("codebook_line", name=v.codebook_name)))
funnel = now.suggestions
assert funnel is not None
if funnel["submitted"] == 0:
    frame.empty(v, "empty.no_suggestions")
    st.stop()

left, right = st.columns(2)
with left:
    graphs.suggestion_funnel(v, funnel, key="adoption_funnel")
    st.caption(v.t("adoption.funnel_note"))
with right:
    graphs.shares(
        v,
        satisfaction,
        "satisfaction",
        "suggestions",
        "satisfaction",
        "adoption.satisfaction",
        "adoption_satisfaction",
        "empty.no_suggestions",
        colours=charts.SATISFACTION_COLOURS,
    )

months = list(monthly["month_on"])
left, right = st.columns(2)
with left:
    graphs.chart(
        charts.bars(
            months,
            {
                v.t("kpi.suggestions.submitted"): list(monthly["submitted"]),
                v.t("kpi.suggestions.adopted_any"): list(monthly["adopted_any"]),
            },
            v.t("adoption.monthly"),
            months=v.lang,
        ),
        key="adoption_monthly",
    )
with right:
    target = v.target("suggestions.adoption_rate")
    graphs.chart(
        charts.lines(
            months,
            {
                v.t("kpi.suggestions.adoption_rate"): [
                    None if x != x else x for x in monthly["adoption_rate"]
                ]
            },
            v.t("adoption.monthly_rate"),
            True,
            target.value if target else None,
            v.t("target", value=f"{target.value:.0%}") if target else "",
            months=v.lang,
        ),
        key="adoption_rate_trend",
    )

st.subheader(v.t("adoption.by_kind"))
tables.table(
    v,
    by_kind,
    [Col("kind", "enum:suggestion_kind")]
    + [
        Col(
            k,
            "rate" if k.endswith("rate") else "count",
            f"kpi.suggestions.{k}",
            f"def.suggestions.{k}",
        )
        for k in (
            "submitted",
            "filed",
            "concluded",
            "filing_rate",
            "conclusion_rate",
            "adoption_rate",
            "satisfaction_rate",
        )
    ],
    key="adoption_kinds",
    contents="adoption_by_kind",
)

st.subheader(v.t("adoption.by_child"))
children = v.compare(blocks=("suggestions",))
if children.empty:
    frame.empty(v, "empty.no_children")
else:
    st.caption(v.t("control.drill_hint"))
    graphs.children_bars(
        v, children, "suggestions.adoption_rate", "adoption.by_child", "adoption_chart"
    )


def suggestion_list() -> None:
    outcomes = ("not_adopted", "pending", "partially_adopted", "adopted")
    outcome = st.selectbox(
        v.t("adoption.outcome_filter"),
        [None, *outcomes],
        key="adoption_outcome",
        format_func=lambda o: v.t("control.all") if o is None else v.t(f"outcome.{o}"),
    )
    rows = v.detail("suggestions", outcome=outcome)
    total = {
        None: funnel["submitted"],
        "not_adopted": funnel["not_adopted"],
        "adopted": funnel["adopted"],
        "partially_adopted": funnel["partially_adopted"],
        "pending": funnel["submitted"] - funnel["concluded"],
    }[outcome]
    tables.table(
        v,
        rows,
        [
            Col("suggestion_id"),
            Col("kind", "enum:suggestion_kind"),
            Col("region_name"),
            Col("submitted_on", "date"),
            Col("filed_on", "date"),
            Col("concluded_on", "date"),
            Col("outcome", "enum:outcome"),
            Col("satisfaction", "enum:satisfaction"),
        ],
        key="adoption_list",
        contents="suggestions",
        total=total,
        height=400,
    )


tables.rows_behind(
    v, v.t("adoption.list"), funnel["submitted"], suggestion_list, key="adoption_list_open"
)
