"""Turn the files an analyst gives into per-table frames, remembering where each row came from.

One code path for the upload page and `xieshang import`: an `Upload` is a name (shown to the
user, never used as a path) and its bytes or a file to read. Files are recognised by content:
Parquet, CSV or tab-separated text (UTF-8 with or without BOM, GBK/GB18030, or Excel's
"Unicode 文本": UTF-16 with BOM), workbooks (.xlsx/.xlsm/.xlsb, .xls, WPS .et, .ods: every
sheet) and .zip of those. Headers may be Chinese, sit under title rows or span two merged
rows; totals and footnotes at the bottom are skipped; values are cleaned where unambiguous
and reported (file, row as the analyst sees it, column, value) where not.
"""

from __future__ import annotations

import codecs
import csv
import functools
import hashlib
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
from charset_normalizer import from_bytes

from xieshang.contract.aliases import (
    HEADER_ALIASES,
    HEADERS,
    TOTAL_WORDS,
    VALUE_LABELS,
    normalise,
    table_from_name,
    value_labels,
)
from xieshang.contract.codebook import Codebook
from xieshang.contract.tables import TABLE_NAMES, TABLES, Column, Table, accepts, table
from xieshang.i18n import Key
from xieshang.ingest import columns, excel, parse
from xieshang.ingest.limits import Limits
from xieshang.ingest.report import Problem

DATA_SUFFIXES = frozenset(
    {".parquet", ".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xlsb", ".xls", ".et", ".ods", ".zip"}
)
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
HEADER_SCAN_ROWS = 12
# What is sniffed of a text file: its encoding, delimiter and header come from this much.
SAMPLE_BYTES = 1 << 20
_FOOTER_WORDS = tuple(
    normalise(w)
    for w in (
        *TOTAL_WORDS,
        "注：",
        "注:",
        "说明",
        "填表人",
        "制表人",
        "制表",
        "审核人",
        "联系人",
        "填报单位",
    )
)
# The same words as a pattern over raw text, for Arrow to pick out candidate rows.
_FOOTER_PATTERN = (
    "^\\s*("
    + "|".join("".join(re.escape(ch) + "\\s*" for ch in word) for word in _FOOTER_WORDS)
    + ")"
)
_SKIPPED_SHEETS = frozenset(
    normalise(w) for w in ("说明", "填表说明", "readme", "目录", "封面", "instructions")
)
Progress = Callable[[str, dict[str, object]], None]


@dataclass(frozen=True)
class Upload:
    """A file given to the import: a display name and its content (bytes, or a file to read)."""

    name: str
    data: bytes | None = None
    path: Path | None = None

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.path is not None
        return self.path.read_bytes()

    @property
    def size(self) -> int:
        return len(self.data) if self.data is not None else self.path.stat().st_size  # type: ignore[union-attr]

    def head(self, size: int) -> bytes:
        """The first bytes, without reading a file on disk whole."""
        if self.data is not None:
            return self.data[:size]
        assert self.path is not None
        with self.path.open("rb") as f:
            return f.read(size)

    def chunks(self, start: int = 0, size: int = 8 << 20) -> Iterator[bytes]:
        if self.data is not None:
            view = memoryview(self.data)
            for offset in range(start, len(self.data), size):
                yield bytes(view[offset : offset + size])
            return
        assert self.path is not None
        with self.path.open("rb") as f:
            f.seek(start)
            while chunk := f.read(size):
                yield chunk

    def sha256(self) -> str:
        digest = hashlib.sha256()
        for chunk in self.chunks():
            digest.update(chunk)
        return digest.hexdigest()

    def stream(self, start: int) -> pa.NativeFile:
        """The content from byte `start`, for Arrow's CSV reader (a file is read as it goes)."""
        if self.data is not None:
            return pa.BufferReader(pa.py_buffer(self.data)[start:])
        stream = pa.OSFile(str(self.path))
        stream.seek(start)
        return stream


@dataclass(frozen=True)
class SourceFile:
    """An input file as recorded in a snapshot's manifest (its content kept beside it)."""

    name: str
    size: int
    sha256: str
    upload: Upload = field(repr=False, compare=False)


@dataclass(frozen=True)
class Frame:
    """One table's rows as read, the name shown to the user, and each row's number there."""

    table: str
    data: pa.Table
    source: str
    first_row: int = 1
    # each row's number as the analyst sees it, when rows were skipped (numpy: no boxed ints)
    row_numbers: np.ndarray | None = field(default=None, repr=False)
    # contract column -> the header the analyst wrote, for messages
    headers: dict[str, str] = field(default_factory=dict, repr=False)
    # contract column -> indices of rows whose cell could not be read (already reported)
    unreadable: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    # typed to the contract and trimmed by the reader: validation need not cast it again
    clean: bool = False
    # a Parquet file on disk already in the contract's shape: `data` is only its schema, and
    # its rows are read when validation and the store need them, not held all at once
    path: Path | None = field(default=None, repr=False)
    rows: int | None = None

    @property
    def num_rows(self) -> int:
        return self.rows if self.rows is not None else self.data.num_rows

    def read(self, columns: list[str] | None = None) -> pa.Table:
        """The rows (of these columns only, if given)."""
        if self.path is not None:
            return pq.read_table(self.path, columns=columns, memory_map=True)
        return self.data if columns is None else self.data.select(columns)

    def row(self, index: int) -> int:
        if self.row_numbers is not None:
            return int(self.row_numbers[index])
        return index + self.first_row

    def column(self, name: str) -> str:
        """A column as the file names it: its header, or for a column the file lacks, the
        Chinese alias when the file's headers are Chinese."""
        header = self.headers.get(name)
        if (
            header is None
            and self.headers
            and any(normalise(h) != c for c, h in self.headers.items())
        ):
            header = (
                HEADER_ALIASES[self.table][name][0] if name in HEADER_ALIASES[self.table] else None
            )
        return column_label(name, header)


def column_label(name: str, header: str | None) -> str:
    return f"{header}（{name}）" if header and normalise(header) != name else name


@dataclass
class FileReport:
    """What the analyst sees per file (or sheet): the table found and how many rows."""

    source: str
    table: str | None = None
    rows: int = 0
    notes: list[tuple[str, dict[str, object]]] = field(default_factory=list)


@dataclass
class Reading:
    frames: list[Frame] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    reports: list[FileReport] = field(default_factory=list)
    sources: list[SourceFile] = field(default_factory=list)


def uploads_from_paths(paths: Iterable[Path]) -> list[Upload]:
    """Files named directly, plus the data files directly inside a named folder (sorted).

    A folder may hold other things (a manifest, a README): only data files are taken from it.
    A file named directly is always read, so a wrong one is reported rather than skipped.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p
                for p in path.iterdir()
                if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in DATA_SUFFIXES
            )
        else:
            files.append(path)
    return [Upload(p.name, path=p) for p in files]


def read_all(
    uploads: list[Upload], codebook: Codebook, limits: Limits, progress: Progress | None = None
) -> Reading:
    """Read every upload; problems are collected, never raised."""
    reading = Reading()
    total = sum(u.size for u in uploads if u.path is None or u.path.exists())
    if total > limits.max_upload_bytes:
        reading.problems.append(
            Problem(
                "upload_too_large",
                "—",
                params={"size": _mb(total), "limit": _mb(limits.max_upload_bytes)},
            )
        )
        return reading
    for upload in uploads:
        if progress:
            progress("import.reading", {"file": upload.name})
        _read_upload(upload, codebook, limits, reading, nested=False)
    return reading


# --------------------------------------------------------------------------- file kinds


def _read_upload(
    upload: Upload, codebook: Codebook, limits: Limits, reading: Reading, nested: bool
) -> None:
    name = upload.name
    try:
        size = upload.size
    except OSError as exc:
        reading.problems.append(Problem("unreadable", name, params={"reason": exc.strerror}))
        return
    if size > limits.max_file_bytes:
        reading.problems.append(
            Problem(
                "file_too_large",
                name,
                params={"size": _mb(size), "limit": _mb(limits.max_file_bytes)},
            )
        )
        return
    # A big text file is never held whole: its start is sniffed, Arrow reads the rest.
    head = upload.head(SAMPLE_BYTES)
    if not nested:
        reading.sources.append(SourceFile(name, size, upload.sha256(), upload))
    if not head.strip() and size <= len(head):
        reading.problems.append(Problem("empty_file", name))
        return
    if head[:4] == b"PAR1":
        # a Parquet file on disk is memory-mapped rather than copied
        source = upload.path if upload.path is not None else io.BytesIO(upload.read())
        _read_parquet(name, source, codebook, limits, reading)
    elif head[:4] == b"PK\x03\x04":
        _read_zip(name, upload.read(), codebook, limits, reading, nested)
    elif head[:8] == OLE2_MAGIC:
        # Excel 97-2003 .xls and WPS .et alike (an encrypted .xlsx is OLE2 too: calamine says so)
        _read_workbook(name, upload.read(), codebook, limits, reading, with_formats=True)
    else:
        _read_csv(upload, head, size, codebook, limits, reading)


def _read_zip(
    name: str, data: bytes, codebook: Codebook, limits: Limits, reading: Reading, nested: bool
) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, OSError) as exc:
        reading.problems.append(Problem("unreadable", name, params={"reason": str(exc)}))
        return
    unpacked = sum(m.file_size for m in members)
    packed = max(1, sum(m.compress_size for m in members))
    if unpacked > limits.max_unpacked_bytes or unpacked / packed > limits.max_ratio:
        # a zip bomb, or simply too big: refused before anything is unpacked
        reading.problems.append(
            Problem(
                "zip_bomb",
                name,
                params={"unpacked": _mb(unpacked), "ratio": f"{unpacked / packed:.0f}"},
            )
        )
        return
    names = {m.filename for m in members}
    if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
        # .xlsx and .xlsm keep their number formats as XML; .xlsb's are binary
        xml = "xl/workbook.xml" in names
        _read_workbook(name, data, codebook, limits, reading, with_formats=xml)
        return
    if "mimetype" in names and _member_bytes(archive, "mimetype").startswith(_ODS_MIMETYPE):
        _read_workbook(name, data, codebook, limits, reading, with_formats=False)
        return
    if nested:
        reading.problems.append(Problem("nested_zip", name))
        return
    for member in members:
        inner = PurePosixPath(member.filename)
        if inner.name.startswith(".") or "__MACOSX" in inner.parts:
            continue
        if inner.suffix.lower() not in DATA_SUFFIXES:
            reading.reports.append(
                FileReport(f"{name} › {inner.name}", notes=[("note.skipped_member", {})])
            )
            continue
        # the member's name only labels it and hints at its table: it never becomes a path
        content, reason = _unpack(archive, member)
        if content is None:
            reading.problems.append(
                Problem("bad_member", name, params={"member": inner.name, "reason": reason})
            )
            continue
        _read_upload(
            Upload(f"{name} › {inner.name}", data=content), codebook, limits, reading, nested=True
        )


def _unpack(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> tuple[bytes | None, Key]:
    """A member's bytes, or why they cannot be trusted: a bad checksum or a false size."""
    try:
        with archive.open(member) as stream:
            # never more than the size the archive declares, which the bomb check has allowed
            content = stream.read(member.file_size + 1)
    except RuntimeError:  # encrypted
        return None, Key("zip.encrypted")
    except NotImplementedError:
        return None, Key("zip.method")
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        crc = "CRC" in str(exc)
        return None, Key("zip.crc" if crc else "zip.damaged")
    if len(content) != member.file_size:
        return None, Key("zip.size")
    return content, Key("zip.crc")


def _member_bytes(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return archive.read(name)[:200]
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError):
        return b""


def _read_parquet(
    name: str, source: Path | io.BytesIO, codebook: Codebook, limits: Limits, reading: Reading
) -> None:
    try:
        parquet = pq.ParquetFile(source, memory_map=isinstance(source, Path))
        shape = parquet.schema_arrow.empty_table()
        spec = _table_of_parquet(name, shape)
        if spec is not None and _already_typed(shape, spec):
            # the fast path: contract names and types; validation checks the rest
            rows = parquet.metadata.num_rows
            reading.reports.append(FileReport(name, spec.name, rows))
            extras = [c for c in shape.column_names if c not in spec.column_index]
            if _too_many_extras(name, spec.name, len(extras), limits, reading):
                return
            if isinstance(source, Path):
                reading.frames.append(Frame(spec.name, shape, name, path=source, rows=rows))
            else:
                reading.frames.append(Frame(spec.name, parquet.read(), name))
            return
        raw = parquet.read()
    except (OSError, pa.ArrowException) as exc:
        reading.problems.append(Problem("unreadable", name, params={"reason": str(exc)[:200]}))
        return
    header = list(raw.column_names)
    columns = [raw.column(i).to_pylist() for i in range(raw.num_columns)]
    rows = [list(r) for r in zip(*columns, strict=True)] if columns else []
    _read_grid(
        # Parquet has no header row to count: its first record is row 1, as on the fast path
        _Grid(name, _stem(name), [header, *rows], list(range(len(rows) + 1))),
        codebook,
        limits,
        reading,
        header_fixed=True,
    )


def _table_of_parquet(name: str, raw: pa.Table) -> Table | None:
    hinted = table_from_name(_stem(name))
    if hinted:
        return table(hinted)
    columns = set(raw.column_names)
    fitting = [t for t in TABLES if {c.name for c in t.columns if not c.optional} <= columns]
    return (
        max(fitting, key=lambda t: len({c.name for c in t.columns} & columns)) if fitting else None
    )


def _already_typed(raw: pa.Table, spec: Table) -> bool:
    return all(
        c.name in raw.column_names and accepts(c, raw.schema.field(c.name).type)
        for c in spec.columns
        if not c.optional
    )


def _encoding(name: str, head: bytes, whole: bool) -> tuple[str | None, int, Problem | None]:
    """The encoding of a text file and the length of its byte order mark, from its start:
    UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode 文本") or GBK/GB18030."""
    if head.startswith(b"\xff\xfe"):
        return "utf-16-le", 2, None
    if head.startswith(b"\xfe\xff"):
        return "utf-16-be", 2, None
    if head.count(b"\x00", 0, 4096) * 4 > min(len(head), 4096):
        # text where every other byte is zero is UTF-16 that lost its byte order mark
        return None, 0, Problem("bad_encoding", name)
    bom = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head[bom:], final=whole)
        return "utf-8", bom, None
    except UnicodeDecodeError:
        pass
    # GB18030 can decode almost any bytes; charset-normalizer judges whether the result reads
    # like text rather than noise (a Latin-1 or UTF-16 file decoded as GB18030 does not).
    best = from_bytes(head, cp_isolation=["gb18030"]).best()
    if best is not None and best.encoding == "gb18030":
        return "gb18030", 0, None
    return None, 0, Problem("bad_encoding", name)


def _read_csv(
    upload: Upload, head: bytes, size: int, codebook: Codebook, limits: Limits, reading: Reading
) -> None:
    """A CSV or tab-separated text: the header is found in its first rows, and the body read by
    Arrow's CSV reader into text columns (see `columns`), never a Python string per cell.

    Files Arrow's reader would number differently from Excel (blank lines in the body, rows
    of uneven width) are read row by row instead, as are files that turn out not to decode.
    """
    name = upload.name
    whole = size <= len(head)
    encoding, bom, problem = _encoding(name, head, whole)
    if problem is not None:
        reading.problems.append(problem)
        return
    assert encoding is not None
    try:
        sample = codecs.getincrementaldecoder(encoding)().decode(head[bom:], final=whole)
    except UnicodeDecodeError:
        reading.problems.append(Problem("bad_encoding", name))
        return
    delimiter = _delimiter(sample)
    rows, ends = _records(sample, delimiter, HEADER_SCAN_ROWS + 3)
    grid = _Grid(name, _stem(name), rows, list(range(1, len(rows) + 1)))
    problems_before = len(reading.problems)
    found = _find_header(grid, reading)
    if found is None:
        return
    header, report = found
    body_records = header.top + header.height
    start = bom + len(sample[: ends[body_records - 1]].encode(encoding))
    done = False
    if body_records >= len(rows):
        if whole:  # the header and nothing under it
            done = _build_text_frame(
                grid, header, iter(()), body_records + 1, codebook, limits, reading, report
            )
    elif _plain_body(upload, start, encoding):
        quoted = '"' in sample or not whole
        batches = _arrow_body(upload, start, encoding, delimiter, len(rows[body_records]), quoted)
        done = _build_text_frame(
            grid, header, batches, body_records + 1, codebook, limits, reading, report
        )
    if not done:
        # the row-by-row reading reports everything about this file afresh
        del reading.problems[problems_before:]
        reading.reports.remove(report)
        _read_csv_rows(upload, encoding, bom, delimiter, codebook, limits, reading)


def _delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample[:8192], delimiters=",\t;|").delimiter
    except csv.Error:
        return ","


def _records(text: str, delimiter: str, limit: int) -> tuple[list[list[object]], list[int]]:
    """The first records of a text as csv reads them, and the character offset after each."""
    lines = iter(text.splitlines(keepends=True))
    consumed = 0

    def feed() -> Iterator[str]:
        nonlocal consumed
        for line in lines:
            consumed += len(line)
            yield line

    reader = csv.reader(feed(), delimiter=delimiter)
    rows: list[list[object]] = []
    ends: list[int] = []
    try:
        for row in reader:
            rows.append(list(row))
            ends.append(consumed)
            if len(rows) >= limit:
                break
    except csv.Error:  # a record cut off at the end of the sample
        pass
    return rows, ends


def _plain_body(upload: Upload, start: int, encoding: str) -> bool:
    """No blank line inside the body: Arrow skips those, and Excel would count them."""
    newline = "\n".encode(encoding)
    blank = (newline + newline, "\n\r\n".encode(encoding))
    tail = b""
    for chunk in upload.chunks(start):
        window = tail + chunk
        if any(b in window.rstrip(b"\r\n\x00 \t") for b in blank):
            return False
        tail = window[-8:]
    return True


class _Uneven(Exception):
    """A row of another width than the first: Arrow's numbering would drift from Excel's."""


def _arrow_body(
    upload: Upload, start: int, encoding: str, delimiter: str, width: int, quoted: bool
) -> Iterator[pa.RecordBatch]:
    """The body a block at a time, every field as text. Raises `_Uneven`, or Arrow's and the
    codec's errors, when Arrow cannot read it as Excel would."""

    def on_uneven(row: object) -> str:
        raise _Uneven()

    reader = pa_csv.open_csv(
        upload.stream(start),
        read_options=pa_csv.ReadOptions(
            # Arrow reads "utf8" as is; any other name goes through a Python codec
            encoding="utf8" if encoding == "utf-8" else encoding,
            autogenerate_column_names=True,
            block_size=4 << 20,
            use_threads=False,
        ),
        parse_options=pa_csv.ParseOptions(
            delimiter=delimiter, newlines_in_values=quoted, invalid_row_handler=on_uneven
        ),
        convert_options=pa_csv.ConvertOptions(
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
            column_types={f"f{i}": pa.string() for i in range(width)},
        ),
    )
    yield from reader


_BODY_ERRORS = (_Uneven, pa.ArrowInvalid, UnicodeDecodeError, LookupError)


def _read_csv_rows(
    upload: Upload,
    encoding: str,
    bom: int,
    delimiter: str,
    codebook: Codebook,
    limits: Limits,
    reading: Reading,
) -> None:
    name = upload.name
    data = upload.read()
    try:
        content = data[bom:].decode(encoding)
    except UnicodeDecodeError:
        if encoding != "utf-8":
            reading.problems.append(Problem("bad_encoding", name))
            return
        # valid UTF-8 at the start only: judge the whole file as GB18030 instead
        best = from_bytes(data, cp_isolation=["gb18030"]).best()
        if best is None or best.encoding != "gb18030":
            reading.problems.append(Problem("bad_encoding", name))
            return
        content = str(best)
    del data
    rows: list[list[object]] = [
        list(r) for r in csv.reader(io.StringIO(content), delimiter=delimiter)
    ]
    _read_grid(
        _Grid(name, _stem(name), rows, list(range(1, len(rows) + 1))), codebook, limits, reading
    )


def _read_workbook(
    name: str, data: bytes, codebook: Codebook, limits: Limits, reading: Reading, with_formats: bool
) -> None:
    try:
        found = [
            sheet
            for sheet in excel.sheets(data, with_formats)
            if normalise(sheet.name) not in _SKIPPED_SHEETS
        ]
    except excel.WorkbookError as exc:
        params: dict[str, object] = (
            {"reason": exc.reason} if exc.key == "problem.unreadable" else {}
        )
        reading.problems.append(Problem(exc.key.removeprefix("problem."), name, params=params))
        return
    if not found:
        reading.problems.append(Problem("empty_file", name))
        return
    for sheet in found:
        # a sheet named after a table says which it is; "Sheet1" leaves it to the file name
        hint = sheet.name if table_from_name(sheet.name) else _stem(name)
        source = f"{name} › {sheet.name}" if len(found) > 1 else name
        _read_grid(
            _Grid(source, hint, sheet.rows, sheet.numbers, sheet.formats), codebook, limits, reading
        )


# --------------------------------------------------------------------------- grids


@dataclass
class _Grid:
    """Cells of one CSV, sheet or Parquet file, with the row number of each row as seen."""

    source: str
    hint: str
    rows: list[list[object]]
    numbers: list[int]
    # number formats that pad codes with zeros, by (row number as seen, column index)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)


@dataclass
class _Header:
    table: Table
    top: int  # index of the first header row in the grid
    height: int  # 1 or 2 rows
    columns: dict[int, str]  # grid column -> contract column
    cells: list[str]  # the header text per grid column

    @property
    def missing(self) -> list[str]:
        found = set(self.columns.values())
        return [c.name for c in self.table.columns if not c.optional and c.name not in found]

    @property
    def chinese(self) -> bool:
        """Whether the file names its columns otherwise than the contract (in Chinese)."""
        return any(normalise(self.cells[i]) != c for i, c in self.columns.items())


def _read_grid(
    grid: _Grid, codebook: Codebook, limits: Limits, reading: Reading, header_fixed: bool = False
) -> None:
    found = _find_header(grid, reading, header_fixed)
    if found is None:
        return
    header, report = found
    if header.missing:
        report.rows = len(_body(grid, header, report)[0])
        _report_missing(grid.source, header, reading)
        return
    _build_frame(grid, header, codebook, limits, reading, report)


def _find_header(
    grid: _Grid, reading: Reading, header_fixed: bool = False
) -> tuple[_Header, FileReport] | None:
    """The header that names a table's columns, and the file's line in the report.

    A header lacking required columns is returned too (the best one), for its rows to be
    counted before the missing columns are reported; None when no table can be told.
    """
    report = FileReport(grid.source)
    reading.reports.append(report)
    hinted = table_from_name(grid.hint)
    candidates = [table(hinted)] if hinted else list(TABLES)
    headers = list(_headers(grid.rows, candidates, only_first=header_fixed))
    if not headers:
        reading.problems.append(
            Problem("no_header", grid.source, params={"tables": "、".join(TABLE_NAMES)})
        )
        return None
    complete = [h for h in headers if not h.missing]
    if not complete:
        best = max(headers, key=lambda h: len(h.columns))
        report.table = best.table.name
        return best, report
    best_score = max(len(h.columns) for h in complete)
    winners = {h.table.name for h in complete if len(h.columns) == best_score}
    if len(winners) > 1:
        reading.problems.append(
            Problem("ambiguous_table", grid.source, params={"tables": "、".join(sorted(winners))})
        )
        return None
    header = min(
        (h for h in complete if len(h.columns) == best_score), key=lambda h: (h.height, h.top)
    )
    report.table = header.table.name
    return header, report


def _report_missing(source: str, header: _Header, reading: Reading) -> None:
    """Each missing column, named as the file would name it (Chinese when its headers are)."""
    for column in header.missing:
        alias = HEADER_ALIASES[header.table.name].get(column, (column,))[0]
        reading.problems.append(
            Problem(
                "missing_column",
                source,
                header.table.name,
                column=column_label(column, alias if header.chinese else None),
            )
        )


def _headers(rows: list[list[object]], tables: list[Table], only_first: bool) -> Iterator[_Header]:
    """Every plausible header: one row or two merged rows, among the first rows."""
    scan = 1 if only_first else min(HEADER_SCAN_ROWS, len(rows))
    for top in range(scan):
        single = [_cell_text(c) for c in rows[top]]
        options = [(1, single)]
        if not only_first and top + 1 < len(rows):
            upper = _fill_right(single)
            lower = [_cell_text(c) for c in rows[top + 1]]
            width = max(len(upper), len(lower))
            upper += [""] * (width - len(upper))
            lower += [""] * (width - len(lower))
            options.append((2, [lo or up for up, lo in zip(upper, lower, strict=True)]))
        for height, cells in options:
            for spec in tables:
                columns = _match(spec, cells)
                if len(columns) >= 2 or (columns and len(spec.columns) <= 2):
                    yield _Header(spec, top, height, columns, cells)


def _match(spec: Table, cells: list[str]) -> dict[int, str]:
    aliases = HEADERS[spec.name]
    found: dict[int, str] = {}
    for index, cell in enumerate(cells):
        column = aliases.get(normalise(cell)) if cell else None
        if column and column not in found.values():
            found[index] = column
    return found


def _fill_right(cells: list[str]) -> list[str]:
    """A merged cell spanning columns is stored once, at its left: repeat it to the right."""
    out, last = [], ""
    for cell in cells:
        last = cell or last
        out.append(last)
    return out


def _cell_text(value: object) -> str:
    return "" if parse.is_empty(value) else str(value).strip()


def _body(grid: _Grid, header: _Header, report: FileReport) -> tuple[list[list[object]], list[int]]:
    """The data rows under the header: empty rows dropped, totals and notes skipped (noted)."""
    spec = header.table
    start = header.top + header.height
    body, numbers = [], []
    skipped: list[int] = []
    required_positions = [i for i, c in header.columns.items() if not spec.column(c).optional]
    for offset in range(start, len(grid.rows)):
        row = grid.rows[offset]
        if all(parse.is_empty(v) for v in row):
            continue
        if _is_footer(row, required_positions):
            skipped.append(grid.numbers[offset])
            continue
        body.append(row)
        numbers.append(grid.numbers[offset])
    if skipped:
        report.notes.append(("note.footer_rows", {"rows": _ranges(skipped)}))
    return body, numbers


def _build_frame(
    grid: _Grid,
    header: _Header,
    codebook: Codebook,
    limits: Limits,
    reading: Reading,
    report: FileReport,
) -> None:
    spec = header.table
    source = grid.source
    body, numbers = _body(grid, header, report)
    report.rows = len(body)
    if not _frame_allowed(header, len(body), limits, reading, source):
        return
    extras = _extras(header)
    arrays, names, headers = [], [], {}
    unreadable: dict[str, np.ndarray] = {}
    problems = reading.problems
    position = {column: index for index, column in header.columns.items()}
    for column in spec.columns:
        index = position.get(column.name)
        if index is None:
            arrays.append(pa.nulls(len(body), column.arrow_type))
            names.append(column.name)
            continue
        headers[column.name] = header.cells[index]
        values = [row[index] if index < len(row) else None for row in body]
        cell_formats = (
            [grid.formats.get((number, index)) for number in numbers] if grid.formats else None
        )
        parsed, failures = _parse_column(spec, column, values, cell_formats, codebook)
        shown = column_label(column.name, header.cells[index])
        for row_index, key in failures:
            problems.append(
                _unreadable_cell(
                    spec, column, source, numbers[row_index], shown, values[row_index], key
                )
            )
        if failures:
            unreadable[column.name] = np.array([i for i, _ in failures], dtype=np.int64)
        arrays.append(pa.array(parsed, type=column.arrow_type))
        names.append(column.name)
    used = set(names)
    for index, cell in extras:
        label = cell if cell not in used else f"{cell}_{index + 1}"
        used.add(label)
        arrays.append(
            pa.array(
                [parse.text(row[index]) if index < len(row) else None for row in body],
                type=pa.string(),
            )
        )
        names.append(label)
    if extras:
        report.notes.append(("note.extra_columns", {"columns": _listed(c for _, c in extras)}))
    typed = pa.Table.from_arrays(arrays, names=names)
    reading.frames.append(
        Frame(
            spec.name,
            typed,
            source,
            row_numbers=np.array(numbers, dtype=np.int64),
            headers=headers,
            unreadable=unreadable,
            clean=True,
        )
    )


def _frame_allowed(
    header: _Header, rows: int, limits: Limits, reading: Reading, source: str
) -> bool:
    """The checks on a whole table before its cells are read: size, headers, extra columns."""
    spec = header.table
    if rows > limits.max_rows_per_table:
        reading.problems.append(
            Problem(
                "too_many_rows",
                source,
                spec.name,
                params={"rows": f"{rows:,}", "limit": f"{limits.max_rows_per_table:,}"},
            )
        )
        return False
    duplicates = _duplicate_headers(header)
    for column, cells in duplicates.items():
        reading.problems.append(
            Problem(
                "duplicate_header",
                source,
                spec.name,
                column=column,
                params={"headers": "、".join(cells)},
            )
        )
    if duplicates:
        return False
    return not _too_many_extras(source, spec.name, len(_extras(header)), limits, reading)


def _extras(header: _Header) -> list[tuple[int, str]]:
    """Header cells naming no contract column: kept as text columns."""
    return [(i, cell) for i, cell in enumerate(header.cells) if i not in header.columns and cell]


def _unreadable_cell(
    spec: Table, column: Column, source: str, row: int, shown: str, raw: object, key: str
) -> Problem:
    value = parse.text(raw)
    if column.enum:
        return Problem("enum", source, spec.name, row, shown, value, _choices(spec, column))
    return Problem("unparsable", source, spec.name, row, shown, value, {"reason": Key(key)})


def _too_many_extras(
    source: str, table_name: str, count: int, limits: Limits, reading: Reading
) -> bool:
    """Thousands of columns outside the contract slow every query on the snapshot: refused."""
    if count <= limits.max_extra_columns:
        return False
    reading.problems.append(
        Problem(
            "too_many_extra_columns",
            source,
            table_name,
            params={"count": f"{count:,}", "limit": f"{limits.max_extra_columns:,}"},
        )
    )
    return True


def _listed(cells: Iterable[str], shown: int = 20) -> str:
    items = list(cells)
    more = f"…（+{len(items) - shown}）" if len(items) > shown else ""
    return "、".join(items[:shown]) + more


def _build_text_frame(
    grid: _Grid,
    header: _Header,
    batches: Iterator[pa.RecordBatch],
    first_number: int,
    codebook: Codebook,
    limits: Limits,
    reading: Reading,
    report: FileReport,
) -> bool:
    """`_build_frame` for a body Arrow reads as text, a block at a time: each block's cells
    are typed and dropped before the next is read, so the text is never held whole.

    False when the body cannot be read so (uneven rows, undecodable text): read it row by row.
    """
    spec = header.table
    source = grid.source
    counting = bool(header.missing)  # rows are counted for the report, then columns named
    if not counting and not _frame_allowed(header, 0, limits, reading, source):
        return True
    extras = _extras(header)
    parsers = {c.name: _parser(spec, c, codebook) for c in spec.columns}
    caches: dict[str, dict[object, tuple[object, str | None]]] = {c.name: {} for c in spec.columns}
    chunks: dict[str, list[pa.Array]] = {c.name: [] for c in spec.columns}
    extra_chunks: list[list[pa.Array]] = [[] for _ in extras]
    unreadable: dict[str, list[int]] = {}
    numbers: list[np.ndarray] = []
    footers: list[int] = []
    required_positions = [i for i, c in header.columns.items() if not spec.column(c).optional]
    read = kept = 0
    try:
        for batch in batches:
            cells: list[pa.Array | None] = list(batch.columns)
            rows = batch.num_rows
            keep = _kept_rows(cells, required_positions, rows)
            at = np.arange(first_number + read, first_number + read + rows, dtype=np.int64)
            footers += at[keep == 2].tolist()
            read += rows
            if not (keep == 1).all():
                mask = pa.array(keep == 1)
                cells = [c.filter(mask) if c is not None else None for c in cells]
                at = at[keep == 1]
            numbers.append(at)
            count = len(at)
            if kept + count > limits.max_rows_per_table and not counting:
                reading.problems.append(
                    Problem(
                        "too_many_rows",
                        source,
                        spec.name,
                        params={
                            "rows": f"{kept + count:,}+",
                            "limit": f"{limits.max_rows_per_table:,}",
                        },
                    )
                )
                report.rows = kept + count
                return True
            if not counting:
                _type_block(
                    source, header, cells, at, kept, parsers, caches, chunks, unreadable, reading
                )
                for slot, (index, _) in enumerate(extras):
                    values = cells[index] if index < len(cells) else None
                    extra_chunks[slot].append(
                        columns.trimmed(values) if values is not None else pa.nulls(count)
                    )
            kept += count
            # give back the block's text now: the allocator would otherwise keep it
            pa.default_memory_pool().release_unused()
    except _BODY_ERRORS:
        return False
    if footers:
        report.notes.append(("note.footer_rows", {"rows": _ranges(footers)}))
    report.rows = kept
    if counting:
        _report_missing(source, header, reading)
        return True
    arrays = [pa.chunked_array(chunks[c.name], type=c.arrow_type) for c in spec.columns]
    names = [c.name for c in spec.columns]
    used = set(names)
    for slot, (index, cell) in enumerate(extras):
        label = cell if cell not in used else f"{cell}_{index + 1}"
        used.add(label)
        arrays.append(pa.chunked_array(extra_chunks[slot], type=pa.string()))
        names.append(label)
    if extras:
        report.notes.append(("note.extra_columns", {"columns": _listed(c for _, c in extras)}))
    all_numbers = np.concatenate(numbers) if numbers else np.zeros(0, dtype=np.int64)
    dropped = read != kept
    reading.frames.append(
        Frame(
            spec.name,
            pa.Table.from_arrays(arrays, names=names),
            source,
            first_row=first_number,
            row_numbers=all_numbers if dropped else None,
            headers={c: header.cells[i] for i, c in header.columns.items()},
            unreadable={c: np.array(rows, dtype=np.int64) for c, rows in unreadable.items()},
            clean=True,
        )
    )
    return True


def _kept_rows(
    cells: list[pa.Array | None], required_positions: list[int], rows: int
) -> np.ndarray:
    """Per row of a block: 1 a record, 0 empty, 2 a total or note (a footer word first)."""
    empty = np.ones(rows, dtype=bool)
    candidates = np.zeros(rows, dtype=bool)
    for values in cells:
        footer = pc.match_substring_regex(values, _FOOTER_PATTERN, ignore_case=True)
        candidates |= empty & footer.to_numpy(zero_copy_only=False)
        filled = pc.not_equal(pc.utf8_trim_whitespace(values), "")
        empty &= ~filled.to_numpy(zero_copy_only=False)
    keep = (~empty).astype(np.int8)
    for i in np.flatnonzero(candidates):
        row = [c[int(i)].as_py() if c is not None else None for c in cells]
        if _is_footer(row, required_positions):
            keep[i] = 2
    return keep


def _type_block(
    source: str,
    header: _Header,
    cells: list[pa.Array | None],
    numbers: np.ndarray,
    offset: int,
    parsers: dict[str, Callable[[object, str | None], object]],
    caches: dict[str, dict[object, tuple[object, str | None]]],
    chunks: dict[str, list[pa.Array]],
    unreadable: dict[str, list[int]],
    reading: Reading,
) -> None:
    """One block's contract columns typed (appended to `chunks`), its unreadable cells reported."""
    spec = header.table
    position = {column: index for index, column in header.columns.items()}
    for column in spec.columns:
        index = position.get(column.name)
        values = cells[index] if index is not None and index < len(cells) else None
        if values is None:
            chunks[column.name].append(pa.nulls(len(numbers), column.arrow_type))
            continue
        typed, failures = columns.convert(
            values,
            _kind(column),
            functools.partial(_without_format, parsers[column.name]),
            column.arrow_type,
            caches[column.name],
        )
        chunks[column.name].append(typed)
        shown = column_label(column.name, header.cells[index])  # type: ignore[index]
        for row_index, key in failures:
            raw = values[row_index].as_py()
            reading.problems.append(
                _unreadable_cell(
                    spec,
                    column,
                    reading.reports[-1].source,
                    int(numbers[row_index]),
                    shown,
                    raw,
                    key,
                )
            )
            unreadable.setdefault(column.name, []).append(offset + row_index)


def _without_format(parser: Callable[[object, str | None], object], value: object) -> object:
    return parser(value, None)  # text has no number format


def _kind(column: Column) -> str:
    """Which of Arrow's fast conversions a column's text gets (see `columns.convert`)."""
    if column.type in ("date", "int"):
        return column.type
    if column.type == "bool" or column.enum:
        return "label"
    if column.name.endswith(("_code", "_id")):
        return "code"
    return "text"


def _duplicate_headers(header: _Header) -> dict[str, list[str]]:
    """Two headers for one column (区划代码 and 下沉区划代码 …): which one is meant is unclear."""
    seen: dict[str, list[str]] = {}
    aliases = HEADERS[header.table.name]
    for cell in header.cells:
        column = aliases.get(normalise(cell)) if cell else None
        if column:
            seen.setdefault(column, []).append(cell)
    return {c: cells for c, cells in seen.items() if len(cells) > 1}


def _is_footer(row: list[object], required_positions: list[int]) -> bool:
    first = next((v for v in row if not parse.is_empty(v)), None)
    if first is None or not str(first).strip():
        return False
    word = normalise(first)
    if not word.startswith(_FOOTER_WORDS):
        return False
    empty = sum(1 for i in required_positions if i >= len(row) or parse.is_empty(row[i]))
    return empty * 2 >= len(required_positions)


def _parse_column(
    spec: Table,
    column: Column,
    values: list[object],
    formats: list[str | None] | None,
    codebook: Codebook,
) -> tuple[list[object], list[tuple[int, str]]]:
    parser = _parser(spec, column, codebook)
    cache: dict[object, tuple[object, str | None]] = {}
    parsed: list[object] = []
    failures: list[tuple[int, str]] = []
    for i, value in enumerate(values):
        fmt = formats[i] if formats else None
        key = (type(value), value, fmt) if _hashable(value) else None
        hit = cache.get(key) if key is not None else None
        if hit is None:
            try:
                hit = (parser(value, fmt), None)
            except parse.Unreadable as exc:
                hit = (None, exc.key)
            if key is not None:
                cache[key] = hit
        parsed.append(hit[0])
        if hit[1]:
            failures.append((i, hit[1]))
    return parsed, failures


def _parser(
    spec: Table, column: Column, codebook: Codebook
) -> Callable[[object, str | None], object]:
    if column.type == "date":
        return lambda v, _f: parse.day(v)
    if column.type == "int":
        return lambda v, _f: parse.integer(v)
    if column.type == "bool":
        return lambda v, _f: parse.boolean(v)
    if column.enum:
        labels = (
            codebook.labels() if column.name == "outcome" else value_labels(spec.name, column.name)
        )
        enum = parse.label(labels or {v: v for v in column.enum})
        return lambda v, _f: enum(v)
    if column.name.endswith(("_code", "_id")):
        return parse.code
    return lambda v, _f: parse.text(v)


def _choices(spec: Table, column: Column) -> dict[str, object]:
    """The allowed values as analysts write them (the first Chinese label of each)."""
    labels = VALUE_LABELS.get(f"{spec.name}.{column.name}") or VALUE_LABELS.get(column.name, {})
    words = [labels[v][0] if labels.get(v) else v for v in column.enum or ()]
    return {"choices": "/".join(words)}


def _hashable(value: object) -> bool:
    return isinstance(value, str | int | float | bool) or value is None or hasattr(value, "year")


def _ranges(numbers: list[int]) -> str:
    return "、".join(str(n) for n in numbers[:10]) + ("…" if len(numbers) > 10 else "")


def _stem(name: str) -> str:
    last = name.split(" › ")[-1]
    return last.rsplit(".", 1)[0] if "." in last else last


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:,.1f} MB"


# --------------------------------------------------------------------------- small tables


@dataclass(frozen=True)
class Sheet:
    """The cells of one small table outside the contract (the targets table): each row as
    read, with its number as the analyst sees it (Excel's row, the text's line)."""

    source: str
    rows: list[list[object]]
    numbers: list[int]


def sheets_of(upload: Upload, limits: Limits) -> tuple[list[Sheet], list[Problem]]:
    """Every filled sheet of a small workbook, or the rows of a small CSV or text file
    (UTF-8, GBK/GB18030 or UTF-16, as for exports), read whole: for tables of a few thousand
    rows kept beside the export, such as the targets table. Problems are returned, not raised."""
    name = upload.name
    try:
        size = upload.size
    except OSError as exc:
        return [], [Problem("unreadable", name, params={"reason": exc.strerror})]
    if size > limits.max_file_bytes:
        limit = _mb(limits.max_file_bytes)
        return [], [Problem("file_too_large", name, params={"size": _mb(size), "limit": limit})]
    data = upload.read()
    if not data.strip():
        return [], [Problem("empty_file", name)]
    if data[:4] == b"PK\x03\x04" or data[:8] == OLE2_MAGIC:
        if data[:4] == b"PK\x03\x04":
            try:
                members = zipfile.ZipFile(io.BytesIO(data)).infolist()
            except (zipfile.BadZipFile, OSError) as exc:
                return [], [Problem("unreadable", name, params={"reason": str(exc)})]
            unpacked = sum(m.file_size for m in members)
            packed = max(1, sum(m.compress_size for m in members))
            if unpacked > limits.max_unpacked_bytes or unpacked / packed > limits.max_ratio:
                ratio = f"{unpacked / packed:.0f}"
                return [], [
                    Problem("zip_bomb", name, params={"unpacked": _mb(unpacked), "ratio": ratio})
                ]
        try:
            found = [
                Sheet(name if i == 0 else f"{name} › {sheet.name}", sheet.rows, sheet.numbers)
                for i, sheet in enumerate(excel.sheets(data, with_formats=False))
                if normalise(sheet.name) not in _SKIPPED_SHEETS
            ]
        except excel.WorkbookError as exc:
            params: dict[str, object] = {"reason": exc.reason} if exc.reason else {}
            return [], [Problem(exc.key.removeprefix("problem."), name, params=params)]
        return found, [] if found else [Problem("empty_file", name)]
    encoding, bom, problem = _encoding(name, data[:SAMPLE_BYTES], size <= SAMPLE_BYTES)
    if problem is not None or encoding is None:
        return [], [problem or Problem("bad_encoding", name)]
    try:
        text = data[bom:].decode(encoding)
    except UnicodeDecodeError:
        return [], [Problem("bad_encoding", name)]
    rows: list[list[object]] = [
        list(r) for r in csv.reader(io.StringIO(text), delimiter=_delimiter(text[:8192]))
    ]
    return [Sheet(name, rows, list(range(1, len(rows) + 1)))], []
