"""Streamlit glue shared by the pages.

The URL is the source of truth for what is shown (`region`, `from`, `to`, `kind`, `lang`):
`setup` reads and checks it, falls back with a message when a value is bad, draws the shared
controls and writes the canonical values back, so any view can be sent as a link. Widgets
change the URL through callbacks; the rerun then reads it like any other visit.

Cached functions take the snapshot id and path as arguments, so a new snapshot is a new key.
"""

from __future__ import annotations

import runpy
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from xieshang import charts, details, metrics, periods
from xieshang import export as exporting
from xieshang import format as fmt
from xieshang import targets as targeting
from xieshang.charts import PNG_CONFIG
from xieshang.contract import SUGGESTION_KINDS
from xieshang.errors import UserError
from xieshang.i18n import MESSAGES, Lang, normalize_lang, t
from xieshang.metrics import Region, Scope
from xieshang.paths import ROOT
from xieshang.store import Snapshot, Store

VIEW_KEY = "_xieshang_view"
URL_KEYS = ("region", "from", "to", "kind", "lang")
STATUS_MARKDOWN = {"met": ":green[{}]", "near": ":orange[{}]", "missed": ":red[{}]"}
# Levels whose full list is small enough to pick from anywhere; below them, the picker lists
# the regions inside the current county (a country has 600,000 villages).
_PICK_ANYWHERE = ("province", "city", "county")


# --------------------------------------------------------------------------- cached data


def _snapshot(snapshot_id: str, path: str) -> Snapshot:
    return Snapshot(snapshot_id, Path(path), {})


@st.cache_data(show_spinner=False, max_entries=2048)
def _kpis(
    snapshot_id: str,
    path: str,
    scope: Scope,
    lang: Lang,
    blocks: tuple[str, ...] | None,
    breakdowns: bool,
) -> dict:
    return metrics.kpis(_snapshot(snapshot_id, path), scope, lang, blocks, breakdowns)


@st.cache_data(show_spinner=False, max_entries=512)
def _compare(
    snapshot_id: str,
    path: str,
    scope: Scope,
    level: str | None,
    weights: tuple[tuple[str, float], ...] | None,
    blocks: tuple[str, ...] | None,
) -> pd.DataFrame:
    return metrics.compare(
        _snapshot(snapshot_id, path),
        scope,
        level=level,
        weights=dict(weights) if weights is not None else None,
        blocks=blocks,
    )


@st.cache_data(show_spinner=False, max_entries=2048)
def _detail(
    snapshot_id: str, path: str, name: str, scope: Scope, options: tuple[tuple[str, object], ...]
) -> pd.DataFrame:
    return getattr(details, name)(_snapshot(snapshot_id, path), scope, **dict(options))


@st.cache_data(show_spinner=False, max_entries=4096)
def _region(snapshot_id: str, path: str, code: str | None, lang: Lang) -> Region:
    return metrics.find_region(_snapshot(snapshot_id, path), code, lang)


@st.cache_data(show_spinner=False, max_entries=64)
def _span(snapshot_id: str, path: str) -> tuple[date, date] | None:
    return metrics.data_span(_snapshot(snapshot_id, path))


@st.cache_data(show_spinner=False, max_entries=512)
def _regions_at_level(snapshot_id: str, path: str, level: str, within: str | None) -> pd.DataFrame:
    return details.regions_at_level(_snapshot(snapshot_id, path), level, within)


@st.cache_data(show_spinner=False, max_entries=64)
def _levels(snapshot_id: str, path: str) -> list[str]:
    return details.levels(_snapshot(snapshot_id, path))


@st.cache_data(show_spinner=False, ttl=60)
def _targets(data_dir_marker: str) -> tuple[targeting.Target, ...]:
    return targeting.load()


# --------------------------------------------------------------------------- the view


@dataclass(frozen=True)
class View:
    """What every page shows: one snapshot, one region and period, in one language."""

    snapshot: Snapshot
    scope: Scope
    region: Region
    lang: Lang
    span: tuple[date, date] | None
    targets: tuple[targeting.Target, ...]
    notices: tuple[str, ...] = ()

    def t(self, key: str, /, **params: object) -> str:
        return t(key, self.lang, **params)

    def kpis(
        self,
        scope: Scope | None = None,
        blocks: tuple[str, ...] | None = None,
        breakdowns: bool = False,
    ) -> dict:
        """KPIs of this view (or `scope`); `blocks` limits them to the areas a page shows, and
        `breakdowns` adds members by committee level and activities by kind."""
        return _kpis(
            self.snapshot.id,
            str(self.snapshot.path),
            scope or self.scope,
            self.lang,
            blocks,
            breakdowns,
        )

    def compare(
        self,
        level: str | None = None,
        scope: Scope | None = None,
        weights: dict[str, float] | None = None,
        blocks: tuple[str, ...] | None = None,
    ) -> pd.DataFrame:
        frozen = tuple(sorted(weights.items())) if weights is not None else None
        return _compare(
            self.snapshot.id, str(self.snapshot.path), scope or self.scope, level, frozen, blocks
        )

    def detail(self, name: str, scope: Scope | None = None, **options: object) -> pd.DataFrame:
        return _detail(
            self.snapshot.id,
            str(self.snapshot.path),
            name,
            scope or self.scope,
            tuple(sorted(options.items())),
        )

    def find_region(self, code: str | None) -> Region:
        return _region(self.snapshot.id, str(self.snapshot.path), code, self.lang)

    def target(self, kpi: str, level: str | None = None) -> targeting.Target | None:
        level = level if level is not None else (self.region.level or "province")
        return targeting.find(
            self.targets, kpi, level=level, region=self.region.code, year=self.scope.date_to.year
        )

    @property
    def period_label(self) -> str:
        return periods.label(self.scope.date_from, self.scope.date_to, self.lang)

    def shifted(self, start: date, end: date) -> Scope:
        return Scope(start, end, self.scope.region, self.scope.kind, self.scope.activity_target)

    def child_level(self) -> str | None:
        levels = _levels(self.snapshot.id, str(self.snapshot.path))
        if self.region.level is None:
            return levels[0] if levels else None
        index = levels.index(self.region.level) if self.region.level in levels else -1
        return levels[index + 1] if 0 <= index < len(levels) - 1 else None


def url_lang() -> Lang:
    return normalize_lang(st.query_params.get("lang"))


PAGES = (
    ("overview", ":material/dashboard:"),
    ("rooms", ":material/meeting_room:"),
    ("members", ":material/groups:"),
    ("adoption", ":material/task_alt:"),
    ("regions", ":material/leaderboard:"),
    ("import", ":material/upload_file:"),
)
# Pages without the shared controls and chrome (the wall screen draws its own header).
CHROMELESS = ("screen",)
_ROUTED = "_xieshang_routed"


def route() -> None:
    """The app: page config, navigation across the top, shared controls, then the page."""
    lang = url_lang()
    st.set_page_config(page_title=t("app.title", lang), page_icon="🏛️", layout="wide")
    pages = [
        st.Page(
            f"pages/{name}.py",
            title=t(f"page.{name}", lang),
            icon=icon,
            # The default page is served at "/" but still reserves its own name, which the
            # hidden alias below needs: /overview must open the overview too.
            url_path="home" if name == "overview" else name,
            default=name == "overview",
        )
        for name, icon in PAGES
    ]
    pages.append(
        st.Page(_overview, title=t("page.overview", lang), url_path="overview", visibility="hidden")
    )
    pages.append(
        st.Page(
            "pages/screen.py",
            title=t("page.screen", lang),
            icon=":material/tv:",
            url_path="screen",
            visibility="hidden",
        )
    )
    page = st.navigation(pages, position="top")
    st.session_state[_ROUTED] = True
    try:
        setup(lang, chrome=page.url_path not in CHROMELESS)
        page.run()
    finally:
        st.session_state[_ROUTED] = False


def _overview() -> None:
    runpy.run_path(str(ROOT / "pages" / "overview.py"), run_name="__page__")


def view() -> View:
    """The view the router built for this run (pages call this first).

    With a `pages/` folder, Streamlit's legacy page discovery can run a page file directly
    (the first request after a start, and every AppTest rerun); such a page hands over to the
    router, which runs it properly, and stops the direct run.
    """
    if not st.session_state.get(_ROUTED):
        route()
        st.stop()
    return st.session_state[VIEW_KEY]


def setup(lang: Lang, chrome: bool = True) -> View:
    """Read the URL, draw the shared controls, write the canonical URL back.

    Without `chrome` (the wall screen) no controls are drawn and URL problems become notices
    the page shows its own way.
    """
    try:
        snapshot = Store().current()
    except UserError as exc:
        st.error(exc.message(lang))
        st.stop()
    span = _span(snapshot.id, str(snapshot.path))
    warnings: list[str] = []
    default_from, default_to = _default_period(span)
    start, end = default_from, default_to
    raw_from, raw_to = st.query_params.get("from"), st.query_params.get("to")
    try:
        start = metrics.parse_date(raw_from) if raw_from else default_from
        end = metrics.parse_date(raw_to) if raw_to else default_to
        if start > end:
            warnings.append(t("url.period_order", lang))
            start, end = default_from, default_to
    except UserError as exc:
        warnings.append(t("url.bad_date", lang, **exc.params))
        start, end = default_from, default_to
    code = (st.query_params.get("region") or "").strip() or None
    try:
        region = _region(snapshot.id, str(snapshot.path), code, lang)
    except metrics.UnknownRegion:
        warnings.append(t("url.bad_region", lang, code=code))
        code = None
        region = _region(snapshot.id, str(snapshot.path), None, lang)
    kind = st.query_params.get("kind") or None
    if kind is not None and kind not in SUGGESTION_KINDS:
        warnings.append(t("url.bad_kind", lang, value=kind))
        kind = None
    scope = Scope(start, end, code, kind)
    current = View(
        snapshot, scope, region, lang, span, _targets(str(Store().root)), tuple(warnings)
    )
    st.session_state[VIEW_KEY] = current
    _set_url(
        region=code,
        **{"from": start.isoformat(), "to": end.isoformat()},
        kind=kind,
        lang="en" if lang == "en" else None,
    )
    if chrome:
        _sidebar(current)
        for warning in warnings:
            st.warning(warning, icon=":material/warning:")
    return current


def _default_period(span: tuple[date, date] | None) -> tuple[date, date]:
    if span is None:
        year = date.today().year
        return date(year, 1, 1), date(year, 12, 31)
    first, last = span
    year = last.year if last == date(last.year, 12, 31) else last.year - 1
    year = max(year, first.year)
    return date(year, 1, 1), date(year, 12, 31)


def _set_url(**values: object) -> None:
    for key, value in values.items():
        if value is None or value == "":
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != str(value):
            st.query_params[key] = str(value)


def go_to_region(code: str | None) -> None:
    _set_url(region=code)


# --------------------------------------------------------------------------- shared controls


def _sync(key: str, value: object) -> None:
    """Show the URL's value in a widget (set before the widget is drawn)."""
    if st.session_state.get(key) != value:
        st.session_state[key] = value


def _sidebar(v: View) -> None:
    with st.sidebar:
        _sync("app_lang", v.lang)
        st.segmented_control(
            v.t("control.lang"),
            options=["zh", "en"],
            key="app_lang",
            format_func=lambda x: "中文" if x == "zh" else "English",
            on_change=lambda: _set_url(lang="en" if st.session_state.app_lang == "en" else None),
        )
        _region_controls(v)
        _period_controls(v)
        _sync("app_kind", v.scope.kind)
        st.selectbox(
            v.t("control.kind"),
            options=[None, *SUGGESTION_KINDS],
            key="app_kind",
            format_func=lambda k: v.t("control.all") if k is None else v.t(f"suggestion_kind.{k}"),
            on_change=lambda: _set_url(kind=st.session_state.app_kind),
        )
        st.divider()
        imported = v.snapshot.manifest.get("created_at", "")[:16].replace("T", " ")
        st.caption(v.t("snapshot_line", snapshot=v.snapshot.id, imported=imported))
        if v.snapshot.is_demo:
            st.badge(f"{t('demo_badge', 'zh')} / {t('demo_badge', 'en')}", color="orange")


def _region_controls(v: View) -> None:
    snapshot_id, path = v.snapshot.id, str(v.snapshot.path)
    levels = _levels(snapshot_id, path)
    if not levels:
        return
    level = v.region.level or levels[0]
    if st.session_state.get("_app_region_seen") != v.region.code:
        st.session_state["_app_region_seen"] = v.region.code
        _sync("app_level", level)
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
    options = _regions_at_level(snapshot_id, path, chosen_level, within)
    # As Python lists first: iterating Arrow-backed columns element by element cost 16 ms for
    # the 2,700 counties of a national export, on every rerun.
    region_codes = options["region_code"].tolist()
    names = dict(zip(region_codes, options["name"].tolist(), strict=True))
    parents = dict(zip(region_codes, options["parent_name"].tolist(), strict=True))
    codes: list[str | None] = [None, *region_codes]
    if st.session_state.get("app_region_pick") not in codes:
        st.session_state["app_region_pick"] = None
    if v.region.code in names:
        _sync("app_region_pick", v.region.code)

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
        on_change=lambda: (
            st.session_state.app_region_pick and go_to_region(st.session_state.app_region_pick)
        ),
    )


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
        _sync("app_grain", grain)
        if grain != "custom":
            _sync("app_period", (start, end))
        _sync("app_range", (start, end))

    def on_grain() -> None:
        chosen = st.session_state.app_grain or "year"
        if chosen == "custom":
            return
        candidates = periods.options(chosen, first, last)
        containing = [p for p in candidates if p[0] <= end <= p[1]]
        new_start, new_end = (containing or candidates)[0]
        _set_url(**{"from": new_start.isoformat(), "to": new_end.isoformat()})

    def on_period() -> None:
        new_start, new_end = st.session_state.app_period
        _set_url(**{"from": new_start.isoformat(), "to": new_end.isoformat()})

    def on_range() -> None:
        picked = st.session_state.app_range
        if isinstance(picked, tuple | list) and len(picked) == 2:
            _set_url(**{"from": picked[0].isoformat(), "to": picked[1].isoformat()})

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


# --------------------------------------------------------------------------- page frame


def header(v: View, page_key: str) -> None:
    """Title, where and when, the breadcrumb to go back up, and the data's provenance."""
    st.title(v.t(f"page.{page_key}"))
    kind = f" · {v.t(f'suggestion_kind.{v.scope.kind}')}" if v.scope.kind else ""
    st.caption(v.t("page.subtitle", region=v.region.name, period=v.period_label) + kind)
    crumbs: list[tuple[str | None, str]] = [(None, v.t("control.region_top"))]
    crumbs += [(code, name) for code, name, _level in v.region.path]
    with st.container(horizontal=True, gap="small"):
        for i, (code, name) in enumerate(crumbs):
            is_here = i == len(crumbs) - 1
            st.button(
                ("› " if i else "") + name,
                key=f"{page_key}_crumb_{i}",
                disabled=is_here,
                type="tertiary",
                on_click=go_to_region,
                args=(code,),
            )
    if v.snapshot.is_demo:
        st.info(v.t("demo_note"), icon=":material/info:")


def empty(v: View, reason_key: str) -> None:
    separator = "：" if v.lang == "zh" else ": "
    st.info(f"{v.t('no_data')}{separator}{v.t(reason_key)}", icon=":material/info:")


# --------------------------------------------------------------------------- figures


def value_text(key: str, value: float | None) -> str:
    return fmt.kpi(key, value)


def change_text(v: View, key: str, now: float | None, before: float | None) -> str | None:
    """A change the way officials read it: rates in percentage points, counts in percent."""
    if now is None or before is None:
        return None
    if fmt.is_rate(key):
        return f"{(now - before) * 100:+.1f} {v.t('points')}"
    if before == 0:
        return None
    return f"{(now - before) / before * 100:+.1f}%"


def status_text(v: View, status: str | None, target: targeting.Target | None) -> str:
    if status is None or target is None:
        return ""
    shown = fmt.kpi(target.kpi, target.value)
    return (
        STATUS_MARKDOWN[status].format(v.t(f"status.{status}")) + " " + v.t("target", value=shown)
    )


TILES_PER_ROW = 4


def tiles(
    v: View, items: Sequence[tuple[str, str]], now: dict, year_ago: dict, before: dict
) -> None:
    """KPI tiles: value, 同比 as the delta, then 环比 and the target status beneath."""
    for start in range(0, len(items), TILES_PER_ROW):
        row = items[start : start + TILES_PER_ROW]
        for column, (block, key) in zip(st.columns(TILES_PER_ROW), row, strict=False):
            with column:
                _tile(v, block, key, now, year_ago, before)


def _tile(v: View, block: str, key: str, now: dict, year_ago: dict, before: dict) -> None:
    value = now[block][key]
    target = v.target(f"{block}.{key}")
    status = target.status(value) if target else None
    yoy = change_text(v, key, value, year_ago[block][key])
    pop = change_text(v, key, value, before[block][key])
    unchanged = yoy is not None and yoy.lstrip("+-").startswith(("0.0 ", "0.0%"))
    colour = (
        "off"
        if unchanged
        else ("inverse" if target is not None and not target.higher_is_better else "normal")
    )
    help_text = v.t(f"def.{block}.{key}") if f"def.{block}.{key}" in MESSAGES else None
    if key == "adoption_rate" and codebook_name(v):
        help_text = f"{help_text}（{v.t('codebook_line', name=codebook_name(v))}）"
    st.metric(
        v.t(f"kpi.{block}.{key}"),
        value_text(key, value),
        # the sign leads: Streamlit picks the arrow from the delta's first character
        delta=f"{yoy} {v.t('yoy')}" if yoy else None,
        delta_color=colour,
        help=help_text,
        border=True,
    )
    line = f"{v.t('pop')} {pop}" if pop else f"{v.t('pop')} {v.t('change.none')}"
    extra = status_text(v, status, target)
    st.caption(line + (f" · {extra}" if extra else ""))


def chart(fig, key: str, drill: bool = False) -> str | None:
    """Show a figure (PNG download in its toolbar); with `drill`, return the region clicked."""
    if not drill:
        st.plotly_chart(fig, width="stretch", config=PNG_CONFIG, key=key)
        return None
    event = st.plotly_chart(
        fig, width="stretch", config=PNG_CONFIG, key=key, on_select="rerun", selection_mode="points"
    )
    for point in (event or {}).get("selection", {}).get("points", []):
        custom = point.get("customdata")
        if isinstance(custom, list):
            custom = custom[0] if custom else None
        if isinstance(custom, str):
            return custom
    return None


def drill_to(code: str | None) -> None:
    if code:
        go_to_region(code)
        st.rerun()


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class Col:
    """How a column is shown: its header key, and whether it is a rate, an enum, a flag."""

    name: str
    kind: str = "text"  # text | count | rate | date | flag | enum:<prefix> | score
    header: str | None = None
    help: str | None = None

    @classmethod
    def kpi(cls, name: str, kind: str) -> Col:
        """A KPI column (`block.key`): its catalogue label and its definition as help."""
        return cls(name, kind, f"kpi.{name}", f"def.{name}")


def display_frame(v: View, frame: pd.DataFrame, columns: Sequence[Col]) -> pd.DataFrame:
    """Values and headers as officials read them: Chinese labels, rates as percentages."""
    out = pd.DataFrame(index=frame.index)
    for col in columns:
        values = frame[col.name]
        header = _header(v, col)
        if col.kind == "rate":
            out[header] = (values.astype("float64") * 100).round(1)
        elif col.kind == "flag":
            out[header] = values.map(lambda x: v.t("yes") if bool(x) else v.t("no"))
        elif col.kind.startswith("enum:"):
            prefix = col.kind.split(":", 1)[1]
            out[header] = values.map(lambda x, p=prefix: _enum(v, p, x))
        elif col.kind == "date":
            out[header] = pd.to_datetime(values).dt.date
        else:
            out[header] = values
    return out


def _header(v: View, col: Col) -> str:
    base = v.t(col.header) if col.header else v.t(f"col.{col.name}")
    return f"{base}(%)" if col.kind == "rate" else base


def _enum(v: View, prefix: str, value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return v.t(f"{prefix}.none") if f"{prefix}.none" in MESSAGES else ""
    key = f"{prefix}.{value}"
    return v.t(key) if key in MESSAGES else str(value)


def table(
    v: View,
    frame: pd.DataFrame,
    columns: Sequence[Col],
    key: str,
    filename: str,
    drill: bool = False,
    total: int | None = None,
    height: int | str = "auto",
) -> str | None:
    """A table with CSV/XLSX downloads; with `drill`, clicking a row returns its region."""
    shown = display_frame(v, frame, columns)
    config: dict[str, object] = {}
    for col in columns:
        header = _header(v, col)
        help_text = v.t(col.help) if col.help in MESSAGES else None
        if col.kind == "rate":
            config[header] = st.column_config.ProgressColumn(
                header, min_value=0, max_value=100, format="%.1f%%", help=help_text
            )
        elif col.kind == "count":
            config[header] = st.column_config.NumberColumn(
                header, format="localized", help=help_text
            )
        elif col.kind == "score":
            config[header] = st.column_config.NumberColumn(header, format="%.1f", help=help_text)
        elif help_text:
            config[header] = st.column_config.Column(header, help=help_text)
    count = total if total is not None else len(frame)
    if count > len(frame):
        st.caption(v.t("rows_capped", count=f"{count:,}", shown=f"{len(frame):,}"))
    else:
        st.caption(v.t("rows_shown", count=f"{count:,}"))
    event = st.dataframe(
        shown,
        hide_index=True,
        column_config=config,
        width="stretch",
        height=height,
        key=f"{key}_{v.region.code}_{v.scope.date_from}_{v.scope.date_to}" if drill else key,
        on_select="rerun" if drill else "ignore",
        selection_mode="single-row" if drill else "multi-row",
    )
    # Files are built only when clicked (deferred data): an Excel file of 5,000 rows costs
    # about a second, far too much to pay on every rerun.
    with st.container(horizontal=True, gap="small"):
        st.download_button(
            v.t("download.csv"),
            lambda: exporting.to_csv(shown),
            f"{filename}.csv",
            "text/csv",
            key=f"{key}_csv",
            icon=":material/download:",
        )
        st.download_button(
            v.t("download.xlsx"),
            lambda: exporting.to_xlsx(shown, filename),
            f"{filename}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"{key}_xlsx",
            icon=":material/download:",
        )
    if drill and event and event.selection.rows:
        return str(frame.iloc[event.selection.rows[0]]["region_code"])
    return None


def rows_behind(
    v: View, label: str, count: int | None, render: Callable[[], None], key: str
) -> None:
    """A count that opens onto the rows behind it (`count` None: not known until opened).

    The rows are queried only when opened: at national scale a list can run to hundreds of
    thousands of rows, which no page should compute or send unasked.
    """
    title = label if count is None else f"{label}（{count:,}）"
    with st.expander(title, key=key, on_change="rerun") as box:
        if box.open:
            render()


def total_rows(frame: pd.DataFrame) -> int:
    """How many rows a capped list holds in all (its total_rows column; see queries/)."""
    return int(frame["total_rows"].iat[0]) if len(frame) else 0


def link(v: View, page: str, label: str, icon: str | None = None) -> None:
    """A link to another page that keeps the region, period, kind and language."""
    keep = {k: st.query_params[k] for k in URL_KEYS if k in st.query_params}
    st.page_link(f"pages/{page}.py", label=label, icon=icon, query_params=keep)


def comparisons(
    v: View, blocks: tuple[str, ...] | None = None, breakdowns: bool = False
) -> tuple[dict, dict, dict]:
    """This period's KPIs (with `breakdowns` if asked), the same period a year earlier (同比)
    and the one before (环比)."""
    start, end = v.scope.date_from, v.scope.date_to
    return (
        v.kpis(blocks=blocks, breakdowns=breakdowns),
        v.kpis(v.shifted(*periods.year_earlier(start, end)), blocks),
        v.kpis(v.shifted(*periods.previous(start, end)), blocks),
    )


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
    value = raw if raw in options else None
    if raw is not None and value is None:
        _set_url(**{url_key: None})
    _sync(widget_key, value)
    st.selectbox(
        v.t(label_key),
        options=[None, *options],
        key=widget_key,
        format_func=lambda x: v.t("control.all") if x is None else v.t(f"{label_prefix}.{x}"),
        on_change=lambda: _set_url(**{url_key: st.session_state[widget_key]}),
    )
    return value


def suggestions_by_kind(v: View) -> pd.DataFrame:
    """The suggestion KPIs once per kind (the same SQL as the tiles, with the kind filter)."""
    rows = []
    for kind in SUGGESTION_KINDS:
        scope = Scope(
            v.scope.date_from, v.scope.date_to, v.scope.region, kind, v.scope.activity_target
        )
        rows.append({"kind": kind, **v.kpis(scope, ("suggestions",))["suggestions"]})
    return pd.DataFrame(rows)


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


def missed_targets(v: View, frame: pd.DataFrame, level: str | None) -> list[str]:
    """For each row, the targets it misses, as '✖ 采纳率、…' (symbol and words, not colour)."""
    out = []
    for _, row in frame.iterrows():
        missed = []
        for kpi in metrics.DEFAULT_WEIGHTS:
            target = targeting.find(
                v.targets, kpi, level=level, region=row["region_code"], year=v.scope.date_to.year
            )
            value = row.get(kpi)
            if (
                target
                and value == value
                and value is not None
                and (target.status(float(value)) == "missed")
            ):
                missed.append(v.t(f"kpi.{kpi}"))
        out.append(("✖ " + "、".join(missed)) if missed else v.t("status.met"))
    return out


def trend(v: View, codes: Sequence[str], kpi: str) -> tuple[list[str], dict[str, list]]:
    """A KPI per quarter for chosen child regions: the same SQL as everywhere, per quarter."""
    first, last = v.span or (v.scope.date_from, v.scope.date_to)
    quarters = periods.options("quarter", first, last)[::-1]
    block = kpi.split(".", 1)[0]
    series: dict[str, list] = {}
    labels = []
    for start, end in quarters:
        labels.append(periods.label(start, end, v.lang))
        frame = v.compare(scope=v.shifted(start, end), blocks=(block,)).set_index("region_code")
        for code in codes:
            name = frame.at[code, "name"] if code in frame.index else code
            value = frame.at[code, kpi] if code in frame.index else None
            series.setdefault(name, []).append(None if value != value else value)
    return labels, series


def codebook_name(v: View) -> str | None:
    """The outcome codebook that turned this snapshot's answers into outcomes, if one did."""
    return (v.snapshot.manifest.get("codebook") or {}).get("name")


def rate_bars(
    v: View,
    names: Sequence[str],
    values: Sequence[float | None],
    codes: Sequence[str],
    kpi: str,
    title_key: str,
    key: str,
    level: str | None = None,
    drill: bool = False,
) -> None:
    """One rate per region (or level) as bars, with its target line and status; clicking a
    bar drills into that region when `drill`."""
    values = [None if x is None or x != x else float(x) for x in values]
    target = v.target(kpi, level=level)
    figure = charts.bar_by_region(
        names,
        values,
        codes,
        v.t(title_key),
        v.t(f"kpi.{kpi}"),
        True,
        target.value if target else None,
        [target.status(x) if target else None for x in values],
        v.t("target", value=fmt.percent(target.value, 0)) if target else "",
    )
    clicked = chart(figure, key=key, drill=drill)
    if drill:
        drill_to(clicked)


def children_bars(v: View, children: pd.DataFrame, kpi: str, title_key: str, key: str) -> None:
    """The children of the region on one rate, clickable to drill down."""
    rate_bars(
        v,
        children["name"],
        list(children[kpi]),
        children["region_code"],
        kpi,
        title_key,
        key,
        level=v.child_level(),
        drill=True,
    )


def shares(
    v: View,
    frame: pd.DataFrame,
    label: str,
    value: str,
    label_prefix: str,
    title_key: str,
    key: str,
    empty_key: str,
) -> None:
    """Parts of a whole as a donut (room types, posting modes …), or why there is none."""
    if frame.empty:
        empty(v, empty_key)
        return
    labels = [v.t(f"{label_prefix}.{x}") for x in frame[label]]
    chart(charts.donut(labels, list(frame[value]), v.t(title_key)), key=key)
