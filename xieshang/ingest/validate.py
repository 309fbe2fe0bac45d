"""Check an export against the contract and return it typed, or every problem found.

Every rule is a vectorised Arrow expression over the typed columns (required, unique, allowed
values, date order, references), so checking a table costs a few masks over it rather than a
second copy in pandas (measured: pandas and pandera doubled the import's peak memory). A
problem is built only for the rows a mask picks out; the region tree is walked in Python.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from xieshang.contract.tables import REGION_LEVELS, TABLES, Column, Table, accepts, table
from xieshang.i18n import Key
from xieshang.ingest.readers import Frame
from xieshang.ingest.report import Problem


class Tables(dict[str, pa.Table]):
    """The validated tables, typed to the contract. A table from a Parquet file on disk is
    read again when asked for, so writing a snapshot holds one table at a time rather than
    a national export at once (measured: 5.9 GB to validate it while all were held)."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: dict[str, int] = {}
        # the table last read from its file: asked for again while it is written
        self._last: tuple[str, pa.Table] | None = None

    def hold(self, name: str, typed: pa.Table) -> None:
        super().__setitem__(name, typed)
        self._rows[name] = typed.num_rows

    def defer(self, name: str, frame: Frame, rows: int) -> None:
        super().__setitem__(name, frame)
        self._rows[name] = rows

    def rows(self, name: str) -> int:
        return self._rows[name]

    def __getitem__(self, name: str) -> pa.Table:
        value = super().__getitem__(name)
        if not isinstance(value, Frame):
            return value
        if self._last is not None and self._last[0] == name:
            return self._last[1]
        self.forget()
        typed = _conform(value, table(name), value.read())[0]
        assert typed is not None  # it conformed when it was validated
        self._last = (name, typed)
        return typed

    def forget(self) -> None:
        """Drop the table last read and give its memory back: Arrow's allocator keeps freed
        memory for Arrow alone (measured: 2.3 GB after writing the national suggestions), and
        what runs next (the next table, DuckDB's derived tables) would add its own on top."""
        self._last = None
        pa.default_memory_pool().release_unused()

    def values(self):
        return [self[name] for name in self]

    def items(self):
        return [(name, self[name]) for name in self]


def validate(
    given: dict[str, Frame], carried: dict[str, Frame] | None = None
) -> tuple[Tables, list[Problem]]:
    """Validate the given tables together with those carried over from the current snapshot.

    Returns the given tables typed to the contract (extra columns kept) and the problems;
    the tables are only meaningful when there are no problems. Tables are checked in the
    contract's order, in which every referenced table comes before the tables referring to
    it: each is read, checked, and dropped but for the keys later tables refer to. Of a
    carried-over table only the columns that references use are read.
    """
    carried = carried or {}
    present = set(given) | set(carried)
    # every reference checked: either end given, both ends there
    references: list[tuple[Table, Column, str, str]] = []
    for spec in TABLES:
        for column in spec.columns:
            if column.references is None:
                continue
            target_table, target_column = column.references.split(".")
            ends = {spec.name, target_table}
            if ends <= present and ends & set(given):
                references.append((spec, column, target_table, target_column))
    wanted: dict[str, set[str]] = defaultdict(set)
    for spec, column, target_table, target_column in references:
        wanted[spec.name].add(column.name)
        wanted[target_table].add(target_column)
    problems: list[Problem] = []
    out = Tables()
    keys: dict[str, pa.Array] = {}
    # "table.column" -> the file whose own problems left that key column incomplete
    damaged: dict[str, str] = {}
    for spec in TABLES:
        name = spec.name
        if name in given:
            frame = given[name]
            typed, found = _check_frame(frame, frame.read())
            problems += found
            if typed is None:
                continue
            for damaged_column in _damaged_columns(frame, found):
                damaged[f"{name}.{damaged_column}"] = frame.source
        elif name in wanted:
            frame = carried[name]
            columns = sorted(c for c in wanted[name] if c in frame.data.column_names)
            typed = _conform(frame, spec, frame.read(columns), partial=True)[0]
            if typed is None:
                continue
        else:
            continue
        for _, _, target_table, target_column in references:
            ref = f"{target_table}.{target_column}"
            if target_table == name and ref not in keys and target_column in typed.column_names:
                keys[ref] = pc.unique(typed.column(target_column).combine_chunks()).drop_null()
        outgoing = [(column, f"{t}.{c}") for s, column, t, c in references if s.name == name]
        problems += _check_references(frame, typed, outgoing, keys, damaged)
        if name == "regions" and name in given:
            problems += _check_region_tree(frame, typed)
        if name in given:
            if frame.path is not None:
                out.defer(name, frame, typed.num_rows)
            else:
                out.hold(name, typed)
        del typed
    return out, problems


def _check_frame(frame: Frame, data: pa.Table) -> tuple[pa.Table | None, list[Problem]]:
    spec = table(frame.table)
    typed, problems = _conform(frame, spec, data)
    if typed is None:
        return None, problems
    problems += _check_text(frame, typed)
    problems += _check_columns(frame, spec, typed)
    problems += _check_row_rules(frame, spec, typed)
    return typed, problems


def _conform(
    frame: Frame, spec: Table, data: pa.Table, partial: bool = False
) -> tuple[pa.Table | None, list[Problem]]:
    """Cast the contract's columns of `data` (the frame's rows) to their types; extra columns
    are kept as they are.

    `partial`: a carried-over frame read for its keys only; absent columns are left out.
    """
    problems: list[Problem] = []
    columns: dict[str, pa.ChunkedArray] = {}
    for column in spec.columns:
        if column.name not in data.column_names:
            if partial:
                continue
            if column.optional:  # an optional column left out is a column of empty cells
                columns[column.name] = pa.chunked_array(
                    [pa.nulls(data.num_rows, column.arrow_type)]
                )
            else:
                problems.append(
                    Problem(
                        "missing_column", frame.source, spec.name, column=frame.column(column.name)
                    )
                )
            continue
        values = data.column(column.name)
        if frame.clean and values.type == column.arrow_type:
            columns[column.name] = values  # the reader typed and trimmed it already
            continue
        accepted = accepts(column, values.type)
        cast = _cast(values, column.type) if accepted else None
        if cast is None:
            problems.append(
                Problem(
                    "wrong_type",
                    frame.source,
                    spec.name,
                    column=frame.column(column.name),
                    params={"expected": Key(f"type.{column.type}"), "actual": str(values.type)},
                )
            )
            continue
        columns[column.name] = cast
    if problems:
        return None, problems
    names = [c.name for c in spec.columns if c.name in columns]
    extras = [name for name in data.column_names if name not in spec.column_index]
    arrays = [columns[n] for n in names] + [data.column(n) for n in extras]
    fields = [pa.field(n, spec.column(n).arrow_type) for n in names]
    fields += [data.schema.field(n) for n in extras]
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields)), []


def _cast(values: pa.ChunkedArray, kind: str) -> pa.ChunkedArray | None:
    try:
        if kind == "str":
            text = pc.utf8_trim_whitespace(values.cast(pa.string()))
            # An empty cell means "no value", whatever tool wrote the file.
            return pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)
        if kind == "date" and pa.types.is_timestamp(values.type):
            return values.cast(pa.timestamp("us")).cast(pa.date32())
        # safe casts refuse 2.5 -> int and out-of-range values instead of mangling them
        return values.cast({"date": pa.date32(), "int": pa.int64(), "bool": pa.bool_()}[kind])
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None


def _rows(mask: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """Indices of the rows a mask selects (nulls count as not selected)."""
    if isinstance(mask, pa.ChunkedArray):
        mask = mask.combine_chunks() if mask.num_chunks != 1 else mask.chunk(0)
    return pc.indices_nonzero(pc.fill_null(mask, False)).to_numpy()


def _check_text(frame: Frame, typed: pa.Table) -> list[Problem]:
    """Text holding NUL characters (a broken export, or binary data) is refused, not stored."""
    problems = []
    for name in typed.column_names:
        values = typed.column(name)
        if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
            continue
        for index in _rows(pc.match_substring(values, "\x00")):
            problems.append(
                Problem(
                    "nul",
                    frame.source,
                    frame.table,
                    frame.row(index),
                    frame.column(name),
                    values[int(index)].as_py().replace("\x00", "\\0"),
                )
            )
    return problems


def _check_columns(frame: Frame, spec: Table, typed: pa.Table) -> list[Problem]:
    problems = []
    for column in spec.columns:
        values = typed.column(column.name)
        shown = frame.column(column.name)
        if not column.optional and values.null_count:
            # a cell that could not be read was reported as such; it is not also "empty"
            unread = frame.unreadable.get(column.name)
            for index in _rows(pc.is_null(values)):
                if unread is None or not _contains(unread, index):
                    problems.append(
                        Problem("required", frame.source, spec.name, frame.row(index), shown)
                    )
        if column.unique:
            repeated = _repeated(values)
            if len(repeated):
                for index in _rows(pc.is_in(values, value_set=repeated)):
                    problems.append(
                        Problem(
                            "not_unique",
                            frame.source,
                            spec.name,
                            frame.row(index),
                            shown,
                            _plain(values[int(index)].as_py()),
                        )
                    )
        if column.enum:
            allowed = pa.array(column.enum, type=pa.string())
            bad = pc.invert(pc.is_in(values, value_set=allowed))
            for index in _rows(pc.and_(pc.is_valid(values), bad)):
                problems.append(
                    Problem(
                        "enum",
                        frame.source,
                        spec.name,
                        frame.row(index),
                        shown,
                        values[int(index)].as_py(),
                        {"choices": "/".join(column.enum)},
                    )
                )
    return problems


def _repeated(values: pa.ChunkedArray) -> pa.Array:
    """The values found more than once. Sorted neighbours are compared: a hash table of every
    id (value_counts) took three times the memory of the column itself (measured)."""
    if len(values) < 2:
        return pa.array([], type=values.type)
    ordered = values.take(pc.sort_indices(values)).combine_chunks()
    later, earlier = ordered.slice(1), ordered.slice(0, len(ordered) - 1)
    same = pc.fill_null(pc.equal(later, earlier), False)
    return pc.unique(pc.filter(later, same))


def _contains(sorted_indices: np.ndarray, index: int) -> bool:
    at = int(np.searchsorted(sorted_indices, index))
    return at < len(sorted_indices) and int(sorted_indices[at]) == int(index)


def _check_row_rules(frame: Frame, spec: Table, typed: pa.Table) -> list[Problem]:
    problems: list[Problem] = []
    for order in spec.date_orders:
        earlier, later = typed.column(order.earlier), typed.column(order.later)
        bad = pc.less_equal(later, earlier) if order.strict else pc.less(later, earlier)
        relation = Key("relation.after" if order.strict else "relation.not_before")
        for index in _rows(bad):
            problems.append(
                Problem(
                    "date_order",
                    frame.source,
                    spec.name,
                    frame.row(index),
                    frame.column(order.later),
                    _plain(later[int(index)].as_py()),
                    {
                        "later": frame.column(order.later),
                        "earlier": frame.column(order.earlier),
                        "relation": relation,
                    },
                )
            )
    for rule in spec.requires:
        bad = pc.and_(pc.is_valid(typed.column(rule.column)), pc.is_null(typed.column(rule.needs)))
        for index in _rows(bad):
            problems.append(
                Problem(
                    "requires",
                    frame.source,
                    spec.name,
                    frame.row(index),
                    frame.column(rule.needs),
                    params={"column": frame.column(rule.column), "needs": frame.column(rule.needs)},
                )
            )
    return problems


def _damaged_columns(frame: Frame, problems: list[Problem]) -> set[str]:
    """Key columns of this frame with cells that could not be read or were left empty."""
    spec = table(frame.table)
    shown = {frame.column(c.name): c.name for c in spec.columns}
    out = set(frame.unreadable)
    for problem in problems:
        if problem.code in ("required", "unparsable", "nul") and problem.column in shown:
            out.add(shown[problem.column])
    return out


def _check_references(
    frame: Frame,
    typed: pa.Table,
    outgoing: list[tuple[Column, str]],
    keys: dict[str, pa.Array],
    damaged: dict[str, str],
) -> list[Problem]:
    """Every reference of this table must resolve to the keys of the table it names.

    A reference into a key column whose own file has problems there is marked with that
    file as its cause: fixing the cause usually resolves it, so the report puts it after.
    """
    # Arrow's vectorised is_in: pandas' isin on Arrow strings walks the keys in Python, which
    # took three quarters of validation time at national scale (measured).
    problems: list[Problem] = []
    for column, ref in outgoing:
        if ref not in keys or column.name not in typed.column_names:
            continue
        values = typed.column(column.name)
        bad = pc.and_(pc.is_valid(values), pc.invert(pc.is_in(values, value_set=keys[ref])))
        params: dict[str, object] = {"target": ref}
        if ref in damaged:
            params["cause"] = damaged[ref]
        code = "reference_follow_on" if ref in damaged else "reference"
        for index in _rows(bad):
            problems.append(
                Problem(
                    code,
                    frame.source,
                    frame.table,
                    frame.row(index),
                    frame.column(column.name),
                    values[int(index)].as_py(),
                    params,
                )
            )
    return problems


def _check_region_tree(frame: Frame, regions: pa.Table) -> list[Problem]:
    """No cycles, and only the top level may lack a parent."""
    codes = regions.column("region_code").to_pylist()
    parents = regions.column("parent_code").to_pylist()
    levels = regions.column("level").to_pylist()
    problems: list[Problem] = []
    roots = [i for i, parent in enumerate(parents) if parent is None]
    known_levels = {lv for lv in levels if lv in REGION_LEVELS}
    if known_levels:
        top = min(known_levels, key=REGION_LEVELS.index)
        for index in roots:
            if levels[index] != top:
                problems.append(
                    Problem(
                        "orphan_top",
                        frame.source,
                        "regions",
                        frame.row(index),
                        frame.column("parent_code"),
                        params={"top": top},
                    )
                )
    children: dict[str, list[str]] = defaultdict(list)
    for code, parent in zip(codes, parents, strict=True):
        if parent is not None and code is not None:
            children[parent].append(code)
    # Everything reachable from a root is in the tree; a resolvable parent chain that never
    # reaches a root can only go round in a cycle.
    reached: set[str] = set()
    stack = [codes[i] for i in roots if codes[i] is not None]
    while stack:
        code = stack.pop()
        if code not in reached:
            reached.add(code)
            stack += children.get(code, [])
    known = {c for c in codes if c is not None}
    for index, (code, parent) in enumerate(zip(codes, parents, strict=True)):
        if code is not None and code not in reached and parent in known:
            problems.append(
                Problem(
                    "cycle",
                    frame.source,
                    "regions",
                    frame.row(index),
                    frame.column("parent_code"),
                    parent,
                )
            )
    return problems


def _plain(value: object) -> object:
    """A value as a person would write it in a report."""
    if isinstance(value, date):
        return value.isoformat()
    return value if value is None or isinstance(value, str | int | bool) else str(value)
