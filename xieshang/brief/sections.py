"""The brief's sections, each a function from the pen to its blocks (heading, paragraphs,
charts, tables), or nothing when it has nothing to report: 基本情况, 协商活动, 建议办理, 比较与排名.
存在问题 is in problems.py, the annexes in annex.py."""

from __future__ import annotations

import math

from xieshang.brief import charts, wording
from xieshang.brief.model import Block, Fig, Run
from xieshang.brief.text import Clause, fill, joined, paragraph, sentence, with_comma
from xieshang.brief.writer import Writer
from xieshang.contract.tables import ACTIVITY_KINDS, COMMITTEE_LEVELS
from xieshang.kpis import registry
from xieshang.kpis.metrics import DEFAULT_WEIGHTS

# The rates a ranking table shows beside the composite score (the others are in annex 2).
RANKED_RATES = (
    "rooms.town_coverage",
    "rooms.village_coverage",
    "rooms.standards_rate",
    "members.sinking_rate",
    "activities.towns_meeting_target_rate",
    "suggestions.adoption_rate",
)
# Bars a chart of child regions shows at most (the ranking table lists them all).
CHART_ROWS = 20
# Names the thirds' sentences list before "等".
THIRDS_NAMED = 10
TIER_COLOURS = {"top": charts.GREEN, "middle": charts.SKY, "bottom": charts.VERMILION}


def basic(pen: Writer) -> list[Block]:
    """基本情况: rooms, coverage, the 六有 standard, members posted."""
    lang = pen.lang
    blocks: list[Block] = [pen.heading("brief.h.basic"), pen.subheading("brief.h.rooms")]
    rooms = paragraph(
        lang,
        sentence(
            lang,
            fill(
                "brief.rooms.active",
                lang,
                date=pen.end_date,
                area=pen.area,
                active=pen.fig("rooms.active"),
                change=with_comma(pen.change("rooms.active"), lang),
            ),
        ),
        sentence(
            lang,
            fill(
                "brief.rooms.towns",
                lang,
                towns=pen.fig("rooms.towns", zero_is_missing=True),
                towns_covered=pen.fig("rooms.towns_covered"),
                rate=pen.fig("rooms.town_coverage"),
                change=with_comma(pen.change("rooms.town_coverage"), lang),
            ),
            fill(
                "brief.rooms.villages",
                lang,
                villages=pen.fig("rooms.villages", zero_is_missing=True),
                villages_covered=pen.fig("rooms.villages_covered"),
                rate=pen.fig("rooms.village_coverage"),
                change=with_comma(pen.change("rooms.village_coverage"), lang),
            ),
            joiner="；",
        ),
        sentence(
            lang,
            fill(
                "brief.rooms.standards",
                lang,
                assessed=pen.fig("rooms.assessed", zero_is_missing=True),
                standards_met=pen.fig("rooms.standards_met"),
                rate=pen.fig("rooms.standards_rate"),
                change=with_comma(pen.change("rooms.standards_rate"), lang),
            ),
            fill(
                "brief.rooms.with_member",
                lang,
                with_member=pen.fig("rooms.with_member"),
                rate=pen.fig("rooms.with_member_rate"),
            ),
            joiner="；",
        ),
    )
    blocks += [rooms] if rooms else []
    blocks += _coverage_chart(pen)

    blocks.append(pen.subheading("brief.h.members"))
    members = pen.facts.now.members
    assert members is not None
    levels = _level_items(pen)
    posted_here = (
        fill(
            "brief.members.posted_here",
            lang,
            area=pen.area,
            posted_here=pen.fig("members.posted_here", zero_is_missing=True),
        )
        if members.posted_here != members.posted
        else None
    )
    sinking = paragraph(
        lang,
        sentence(
            lang,
            fill(
                "brief.members.sinking",
                lang,
                area=pen.area,
                active=pen.fig("members.active", zero_is_missing=True),
                posted=pen.fig("members.posted"),
                rate=pen.fig("members.sinking_rate"),
                change=with_comma(pen.change("members.sinking_rate"), lang),
            ),
        ),
        sentence(
            lang,
            fill("brief.members.by_level", lang, levels=joined(levels, lang)) if levels else None,
        ),
        sentence(
            lang,
            fill(
                "brief.members.villages",
                lang,
                villages=pen.fig("members.villages_with_member", zero_is_missing=True),
                rate=pen.fig("members.villages_with_member_rate"),
                change=with_comma(pen.change("members.villages_with_member_rate"), lang),
            ),
            posted_here,
        ),
    )
    blocks += [sinking] if sinking else []
    blocks += _sinking_chart(pen)
    return blocks


def activities(pen: Writer) -> list[Block]:
    """协商活动: counts by kind, public participants, problems solved, towns meeting the
    cadence."""
    lang = pen.lang
    blocks: list[Block] = [pen.heading("brief.h.activities")]
    found = pen.facts.now.activities
    by_kind = pen.facts.now.activities_by_kind or {}
    assert found is not None
    if found.count == 0:
        none = paragraph(lang, _plain("brief.activities.none", pen, period=pen.period))
        return [*blocks, none] if none else blocks
    kinds = [
        fill(
            "brief.activities.kind_item",
            lang,
            kind=pen.t(f"activity_kind.{kind}"),
            count=_part(pen, f"activities.by_kind.{kind}", by_kind[kind]),
        )
        for kind in ACTIVITY_KINDS
        if by_kind.get(kind)
    ]
    kinds_clause = (
        fill("brief.activities.kinds", lang, kinds=joined([k for k in kinds if k], lang))
        if len(kinds) > 1
        else None
    )
    text = paragraph(
        lang,
        sentence(
            lang,
            fill(
                "brief.activities.count",
                lang,
                period=pen.period,
                area=pen.area,
                count=pen.fig("activities.count"),
                change=with_comma(pen.change("activities.count"), lang),
            ),
            kinds_clause,
        ),
        sentence(
            lang,
            fill(
                "brief.activities.participants",
                lang,
                people=pen.fig("activities.public_participants", zero_is_missing=True),
                change=with_comma(pen.change("activities.public_participants"), lang),
            ),
            fill(
                "brief.activities.solved",
                lang,
                problems=pen.fig("activities.problems_solved", zero_is_missing=True),
            ),
        ),
        sentence(
            lang,
            fill(
                "brief.activities.target",
                lang,
                towns=pen.fig("activities.towns_meeting_target"),
                target=str(pen.facts.scope.activity_target),
                rate=pen.fig("activities.towns_meeting_target_rate"),
                change=with_comma(pen.change("activities.towns_meeting_target_rate"), lang),
            ),
        ),
    )
    blocks += [text] if text else []
    shown = [kind for kind in ACTIVITY_KINDS if by_kind.get(kind)]
    if len(shown) > 1:
        labels = [pen.t(f"activity_kind.{kind}") for kind in shown]
        values = [by_kind[kind] for kind in shown]
        texts = [wording.count(v, lang) for v in values]
        title = pen.t("brief.chart.kinds")
        png = charts.bars(labels, values, texts, charts.BLUE)
        blocks.append(pen.chart(title, png, _described(labels, texts, lang)))
    return blocks


def suggestions(pen: Writer) -> list[Block]:
    """建议办理: submitted → filed → concluded → adopted or partly adopted, the rates, the
    median days, satisfaction."""
    lang = pen.lang
    things = pen.things
    blocks: list[Block] = [pen.heading("brief.h.suggestions")]
    found = pen.facts.now.suggestions
    assert found is not None
    if found.submitted == 0:
        none = paragraph(
            lang, _plain("brief.suggestions.none", pen, period=pen.period, things=things)
        )
        return [*blocks, none] if none else blocks
    kinds = [
        fill(
            "brief.suggestions.kind_item",
            lang,
            kind=pen.t(f"suggestion_kind.{kind}"),
            count=_part(pen, f"suggestions.by_kind.{kind}.submitted", funnel.submitted),
        )
        for kind, funnel in pen.facts.by_kind.items()
        if funnel.submitted
    ]
    kinds_clause = (
        fill("brief.suggestions.kinds", lang, kinds=joined([k for k in kinds if k], lang))
        if len(kinds) > 1
        else None
    )
    text = paragraph(
        lang,
        sentence(
            lang,
            fill(
                "brief.suggestions.submitted",
                lang,
                period=pen.period,
                area=pen.area,
                things=things,
                submitted=pen.fig("suggestions.submitted"),
                change=with_comma(pen.change("suggestions.submitted"), lang),
            ),
            kinds_clause,
        ),
        sentence(
            lang,
            fill(
                "brief.suggestions.filed",
                lang,
                filed=pen.fig("suggestions.filed"),
                rate=pen.fig("suggestions.filing_rate"),
            ),
        ),
        sentence(
            lang,
            fill(
                "brief.suggestions.concluded",
                lang,
                things=things,
                concluded=pen.fig("suggestions.concluded", zero_is_missing=True),
                rate=pen.fig("suggestions.conclusion_rate"),
            ),
            fill(
                "brief.suggestions.adopted",
                lang,
                adopted_any=pen.fig("suggestions.adopted_any"),
                rate=pen.fig("suggestions.adoption_rate"),
                change=with_comma(pen.change("suggestions.adoption_rate"), lang),
            ),
        ),
        sentence(
            lang,
            fill(
                "brief.suggestions.days",
                lang,
                things=things,
                days=pen.fig("suggestions.median_days_to_conclude"),
                change=with_comma(pen.change("suggestions.median_days_to_conclude"), lang),
            ),
        ),
        sentence(
            lang,
            fill(
                "brief.suggestions.satisfaction",
                lang,
                things=things,
                rate=pen.fig("suggestions.satisfaction_rate"),
                change=with_comma(pen.change("suggestions.satisfaction_rate"), lang),
            ),
        ),
    )
    blocks += [text] if text else []
    steps = ("submitted", "filed", "concluded", "adopted_any")
    labels = [pen.t(f"kpi.suggestions.{step}") for step in steps]
    values = [int(found[step] or 0) for step in steps]
    texts = [wording.count(v, lang) for v in values]
    title = pen.t("brief.chart.funnel", things=things)
    png = charts.bars(labels, values, texts, [charts.GREY, charts.SKY, charts.BLUE, charts.GREEN])
    blocks.append(pen.chart(title, png, _described(labels, texts, lang)))
    return blocks


def ranking(pen: Writer) -> list[Block]:
    """比较与排名: the children ranked by composite score, the top third commended (表扬) and
    the bottom third urged on (督促) by name, the ranking table and its chart."""
    lang = pen.lang
    children = pen.facts.children
    if children.empty:
        return []
    level = pen.t(f"level.{pen.facts.child_level}")
    rows = children.to_dict("records")
    weights = [key for key in DEFAULT_WEIGHTS if key in children]
    blocks: list[Block] = [pen.heading("brief.h.ranking")]
    basis = fill(
        "brief.ranking.basis",
        lang,
        rates=wording.listing([pen.t(f"kpi.{k}") for k in weights[:3]], lang),
        count=str(len(weights)),
        children=str(len(rows)),
        level=level,
    )
    scored = [r for r in rows if not _missing(r["score"])]
    best = (
        fill(
            "brief.ranking.best",
            lang,
            first=str(scored[0]["name"]),
            first_score=_score(pen, scored[0]),
            last=str(scored[-1]["name"]),
            last_score=_score(pen, scored[-1]),
        )
        if len(scored) > 1
        else None
    )
    thirds: list[Clause | None] = []
    if len(rows) >= 3:
        for tier, key in (("top", "brief.ranking.top"), ("bottom", "brief.ranking.bottom")):
            names = [str(r["name"]) for r in rows if r["tier"] == tier]
            if names:
                listed = wording.listing(names, lang, measure=f"个{level}", limit=THIRDS_NAMED)
                thirds.append(fill(key, lang, names=listed))
        few = None
    else:
        few = pen.t("brief.ranking.few")
    text = paragraph(lang, sentence(lang, basis, best), *(sentence(lang, c) for c in thirds))
    blocks += [text] if text else []
    if few:
        found = paragraph(lang, (few,))
        blocks += [found] if found else []
    blocks.append(_ranking_table(pen, rows, level))
    if len(scored) > 1:
        shown = scored[:CHART_ROWS]
        labels = [str(r["name"]) for r in shown]
        values = [float(r["score"]) for r in shown]
        texts = [wording.number(v) for v in values]
        colours = [TIER_COLOURS[str(r["tier"])] for r in shown]
        legend = [(pen.t(f"brief.tier.{tier}"), TIER_COLOURS[tier]) for tier in TIER_COLOURS]
        png = charts.bars(labels, values, texts, colours, limit=100.0, legend=legend)
        title = pen.t("brief.chart.score", level=level)
        blocks.append(pen.chart(title, png, _described(labels, texts, lang)))
    return blocks


def _ranking_table(pen: Writer, rows: list[dict], level: str):
    header = (
        pen.t("rank"),
        pen.t("region"),
        pen.t("score"),
        *(pen.t(f"kpi.{key}") for key in RANKED_RATES),
        pen.t("brief.ranking.tier"),
    )
    body: list[tuple[Run, ...]] = []
    for row in rows:
        code = str(row["region_code"])
        cells: list[Run] = [str(row["rank"]), str(row["name"]), _score(pen, row)]
        for key in RANKED_RATES:
            value = None if key not in row or _missing(row[key]) else float(row[key])
            cells.append(pen.path_fig(registry.shown(key, value), f"compare.{code}.{key}", value))
        cells.append(pen.t(f"brief.tier.{row['tier']}"))
        body.append(tuple(cells))
    weights = wording.listing([pen.t(f"kpi.{k}") for k in DEFAULT_WEIGHTS], pen.lang, limit=99)
    return pen.table(
        pen.t("brief.ranking.caption", level=level),
        header=header,
        rows=tuple(body),
        numeric=(True, False, True, *(True for _ in RANKED_RATES), False),
        widths=(0.9, 1.9, 1.0, *(1.0 for _ in RANKED_RATES), 1.6),
        note=pen.t("brief.ranking.note", weights=weights),
    )


def _coverage_chart(pen: Writer) -> list[Block]:
    rows = pen.facts.children.to_dict("records")[:CHART_ROWS]
    if len(rows) < 2:
        return []
    labels = [str(r["name"]) for r in rows]
    series = []
    for key, colour in (
        ("rooms.town_coverage", charts.BLUE),
        ("rooms.village_coverage", charts.ORANGE),
    ):
        values = [None if _missing(r.get(key)) else float(r[key]) for r in rows]
        if any(v is not None for v in values):
            series.append((pen.t(f"kpi.{key}"), values, colour))
    if not series:
        return []
    level = pen.t(f"level.{pen.facts.child_level}")
    title = pen.t("brief.chart.coverage", level=level)
    texts = [
        "/".join("—" if v is None else wording.percent(v) for v in (s[1][i] for s in series))
        for i in range(len(rows))
    ]
    return [
        pen.chart(title, charts.paired_bars(labels, series), _described(labels, texts, pen.lang))
    ]


def _sinking_chart(pen: Writer) -> list[Block]:
    by_level = pen.facts.now.members_by_level or {}
    shown = [
        level
        for level in COMMITTEE_LEVELS
        if level in by_level and by_level[level].active and by_level[level].sinking_rate is not None
    ]
    if len(shown) < 2:
        return []
    labels = [pen.t(f"committee.{level}") for level in shown]
    values = [by_level[level].sinking_rate for level in shown]
    texts = [wording.percent(v) for v in values if v is not None]
    png = charts.bars(labels, values, texts, charts.BLUE, limit=1.0)
    title = pen.t("brief.chart.sinking")
    return [pen.chart(title, png, _described(labels, texts, pen.lang))]


def _level_items(pen: Writer) -> list[Clause]:
    by_level = pen.facts.now.members_by_level or {}
    items = []
    for level in COMMITTEE_LEVELS:
        found = by_level.get(level)
        if found is None or not found.active or found.sinking_rate is None:
            continue
        rate = pen.path_fig(
            wording.percent(found.sinking_rate),
            f"members.by_level.{level}.sinking_rate",
            found.sinking_rate,
        )
        item = fill(
            "brief.members.level_item", pen.lang, committee=pen.t(f"committee.{level}"), rate=rate
        )
        if item:
            items.append(item)
    return items if len(items) > 1 else []


def _part(pen: Writer, path: str, value: int) -> Fig:
    return pen.path_fig(wording.count(value, pen.lang), path, value)


def _score(pen: Writer, row: dict) -> Fig:
    value = None if _missing(row["score"]) else float(row["score"])
    text = "—" if value is None else wording.number(value)
    return pen.path_fig(text, f"compare.{row['region_code']}.score", value)


def _plain(key: str, pen: Writer, **params: str) -> Clause | None:
    found = fill(key, pen.lang, area=pen.area, **params)
    return found


def _described(labels: list[str], texts: list[str], lang: str) -> str:
    separator = "；" if lang == "zh" else "; "
    return separator.join(f"{label} {text}" for label, text in zip(labels, texts, strict=True))


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
