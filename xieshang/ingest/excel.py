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
import struct
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

    `with_formats`: read the zero-padding formats too (.xlsx and .xlsm store them as XML,
    .xls and .et as BIFF records; .xlsb and .ods keep codes as stored).
    """
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError as exc:
        raise WorkbookError("problem.password", str(exc)) from None
    except (python_calamine.CalamineError, ValueError, OSError) as exc:
        raise WorkbookError("problem.unreadable", str(exc)[:200]) from None
    formats = {}
    if with_formats:
        formats = xls_zero_formats(data) if data[:8] == _OLE2_MAGIC else _zero_formats(data)
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


# --------------------------------------------------------------------------- .xls and .et
# Excel 97-2003 and WPS keep number formats in BIFF8 records inside an OLE2 compound file:
# FORMAT (0x041E) names each format, XF (0x00E0) gives each cell style its format, and a
# sheet's NUMBER (0x0203), RK (0x027E), MULRK (0x00BD) and FORMULA (0x0006) records give each
# numeric cell its style. Only those records are read; anything unexpected means no formats.

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END = 0xFFFFFFFA  # sector numbers from here on mark the end of a chain or free sectors


def xls_zero_formats(data: bytes) -> dict[str, dict[tuple[int, int], str]]:
    """Per sheet name, the cells of an .xls/.et workbook whose format pads with zeros."""
    try:
        stream = _ole_stream(data, ("Workbook", "Book"))
        return _biff_zero_formats(stream) if stream else {}
    except (struct.error, IndexError, ValueError, UnicodeDecodeError):
        return {}


def _ole_stream(data: bytes, names: tuple[str, ...]) -> bytes | None:
    """The content of the first stream named one of `names` in an OLE2 compound file."""
    if data[:8] != _OLE2_MAGIC:
        return None
    size = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    mini = 1 << struct.unpack_from("<H", data, 0x20)[0]
    n_fat, dir_start = struct.unpack_from("<II", data, 0x2C)
    cutoff, minifat_start, _, difat_start, _ = struct.unpack_from("<IIIII", data, 0x38)

    def sector(index: int) -> bytes:
        return data[(index + 1) * size : (index + 2) * size]

    def words(index: int) -> tuple[int, ...]:
        return struct.unpack(f"<{size // 4}I", sector(index))

    difat = list(struct.unpack_from("<109I", data, 0x4C))
    following, seen = difat_start, set()
    while following < _END and following not in seen:
        seen.add(following)
        block = words(following)
        difat += block[:-1]
        following = block[-1]
    fat: list[int] = []
    for index in difat[:n_fat]:
        if index < _END:
            fat += words(index)

    def chain(start: int, table: list[int]) -> list[int]:
        out: list[int] = []
        while start < _END and start < len(table) and len(out) <= len(table):
            out.append(start)
            start = table[start]
        return out

    directory = b"".join(sector(i) for i in chain(dir_start, fat))
    entries = []
    for offset in range(0, len(directory) - 127, 128):
        entry = directory[offset : offset + 128]
        length = struct.unpack_from("<H", entry, 64)[0]
        name = entry[: max(0, length - 2)].decode("utf-16-le")
        start, stream_size = struct.unpack_from("<II", entry, 116)
        entries.append((name, entry[66], start, stream_size))
    found = next((e for e in entries if e[0] in names and e[1] == 2), None)
    if found is None or not entries:
        return None
    _, _, start, stream_size = found
    if stream_size >= cutoff:
        return b"".join(sector(i) for i in chain(start, fat))[:stream_size]
    ministream = b"".join(sector(i) for i in chain(entries[0][2], fat))
    minifat = [w for i in chain(minifat_start, fat) for w in words(i)]
    parts = [ministream[i * mini : (i + 1) * mini] for i in chain(start, minifat)]
    return b"".join(parts)[:stream_size]


def _biff_zero_formats(stream: bytes) -> dict[str, dict[tuple[int, int], str]]:
    formats: dict[int, str] = {}
    xf_formats: list[int] = []
    sheets: list[tuple[str, int]] = []
    records = _records(stream, 0)
    first = next(records, None)
    if first is None or first[0] != 0x0809 or struct.unpack_from("<H", first[1])[0] != 0x0600:
        return {}  # not BIFF8 (Excel 97 and later)
    for kind, body in records:
        if kind == 0x041E:  # FORMAT
            number, length, flags = struct.unpack_from("<HHB", body)
            raw = body[5 : 5 + length * (2 if flags & 1 else 1)]
            formats[number] = raw.decode("utf-16-le" if flags & 1 else "latin-1")
        elif kind == 0x00E0:  # XF
            xf_formats.append(struct.unpack_from("<H", body, 2)[0])
        elif kind == 0x0085:  # BOUNDSHEET
            offset = struct.unpack_from("<I", body)[0]
            length, flags = body[6], body[7]
            raw = body[8 : 8 + length * (2 if flags & 1 else 1)]
            sheets.append((raw.decode("utf-16-le" if flags & 1 else "latin-1"), offset))
        elif kind == 0x000A:  # EOF of the workbook globals
            break
    padded = {
        xf: formats[number]
        for xf, number in enumerate(xf_formats)
        if ZEROS_FORMAT.match(formats.get(number, ""))
    }
    if not padded:
        return {}
    out: dict[str, dict[tuple[int, int], str]] = {}
    for name, offset in sheets:
        cells: dict[tuple[int, int], str] = {}
        for kind, body in _records(stream, offset):
            if kind == 0x000A:
                break
            if kind in (0x0203, 0x027E, 0x0006):  # NUMBER, RK, FORMULA
                row, col, xf = struct.unpack_from("<HHH", body)
                if xf in padded:
                    cells[(row + 1, col)] = padded[xf]
            elif kind == 0x00BD:  # MULRK: several RK cells of one row
                row, col = struct.unpack_from("<HH", body)
                for i in range((len(body) - 6) // 6):
                    xf = struct.unpack_from("<H", body, 4 + 6 * i)[0]
                    if xf in padded:
                        cells[(row + 1, col + i)] = padded[xf]
        out[name] = cells
    return out


def _records(stream: bytes, offset: int) -> Iterator[tuple[int, bytes]]:
    while offset + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, offset)
        yield kind, stream[offset + 4 : offset + 4 + length]
        offset += 4 + length
