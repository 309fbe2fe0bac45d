"""The shared controls in the sidebar (language, region, period, suggestion kind) and a page's
own filters and weights, each kept in the URL like the rest of the view."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import streamlit as st

from xieshang.contract.tables import SUGGESTION_KINDS
from xieshang.errors import UserError
from xieshang.i18n import t
from xieshang.kpis import metrics, periods
from xieshang.web import identity
from xieshang.web.text import md
from xieshang.web.url import go_to_region, set_url, sync
from xieshang.web.view import View, _levels, _region, _regions_at_level, default_period

# Levels whose full list is small enough to pick from anywhere; below them, the picker lists
# the regions inside the current county (a country has 600,000 villages).
_PICK_ANYWHERE = ("province", "city", "county")


def sidebar(v: View) -> None:
    with st.sidebar:
        sync("app_lang", v.lang)
        st.segmented_control(
            v.t("control.lang"),
            options=["zh", "en"],
            key="app_lang",
            format_func=lambda x: "中文" if x == "zh" else "English",
            on_change=lambda: set_url(lang="en" if st.session_state.app_lang == "en" else None),
        )
        _region_controls(v)
        _period_controls(v)
        sync("app_kind", v.scope.kind)
        st.selectbox(
            v.t("control.kind"),
            options=[None, *SUGGESTION_KINDS],
            key="app_kind",
            format_func=lambda k: v.t("control.all") if k is None else v.t(f"suggestion_kind.{k}"),
            on_change=lambda: set_url(kind=st.session_state.app_kind),
        )
        st.divider()
        _who(v)
        imported = v.snapshot.manifest.get("created_at", "")[:16].replace("T", " ")
        st.caption(md(v.t("snapshot_line", snapshot=v.snapshot.id, imported=imported)))
        if v.snapshot.is_demo:
            st.badge(f"{t('demo_badge', 'zh')} / {t('demo_badge', 'en')}", color="orange")


def _who(v: View) -> None:
    """Who is signed in, their role and scope, and (OIDC) a way to sign out."""
    if v.who is None or v.who.user is None:
        return
    user = v.who.user
    scope = (
        v.t("access.everything")
        if user.everywhere
        else "、".join(
            _region(v.snapshot.id, str(v.snapshot.path), r, v.lang).name
            for r in user.regions
            if _known(v, r)
        )
    )
    st.caption(md(f"{user.name} · {v.t(f'role.{user.role}')}"))
    st.caption(md(v.t("access.scope_line", regions=scope)))
    identity.sign_out_button(v.who, v.lang)


def _known(v: View, code: str) -> bool:
    try:
        _region(v.snapshot.id, str(v.snapshot.path), code, v.lang)
    except UserError:
        return False
    return True


def _region_controls(v: View) -> None:
    snapshot_id, path = v.snapshot.id, str(v.snapshot.path)
    levels = _levels(snapshot_id, path)
    grant = v.scope.grant
    if grant is not None and grant.restricted:
        # Only the levels of the user's scope and below: nothing above it can be picked.
        highest = min(
            (levels.index(level) for _c, _n, level in v.region.path if level in levels),
            default=0,
        )
        top = next((lv for _c, _n, lv in v.region.path if _c in (grant.roots or ())), None)
        if top in levels:
            highest = levels.index(top)
        levels = levels[highest:]
    if not levels:
        return
    level = v.region.level or levels[0]
    if st.session_state.get("_app_region_seen") != v.region.code:
        st.session_state["_app_region_seen"] = v.region.code
        sync("app_level", level)
    chosen_level = st.session_state.get("app_level", level)
    st.selectbox(
        v.t("control.level"),
        options=levels,
        key="app_level",
        format_func=lambda lv: v.t(f"level.{lv}"),
        on_change=lambda: st.session_state.update(app_region_pick=None),
    )
    chosen_level = st.session_state.get("app_level", chosen_level)
    within = None if chosen_level in _PICK_ANYWHERE else _county_or_above(v)
    options = _regions_at_level(snapshot_id, path, chosen_level, within, grant)
    # As Python lists first: iterating Arrow-backed columns element by element cost 16 ms for
    # the 2,700 counties of a national export, on every rerun.
    region_codes = options["region_code"].tolist()
    names = dict(zip(region_codes, options["name"].tolist(), strict=True))
    parents = dict(zip(region_codes, options["parent_name"].tolist(), strict=True))
    codes: list[str | None] = [None, *region_codes]
    if st.session_state.get("app_region_pick") not in codes:
        st.session_state["app_region_pick"] = None
    if v.region.code in names:
        sync("app_region_pick", v.region.code)

    def label(code: str | None) -> str:
        if code is None:
            return "—"
        parent = parents.get(code)
        return f"{names[code]}（{parent}）" if isinstance(parent, str) else names[code]

    st.selectbox(
        v.t("control.region_pick"),
        options=codes,
        key="app_region_pick",
        format_func=label,
        on_change=_picked,
    )


def _picked() -> None:
    """A region picked in the sidebar: go there (clearing the pick changes nothing)."""
    code = st.session_state.get("app_region_pick")
    if code:
        go_to_region(code)


def _county_or_above(v: View) -> str | None:
    """The current region, or its county when it is a town or village."""
    for code, _name, level in reversed(v.region.path):
        if level in _PICK_ANYWHERE:
            return code
    return v.region.code


def _period_controls(v: View) -> None:
    start, end = v.scope.date_from, v.scope.date_to
    first, last = v.span or (start, end)
    first, last = min(first, start), max(last, end)
    grain = periods.grain_of(start, end)
    if st.session_state.get("_app_period_seen") != (start, end):
        st.session_state["_app_period_seen"] = (start, end)
        sync("app_grain", grain)
        if grain != "custom":
            sync("app_period", (start, end))
        sync("app_range", (start, end))

    def on_grain() -> None:
        chosen: periods.Grain = st.session_state.app_grain or "year"
        if chosen == "custom":
            return
        new_start, new_end = latest_period(v, chosen)
        set_url(**{"from": new_start.isoformat(), "to": new_end.isoformat()})

    def on_period() -> None:
        new_start, new_end = st.session_state.app_period
        set_url(**{"from": new_start.isoformat(), "to": new_end.isoformat()})

    def on_range() -> None:
        picked = st.session_state.app_range
        if isinstance(picked, tuple | list) and len(picked) == 2:
            set_url(**{"from": picked[0].isoformat(), "to": picked[1].isoformat()})

    st.segmented_control(
        v.t("control.grain"),
        options=list(periods.GRAINS),
        key="app_grain",
        format_func=lambda g: v.t(f"grain.{g}"),
        on_change=on_grain,
    )
    if (st.session_state.get("app_grain") or grain) == "custom":
        st.date_input(
            v.t("control.custom_range"), key="app_range", on_change=on_range, format="YYYY-MM-DD"
        )
    else:
        chosen = st.session_state.get("app_grain") or grain
        options = periods.options(chosen, first, last)
        if st.session_state.get("app_period") not in options:
            st.session_state["app_period"] = options[0] if options else None
        st.selectbox(
            v.t("control.period_value"),
            options=options,
            key="app_period",
            format_func=lambda p: periods.label(p[0], p[1], v.lang),
            on_change=on_period,
        )


def latest_period(v: View, grain: periods.Grain) -> tuple[date, date]:
    """The period a grain opens on: for a year the one the app opens on; for a quarter or a
    month the latest holding data (not the one around the current period's end, which can be
    far before the data ends); without data, the one around the current period's end."""
    if grain == "year":
        return default_period(v.span)
    last = v.span[1] if v.span else v.scope.date_to
    return periods.options(grain, last, last)[0]


def url_choice(url_key: str, options: Sequence[str]) -> str | None:
    """The value of a page's filter (`page_filter`) as the URL gives it: one of `options`, or
    None (all). A page reads it before drawing the filter to ask for its data up front."""
    raw = st.query_params.get(url_key)
    return raw if raw in options else None


def page_filter(
    v: View,
    url_key: str,
    widget_key: str,
    label_key: str,
    options: Sequence[str],
    label_prefix: str,
) -> str | None:
    """A page's own filter (room type, committee level), kept in the URL like the others."""
    raw = st.query_params.get(url_key)
    value = url_choice(url_key, options)
    if raw is not None and value is None:
        set_url(**{url_key: None})
    sync(widget_key, value)
    st.selectbox(
        v.t(label_key),
        options=[None, *options],
        key=widget_key,
        format_func=lambda x: v.t("control.all") if x is None else v.t(f"{label_prefix}.{x}"),
        on_change=lambda: set_url(**{url_key: st.session_state[widget_key]}),
    )
    return value


def weights_editor(v: View) -> dict[str, float]:
    """The composite score's weights, visible and adjustable (0 leaves a rate out)."""
    weights: dict[str, float] = {}
    with st.expander(v.t("control.weights"), expanded=False):
        st.caption(v.t("regions.weights_note"))
        columns = st.columns(4)
        for i, (kpi, default) in enumerate(metrics.DEFAULT_WEIGHTS.items()):
            with columns[i % 4]:
                weights[kpi] = st.number_input(
                    v.t(f"kpi.{kpi}"),
                    min_value=0.0,
                    max_value=10.0,
                    value=default,
                    step=0.5,
                    key=f"regions_weight_{kpi.replace('.', '_')}",
                )
    return weights
