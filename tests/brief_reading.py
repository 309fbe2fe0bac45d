"""Reading a brief back the way a person gets it: DOCX through python-docx, PDF through
poppler's pdftotext and pdftoppm; and each figure read back held against the JSON of
`xieshang kpis`, `xieshang scorecard` and `xieshang supervise` for the same arguments."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx

from xieshang.brief.model import Document, Fig, Paragraph, Table
from xieshang.kpis import registry

HAS_POPPLER = shutil.which("pdftotext") is not None and shutil.which("pdftoppm") is not None
_PAGE_NUMBER = re.compile(r"^—\s*\d+\s*—$")
_SPACE = re.compile(r"\s+")
# Numbers a brief's text may hold that are not figures: dates and periods, the activity
# target (2次以上), how many targets or regions a sentence counts, and table and chart numbers.
NOT_FIGURES = (
    r"\d{4}年(第\d季度|\d{1,2}月(\d{1,2}日)?)?",
    r"\d{4}-\d{2}-\d{2}",
    r"\d+次以上",
    r"有\d+项指标",
    r"等\d+项比率",
    r"对\d+个",
    r"少于\d+个",  # the scorecard's small-number guard
    r"等\d+个",  # the total of a list of names cut short
    r"[表图]\d+",
    r"附件\d",
)


def squeeze(text: str) -> str:
    return _SPACE.sub("", text)


def docx_paragraphs(data: bytes | Path) -> list[str]:
    """Every paragraph of the body, in order (tables apart)."""
    source = str(data) if isinstance(data, Path) else _bytes_io(data)
    return [p.text for p in docx.Document(source).paragraphs]


def docx_tables(data: bytes | Path) -> list[list[list[str]]]:
    source = str(data) if isinstance(data, Path) else _bytes_io(data)
    return [
        [[cell.text for cell in row.cells] for row in table.rows]
        for table in docx.Document(source).tables
    ]


def pdf_text(path: Path, marks: tuple[str, ...]) -> str:
    """The PDF's text in reading order without the running heads (marks) and page numbers,
    whitespace removed (Chinese lines break anywhere)."""
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    kept = []
    for page in done.stdout.split("\f"):
        for line in page.splitlines():
            stripped = line.strip()
            if stripped in marks or stripped == "　".join(marks) or _PAGE_NUMBER.match(stripped):
                continue
            kept.append(stripped)
    return squeeze("".join(kept))


def pdf_layout_lines(path: Path) -> list[str]:
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout.splitlines()


def fig_spans(paragraph: Paragraph) -> list[tuple[int, Fig]]:
    """Where each figure starts in the paragraph's text."""
    out, at = [], 0
    for run in paragraph.runs:
        if isinstance(run, Fig):
            out.append((at, run))
            at += len(run.text)
        else:
            at += len(run)
    return out


def number_in(text: str) -> float:
    """The number a figure's text says, signed for a change (同比下降1.5个百分点 → −1.5;
    20.47万 → 204700; 1,186 → 1186; 与上年同期持平 → 0)."""
    if "持平" in text or text.startswith("±") or "unchanged" in text:
        return 0.0
    found = re.search(r"(\d[\d,]*(?:\.\d+)?)\s*(万|亿|million|billion)?", text)
    assert found, text
    value = float(found.group(1).replace(",", ""))
    value *= {"万": 1e4, "亿": 1e8, "million": 1e6, "billion": 1e9}.get(found.group(2) or "", 1)
    negative = any(w in text for w in ("下降", "减少", "缩短", "−", "down", "fewer", "shorter"))
    return -value if negative else value


def source_value(fig: Fig, now: dict, before: dict, others: dict) -> float | None:
    """What the KPI API says for a figure's path (and period). `others` holds what the brief's
    other figures come from, each as its command prints it or the KPI layer returns it:
    `scorecard` (`xieshang scorecard` rows by region code), `supervise` (`xieshang supervise`
    items), `closed` (items closed automatically), `own` (the region's own targets, paced:
    {(field, kpi): value}) and `cadence` ({(rule, field): value})."""
    path = fig.path
    if path.startswith("scorecard."):
        _, code, column = path.split(".", 2)
        row = others["scorecard"][code]
        return row["score"] if column == "score" else row["cells"][column]["value"]
    if path.startswith("own."):
        _, field, kpi = path.split(".", 2)
        return others["own"][(field, kpi)]
    if path.startswith("cadence."):
        rule, field = path.removeprefix("cadence.").rsplit(".", 1)
        return others["cadence"][(rule, field)]
    if path.startswith("supervise."):
        return _supervised(path.removeprefix("supervise."), others)
    if path.startswith("attention."):
        rooms = now["rooms"]
        return {
            "attention.uncovered": rooms["towns"]
            - rooms["towns_covered"]
            + rooms["villages"]
            - rooms["villages_covered"],
            "attention.rooms_without_member": rooms["active"] - rooms["with_member"],
        }[path]
    found: object = now if fig.period == "now" else before
    for part in path.split("."):
        found = found[part]  # type: ignore[index]
    return found  # type: ignore[return-value]


STATUSES = ("missed", "at_risk", "no_data")
OPEN = ("pending", "supervised")


def _supervised(path: str, others: dict) -> float | None:
    """A figure from the 督办 items: one item's field, or a count of items."""
    items: list[dict] = others["supervise"]
    kind, _, rest = path.partition(".")
    if kind == "count":
        kpi, _, status = rest.rpartition(".")
        if status not in STATUSES:
            kpi, status = rest, ""
        return sum(1 for i in items if i["kpi"] == kpi and status in ("", i["status"]))
    if kind == "follow_up":
        return sum(1 for i in items if i["follow_up"] == rest)
    if kind == "open":
        return sum(1 for i in items if i["follow_up"] in OPEN)
    if kind == "closed":
        return others["closed"]
    kpi, _, unit = rest.rpartition(".")
    unit_kind, _, unit_id = unit.partition(":")
    (item,) = [
        i
        for i in items
        if i["kpi"] == kpi and i["unit_kind"] == unit_kind and i["unit_id"] == unit_id
    ]
    return item[kind]


def _kpi_of(fig: Fig) -> str | None:
    """The registry KPI a judged figure is about (own.<field>.<kpi>, supervise.<field>.<kpi>…)."""
    for prefix in ("own.", "supervise."):
        if fig.path.startswith(prefix):
            field, _, rest = fig.path.removeprefix(prefix).partition(".")
            if field not in ("value", "target", "expected", "missing", "behind"):
                return None  # a count of items
            keys = [k for k in registry.REGISTRY if rest == k or rest.startswith(f"{k}.")]
            return max(keys, key=len, default=None)
    return None


def assert_figure(shown: str, fig: Fig, now: dict, before: dict, others: dict) -> None:
    """A figure as printed equals the KPI API's value at the precision printed."""
    read = number_in(shown)
    key = fig.path if fig.path in registry.REGISTRY else None
    if fig.change:
        assert key is not None, fig
        a, b = source_value(fig, now, before, others), _value(key, before)
        assert a is not None and b is not None, fig
        if registry.is_rate(key):
            expected = round(round(a * 100, 1) - round(b * 100, 1), 1)
        elif registry.get(key).kind == "days" or "%" not in shown:
            expected = round(a - b, 1)
        else:
            expected = round((a - b) / b * 100, 1)
        assert read == pytest_approx(expected), (shown, fig, a, b)
        return
    value = source_value(fig, now, before, others)
    assert value is not None, fig
    judged = _kpi_of(fig)
    if "%" in shown or (judged is not None and registry.is_rate(judged)):
        # a rate, or a rate's gap in points (还差2.1个百分点: the figure is "2.1")
        assert read == pytest_approx(round(value * 100, 1)), (shown, fig, value)
    elif re.search("万|亿|million|billion", shown):
        assert abs(read - value) <= read * 0.0005 + 50, (shown, fig, value)
    else:
        assert read == pytest_approx(round(value, 1)), (shown, fig, value)


def assert_no_unsourced_numbers(text: str, paragraph: Paragraph) -> None:
    """Outside its figures a paragraph holds no number but dates, targets and counts of what
    a sentence lists."""
    rest, at = [], 0
    for start, fig in fig_spans(paragraph):
        rest.append(text[at:start])
        at = start + len(fig.text)
    rest.append(text[at:])
    remainder = " ".join(rest)
    for pattern in NOT_FIGURES:
        remainder = re.sub(pattern, "", remainder)
    assert not re.search(r"\d", remainder), (remainder, text)


def body(doc: Document) -> list[Paragraph]:
    return [b for b in doc.blocks if isinstance(b, Paragraph)]


def tables(doc: Document) -> list[Table]:
    return [b for b in doc.blocks if isinstance(b, Table)]


def pytest_approx(value: float):
    import pytest

    return pytest.approx(value, abs=1e-9)


def _value(key: str, found: dict) -> float | None:
    block, name = key.split(".", 1)
    return found[block][name]


def _bytes_io(data: bytes):
    import io

    return io.BytesIO(data)
