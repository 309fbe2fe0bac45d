"""Workbooks of every office format read with calamine: .xlsx/.xlsm/.xlsb, Excel 97-2003 .xls,
WPS .et (the same OLE2/BIFF workbook as .xls) and OpenDocument .ods.

calamine reads a sheet whatever its writer left out (openpyxl's read-only mode trusted the
optional `<dimension>` element and saw an empty sheet without it) and several times faster.
It does not expose number formats, so for .xlsx the few formats that matter here, codes
shown with leading zeros (`000000`), are read from the styles and the sheet XML directly.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import python_calamine

# A number format that only pads with zeros: Excel shows 12 as 0012 under "0000".
ZEROS_FORMAT = re.compile(r'^"?(0{2,})"?$')
_CELL = re.compile(rb"<c\b([^>]*)>")
_ATTR_R = re.compile(rb'\br="([A-Z]+)([0-9]+)"')
_ATTR_S = re.compile(rb'\bs="([0-9]+)"')


class WorkbookError(Exception):
    """The workbook cannot be read; `key` names the reason in the catalogue."""

    def __init__(self, key: str, reason: str = ""):
        super().__init__(reason or key)
        self.key = key
        self.reason = reason


@dataclass
class Sheet:
    """The filled rows of one worksheet, the row number of each as Excel shows it, and the
    number formats of cells that pad codes with zeros, by (row number, column index)."""

    name: str
    rows: list[list[object]]
    numbers: list[int]
    formats: dict[tuple[int, int], str] = field(default_factory=dict)


def sheets(data: bytes, with_formats: bool) -> Iterator[Sheet]:
    """Every worksheet that holds something, in workbook order (chart and macro sheets left out).

    `with_formats`: read the zero-padding formats too (.xlsx and .xlsm, which store them as XML).
    """
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError as exc:
        raise WorkbookError("problem.password", str(exc)) from None
    except (python_calamine.CalamineError, ValueError, OSError) as exc:
        raise WorkbookError("problem.unreadable", str(exc)[:200]) from None
    formats = _zero_formats(data) if with_formats else {}
    with book:
        for meta in book.sheets_metadata:
            if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
                continue
            try:
                cells = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            except (python_calamine.CalamineError, ValueError, OSError) as exc:
                raise WorkbookError("problem.unreadable", str(exc)[:200]) from None
            rows: list[list[object]] = []
            numbers: list[int] = []
            for index, row in enumerate(cells):
                if any(v is not None and v != "" for v in row):
                    rows.append(list(row))
                    numbers.append(index + 1)
            if rows:
                yield Sheet(meta.name, rows, numbers, formats.get(meta.name, {}))


def _zero_formats(data: bytes) -> dict[str, dict[tuple[int, int], str]]:
    """Per sheet name, the cells whose number format pads with zeros (usually none at all).

    Only the styles are parsed as XML; a sheet is scanned only when some style pads, and then
    only for cell tags naming one of those styles.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "xl/styles.xml" not in names:
                return {}
            padded = _padding_styles(archive.read("xl/styles.xml"))
            if not padded:
                return {}
            out = {}
            for sheet, path in _sheet_paths(archive, names).items():
                out[sheet] = _padded_cells(archive.read(path), padded)
            return out
    except (zipfile.BadZipFile, KeyError, OSError, zlib.error, EOFError):
        # calamine has read the values; without formats codes are kept as Excel stored them
        return {}


def _padding_styles(styles: bytes) -> dict[bytes, str]:
    """Cell style index (as written in `s="…"`) -> its zero-padding number format."""
    custom = {}
    for tag in _tags(styles, b"numFmt"):
        custom[_attr(tag, b"numFmtId")] = html.unescape(_attr(tag, b"formatCode"))
    section = re.search(rb"<(?:\w+:)?cellXfs\b.*?</(?:\w+:)?cellXfs>", styles, re.S)
    if section is None:
        return {}
    out = {}
    for index, tag in enumerate(_tags(section.group(0), b"xf")):
        code = custom.get(_attr(tag, b"numFmtId"), "")
        if ZEROS_FORMAT.match(code):
            out[str(index).encode()] = code
    return out


def _sheet_paths(archive: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    """Sheet name -> the part holding its cells, through the workbook's relationships."""
    rels = archive.read("xl/_rels/workbook.xml.rels")
    targets = {_attr(tag, b"Id"): _attr(tag, b"Target") for tag in _tags(rels, b"Relationship")}
    out = {}
    for tag in _tags(archive.read("xl/workbook.xml"), b"sheet"):
        target = targets.get(_attr(tag, b"id"), "")
        path = str(PurePosixPath(target.lstrip("/") if target.startswith("/") else f"xl/{target}"))
        if path in names:
            out[html.unescape(_attr(tag, b"name"))] = path
    return out


def _tags(xml: bytes, name: bytes) -> Iterator[bytes]:
    """The attributes of every `<name …>` tag (any namespace prefix), in document order.

    The package parts read here are small and regular; a regular expression reads them
    without an XML parser's entity handling (no entity is ever expanded).
    """
    for match in re.finditer(rb"<(?:\w+:)?" + name + rb"\b([^>]*)>", xml):
        yield match.group(1)


def _attr(tag: bytes, name: bytes) -> str:
    match = re.search(rb"(?:^|\s)(?:\w+:)?" + name + rb'="([^"]*)"', tag)
    return match.group(1).decode("utf-8", "replace") if match else ""


def _padded_cells(xml: bytes, padded: dict[bytes, str]) -> dict[tuple[int, int], str]:
    cells = {}
    for tag in _CELL.finditer(xml):
        attrs = tag.group(1)
        style = _ATTR_S.search(attrs)
        if style is None or style.group(1) not in padded:
            continue
        ref = _ATTR_R.search(attrs)
        if ref is not None:
            cells[(int(ref.group(2)), _column_index(ref.group(1)))] = padded[style.group(1)]
    return cells


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index - 1
