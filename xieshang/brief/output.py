"""A brief as a file: DOCX or PDF from one content tree, named after its region and period."""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path
from typing import Literal

from xieshang.brief.model import Document
from xieshang.errors import UserError
from xieshang.i18n import Key, Lang, t
from xieshang.web.text import file_name as safe_file_name

Format = Literal["docx", "pdf"]
FORMATS: tuple[Format, ...] = ("docx", "pdf")
MIME: dict[Format, str] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def render(doc: Document, fmt: Format) -> bytes:
    # Each renderer's library is imported when used: python-docx does not need WeasyPrint.
    if fmt == "docx":
        from xieshang.brief import to_docx

        return to_docx.render(doc)
    from xieshang.brief import to_pdf

    return to_pdf.render(doc)


def prepare(fmt: Format) -> threading.Thread:
    """Import the renderer's library in the background while the facts are queried (DuckDB
    releases the GIL): WeasyPrint's import takes 0.9 s, about what a county's queries take."""

    def load() -> None:
        try:
            from xieshang.brief import charts  # noqa: F401 - imported to be ready

            if fmt == "pdf":
                from xieshang.brief import to_pdf

                to_pdf.library()
            else:
                from xieshang.brief import to_docx  # noqa: F401
        except Exception:  # noqa: S110 - render() imports again and says what is wrong
            pass

    thread = threading.Thread(target=load, name="brief-imports", daemon=True)
    thread.start()
    return thread


def format_of(path: Path) -> Format:
    """The format a file name asks for (.docx or .pdf); UserError otherwise."""
    suffix = path.suffix.lower().lstrip(".")
    for known in FORMATS:
        if suffix == known:
            return known
    raise UserError("error.brief_format", value=path.name)


def file_name(region: str, period: str, fmt: Format, lang: Lang = "zh") -> str:
    """演示省_2025年_情况通报.docx: the region, the period and what it is."""
    what = t("brief.file", lang)
    return f"{safe_file_name(region, period, what)}.{fmt}"


def check_writable(path: Path) -> None:
    """UserError, in words, for a path the file cannot be written to."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise UserError("error.brief_unwritable", path=path, reason=Key("brief.is_folder"))
    if not folder.is_dir():
        raise UserError("error.brief_unwritable", path=path, reason=Key("brief.no_folder"))
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UserError("error.brief_unwritable", path=path, reason=Key("brief.no_permission"))


def write(path: Path, data: bytes) -> None:
    """Write the file whole or not at all (a temporary file beside it, then renamed); a path
    that cannot be written is the user's to fix, said in words."""
    try:
        folder = path.parent if str(path.parent) else Path(".")
        handle, temporary = tempfile.mkstemp(prefix=".brief-", dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise UserError("error.brief_unwritable", path=path, reason=exc.strerror or exc) from None
