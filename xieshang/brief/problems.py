"""存在问题: what the brief asks leaders to act on, one numbered item each (一是…，二是…).

The section is a list of sources, each a function from the pen to the problems it finds; the
section numbers and prints whatever they return, in order. Today's sources: the region's own
targets missed or nearly met (xieshang.kpis.targets), child regions missing a target, the gaps
the attention list counts (areas without a room, rooms without a member or failing the 六有
standard) and the towns that held no activity (未报送, activities.silent_towns).

The seam for the targets engine: a source for paced target statuses (behind pace) and one for
open 督办 items are added to `SOURCES` (or passed to `section`) — nothing else changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from xieshang.brief import wording
from xieshang.brief.model import Block, Fig, Paragraph, Run
from xieshang.brief.text import Clause, capitalised, fill, joined, merge
from xieshang.brief.writer import Writer
from xieshang.kpis import registry
from xieshang.kpis import targets as targeting
from xieshang.kpis.insights import WATCHED


@dataclass(frozen=True)
class Problem:
    """One item of 存在问题: a sentence without its lead (一是) or final stop."""

    runs: Clause
    # What it is about, for the sources added later to sort by and tests to find.
    kind: str


ProblemSource = Callable[[Writer], list[Problem]]


def targets_missed(pen: Writer) -> list[Problem]:
    """The region's own KPIs against their targets: missed, then nearly met."""
    missed: list[Clause] = []
    near: list[Clause] = []
    for key in registry.REGISTRY:
        target = pen.facts.target(key)
        value = pen.value(key)
        status = target.status(value) if target is not None else None
        if status not in ("missed", "near"):
            continue
        assert target is not None
        item = fill(
            "brief.problems.target_item",
            pen.lang,
            kpi=pen.t(f"kpi.{key}"),
            value=pen.fig(key),
            target=Fig(_target_text(pen, key, target), f"target.{key}", "now", target.value),
        )
        if item:
            (missed if status == "missed" else near).append(item)
    problems = []
    if missed:
        found = fill(
            "brief.problems.missed",
            pen.lang,
            area=pen.area,
            count=str(len(missed)),
            items=joined(missed, pen.lang),
        )
        problems += [Problem(found, "targets_missed")] if found else []
    if near:
        found = fill("brief.problems.near", pen.lang, items=joined(near, pen.lang))
        problems += [Problem(found, "targets_near")] if found else []
    return problems


def regions_missing(pen: Writer) -> list[Problem]:
    """Child regions missing a watched target, named (as the overview's attention list)."""
    facts = pen.facts
    if facts.children.empty:
        return []
    level = pen.t(f"level.{facts.child_level}")
    rows = facts.children.to_dict("records")
    problems = []
    counted = {
        item.params["kpi"]: item.count
        for item in facts.attention
        if item.key == "attention.regions_missing"
    }
    for kpi in WATCHED:
        if kpi not in counted:
            continue
        names = [
            str(row["name"])
            for row in rows
            if targeting.missed(
                facts.targets, row, (kpi,), row["level"], row["region_code"], facts.year
            )
        ]
        assert len(names) == counted[kpi], kpi  # the same rule as the attention list
        found = fill(
            "brief.problems.regions_missing",
            pen.lang,
            kpi=pen.t(f"kpi.{kpi}"),
            level=level,
            names=wording.listing(names, pen.lang, measure=f"个{level}"),
        )
        problems += [Problem(found, "regions_missing")] if found else []
    return problems


def gaps(pen: Writer) -> list[Problem]:
    """Towns and villages without a room, rooms without a member, rooms failing 六有: the
    counts of the attention list."""
    keys = {
        "attention.uncovered": "brief.problems.uncovered",
        "attention.rooms_without_member": "brief.problems.rooms_without_member",
        "attention.rooms_failing": "brief.problems.rooms_failing",
    }
    problems = []
    for item in pen.facts.attention:
        if item.key in keys:
            count = Fig(wording.count(item.count, pen.lang), item.key, "now", item.count)
            found = fill(keys[item.key], pen.lang, count=count)
            problems += [Problem(found, item.key.split(".", 1)[1])] if found else []
    return problems


def silent_towns(pen: Writer) -> list[Problem]:
    """Towns that held and reported no activity (未报送), the first named."""
    count = pen.fig("activities.silent_towns", zero_is_missing=True)
    names = pen.facts.silent_names
    if count is None or not names:
        return []
    listed = wording.listing(list(names), pen.lang, limit=len(names))
    if count.value == 1:
        found = fill("brief.problems.silent_one", pen.lang, names=listed)
    else:
        found = fill("brief.problems.silent", pen.lang, names=listed, count=count)
    return [Problem(found, "silent_towns")] if found else []


# In the order they are printed. The targets engine adds paced statuses after
# `targets_missed` and open 督办 items at the end.
SOURCES: tuple[ProblemSource, ...] = (targets_missed, regions_missing, gaps, silent_towns)


def section(pen: Writer, sources: Sequence[ProblemSource] = SOURCES) -> list[Block]:
    """存在问题: every problem the sources find, numbered; a line saying so when none."""
    blocks: list[Block] = [pen.heading("brief.h.problems")]
    problems = [problem for source in sources for problem in source(pen)]
    if not problems:
        return [*blocks, Paragraph((pen.t("brief.problems.none"),))]
    end = "。" if pen.lang == "zh" else "."
    for i, problem in enumerate(problems, start=1):
        lead: Run = wording.item_lead(i, pen.lang)
        runs = merge([lead, *capitalised(problem.runs, pen.lang), end])
        blocks.append(Paragraph(runs))
    return blocks


def _target_text(pen: Writer, key: str, target: targeting.Target) -> str:
    kpi = registry.get(key)
    if kpi.is_rate:
        return wording.percent(target.value, trim=True)
    if kpi.kind == "days":
        unit = pen.t("unit.days")
        return (
            f"{wording.number(target.value)}{unit}"
            if pen.lang == "zh"
            else (f"{wording.number(target.value)} {unit}")
        )
    return wording.count(int(target.value), pen.lang)
