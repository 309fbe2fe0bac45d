"""区域比较 Regions: child regions ranked on every KPI, thirds marked, and compared over time."""

import streamlit as st

from xieshang.kpis import metrics
from xieshang.web import charts, controls, frame, graphs, tables
from xieshang.web.router import view
from xieshang.web.tables import Col

v = view()
frame.header(v, "regions")
weights = controls.weights_editor(v)
# The trend at the bottom reads every child region for the KPI chosen there (the first
# until one is chosen): asked beside the ranking rather than after it.
trend_kpi = st.session_state.get("regions_kpi")
if trend_kpi not in metrics.DEFAULT_WEIGHTS:
    trend_kpi = next(iter(metrics.DEFAULT_WEIGHTS))
ranking, _ = v.together(lambda: v.compare(weights=weights), lambda: v.trend((), trend_kpi))

st.subheader(v.t("regions.ranking"))
if ranking.empty:
    frame.empty(v, "empty.no_children")
    st.stop()
ranking["status"], ranking["missed"] = v.missed_targets(ranking, v.child_level())
st.caption(v.t("control.drill_hint"))
# Eight rates beside the ranking would run past the screen: the ranking, then the rates; the
# files of either table hold every column.
ranked = [
    Col("rank", "count"),
    Col("name"),
    Col("tier", "enum:tier"),
    Col("score", "score", "col.score", "def.score"),
    Col("status", "text", "col.status"),
    Col.kpi("activities.count", "count"),
    Col.kpi("suggestions.submitted", "count"),
]
rates = [Col.kpi(kpi, "rate", short=True) for kpi in metrics.DEFAULT_WEIGHTS]
every = [*ranked[:5], Col("missed", "text", "col.missed"), *rates, *ranked[5:]]
graphs.drill_to(
    tables.table(
        v,
        ranking,
        ranked,
        key="regions_ranking",
        contents="regions_ranking",
        drill=True,
        file_columns=every,
    )
)
st.subheader(v.t("regions.rates"))
graphs.drill_to(
    tables.table(
        v,
        ranking,
        [Col("name"), *rates],
        key="regions_rates",
        contents="regions_ranking",
        drill=True,
        file_columns=every,
    )
)

st.subheader(v.t("regions.trend"))
names = dict(zip(ranking["region_code"], ranking["name"], strict=True))
default = (
    [ranking["region_code"].iloc[0], ranking["region_code"].iloc[-1]] if len(ranking) > 1 else []
)
left, right = st.columns([2, 1])
chosen = left.multiselect(
    v.t("control.compare_regions"),
    list(names),
    default=default,
    format_func=names.get,
    placeholder=v.t("control.choose"),
    key="regions_compare",
)
kpi = right.selectbox(
    v.t("control.compare_kpi"),
    list(metrics.DEFAULT_WEIGHTS),
    format_func=lambda k: v.t(f"kpi.{k}"),
    key="regions_kpi",
)
if len(chosen) < 2:
    frame.empty(v, "empty.pick_two")
else:
    labels, series = v.trend(chosen, kpi)
    target = v.target(kpi, level=v.child_level())
    graphs.chart(
        charts.lines(
            labels,
            series,
            v.t("regions.trend") + " · " + v.t(f"kpi.{kpi}"),
            True,
            target.value if target else None,
            v.t("target", value=f"{target.value:.0%}") if target else "",
        ),
        key="regions_trend",
    )
