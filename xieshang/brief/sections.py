"""The brief's sections, each a function from the pen to its blocks (heading, paragraphs,
charts, tables), or nothing when it has nothing to report: 基本情况, 协商活动, 建议办理, 比较与排名.
存在问题 is in problems.py, the annexes in annex.py."""

from __future__ import annotations

from xieshang.brief import charts, wording
from xieshang.brief.model import Block, Fig, Run, Table
from xieshang.brief.text import Clause, fill, joined, paragraph, sentence, with_comma
from xieshang.brief.writer import Writer
from xieshang.contract.tables import ACTIVITY_KINDS, COMMITTEE_LEVELS
from xieshang.kpis import scorecard

# The rates a ranking table shows beside the composite score (the others are in annex 2).
RANKED_RATES = (
    "rooms.town_coverage",
    "rooms.village_coverage",
    "rooms.standards_rate",
    "members.sinking_rate",
    "cadence.town_activities",
    "suggestions.adoption_rate",
)
# Bars a chart of child regions shows at most (the ranking table lists them all).
CHART_ROWS = 20
# Names the thirds' sentences list before "等".
THIRDS_NAMED = 10
# The sentence saying how many units keep each cadence rule.
CADENCE_SENTENCES = {
    "cadence.town_activities": "brief.cadence.towns",
    "cadence.village_activities": "brief.cadence.villages",
    "cadence.member_attendance": "brief.cadence.members",
}
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
        sentence(lang, *_cadence_clauses(pen), joiner="；"),
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
    """比较与排名: the children as the scorecard ranks them (xieshang.kpis.scorecard: its
    weights, small-number guard, tie rule and thirds), the top third commended (表扬) and the
    bottom third urged on (督促) by name, the ranking table and its chart."""
    lang = pen.lang
    card = pen.facts.card
    if not card.rows or card.level is None:
        return []
    level = pen.t(f"level.{card.level}")
    ranked = [r for r in card.rows if r.rank is not None]
    unranked = [r for r in card.rows if r.rank is None]
    weights = [k for k in card.columns if card.weights.get(k, 0) > 0]
    blocks: list[Block] = [pen.heading("brief.h.ranking")]
    basis = (
        fill(
            "brief.ranking.basis",
            lang,
            rates=wording.listing([pen.t(f"kpi.{k}") for k in weights[:3]], lang),
            count=str(len(weights)),
            children=str(len(ranked)),
            level=level,
        )
        if ranked
        else None
    )
    small = any(
        row.cells[key].small and row.cells[key].value is not None
        for row in card.rows
        for key in weights
    )
    guard = fill("brief.ranking.small", lang, min_n=str(card.min_n)) if small else None
    best = (
        fill(
            "brief.ranking.best",
            lang,
            first=ranked[0].name,
            first_score=_score(pen, ranked[0]),
            last=ranked[-1].name,
            last_score=_score(pen, ranked[-1]),
        )
        if len(ranked) > 1
        else None
    )
    thirds: list[Clause | None] = []
    for tier, key in (("top", "brief.ranking.top"), ("bottom", "brief.ranking.bottom")):
        names = [r.name for r in ranked if r.tier == tier]
        if names:
            listed = wording.listing(names, lang, measure=f"个{level}", limit=THIRDS_NAMED)
            thirds.append(fill(key, lang, names=listed))
    left_out = (
        fill(
            "brief.ranking.unranked",
            lang,
            names=wording.listing([r.name for r in unranked], lang, measure=f"个{level}"),
        )
        if unranked
        else None
    )
    text = paragraph(
        lang,
        sentence(lang, basis, guard),
        sentence(lang, best),
        *(sentence(lang, c) for c in thirds),
        sentence(lang, left_out),
    )
    blocks += [text] if text else []
    if not thirds:
        found = paragraph(lang, (pen.t("brief.ranking.few"),))
        blocks += [found] if found else []
    blocks.append(_ranking_table(pen, level))
    if len(ranked) > 1:
        shown = ranked[:CHART_ROWS]
        labels = [r.name for r in shown]
        values = [float(r.score or 0.0) for r in shown]
        texts = [scorecard.format_score(r.score) for r in shown]
        colours = [TIER_COLOURS[r.tier or "middle"] for r in shown]
        legend = [(pen.t(f"brief.tier.{tier}"), TIER_COLOURS[tier]) for tier in TIER_COLOURS]
        png = charts.bars(labels, values, texts, colours, limit=100.0, legend=legend)
        title = pen.t("brief.chart.score", level=level)
        blocks.append(pen.chart(title, png, _described(labels, texts, lang)))
    return blocks


def _ranking_table(pen: Writer, level: str) -> Table:
    """The scorecard as the brief prints it: rank, name, score, the telling rates (those any
    child has enough items for), third; a rate from too few items marked *."""
    card = pen.facts.card
    columns = [
        key
        for key in RANKED_RATES
        if key in card.columns
        and any(r.cells[key].value is not None and not r.cells[key].small for r in card.rows)
    ]
    header = (
        pen.t("rank"),
        pen.t("region"),
        pen.t("score"),
        *(pen.t(f"kpi.{key}") for key in columns),
        pen.t("brief.ranking.tier"),
    )
    body: list[tuple[Run, ...]] = []
    # Cells from too few items: marked * in the table, their n said under it (a cell keeps
    # to one line).
    small: list[str] = []
    for row in card.rows:
        cells: list[Run] = [
            "—" if row.rank is None else str(row.rank),
            row.name,
            _score(pen, row),
        ]
        for key in columns:
            cell = row.cells[key]
            text = scorecard.format_value(key, cell.value)
            if cell.small and cell.value is not None:
                text += scorecard.SMALL_MARK
                small.append(
                    pen.t(
                        "brief.ranking.small_cell",
                        name=row.name,
                        kpi=pen.t(f"kpi.{key}"),
                        n=cell.n,
                    )
                )
            path = f"scorecard.{row.region_code}.{key}"
            cells.append(pen.path_fig(text, path, cell.value))
        cells.append(pen.t(f"brief.tier.{row.tier}") if row.tier else pen.t("scorecard.unranked"))
        body.append(tuple(cells))
    weighted = [k for k in card.columns if card.weights.get(k, 0) > 0]
    weights = wording.listing([pen.t(f"kpi.{k}") for k in weighted], pen.lang, limit=99)
    return pen.table(
        pen.t("brief.ranking.caption", level=level),
        header=header,
        rows=tuple(body),
        numeric=(True, False, True, *(True for _ in columns), False),
        widths=(0.9, 1.9, 1.0, *(1.0 for _ in columns), 2.1),
        note=pen.t(
            "brief.ranking.note",
            weights=weights,
            rules=pen.t("scorecard.rules", min_n=card.min_n),
        )
        + (
            pen.t("brief.ranking.small_cells", cells=wording.listing(small, pen.lang, limit=99))
            if small
            else ""
        ),
    )


def _coverage_chart(pen: Writer) -> list[Block]:
    rows = list(pen.facts.card.rows[:CHART_ROWS])
    if len(rows) < 2:
        return []
    labels = [r.name for r in rows]
    series = []
    for key, colour in (
        ("rooms.town_coverage", charts.BLUE),
        ("rooms.village_coverage", charts.ORANGE),
    ):
        values = [r.cells[key].value if key in r.cells else None for r in rows]
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


def _score(pen: Writer, row: scorecard.Row) -> Fig:
    return pen.path_fig(
        scorecard.format_score(row.score), f"scorecard.{row.region_code}.score", row.score
    )


def _cadence_clauses(pen: Writer) -> list[Clause | None]:
    """How many towns, villages and posted members keep their cadence rule (cadence.py)."""
    out: list[Clause | None] = []
    for found in pen.facts.cadences:
        path = f"cadence.{found.rule}"
        target = (
            None
            if found.target is None
            else pen.path_fig(wording.number(found.target), f"{path}.target", found.target)
        )
        out.append(
            fill(
                CADENCE_SENTENCES[found.rule],
                pen.lang,
                units=_part(pen, f"{path}.units", found.units),
                keeping=_part(pen, f"{path}.keeping", found.keeping),
                reached=pen.t("brief.cadence.met" if found.final else "brief.cadence.on_pace"),
                target=target,
            )
        )
    return out


def _plain(key: str, pen: Writer, **params: str) -> Clause | None:
    found = fill(key, pen.lang, area=pen.area, **params)
    return found


def _described(labels: list[str], texts: list[str], lang: str) -> str:
    separator = "；" if lang == "zh" else "; "
    return separator.join(f"{label} {text}" for label, text in zip(labels, texts, strict=True))
