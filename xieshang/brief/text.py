"""Sentences from the catalogue's templates: a template's placeholders take figures or words;
a clause with a missing figure is dropped whole, a sentence with no clause left is dropped, so
the brief never prints "采纳率为—" or "同比提高—个百分点"."""

from __future__ import annotations

from string import Formatter

from xieshang.brief.model import Fig, Paragraph, Run
from xieshang.i18n import MESSAGES, Lang

# What a placeholder takes: a run, several (a figure with the words around it), or None for
# a figure that is missing (the clause is then left out).
Param = Run | tuple[Run, ...] | None
Clause = tuple[Run, ...]

_FORMATTER = Formatter()


def fill(key: str, lang: Lang, /, **params: Param) -> Clause | None:
    """The template `key` with its placeholders filled; None if any of them is missing."""
    if any(value is None for value in params.values()):
        return None
    template = MESSAGES[key][0 if lang == "zh" else 1]
    runs: list[Run] = []
    for literal, name, _spec, _conversion in _FORMATTER.parse(template):
        if literal:
            runs.append(literal)
        if name is not None:
            value = params[name]
            runs += list(value) if isinstance(value, tuple) else [value]  # type: ignore[list-item]
    return merge(runs)


def sentence(lang: Lang, *clauses: Clause | None, joiner: str = "，") -> Clause | None:
    """Clauses joined into one sentence (，or ；in Chinese, , or ; in English) ending in 。/ . ;
    None if none is left."""
    kept = [c for c in clauses if c]
    if not kept:
        return None
    if lang == "en":
        joiner = "; " if joiner == "；" else ", "
    runs: list[Run] = []
    for i, clause in enumerate(kept):
        if i:
            runs.append(joiner)
        runs += clause
    end = "。" if lang == "zh" else "."
    runs.append(end)
    return capitalised(merge(runs), lang)


def paragraph(lang: Lang, *sentences: Clause | None, style: str = "body") -> Paragraph | None:
    """Sentences as one paragraph (None when every sentence was dropped)."""
    kept = [s for s in sentences if s]
    if not kept:
        return None
    runs: list[Run] = []
    for i, found in enumerate(kept):
        if i and lang == "en":
            runs.append(" ")
        runs += found
    return Paragraph(merge(runs), style=style)  # type: ignore[arg-type]


def joined(items: list[Clause], lang: Lang) -> Clause:
    """Clauses as a list inside a sentence: 甲、乙、丙 / A, B and C."""
    runs: list[Run] = []
    for i, item in enumerate(items):
        if i:
            last = i == len(items) - 1
            runs.append("、" if lang == "zh" else (" and " if last else ", "))
        runs += item
    return merge(runs)


def chained(clauses: list[Clause], lang: Lang) -> Clause:
    """Clauses of one sentence, each with its own list: 甲……；乙…… / A…; B…."""
    runs: list[Run] = []
    for i, clause in enumerate(clauses):
        if i:
            runs.append("；" if lang == "zh" else "; ")
        runs += clause
    return merge(runs)


def merge(runs: list[Run] | tuple[Run, ...]) -> tuple[Run, ...]:
    """Adjacent words merged into one run (figures stay their own runs)."""
    out: list[Run] = []
    for run in runs:
        if isinstance(run, str) and out and isinstance(out[-1], str):
            out[-1] = out[-1] + run
        elif run != "":
            out.append(run)
    return tuple(out)


def capitalised(runs: tuple[Run, ...], lang: Lang) -> tuple[Run, ...]:
    """An English sentence starts with a capital, whichever clause came first."""
    if lang != "en" or not runs or not isinstance(runs[0], str) or not runs[0]:
        return runs
    first = runs[0]
    return (first[0].upper() + first[1:], *runs[1:])


def with_comma(change: Fig | None, lang: Lang) -> tuple[Run, ...] | str:
    """A change appended to a clause: "，同比提高2.1个百分点"; nothing when there is none."""
    if change is None:
        return ""
    return ("，" if lang == "zh" else ", ", change)


def listed(
    items: list[Clause], lang: Lang, total: int, measure: str = "", limit: int = 5
) -> Clause:
    """Clauses listed as a 通报 lists names: all of them (甲、乙、丙), or the first `limit` and
    the total (甲、乙、丙、丁、戊等12个乡镇); in English "A, B and C" or "A, B, C, D, E and 7
    others". `total` counts every item; `items` may hold only the first `limit`."""
    shown = items[:limit]
    rest = total - len(shown)
    if rest <= 0:
        return joined(shown, lang)
    runs: list[Run] = []
    for i, item in enumerate(shown):
        runs += (["、" if lang == "zh" else ", "] if i else []) + list(item)
    if lang == "zh":
        runs.append(f"等{total}{measure}")
    else:
        runs.append(f" and {rest} other{'s' if rest > 1 else ''}")
    return merge(runs)
