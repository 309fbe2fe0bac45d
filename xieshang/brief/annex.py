"""The annexes: what each figure counts (口径, from the catalogue's `def.<key>`) and every KPI
of the region this period and a year earlier, block by block, as the KPI API returns them."""

from __future__ import annotations

from xieshang.brief import wording
from xieshang.brief.model import Block, Fig, Heading, PageBreak, Run
from xieshang.brief.writer import Writer
from xieshang.kpis import periods, registry
from xieshang.kpis.metrics import BLOCKS


def definitions(pen: Writer) -> list[Block]:
    rows = tuple(
        (pen.t(f"kpi.{key}"), pen.t(f"def.{key}"))
        for block, names in BLOCKS.items()
        for key in (f"{block}.{name}" for name in names)
    )
    title = pen.t("brief.annex.definitions")
    table = pen.table(
        title,
        header=(pen.t("brief.table.kpi"), pen.t("brief.table.definition")),
        rows=rows,
        numeric=(False, False),
        widths=(1.0, 3.0),
    )
    return [PageBreak(), Heading(pen.t("brief.h.definitions", title=title), 0), table]


def kpi_tables(pen: Writer) -> list[Block]:
    facts = pen.facts
    now = periods.label(facts.scope.date_from, facts.scope.date_to, pen.lang)
    before = periods.label(*facts.year_ago_span, pen.lang)
    title = pen.t("brief.annex.tables")
    blocks: list[Block] = [PageBreak(), Heading(pen.t("brief.h.tables", title=title), 0)]
    header = (
        pen.t("brief.table.kpi"),
        pen.t("brief.table.now"),
        pen.t("brief.table.year_ago"),
        pen.t("brief.table.change"),
    )
    for block, names in BLOCKS.items():
        rows: list[tuple[Run, ...]] = []
        for name in names:
            key = f"{block}.{name}"
            rows.append(
                (pen.t(f"kpi.{key}"), pen.shown(key), pen.shown(key, "year_ago"), _change(pen, key))
            )
        blocks.append(
            pen.table(
                pen.t(f"block.{block}"),
                header=header,
                rows=tuple(rows),
                numeric=(False, True, True, True),
                widths=(2.2, 1.0, 1.0, 1.2),
                note=pen.t("brief.table.periods", now=now, year_ago=before),
            )
        )
    return blocks


def _change(pen: Writer, key: str) -> Run:
    """同比 in a table: +2.1个百分点 for a rate, +12.3% for a count, −2 for days; — without."""
    now, before = pen.value(key), pen.value(key, "year_ago")
    if now is None or before is None:
        return "—"
    kpi = registry.get(key)
    if kpi.is_rate:
        delta = wording.points(now, before)
        text = pen.t("brief.table.points", sign=_sign(delta), value=f"{abs(delta):.1f}")
        return Fig(text, key, "now", delta, change=True)
    if kpi.kind == "days":
        delta = round(now - before, 1)
        return Fig(f"{_sign(delta)}{wording.number(abs(delta))}", key, "now", delta, change=True)
    if before <= 0:
        return "—"
    rate = round((now - before) / before * 100, 1)
    return Fig(f"{_sign(rate)}{abs(rate):.1f}%", key, "now", int(now) - int(before), change=True)


def _sign(value: float) -> str:
    return "+" if value > 0 else "−" if value < 0 else "±"
