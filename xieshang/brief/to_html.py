"""The brief as one HTML page for print (the PDF renderer lays it out): the same content tree
as the DOCX, the same official layout in CSS paged media. Every text is escaped; the only
resources are the charts, inlined as data: URLs."""

from __future__ import annotations

import base64
from collections.abc import Callable
from html import escape

from xieshang.brief.model import Chart, Document, Fig, Heading, PageBreak, Paragraph, Run, Table
from xieshang.brief.settings import NOTO_SANS, NOTO_SERIF
from xieshang.web.text import css_string


def inline(number: int, chart: Chart) -> str:
    """A chart's image as a data: URL, the HTML standing alone."""
    return f"data:image/png;base64,{base64.b64encode(chart.png).decode('ascii')}"


def render(doc: Document, image_url: Callable[[int, Chart], str] = inline) -> str:
    """The brief as HTML; `image_url` says where each chart's image is (the PDF renderer
    serves them by name: 400 KB of base64 in the HTML cost its parser 0.3 s)."""
    parts = [f'<h1 class="title">{escape(doc.title)}</h1>']
    charts = 0
    parts += [f'<p class="meta">{escape(line)}</p>' for line in doc.lines]
    for block in doc.blocks:
        if isinstance(block, Heading):
            tag = {0: "h4", 1: "h2", 2: "h3"}[block.level]
            parts.append(f"<{tag}>{escape(block.text)}</{tag}>")
        elif isinstance(block, Paragraph):
            parts.append(f'<p class="{block.style}">{_runs(block.runs)}</p>')
        elif isinstance(block, Table):
            parts.append(_table(block))
        elif isinstance(block, Chart):
            charts += 1
            url = escape(image_url(charts, block))
            parts.append(
                f'<figure style="width: {block.width * 100:.0f}%">'
                f'<img src="{url}" alt="{escape(block.description)}">'
                f"<figcaption>{escape(block.caption)}</figcaption></figure>"
            )
        elif isinstance(block, PageBreak):
            parts.append('<div class="page-break"></div>')
    lang = "zh-CN" if doc.lang == "zh" else "en"
    meta = [
        f'<meta name="description" content="{escape(doc.subject)}">',
        f'<meta name="keywords" content="{escape(", ".join(doc.keywords))}">',
    ]
    if doc.created is not None:
        day = doc.created.isoformat()
        meta += [
            f'<meta name="dcterms.created" content="{day}">',
            f'<meta name="dcterms.modified" content="{day}">',
        ]
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{escape(doc.title)}</title>{''.join(meta)}"
        f"<style>{_css(doc)}</style></head><body>{''.join(parts)}</body></html>"
    )


def _runs(runs: tuple[Run, ...]) -> str:
    return "".join(
        f'<span class="fig">{escape(run.text)}</span>' if isinstance(run, Fig) else escape(run)
        for run in runs
    )


def _table(block: Table) -> str:
    numeric = block.numeric or tuple(False for _ in block.header)
    weights = block.widths or tuple(1.0 for _ in block.header)
    total = sum(weights)
    cols = "".join(f'<col style="width: {w / total * 100:.1f}%">' for w in weights)
    head = "".join(f"<th>{escape(h)}</th>" for h in block.header)
    rows = []
    for row in block.rows:
        cells = "".join(
            f'<td class="{"num" if numeric[i] else "text"}">'
            f"{escape(cell.text if isinstance(cell, Fig) else cell)}</td>"
            for i, cell in enumerate(row)
        )
        rows.append(f"<tr>{cells}</tr>")
    note = f'<p class="note">{escape(block.note)}</p>' if block.note else ""
    return (
        f"<table><caption>{escape(block.caption)}</caption><colgroup>{cols}</colgroup>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{note}"
    )


def _family(face: str, fallback: str, generic: str) -> str:
    return f"{css_string(face)}, {css_string(fallback)}, {generic}"


def _css(doc: Document) -> str:
    fonts = doc.fonts
    title_weight = "normal" if "小标宋" in fonts.title or "XiaoBiaoSong" in fonts.title else "bold"
    marks = css_string("　".join(doc.marks)) if doc.marks else '""'
    body = _family(fonts.body, NOTO_SERIF, "serif")
    return f"""
@page {{
  size: A4;
  margin: 37mm 26mm 35mm 28mm;
  @top-right {{ content: {marks}; font-family: {_family(fonts.heading, NOTO_SANS, "sans-serif")};
    font-size: 12pt; font-weight: bold; color: #c00000; }}
  @bottom-center {{ content: "— " counter(page) " —"; font-family: {body}; font-size: 14pt; }}
}}
html {{ font-family: {body}; font-size: 16pt; line-height: 28pt; color: #000; }}
body {{ margin: 0; }}
h1.title {{ font-family: {_family(fonts.title, NOTO_SERIF, "serif")}; font-weight: {title_weight};
  font-size: 22pt; line-height: 36pt; text-align: center; margin: 0 0 12pt; }}
h2, h4 {{ font-family: {_family(fonts.heading, NOTO_SANS, "sans-serif")}; font-weight: normal;
  font-size: 16pt; margin: 6pt 0 0; break-after: avoid; }}
h2 {{ text-indent: 2em; }}
h3 {{ font-family: {_family(fonts.subheading, NOTO_SERIF, "serif")}; font-weight: bold;
  font-size: 16pt; margin: 6pt 0 0; text-indent: 2em; break-after: avoid; }}
p {{ margin: 0; }}
p.body {{ text-indent: 2em; text-align: justify; }}
p.meta {{ text-align: center; font-size: 14pt; }}
p.mark {{ text-align: center; font-size: 14pt; font-weight: bold; color: #c00000;
  font-family: {_family(fonts.heading, NOTO_SANS, "sans-serif")}; margin: 6pt 0; }}
p.note {{ font-size: 10.5pt; line-height: 1.5; margin: 3pt 0 8pt;
  font-family: {_family(fonts.table, NOTO_SERIF, "serif")}; }}
figure {{ margin: 8pt auto; text-align: center; break-inside: avoid; }}
figure img {{ width: 100%; }}
figcaption, caption {{ font-family: {_family(fonts.heading, NOTO_SANS, "sans-serif")};
  font-size: 12pt; line-height: 1.5; text-align: center; }}
caption {{ padding: 6pt 0 3pt; }}
table {{ width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0;
  font-family: {_family(fonts.table, NOTO_SERIF, "serif")}; font-size: 10.5pt; line-height: 1.4; }}
th, td {{ border: 0.5pt solid #000; padding: 2pt 3pt; vertical-align: middle; }}
th {{ font-family: {_family(fonts.heading, NOTO_SANS, "sans-serif")}; font-weight: bold;
  text-align: center; }}
td.num {{ text-align: right; }}
tr {{ break-inside: avoid; }}
.page-break {{ break-before: page; }}
"""
