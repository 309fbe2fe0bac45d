"""The brief as a content tree: headings, paragraphs, tables, charts and marks. Both renderers
(DOCX and PDF) draw exactly this tree, so the two files always say the same thing.

A figure in the text or a table is a `Fig`: what it shows plus where it comes from (a path
into the JSON of `xieshang kpis`, `xieshang scorecard` or `xieshang supervise`, and which
period), so tests can hold every figure the brief prints against the KPI API.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from xieshang.i18n import Lang

Period = Literal["now", "year_ago"]


@dataclass(frozen=True)
class Fig:
    """A figure as printed, with its source: `path` is a dotted path into `xieshang kpis`
    (`suggestions.adopted_any`, `members.by_level.city.sinking_rate`); for a ranking
    `scorecard.<region_code>.<column>`; for a cadence rule `cadence.<rule>.<units|keeping|
    target>`; for a 督办 item or a count of them `supervise.…`, for the region's own targets
    `own.<field>.<kpi>` (see problems.py); `change` marks a comparison of the two periods."""

    text: str
    path: str
    period: Period = "now"
    value: float | int | None = None
    change: bool = False


Run = str | Fig


def plain_text(runs: tuple[Run, ...]) -> str:
    return "".join(run.text if isinstance(run, Fig) else run for run in runs)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1: 一、 2: （一）; 0: the appendix's own title


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    # body: indented running text; note: a small line under a table or chart; mark: a
    # centred warning (the demo data); lead-in lines of the title block: "meta".
    style: Literal["body", "note", "mark", "meta"] = "body"

    @property
    def text(self) -> str:
        return plain_text(self.runs)


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[Run, ...], ...]
    # Which columns hold numbers (right-aligned); the others are text.
    numeric: tuple[bool, ...] = ()
    # Relative column widths (the renderers scale them to the page).
    widths: tuple[float, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Chart:
    caption: str
    png: bytes
    # Width on the page, as a share of the text width.
    width: float = 1.0
    # What the chart shows in words, for readers who cannot see it (alt text).
    description: str = ""


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Table | Chart | PageBreak


@dataclass(frozen=True)
class Fonts:
    """The faces a brief is set in: title (标题, bold song/hei), headings (黑体 for 一、, 楷体
    or bold song for （一）), body (仿宋 or song) and tables."""

    title: str
    heading: str
    subheading: str
    body: str
    table: str


@dataclass(frozen=True)
class Document:
    lang: Lang
    title: str
    # The lines under the title: the data's date and snapshot.
    lines: tuple[str, ...]
    blocks: tuple[Block, ...]
    fonts: Fonts
    # Marks on every page: 演示数据 on demo data, 内部资料 when asked.
    marks: tuple[str, ...] = ()
    # Document properties (no author; dated by the snapshot).
    subject: str = ""
    keywords: tuple[str, ...] = field(default_factory=tuple)
    # The snapshot's date: the files' own dates, so one snapshot always gives the same bytes.
    created: date | None = None

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def charts(self) -> list[Chart]:
        return [b for b in self.blocks if isinstance(b, Chart)]

    def figs(self) -> list[Fig]:
        """Every figure the brief prints, in the text and the tables."""
        out: list[Fig] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                out += [r for r in block.runs if isinstance(r, Fig)]
            elif isinstance(block, Table):
                out += [c for row in block.rows for c in row if isinstance(c, Fig)]
        return out
