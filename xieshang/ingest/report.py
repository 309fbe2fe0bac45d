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
    """Problems grouped by file, column and rule: the first few of each group and how many more."""
    groups: dict[tuple, list[Problem]] = defaultdict(list)
    for p in problems:
        groups[(p.file, p.column or "", p.code)].append(p)
    out = []
    for key in sorted(groups, key=lambda k: (k[0], min(p.row or 0 for p in groups[k]), k[1])):
        items = sorted(groups[key], key=lambda p: p.row or 0)
        out.append((items[:SHOWN_PER_GROUP], len(items) - SHOWN_PER_GROUP))
    return out


def render(problems: list[Problem], lang: Lang = "zh") -> str:
    lines = [t("report.invalid", lang, count=len(problems))]
    for shown, more in grouped(problems):
        lines += [f"  - {p.line(lang)}" for p in shown]
        if more > 0:
            lines.append("    " + t("report.more", lang, count=more))
    return "\n".join(lines)
