"""The brief as PDF: its HTML laid out by WeasyPrint (Pango shapes and breaks the lines, so
Chinese breaks between characters and never before a closing mark such as ，or 。; fonts are
embedded as subsets, so the text can be searched and copied).

Chosen by measurement (docs/benchmarks.md, "Brief"): an 11-page brief in 1.0 s with embedded
CID fonts, against 3.8 s for Chromium's print-to-PDF, whose Chinese came out as Type 3
bitmaps-in-outline fonts."""

from __future__ import annotations

import logging

from xieshang.brief import to_html
from xieshang.brief.model import Chart, Document
from xieshang.errors import UserError


def render(doc: Document) -> bytes:
    weasyprint = library()
    images: dict[str, bytes] = {}

    def named(number: int, chart: Chart) -> str:
        url = f"brief:chart-{number}.png"
        images[url] = chart.png
        return url

    html = to_html.render(doc, named)
    document = weasyprint.HTML(string=html, url_fetcher=_fetcher(weasyprint, images))
    # A fixed identifier: the same content gives the same bytes.
    return document.write_pdf(pdf_identifier=b"xieshang-brief")


def _fetcher(weasyprint, images: dict[str, bytes]):
    """Serves the charts by name and refuses everything else: the brief fetches nothing."""

    class Charts(weasyprint.URLFetcher):
        def fetch(self, url: str, headers: object = None) -> object:
            if url not in images:
                raise ValueError(f"the brief fetches nothing: {url[:80]}")
            return weasyprint.urls.URLFetcherResponse(
                url, images[url], {"Content-Type": "image/png"}
            )

    return Charts(allowed_protocols=["brief"], fail_on_errors=True)


def library():
    """WeasyPrint, or a message naming the missing system library (Pango)."""
    try:
        import weasyprint
    except OSError as exc:  # cffi could not load libpango / libgobject
        raise UserError("error.brief_pdf_unavailable", reason=str(exc).splitlines()[0]) from None
    # WeasyPrint reports unsupported CSS and fonts as warnings on its logger: not for users.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return weasyprint
