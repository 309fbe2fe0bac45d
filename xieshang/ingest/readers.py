"""Turn the files an analyst gives into per-table frames, remembering where each row came from.

One code path for the upload page and `xieshang import`: an `Upload` is a name (shown to the
user, never used as a path) and its bytes or a file to read. Files are recognised by content:
Parquet, CSV (UTF-8 with or without BOM, or GBK/GB18030), .xlsx (every sheet) and .zip of
those. Headers may be Chinese, sit under title rows or span two merged rows; totals and
footnotes at the bottom are skipped; values are cleaned where unambiguous and reported
(file, row as the analyst sees it, column, value) where not.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pyarrow as pa
import pyarrow.parquet as pq
from charset_normalizer import from_bytes

from xieshang.contract.aliases import (
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
from xieshang.ingest import parse
from xieshang.ingest.limits import Limits
from xieshang.ingest.report import Problem

DATA_SUFFIXES = frozenset({".parquet", ".csv", ".txt", ".tsv", ".xlsx", ".xls", ".zip"})
HEADER_SCAN_ROWS = 12
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
    row_numbers: tuple[int, ...] | None = field(default=None, repr=False)
    # contract column -> the header the analyst wrote, for messages
    headers: dict[str, str] = field(default_factory=dict, repr=False)

    def row(self, index: int) -> int:
        return self.row_numbers[index] if self.row_numbers else index + self.first_row

    def column(self, name: str) -> str:
        header = self.headers.get(name)
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
    data = upload.read()
    if not nested:
        reading.sources.append(SourceFile(name, size, hashlib.sha256(data).hexdigest(), upload))
    if not data.strip():
        reading.problems.append(Problem("empty_file", name))
        return
    if data[:4] == b"PAR1":
        # a Parquet file on disk is memory-mapped rather than copied
        source = upload.path if upload.path is not None else io.BytesIO(data)
        _read_parquet(name, source, codebook, limits, reading)
    elif data[:4] == b"PK\x03\x04":
        _read_zip(name, data, codebook, limits, reading, nested)
    elif data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        reading.problems.append(Problem("old_xls", name))
    else:
        _read_csv(name, data, codebook, limits, reading)


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
        _read_xlsx(name, data, codebook, limits, reading)
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
        content = archive.read(member)
        _read_upload(
            Upload(f"{name} › {inner.name}", data=content), codebook, limits, reading, nested=True
        )


def _read_parquet(
    name: str, source: Path | io.BytesIO, codebook: Codebook, limits: Limits, reading: Reading
) -> None:
    try:
        raw = pq.read_table(source, memory_map=isinstance(source, Path))
    except (OSError, pa.ArrowException) as exc:
        reading.problems.append(Problem("unreadable", name, params={"reason": str(exc)[:200]}))
        return
    spec = _table_of_parquet(name, raw)
    if spec is not None and _already_typed(raw, spec):
        # the fast path: contract names and types; validation checks the rest
        reading.frames.append(Frame(spec.name, raw, name))
        reading.reports.append(FileReport(name, spec.name, raw.num_rows))
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


def _decode(name: str, data: bytes) -> tuple[str | None, Problem | None]:
    """UTF-8 (with or without BOM) or GBK/GB18030; anything else is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    # GB18030 can decode almost any bytes; charset-normalizer judges whether the result reads
    # like text rather than noise (a Latin-1 or UTF-16 file decoded as GB18030 does not).
    best = from_bytes(data, cp_isolation=["gb18030"]).best()
    if best is not None and best.encoding == "gb18030":
        return str(best), None
    return None, Problem("bad_encoding", name)


def _read_csv(name: str, data: bytes, codebook: Codebook, limits: Limits, reading: Reading) -> None:
    content, problem = _decode(name, data)
    if problem:
        reading.problems.append(problem)
        return
    assert content is not None
    try:
        dialect = csv.Sniffer().sniff(content[:8192], delimiters=",\t;|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    rows = list(csv.reader(io.StringIO(content), delimiter=delimiter))
    _read_grid(
        _Grid(name, _stem(name), rows, list(range(1, len(rows) + 1))), codebook, limits, reading
    )


def _read_xlsx(
    name: str, data: bytes, codebook: Codebook, limits: Limits, reading: Reading
) -> None:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        reading.problems.append(Problem("unreadable", name, params={"reason": str(exc)[:200]}))
        return
    sheets = [ws for ws in workbook.worksheets if ws.max_row and ws.max_row > 0]
    for sheet in sheets:
        if normalise(sheet.title) in _SKIPPED_SHEETS:
            continue
        rows: list[list[object]] = []
        formats: list[list[str | None]] = []
        numbers: list[int] = []
        for cells in sheet.iter_rows():
            values = [c.value for c in cells]
            if all(parse.is_empty(v) for v in values):
                continue
            rows.append(values)
            formats.append([getattr(c, "number_format", None) for c in cells])
            numbers.append(cells[0].row if cells and hasattr(cells[0], "row") else len(rows))
        if not rows:
            continue
        # a sheet named after a table says which it is; "Sheet1" leaves it to the file name
        hint = sheet.title if table_from_name(sheet.title) else _stem(name)
        source = f"{name} › {sheet.title}" if len(sheets) > 1 else name
        _read_grid(_Grid(source, hint, rows, numbers, formats), codebook, limits, reading)
    workbook.close()


# --------------------------------------------------------------------------- grids


@dataclass
class _Grid:
    """Cells of one CSV, sheet or Parquet file, with the row number of each row as seen."""

    source: str
    hint: str
    rows: list[list[object]]
    numbers: list[int]
    formats: list[list[str | None]] | None = None


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


def _read_grid(
    grid: _Grid, codebook: Codebook, limits: Limits, reading: Reading, header_fixed: bool = False
) -> None:
    report = FileReport(grid.source)
    reading.reports.append(report)
    rows = [r for r in grid.rows]
    hinted = table_from_name(grid.hint)
    candidates = [table(hinted)] if hinted else list(TABLES)
    headers = list(_headers(rows, candidates, only_first=header_fixed))
    if not headers:
        reading.problems.append(
            Problem("no_header", grid.source, params={"tables": "、".join(TABLE_NAMES)})
        )
        return
    complete = [h for h in headers if not h.missing]
    if not complete:
        best = max(headers, key=lambda h: len(h.columns))
        for column in best.missing:
            reading.problems.append(
                Problem("missing_column", grid.source, best.table.name, column=column)
            )
        report.table = best.table.name
        return
    best_score = max(len(h.columns) for h in complete)
    winners = {h.table.name for h in complete if len(h.columns) == best_score}
    if len(winners) > 1:
        reading.problems.append(
            Problem("ambiguous_table", grid.source, params={"tables": "、".join(sorted(winners))})
        )
        return
    header = min(
        (h for h in complete if len(h.columns) == best_score), key=lambda h: (h.height, h.top)
    )
    report.table = header.table.name
    _build_frame(grid, header, codebook, limits, reading, report)


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
    start = header.top + header.height
    body, numbers, formats = [], [], []
    skipped: list[int] = []
    required_positions = [i for i, c in header.columns.items() if not spec.column(c).optional]
    for offset, row in enumerate(grid.rows[start:], start=start):
        if all(parse.is_empty(v) for v in row):
            continue
        if _is_footer(row, required_positions):
            skipped.append(grid.numbers[offset])
            continue
        body.append(row)
        numbers.append(grid.numbers[offset])
        formats.append(grid.formats[offset] if grid.formats else None)
    if skipped:
        report.notes.append(("note.footer_rows", {"rows": _ranges(skipped)}))
    if len(body) > limits.max_rows_per_table:
        reading.problems.append(
            Problem(
                "too_many_rows",
                source,
                spec.name,
                params={"rows": f"{len(body):,}", "limit": f"{limits.max_rows_per_table:,}"},
            )
        )
        return
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
        return
    arrays, names, headers = [], [], {}
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
            [f[index] if f and index < len(f) else None for f in formats] if grid.formats else None
        )
        parsed, failures = _parse_column(spec, column, values, cell_formats, codebook)
        shown = (
            f"{header.cells[index]}（{column.name}）"
            if normalise(header.cells[index]) != column.name
            else column.name
        )
        for row_index, key in failures:
            value = parse.text(values[row_index])
            if column.enum:
                problems.append(
                    Problem(
                        "enum",
                        source,
                        spec.name,
                        numbers[row_index],
                        shown,
                        value,
                        _choices(spec, column),
                    )
                )
            else:
                problems.append(
                    Problem(
                        "unparsable",
                        source,
                        spec.name,
                        numbers[row_index],
                        shown,
                        value,
                        {"reason": Key(key)},
                    )
                )
        arrays.append(pa.array(parsed, type=column.arrow_type))
        names.append(column.name)
    extras = [(i, cell) for i, cell in enumerate(header.cells) if i not in header.columns and cell]
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
        report.notes.append(("note.extra_columns", {"columns": "、".join(c for _, c in extras)}))
    report.rows = len(body)
    typed = pa.Table.from_arrays(arrays, names=names)
    reading.frames.append(
        Frame(spec.name, typed, source, row_numbers=tuple(numbers), headers=headers)
    )


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
    words = [labels[v][0] if labels.get(v) else v for v in column.enum]
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
