"""Validation problems as values, and the report a person reads."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from xieshang.i18n import Lang, t

# A file with 100,000 bad rows must still read well: show a few of each kind, count the rest.
SHOWN_PER_GROUP = 5


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: which rule, where (file, row, column) and the value."""

    code: str
    file: str
    table: str | None = None
    row: int | None = None
    column: str | None = None
    value: object = None
    params: dict[str, object] = field(default_factory=dict, hash=False, compare=False)

    def message(self, lang: Lang = "zh") -> str:
        fields = {"column": self.column, "table": self.table, "file": self.file}
        return t(f"problem.{self.code}", lang, **(fields | self.params))

    def where(self, lang: Lang = "zh") -> str:
        if self.row is not None:
            return t("report.where", lang, file=self.file, row=self.row, column=self.column)
        if self.column is not None:
            return t("report.where_column", lang, file=self.file, column=self.column)
        return t("report.where_file", lang, file=self.file)

    def line(self, lang: Lang = "zh") -> str:
        text = f"{self.where(lang)}: {self.message(lang)}"
        if self.value is not None:
            text += f" ({t('report.value', lang, value=self.value)})"
        return text


class ValidationError(Exception):
    """Raised by the store when an import is refused; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} validation problems")
        self.problems = problems


def grouped(problems: list[Problem]) -> list[tuple[list[Problem], int]]:
    """Problems grouped by file, column and rule: the first few of each group and how many more.

    References left unresolved by another file's own problems (see `follow_on`) come last,
    one group per cause, after that cause's problems.
    """
    groups: dict[tuple, list[Problem]] = defaultdict(list)
    for p in problems:
        cause = p.params.get("cause")
        key = (1, str(cause), "", "") if cause else (0, p.file, p.column or "", p.code)
        groups[key].append(p)
    out = []
    for key in sorted(groups, key=lambda k: (k[0], k[1], min(p.row or 0 for p in groups[k]), k[2])):
        items = sorted(groups[key], key=lambda p: (p.file, p.row or 0))
        out.append((items[:SHOWN_PER_GROUP], len(items) - SHOWN_PER_GROUP))
    return out


def follow_on(problems: list[Problem]) -> dict[str, int]:
    """Per file whose own problems caused them, how many references were left unresolved."""
    counts: dict[str, int] = defaultdict(int)
    for p in problems:
        cause = p.params.get("cause")
        if cause:
            counts[str(cause)] += 1
    return dict(counts)


def summary(problems: list[Problem], lang: Lang = "zh") -> list[str]:
    """The headline of a refused import: how many problems, and which follow from others."""
    lines = [t("report.invalid", lang, count=f"{len(problems):,}")]
    for cause, count in follow_on(problems).items():
        lines.append(t("report.follow_on", lang, count=f"{count:,}", cause=cause))
    return lines


def render(problems: list[Problem], lang: Lang = "zh") -> str:
    lines = summary(problems, lang)
    for shown, more in grouped(problems):
        lines += [f"  - {p.line(lang)}" for p in shown]
        if more > 0:
            lines.append("    " + t("report.more", lang, count=f"{more:,}"))
    return "\n".join(lines)
