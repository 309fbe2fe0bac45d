"""The pen a brief's sections write with: figures worded from the facts (each a `Fig` holding
its source), changes on a year earlier, the region's own word for itself (全省, 全区), and the
numbering of headings, tables and charts."""

from __future__ import annotations

from dataclasses import dataclass, field

from xieshang import format as fmt
from xieshang.brief import wording
from xieshang.brief.facts import Facts
from xieshang.brief.model import Chart, Fig, Heading, Table
from xieshang.i18n import Lang, t
from xieshang.kpis import periods, registry
from xieshang.kpis.metrics import Figures

# The last character of a region's name that a 通报 turns into 全省 / 全市 / 全区 …
_AREA_UNITS = "省市区县州盟旗镇乡"


@dataclass
class Writer:
    facts: Facts
    lang: Lang
    tables: int = 0
    charts: int = 0
    sections: int = 0
    subsections: int = 0
    # Chart images by caption, so a second rendering reuses them.
    made: dict[str, bytes] = field(default_factory=dict)

    def t(self, key: str, /, **params: object) -> str:
        return t(key, self.lang, **params)

    # --- words for the region and period
    @property
    def area(self) -> str:
        """How the text names the region: 全省 / 全区 in Chinese, its name in English."""
        region = self.facts.region
        if region.code is None:
            return self.t("brief.everywhere")
        name = region.name
        if self.lang == "en":
            return name
        if name.endswith("街道"):
            return self.t("brief.area_whole", unit="街道")
        if name and name[-1] in _AREA_UNITS:
            return self.t("brief.area_whole", unit=name[-1])
        return name

    @property
    def period(self) -> str:
        scope = self.facts.scope
        return periods.label(scope.date_from, scope.date_to, self.lang)

    @property
    def end_date(self) -> str:
        return fmt.day(self.facts.scope.date_to, self.lang)

    @property
    def things(self) -> str:
        """What the suggestions are called: 建议, or the one kind the brief is about (提案)."""
        kind = self.facts.scope.kind
        if kind is None:
            return self.t("brief.suggestions.things")
        return (
            self.t(f"suggestion_kind.{kind}")
            if self.lang == "zh"
            else self.t(f"suggestion_kind.{kind}").lower() + "s"
        )

    # --- figures
    def figures(self, period: str = "now") -> Figures:
        return self.facts.now if period == "now" else self.facts.year_ago

    def value(self, key: str, period: str = "now") -> int | float | None:
        return self.figures(period).value(key)

    def fig(self, key: str, period: str = "now", zero_is_missing: bool = False) -> Fig | None:
        """A KPI of the region as the text writes it; None when it has no value (or is 0
        where 0 means nothing was reported)."""
        value = self.value(key, period)
        if value is None or (zero_is_missing and value == 0):
            return None
        return Fig(self.word(key, value), key, period, value)  # type: ignore[arg-type]

    def word(self, key: str, value: float) -> str:
        kpi = registry.get(key)
        if kpi.is_rate:
            return wording.percent(value)
        if kpi.kind == "days":
            return wording.number(value)
        return wording.count(int(value), self.lang)

    def change(self, key: str) -> Fig | None:
        """The KPI's change on a year earlier, worded for its kind: 百分点 for a rate, per cent
        for a flow, units for a stock, days for a duration; None without a comparison."""
        now, before = self.value(key), self.value(key, "year_ago")
        if now is None or before is None:
            return None
        kpi = registry.get(key)
        if kpi.is_rate:
            text = wording.points_change(now, before, self.lang)
            delta: float = wording.points(now, before)
        elif kpi.kind == "days":
            text = wording.days_change(now, before, self.lang)
            delta = round(now - before, 1)
        elif kpi.block in ("rooms", "members"):  # stocks on the end date
            unit = self.t(f"unit.{kpi.unit}") if self.lang == "zh" else ""
            found = wording.difference(int(now), int(before), unit, self.lang)
            if found is None:
                return None
            text, delta = found, int(now) - int(before)
        else:  # flows over the period
            found = wording.growth(int(now), int(before), self.lang)
            if found is None:
                return None
            text, delta = found, int(now) - int(before)
        return Fig(text, key, "now", delta, change=True)

    def path_fig(self, text: str, path: str, value: float | int | None) -> Fig:
        """A figure from a breakdown, the scorecard or a cadence rule
        (`members.by_level.city.sinking_rate`, `scorecard.<code>.score`)."""
        return Fig(text, path, "now", value)

    def shown(self, key: str, period: str = "now") -> Fig:
        """A KPI as the tables show it (registry.shown: 92.3%, 1,186, —)."""
        value = self.value(key, period)
        return Fig(registry.shown(key, value), key, period, value)  # type: ignore[arg-type]

    # --- numbering
    def heading(self, key: str) -> Heading:
        self.sections += 1
        self.subsections = 0
        return Heading(wording.ordinal(self.sections, 1, self.lang) + self.t(key), 1)

    def subheading(self, key: str) -> Heading:
        self.subsections += 1
        return Heading(wording.ordinal(self.subsections, 2, self.lang) + self.t(key), 2)

    def table(self, title: str, **kwargs: object) -> Table:
        self.tables += 1
        caption = self.t("brief.table.number", number=self.tables, title=title)
        return Table(caption=caption, **kwargs)  # type: ignore[arg-type]

    def chart(self, title: str, png: bytes, description: str, width: float = 1.0) -> Chart:
        self.charts += 1
        caption = self.t("brief.chart.figure", number=self.charts, title=title)
        return Chart(
            caption, png, width, self.t("brief.chart.alt", title=title, values=description)
        )
