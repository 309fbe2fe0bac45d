"""Text columns (from a CSV) turned into the contract's types without a Python object per cell.

A CSV arrives as Arrow string columns. The values that are already in the contract's form
(`2023-05-06`, `12`, an ASCII code) are converted by Arrow kernels; only the distinct values
left over (`2023年5月6日`, `１２人`, `协商议事室`, a full-width code) go through the same
per-value parsers as Excel cells (`parse`), once per distinct value. So a CSV and a workbook
holding the same text give the same values and the same problems, and a national-scale
file never becomes millions of Python strings.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from xieshang.ingest import parse

Parser = Callable[[object], object]


# distinct values remembered per column (labels, dates written 2023年5月6日 …); ids are not
_CACHED = 100_000


def trimmed(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Cells as text: surrounding spaces (full-width too) removed, an empty cell null."""
    text = pc.utf8_trim_whitespace(values)
    return pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)


def convert(
    values: pa.Array | pa.ChunkedArray,
    kind: str,
    parser: Parser,
    arrow_type: pa.DataType,
    cache: dict[object, tuple[object, str | None]] | None = None,
) -> tuple[pa.Array, list[tuple[int, str]]]:
    """Typed values and the (row index, reason key) of every cell that cannot be read.

    `kind` picks the fast path: "date", "int", "code", "text" or "label" (none: every
    distinct value is parsed once in Python, which suits enums and yes/no columns). `cache`
    keeps what was parsed across the blocks of one column.
    """
    cache = {} if cache is None else cache
    text = trimmed(values)
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks()
    if kind == "text":
        return text, []
    fast, done = _fast(text, kind)
    if done is None:
        slow = pc.is_valid(text)
    else:
        slow = pc.and_(pc.is_valid(text), pc.invert(pc.fill_null(done, False)))
    if not pc.any(slow).as_py():
        return fast.cast(arrow_type), []
    positions = pc.indices_nonzero(slow)
    leftovers = pc.take(text, positions)
    distinct = pc.unique(leftovers)
    parsed: list[object] = []
    reasons: list[str | None] = []
    for value in distinct.to_pylist():
        hit = cache.get(value)
        if hit is None:
            try:
                hit = (parser(value), None)
            except parse.Unreadable as exc:
                hit = (None, exc.key)
            if len(cache) < _CACHED:
                cache[value] = hit
        parsed.append(hit[0])
        reasons.append(hit[1])
    lookup = pc.index_in(leftovers, value_set=distinct)
    replacement = pc.take(pa.array(parsed, type=arrow_type), lookup)
    base = fast.cast(arrow_type) if done is not None else pa.nulls(len(text), arrow_type)
    out = pc.replace_with_mask(base, slow, replacement)
    failures: list[tuple[int, str]] = []
    if any(reasons):
        bad = np.array([r is not None for r in reasons])
        which = lookup.to_numpy(zero_copy_only=False)
        rows = positions.to_numpy()
        for offset in np.flatnonzero(bad[which]):
            failures.append((int(rows[offset]), str(reasons[int(which[offset])])))
    return out, failures


_INTEGER = r"^[+-]?[0-9]+$"
_ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_ASCII_CODE = r"^[0-9A-Za-z_./-]+$"
_SCIENTIFIC = r"^[+-]?[0-9]+(\.[0-9]+)?[eE][+-]?[0-9]+$"
_TRAILING_ZERO = r"^([0-9]+)\.0+$"


def _fast(text: pa.Array, kind: str) -> tuple[pa.Array, pa.Array | None]:
    """The values Arrow converts on its own, and a mask of the cells it did."""
    if kind == "date":
        plain = pc.match_substring_regex(text, _ISO_DATE)
        iso = pc.if_else(plain, text, pa.scalar("2000-01-01"))
        stamps = pc.strptime(iso, format="%Y-%m-%d", unit="s", error_is_null=True)
        # strptime rolls 2023-02-30 over to March 2: only a date whose day and month are as
        # written is taken here; the rest (2023-5-6 too) is judged by parse.day
        day = pc.utf8_slice_codeunits(iso, 8, 10).cast(pa.int64())
        month = pc.utf8_slice_codeunits(iso, 5, 7).cast(pa.int64())
        exact = pc.and_(
            plain, pc.and_(pc.equal(pc.day(stamps), day), pc.equal(pc.month(stamps), month))
        )
        return stamps.cast(pa.date32()), exact
    if kind == "int":
        plain = pc.match_substring_regex(text, _INTEGER)
        digits = pc.if_else(plain, text, pa.scalar(None, pa.string()))
        try:
            return digits.cast(pa.int64()), plain
        except pa.ArrowInvalid:  # beyond 64 bits: the slow path reports it
            return pa.nulls(len(text), pa.int64()), pc.is_null(text)
    if kind == "code":
        # An ASCII code needs no folding; 110101.0 loses its ".0"; 1.1E+11 lost digits and
        # goes to the slow path to be reported.
        plain = pc.and_(
            pc.match_substring_regex(text, _ASCII_CODE),
            pc.invert(pc.match_substring_regex(text, _SCIENTIFIC)),
        )
        return pc.replace_substring_regex(text, _TRAILING_ZERO, r"\1"), plain
    return pa.nulls(len(text), pa.string()), None
