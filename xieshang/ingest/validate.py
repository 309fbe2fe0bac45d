"""Check an export against the contract and return it typed, or every problem found.

Column rules (required, unique, allowed values) are checked by pandera; the rules that
span rows or tables (date order, references, the region tree) are checked here, vectorised.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa_schema
import pyarrow as pa
import pyarrow.compute as pc
from pandera.errors import SchemaErrors

from xieshang.contract.tables import REGION_LEVELS, TABLES, Table, accepts, table
from xieshang.i18n import Key
from xieshang.ingest.readers import Frame
from xieshang.ingest.report import Problem

# Pandas dtypes that keep nulls honest for the checks (no float ints, no object bools).
_PANDAS_TYPES = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}


@dataclass
class Checked:
    """A frame after its own checks: typed Arrow for the store, pandas for the cross-table rules."""

    frame: Frame
    typed: pa.Table
    rows: pd.DataFrame


def validate(
    given: dict[str, Frame], carried: dict[str, Frame] | None = None
) -> tuple[dict[str, pa.Table], list[Problem]]:
    """Validate the given tables together with those carried over from the current snapshot.

    Returns the given tables typed to the contract (extra columns kept) and the problems;
    the tables are only meaningful when there are no problems.
    """
    carried = carried or {}
    problems: list[Problem] = []
    checked: dict[str, Checked] = {}
    for name, frame in given.items():
        result, found = _check_frame(frame)
        problems += found
        if result is not None:
            checked[name] = result
    for name, frame in carried.items():
        if name not in given:
            typed = _conform(frame, table(name))[0]
            if typed is not None:
                checked[name] = Checked(frame, typed, _to_pandas(typed, table(name)))
    problems += _check_references(checked, given_names=set(given))
    if "regions" in given and "regions" in checked:
        problems += _check_region_tree(checked["regions"])
    return {name: checked[name].typed for name in given if name in checked}, problems


def _check_frame(frame: Frame) -> tuple[Checked | None, list[Problem]]:
    spec = table(frame.table)
    typed, problems = _conform(frame, spec)
    if typed is None:
        return None, problems
    rows = _to_pandas(typed, spec)
    problems += _check_columns(frame, spec, rows)
    problems += _check_row_rules(frame, spec, rows)
    return Checked(frame, typed, rows), problems


def _conform(frame: Frame, spec: Table) -> tuple[pa.Table | None, list[Problem]]:
    """Cast the contract's columns to their types; extra columns are kept as they are."""
    data = frame.data
    problems: list[Problem] = []
    columns: dict[str, pa.Array] = {}
    for column in spec.columns:
        if column.name not in data.column_names:
            if column.optional:  # an optional column left out is a column of empty cells
                columns[column.name] = pa.chunked_array(
                    [pa.nulls(data.num_rows, column.arrow_type)]
                )
            else:
                problems.append(
                    Problem("missing_column", frame.source, spec.name, column=column.name)
                )
            continue
        values = data.column(column.name)
        accepted = accepts(column, values.type)
        cast = _cast(values, column.type) if accepted else None
        if cast is None:
            problems.append(
                Problem(
                    "wrong_type",
                    frame.source,
                    spec.name,
                    column=column.name,
                    params={"expected": Key(f"type.{column.type}"), "actual": str(values.type)},
                )
            )
            continue
        columns[column.name] = cast
    if problems:
        return None, problems
    extras = [name for name in data.column_names if name not in spec.column_index]
    arrays = [columns[c.name] for c in spec.columns] + [data.column(n) for n in extras]
    fields = list(spec.arrow_schema) + [data.schema.field(n) for n in extras]
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


def _to_pandas(typed: pa.Table, spec: Table) -> pd.DataFrame:
    names = [c.name for c in spec.columns]
    return typed.select(names).to_pandas(
        date_as_object=False, types_mapper=_PANDAS_TYPES.get, ignore_metadata=True
    )


def _schema(spec: Table) -> pa_schema.DataFrameSchema:
    columns = {
        c.name: pa_schema.Column(
            nullable=c.optional,
            unique=c.unique,
            checks=[pa_schema.Check.isin(list(c.enum))] if c.enum else None,
            coerce=False,
        )
        for c in spec.columns
    }
    return pa_schema.DataFrameSchema(columns, strict=False)


_SCHEMAS = {spec.name: _schema(spec) for spec in TABLES}
_PANDERA_CODES = {"not_nullable": "required", "field_uniqueness": "not_unique"}


def _check_columns(frame: Frame, spec: Table, rows: pd.DataFrame) -> list[Problem]:
    try:
        _SCHEMAS[spec.name].validate(rows, lazy=True)
    except SchemaErrors as exc:
        return [_from_pandera(frame, spec, case) for case in exc.failure_cases.itertuples()]
    return []


def _from_pandera(frame: Frame, spec: Table, case) -> Problem:
    column = spec.column(case.column)
    code = _PANDERA_CODES.get(case.check, "enum")
    params = {"choices": "/".join(column.enum)} if code == "enum" and column.enum else {}
    value = None if code == "required" else _plain(case.failure_case)
    return Problem(
        code,
        frame.source,
        spec.name,
        _row(frame, case.index),
        frame.column(column.name),
        value,
        params,
    )


def _check_row_rules(frame: Frame, spec: Table, rows: pd.DataFrame) -> list[Problem]:
    problems: list[Problem] = []
    for order in spec.date_orders:
        earlier, later = rows[order.earlier], rows[order.later]
        bad = later <= earlier if order.strict else later < earlier
        relation = Key("relation.after" if order.strict else "relation.not_before")
        for index in rows.index[bad.fillna(False)]:
            problems.append(
                Problem(
                    "date_order",
                    frame.source,
                    spec.name,
                    _row(frame, index),
                    frame.column(order.later),
                    _plain(later[index]),
                    {"later": order.later, "earlier": order.earlier, "relation": relation},
                )
            )
    for rule in spec.requires:
        bad = rows[rule.column].notna() & rows[rule.needs].isna()
        for index in rows.index[bad]:
            problems.append(
                Problem(
                    "requires",
                    frame.source,
                    spec.name,
                    _row(frame, index),
                    frame.column(rule.needs),
                    params={"column": rule.column, "needs": rule.needs},
                )
            )
    return problems


def _check_references(checked: dict[str, Checked], given_names: set[str]) -> list[Problem]:
    """Every reference must resolve; checked whenever either end of it was given."""
    # Arrow's vectorised is_in: pandas' isin on Arrow strings walks the keys in Python, which
    # took three quarters of validation time at national scale (measured).
    problems: list[Problem] = []
    keys: dict[str, pa.Array] = {}
    for spec in TABLES:
        source = checked.get(spec.name)
        if source is None:
            continue
        for column in spec.columns:
            if column.references is None:
                continue
            target_table, target_column = column.references.split(".")
            if target_table not in checked:
                continue
            if spec.name not in given_names and target_table not in given_names:
                continue
            ref = column.references
            if ref not in keys:
                target = checked[target_table].typed.column(target_column)
                keys[ref] = pc.unique(target.combine_chunks()).drop_null()
            values = source.typed.column(column.name)
            bad = pc.and_(pc.is_valid(values), pc.invert(pc.is_in(values, value_set=keys[ref])))
            for index in pc.indices_nonzero(bad.combine_chunks()).to_pylist():
                problems.append(
                    Problem(
                        "reference",
                        source.frame.source,
                        spec.name,
                        _row(source.frame, index),
                        source.frame.column(column.name),
                        values[index].as_py(),
                        {"target": ref},
                    )
                )
    return problems


def _check_region_tree(regions: Checked) -> list[Problem]:
    """No cycles, and only the top level may lack a parent."""
    rows, frame = regions.rows, regions.frame
    problems: list[Problem] = []
    roots = rows.index[rows["parent_code"].isna()]
    known_levels = [lv for lv in rows["level"].dropna().unique() if lv in REGION_LEVELS]
    if known_levels:
        top = min(known_levels, key=REGION_LEVELS.index)
        for index in roots:
            if rows.at[index, "level"] != top:
                problems.append(
                    Problem(
                        "orphan_top",
                        frame.source,
                        "regions",
                        _row(frame, index),
                        "parent_code",
                        params={"top": top},
                    )
                )
    children: dict[str, list[str]] = defaultdict(list)
    for code, parent in zip(rows["region_code"], rows["parent_code"], strict=True):
        if isinstance(parent, str) and isinstance(code, str):
            children[parent].append(code)
    # Everything reachable from a root is in the tree; a resolvable parent chain that never
    # reaches a root can only go round in a cycle.
    reached: set[str] = set()
    stack = [c for c in rows.loc[roots, "region_code"] if isinstance(c, str)]
    while stack:
        code = stack.pop()
        if code not in reached:
            reached.add(code)
            stack += children.get(code, [])
    codes = set(rows["region_code"].dropna())
    for index, code, parent in zip(
        rows.index, rows["region_code"], rows["parent_code"], strict=True
    ):
        if isinstance(code, str) and code not in reached and parent in codes:
            problems.append(
                Problem(
                    "cycle",
                    frame.source,
                    "regions",
                    _row(frame, index),
                    frame.column("parent_code"),
                    parent,
                )
            )
    return problems


def _row(frame: Frame, index: object) -> int:
    return frame.row(int(index))  # type: ignore[call-overload]


def _plain(value: object) -> object:
    """A value as a person would write it in a report."""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return value if isinstance(value, str | int | bool) else str(value)
