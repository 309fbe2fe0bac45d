"""区域比较 Regions: child regions ranked on every KPI, thirds marked, and compared over time."""

import streamlit as st

from xieshang import charts, metrics, ui
from xieshang.ui import Col

v = ui.view()
ui.header(v, "regions")
weights = ui.weights_editor(v)
ranking = v.compare(weights=weights)

st.subheader(v.t("regions.ranking"))
if ranking.empty:
    ui.empty(v, "empty.no_children")
    st.stop()
ranking["status"] = ui.missed_targets(v, ranking, v.child_level())
st.caption(v.t("control.drill_hint"))
rate_columns = [Col.kpi(kpi, "rate") for kpi in metrics.DEFAULT_WEIGHTS]
ui.drill_to(
    ui.table(
        v,
        ranking,
        [
            Col("rank", "count"),
            Col("name"),
            Col("tier", "enum:tier"),
            Col("score", "score", "col.score", "def.score"),
            *rate_columns,
            Col("status", "text", "col.status"),
            Col.kpi("activities.count", "count"),
            Col.kpi("suggestions.submitted", "count"),
        ],
        key="regions_ranking",
        filename="regions_ranking",
        drill=True,
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
    key="regions_compare",
)
kpi = right.selectbox(
    v.t("control.compare_kpi"),
    list(metrics.DEFAULT_WEIGHTS),
    format_func=lambda k: v.t(f"kpi.{k}"),
    key="regions_kpi",
)
if len(chosen) < 2:
    ui.empty(v, "empty.pick_two")
else:
    labels, series = ui.trend(v, chosen, kpi)
    target = v.target(kpi, level=v.child_level())
    ui.chart(
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
