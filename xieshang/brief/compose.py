"""A brief from the KPI layer's facts: the title block, the lead paragraph, the sections in
order (a section with nothing to report is left out and the rest renumbered), the annexes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from xieshang import format as fmt
from xieshang.brief import annex, problems, sections
from xieshang.brief.facts import Facts, gather
from xieshang.brief.model import Block, Document, Paragraph
from xieshang.brief.settings import DEFAULT_PLATFORM, Settings, fonts, load
from xieshang.brief.text import fill
from xieshang.brief.writer import Writer
from xieshang.i18n import Lang, t
from xieshang.kpis import supervision
from xieshang.kpis.metrics import Scope
from xieshang.store.snapshots import Snapshot

Section = Callable[[Writer], list[Block]]

# The body of a brief, in order. 存在问题's own sources are in problems.SOURCES.
SECTIONS: tuple[Section, ...] = (
    sections.basic,
    sections.activities,
    sections.suggestions,
    sections.ranking,
    problems.section,
)
ANNEXES: tuple[Section, ...] = (annex.definitions, annex.kpi_tables)


def build(
    snapshot: Snapshot,
    scope: Scope,
    lang: Lang = "zh",
    internal: bool = False,
    settings: Settings | None = None,
    log: supervision.Log | None = None,
) -> Document:
    """The brief of the scope's region and period; `log`: the 督办 follow-ups it counts
    (default: the data dir's, as the 督办 page reads them; a caller reading another store,
    as `xieshang supervise --data-dir` does, passes that store's)."""
    return write(gather(snapshot, scope, lang, log), internal, settings or load())


def write(facts: Facts, internal: bool = False, settings: Settings | None = None) -> Document:
    """The brief from facts already gathered (tests build facts by hand)."""
    settings = settings or Settings()
    lang = facts.lang
    pen = Writer(facts, lang)
    platform = platform_name(facts, settings)
    title = t("brief.title", lang, region=facts.region.name, period=pen.period, platform=platform)
    lines = [
        t(
            "brief.data_line",
            lang,
            date=pen.end_date,
            snapshot=facts.snapshot.id,
            imported=_imported(facts.snapshot, lang),
        )
    ]
    if facts.scope.kind is not None:
        lines.insert(
            0, t("brief.kind_line", lang, kind=t(f"suggestion_kind.{facts.scope.kind}", lang))
        )
    marks = []
    if facts.snapshot.is_demo:
        marks.append(t("brief.mark.demo", lang))
    if internal:
        marks.append(t("brief.mark.internal", lang))
    blocks: list[Block] = []
    if facts.snapshot.is_demo:
        blocks.append(Paragraph((t("brief.demo_note", lang),), style="mark"))
    lead = fill("brief.lead", lang, area=pen.area, platform=platform, period=pen.period)
    blocks += [Paragraph(lead)] if lead else []
    for section in SECTIONS:
        blocks += section(pen)
    for section in ANNEXES:
        blocks += section(pen)
    return Document(
        lang=lang,
        title=title,
        lines=tuple(lines),
        blocks=tuple(blocks),
        fonts=settings.fonts or fonts(),
        marks=tuple(marks),
        subject=f"{facts.region.name} {pen.period}",
        keywords=(facts.snapshot.id,),
        created=snapshot_date(facts.snapshot),
    )


def platform_name(facts: Facts, settings: Settings) -> str:
    """The platform's name in the title: as set (brief.toml), else the name quoted in most of
    the region's room names (“有事来协商”协商议事室), else 有事好商量."""
    if facts.lang == "en" and settings.platform_en:
        return settings.platform_en
    if settings.platform:
        return settings.platform
    return facts.platform_names[0] if facts.platform_names else DEFAULT_PLATFORM


def snapshot_date(snapshot: Snapshot) -> date | None:
    """The day the snapshot was imported (its manifest's created_at), if it says."""
    try:
        return date.fromisoformat(str(snapshot.created_at)[:10])
    except ValueError:
        return None


def _imported(snapshot: Snapshot, lang: Lang) -> str:
    day = snapshot_date(snapshot)
    return fmt.day(day, lang) if day else "—"
