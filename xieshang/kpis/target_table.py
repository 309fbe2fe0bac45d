"""The targets table: read, checked and kept with a snapshot.

Analysts give targets as a file, like an export (CSV in UTF-8 or GBK, or a workbook; Chinese
headers: 指标, 层级, 地区代码, 年度, 目标值, 方向, 来源/文号, 月度分布, 活动类型, see
xieshang/contract/target_table.py), or edit them on the 目标管理 page; both go through `read`,
which reports every problem with its row and column, as an import does. A valid table is
committed as a new snapshot that carries every data table over and holds the new targets
(`commit`): versioned with the data, in the history, and reversible by a rollback. Older
snapshots hold none and use the defaults (targets.py).

Values as a file writes them: a rate as 90% or 0.9 (a bare number above 1 is read as a
percentage); a KPI by its key (rooms.village_coverage) or its Chinese or English name; a
level as 乡镇 or town; a direction as 不低于/不高于 (default: the KPI's own); a monthly profile as
12 weights (1,1,2,…); the kinds of activity a cadence counts by name (小微协商、恳谈协商).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from xieshang.contract import target_table as shape
from xieshang.contract.aliases import normalise
from xieshang.contract.tables import ACTIVITY_KINDS, REGION_LEVELS
from xieshang.i18n import LANGS, Lang, t
from xieshang.ingest import parse
from xieshang.ingest.limits import MB, Limits
from xieshang.ingest.readers import Sheet, Upload, sheets_of
from xieshang.ingest.report import Problem, ValidationError
from xieshang.kpis import cadence, registry
from xieshang.kpis import targets as targeting
from xieshang.kpis.scope import EARLIEST, LATEST, UnknownRegion, find_region
from xieshang.store.snapshots import Snapshot, StaleBase, Store, fsync

TABLE = "targets"
HEADER_SCAN_ROWS = 12
# A targets table holds dozens to a few thousand rows; a file far bigger is not one.
MAX_FILE_BYTES = 5 * MB
MAX_ROWS = 20_000
SOURCE_CHARS = 200
_SPLIT = re.compile(r"[,，、;；/\s]+")
_UNITS = re.compile(r"(次|个|名|件|天|人次|人|项)$")


def known_kpis() -> tuple[str, ...]:
    """What a target can be set for: every KPI of the registry and every cadence rule."""
    return (*registry.REGISTRY, *cadence.BY_KEY)


def _kpi_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for key in known_kpis():
        names[normalise(key)] = key
        for lang in LANGS:
            names.setdefault(normalise(t(f"kpi.{key}", lang)), key)
    return names


@dataclass(frozen=True)
class Reading:
    """A targets table as read: its targets (origin "table") and every problem found."""

    source: str
    targets: tuple[targeting.Target, ...]
    problems: list[Problem]

    @property
    def is_valid(self) -> bool:
        return not self.problems and bool(self.targets)


def read(snapshot: Snapshot, upload: Upload) -> Reading:
    """A targets file (CSV, TSV or workbook: its first sheet with a targets header), checked
    against the registry and the snapshot's regions."""
    limits = replace(Limits.from_env(), max_file_bytes=MAX_FILE_BYTES)
    sheets, problems = sheets_of(upload, limits)
    if problems:
        return Reading(upload.name, (), problems)
    for sheet in sheets:
        header = _header(sheet)
        if header is not None:
            return _rows(snapshot, sheet, *header)
    return Reading(upload.name, (), [Problem("target_no_header", upload.name, TABLE)])


def read_rows(snapshot: Snapshot, source: str, rows: Sequence[Sequence[object]]) -> Reading:
    """A targets table given as rows under a header row (the 目标管理 page's editor), checked
    the same way as a file."""
    sheet = Sheet(source, [list(r) for r in rows], list(range(1, len(rows) + 1)))
    header = _header(sheet)
    if header is None:
        return Reading(source, (), [Problem("target_no_header", source, TABLE)])
    return _rows(snapshot, sheet, *header)


def _header(sheet: Sheet) -> tuple[int, dict[int, str]] | None:
    """The header row (its index) and the contract column of each of its cells."""
    for index, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        columns = {
            i: shape.HEADERS[normalise(cell)]
            for i, cell in enumerate(row)
            if not parse.is_empty(cell) and normalise(cell) in shape.HEADERS
        }
        if {"kpi", "value"} <= set(columns.values()):
            return index, columns
    return None


def _rows(snapshot: Snapshot, sheet: Sheet, top: int, columns: dict[int, str]) -> Reading:
    problems: list[Problem] = []
    headers = {name: str(sheet.rows[top][i]).strip() for i, name in columns.items()}
    for name in shape.COLUMN_NAMES:
        if name not in headers:
            headers[name] = shape.header_of(name)
    names = _kpi_names()
    found: list[targeting.Target] = []
    seen: dict[tuple[object, ...], int] = {}
    body = list(zip(sheet.rows[top + 1 :], sheet.numbers[top + 1 :], strict=True))
    if len(body) > MAX_ROWS:
        problems.append(
            Problem("target_too_many", sheet.source, TABLE, params={"limit": f"{MAX_ROWS:,}"})
        )
        return Reading(sheet.source, (), problems)
    for cells, number in body:
        raw = {name: cells[i] if i < len(cells) else None for i, name in columns.items()}
        if all(parse.is_empty(v) for v in raw.values()):
            continue
        row = _Row(snapshot, sheet.source, number, headers, raw, names)
        target = row.target()
        problems += row.problems
        if target is None:
            continue
        where = (target.kpi, target.level, target.region, target.year)
        if where in seen:
            problems.append(
                Problem(
                    "target_duplicate",
                    sheet.source,
                    TABLE,
                    number,
                    headers["kpi"],
                    target.kpi,
                    params={"first": seen[where]},
                )
            )
            continue
        seen[where] = number
        found.append(target)
    if not found and not problems:
        problems.append(Problem("target_empty", sheet.source, TABLE))
    return Reading(sheet.source, tuple(found), problems)


class _Row:
    """One row of a targets table, read cell by cell; `problems` says what is wrong."""

    def __init__(
        self,
        snapshot: Snapshot,
        source: str,
        number: int,
        headers: dict[str, str],
        raw: dict[str, object],
        names: dict[str, str],
    ):
        self.snapshot, self.source, self.number = snapshot, source, number
        self.headers, self.raw, self.names = headers, raw, names
        self.problems: list[Problem] = []

    def problem(self, code: str, column: str, **params: object) -> None:
        value = self.raw.get(column)
        shown = None if parse.is_empty(value) else parse.text(value)
        self.problems.append(
            Problem(code, self.source, TABLE, self.number, self.headers[column], shown, params)
        )

    def text(self, column: str) -> str | None:
        return parse.text(self.raw.get(column))

    def target(self) -> targeting.Target | None:
        kpi = self._kpi()
        level = self._level(kpi)
        region = self._region()
        year = self._year()
        value = self._value(kpi)
        higher = self._direction()
        profile = self._profile()
        kinds = self._kinds(kpi)
        source = (self.text("source") or "")[:SOURCE_CHARS]
        if self.problems or kpi is None or value is None:
            return None
        return targeting.Target(
            kpi,
            value,
            targeting.higher_is_better(kpi) if higher is None else higher,
            level=level,
            region=region,
            year=year,
            source=source,
            profile=profile,
            kinds=kinds,
            origin="table",
        )

    def _kpi(self) -> str | None:
        text = self.text("kpi")
        if text is None:
            self.problem("target_missing", "kpi")
            return None
        found = self.names.get(normalise(text))
        if found is None:
            self.problem("target_unknown_kpi", "kpi")
        return found

    def _level(self, kpi: str | None) -> str | None:
        text = self.text("level")
        rule = cadence.BY_KEY.get(kpi or "")
        level = None if text is None else shape.level_of(text)
        if text is not None and level is None:
            self.problem("target_bad_level", "level", choices="、".join(REGION_LEVELS))
        elif rule is not None and level is not None and level != rule.level:
            self.problem("target_rule_level", "level")
        return level

    def _region(self) -> str | None:
        try:
            code = parse.code(self.raw.get("region_code"))
        except parse.Unreadable:
            self.problem("target_unknown_region", "region_code")
            return None
        if code is None:
            return None
        try:
            find_region(self.snapshot, code)
        except UnknownRegion:
            self.problem("target_unknown_region", "region_code")
            return None
        return code

    def _year(self) -> int | None:
        value = self.raw.get("year")
        if parse.is_empty(value):
            return None
        text = str(parse.text(value)).removesuffix("年").strip()
        try:
            number = float(text)
        except ValueError:
            number = 0.0
        year = int(number)
        if not EARLIEST.year <= year <= LATEST.year or number != year:
            self.problem("target_bad_year", "year", first=EARLIEST.year, last=LATEST.year)
            return None
        return year

    def _value(self, kpi: str | None) -> float | None:
        value = self.raw.get("value")
        if parse.is_empty(value):
            self.problem("target_missing", "value")
            return None
        rate = kpi is not None and registry.is_rate(kpi)
        if isinstance(value, int | float) and not isinstance(value, bool):
            number, percent = float(value), False
        else:
            text = _UNITS.sub("", str(parse.text(value)).replace(",", "").strip())
            percent = text.endswith(("%", "％"))
            try:
                number = float(text.rstrip("%％").strip())
            except ValueError:
                self.problem("target_bad_value", "value")
                return None
        if number != number or number < 0:
            self.problem("target_bad_value", "value")
            return None
        if rate:
            if percent or number > 1:
                number /= 100
            if number > 1:
                self.problem("target_rate_range", "value")
                return None
        elif percent:
            self.problem("target_not_rate", "value")
            return None
        if kpi in cadence.BY_KEY and (number < 1 or not number.is_integer()):
            self.problem("target_cadence_count", "value")
            return None
        return number

    def _direction(self) -> bool | None:
        text = self.text("direction")
        if text is None:
            return None
        found = shape.DIRECTIONS.get(normalise(text))
        if found is None:
            self.problem("target_bad_direction", "direction")
        return found

    def _profile(self) -> tuple[float, ...] | None:
        text = self.text("profile")
        if text is None:
            return None
        try:
            weights = tuple(float(w) for w in _SPLIT.split(text) if w)
        except ValueError:
            weights = ()
        if len(weights) != 12 or any(w < 0 for w in weights) or sum(weights) <= 0:
            self.problem("target_bad_profile", "profile")
            return None
        return weights

    def _kinds(self, kpi: str | None) -> tuple[str, ...] | None:
        text = self.text("kinds")
        if text is None:
            return None
        rule = cadence.BY_KEY.get(kpi or "")
        if rule is None:
            self.problem("target_kinds_not_cadence", "kinds")
            return None
        kinds = [shape.activity_kind_of(word) for word in _SPLIT.split(text) if word]
        if not kinds or None in kinds:
            self.problem("target_bad_kinds", "kinds", choices="、".join(ACTIVITY_KINDS))
            return None
        return tuple(sorted(set(kinds), key=ACTIVITY_KINDS.index))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- keeping it


def to_json(found: Sequence[targeting.Target], source: str, who: str) -> str:
    """The targets table as a snapshot keeps it (targets.json)."""
    rows = []
    for target in found:
        row = target.as_dict()
        row.pop("origin")
        rows.append(row)
    return json.dumps(
        {
            "version": 1,
            "source": source,
            "who": who,
            "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "targets": rows,
        },
        ensure_ascii=False,
        indent=1,
    )


def describe(snapshot: Snapshot) -> dict[str, Any] | None:
    """What the snapshot's targets table is: its source, who saved it, when, how many rows
    (None: the snapshot has none, the defaults apply)."""
    path = snapshot.targets_path
    if not path.is_file():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {
        "source": raw.get("source", ""),
        "who": raw.get("who", ""),
        "saved_at": raw.get("saved_at", ""),
        "rows": len(raw.get("targets", [])),
    }


def commit(
    reading: Reading,
    who: str,
    base_id: str | None = None,
    upload: Upload | None = None,
    store: Store | None = None,
) -> Snapshot:
    """Keep a valid targets table as a new snapshot (every data table carried over), provided
    the current snapshot is still `base_id` (what was checked); the file given is kept with it.

    Raises ValidationError when the table has problems, StaleBase when the data changed.
    """
    if not reading.is_valid:
        raise ValidationError(reading.problems or [Problem("target_empty", reading.source)])
    store = store or Store()
    with store.lock():
        base = store.current()
        if base_id is not None and base.id != base_id:
            raise StaleBase(base_id)

        def keep(folder: Any) -> list[dict[str, object]]:
            if upload is None:
                return []
            data = upload.read()
            digest = upload.sha256()
            suffix = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
            stored = f"{digest}{suffix if suffix in ('.csv', '.xlsx', '.xls', '.txt') else '.bin'}"
            (folder / "sources").mkdir(exist_ok=True)
            target = folder / "sources" / stored
            target.write_bytes(data)
            fsync(target)
            return [
                {
                    "name": upload.name,
                    "size": len(data),
                    "sha256": digest,
                    "stored_as": f"sources/{stored}",
                }
            ]

        return store.write(
            tables={},
            carried_from=base,
            who=who or "unknown",
            extra={
                "action": "targets",
                "base": base.id,
                "targets": {"source": reading.source, "rows": len(reading.targets)},
            },
            keep=keep,
            targets=to_json(reading.targets, reading.source, who),
        )


# --------------------------------------------------------------------------- as a file


def rows_for_file(found: Sequence[targeting.Target], lang: Lang = "zh") -> list[list[object]]:
    """Targets as rows under the file's headers (read back by `read`): the template, and the
    targets in force downloaded to be edited."""
    header: list[object] = [shape.header_of(name) for name in shape.COLUMN_NAMES]
    header.insert(1, t("targets.kpi_name", lang))
    out: list[list[object]] = [header]
    for target in found:
        rate = registry.is_rate(target.kpi)
        out.append(
            [
                target.kpi,
                t(f"kpi.{target.kpi}", lang),
                "" if target.level is None else t(f"level.{target.level}", lang),
                target.region or "",
                "" if target.year is None else target.year,
                f"{target.value * 100:g}%" if rate else f"{target.value:g}",
                t(
                    "targets.direction_higher"
                    if target.higher_is_better
                    else "targets.direction_lower",
                    lang,
                ),
                target.source,
                "" if target.profile is None else ",".join(f"{w:g}" for w in target.profile),
                ""
                if target.kinds is None
                else "、".join(t(f"activity_kind.{k}", lang) for k in target.kinds),
            ]
        )
    return out


def to_xlsx(found: Sequence[targeting.Target], lang: Lang = "zh") -> bytes:
    """The targets as a workbook an analyst edits and imports again, with a sheet of notes."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = t("targets.sheet", lang)[:31]
    for row in rows_for_file(found, lang):
        sheet.append([_safe(cell) for cell in row])
    notes = book.create_sheet(t("targets.notes_sheet", lang)[:31])
    for line in t("targets.notes", lang).split("\n"):
        notes.append([line])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_csv(found: Sequence[targeting.Target], lang: Lang = "zh") -> bytes:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows_for_file(found, lang):
        writer.writerow([_safe(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def _safe(cell: object) -> object:
    """A text cell a spreadsheet would run as a formula, kept as text."""
    if isinstance(cell, str) and cell.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + cell
    return cell
