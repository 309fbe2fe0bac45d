"""存在问题: what the brief asks leaders to act on, one numbered item each (一是…，二是…).

Every problem is worded from what the KPI layer decided, never judged here: the region's own
targets missed or behind pace (supervision.region_items), and the 督办 items of the period
(supervision.review: the same items the 督办 page lists and `xieshang supervise` prints) —
child regions off target or behind pace, units that reported nothing (未报送), towns, villages
and posted members behind their cadence, rooms failing the 六有 standard — then the rooms still
to build or staff (the attention list) and how far the 督办 items have been followed up.

The section is a list of sources, each a function from the pen to the problems it finds; the
section numbers and prints whatever they return, in order.

A figure from a 督办 item is a `Fig` whose path says which item and field it is
(`supervise.<field>.<kpi>.<unit_kind>:<unit_id>`) or which items it counts
(`supervise.count.<kpi>[.<status>]`, `supervise.follow_up.<status>`, `supervise.open`,
`supervise.closed`); one from the region's own judgement is `own.<field>.<kpi>`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from xieshang.brief import wording
from xieshang.brief.model import Block, Fig, Paragraph, Run
from xieshang.brief.text import Clause, capitalised, chained, fill, joined, listed, merge
from xieshang.brief.writer import Writer
from xieshang.contract.tables import REGION_LEVELS
from xieshang.kpis import cadence, pacing, registry, supervision
from xieshang.kpis.insights import WATCHED

# Names a sentence lists before 等 and the total.
NAMED = 5
# What a child region fails to report (未报送), and the cadence rules of areas.
_ACTIVITIES, _SUGGESTIONS = "activities.count", "suggestions.submitted"
# The areas' cadence rules and their sentences: missed, behind pace.
_AREA_RULES = {
    "cadence.town_activities": ("brief.problems.towns_missed", "brief.problems.towns_behind"),
    "cadence.village_activities": (
        "brief.problems.villages_missed",
        "brief.problems.villages_behind",
    ),
}
_MEMBERS = "cadence.member_attendance"
# Follow-up statuses of items still open, in the order they are counted.
OPEN: tuple[supervision.FollowUpStatus, ...] = ("pending", "supervised")


@dataclass(frozen=True)
class Problem:
    """One item of 存在问题: a sentence without its lead (一是) or final stop."""

    runs: Clause
    # What it is about, for tests to find.
    kind: str


ProblemSource = Callable[[Writer], list[Problem]]


def own_targets(pen: Writer) -> list[Problem]:
    """The region's own KPIs against their targets: missed, then behind pace."""
    problems = []
    for status, key in (("missed", "brief.problems.missed"), ("at_risk", "brief.problems.behind")):
        items = [_own_item(pen, item) for item in pen.facts.own if item.status == status]
        kept = [item for item in items if item]
        if not kept:
            continue
        found = fill(
            key, pen.lang, area=pen.area, count=str(len(kept)), items=joined(kept, pen.lang)
        )
        problems += [Problem(found, f"own_{status}")] if found else []
    return problems


def regions(pen: Writer) -> list[Problem]:
    """Child regions off a KPI target or behind pace, named KPI by KPI."""
    level = pen.facts.child_level
    items = [
        item
        for item in pen.facts.review.items
        if item.unit_kind == "region"
        and item.level == level
        and item.kpi in registry.REGISTRY
        and item.status in ("missed", "at_risk")
    ]
    if not items or level is None:
        return []
    order = {kpi: i for i, kpi in enumerate((*WATCHED, *registry.REGISTRY))}
    names: dict[tuple[str, str], list[str]] = {}
    for item in sorted(items, key=lambda i: order[i.kpi]):
        names.setdefault((item.kpi, item.status), []).append(item.name)
    # KPIs the same regions fail are said together: 甲、乙未达到目标的有A市、B市.
    groups: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for (kpi, status), named in sorted(names.items(), key=lambda p: p[0][1] == "at_risk"):
        groups.setdefault((status, tuple(named)), []).append(kpi)
    measure = _measure(pen, level)
    clauses: list[Clause] = []
    for (status, regions_named), kpis in groups.items():
        key = (
            "brief.problems.regions_missed"
            if status == "missed"
            else "brief.problems.regions_behind"
        )
        names_text = wording.listing(list(regions_named), pen.lang, measure=measure, limit=NAMED)
        kpis_text = wording.listing([pen.t(f"kpi.{k}") for k in kpis], pen.lang, limit=99)
        found = fill(key, pen.lang, kpi=kpis_text, names=names_text)
        clauses += [found] if found else []
    said = fill(
        "brief.problems.regions",
        pen.lang,
        level=pen.t(f"level.{level}"),
        groups=chained(clauses, pen.lang),
    )
    return [Problem(said, "regions")] if said else []


def silent(pen: Writer) -> list[Problem]:
    """Units that held and reported no activity (未报送: child regions, towns and villages
    their cadence expects some of), and child regions that sent no suggestion."""
    by_level: dict[str, dict[str, str]] = {}
    quiet: dict[str, str] = {}
    for item in pen.facts.review.items:
        if item.status != "no_data" or item.unit_kind != "region":
            continue
        if item.kpi == _ACTIVITIES or item.kpi in _AREA_RULES:
            by_level.setdefault(item.level, {}).setdefault(item.unit_id, item.name)
        elif item.kpi == _SUGGESTIONS:
            quiet.setdefault(item.unit_id, item.name)
    problems = []
    parts = [
        wording.listing(list(names.values()), pen.lang, measure=_measure(pen, level), limit=NAMED)
        for level in REGION_LEVELS
        if (names := by_level.get(level))
    ]
    if parts:
        names_text = ("和" if pen.lang == "zh" else "; ").join(parts)
        found = fill("brief.problems.silent", pen.lang, names=names_text)
        problems += [Problem(found, "silent")] if found else []
    if quiet:
        level = pen.facts.child_level or ""
        names_text = wording.listing(
            list(quiet.values()), pen.lang, measure=_measure(pen, level), limit=NAMED
        )
        found = fill(
            "brief.problems.silent_suggestions", pen.lang, names=names_text, things=pen.things
        )
        problems += [Problem(found, "silent_suggestions")] if found else []
    return problems


def cadences(pen: Writer) -> list[Problem]:
    """Towns and villages that held too few consultations, and posted members who attended too
    few activities, for the year or by now (supervision's cadence items), each group with the N
    its units are held to."""
    problems = []
    for rule in cadence.RULES:
        for status in ("missed", "at_risk"):
            items = [i for i in pen.facts.review.items if i.kpi == rule.key and i.status == status]
            # Units held to the same N (and so expected the same by now) are said together.
            held = sorted({(i.target, i.expected or 0.0) for i in items if i.target is not None})
            for target, expected in held:
                group = [i for i in items if (i.target, i.expected or 0.0) == (target, expected)]
                found = _cadence_problem(pen, rule.key, status, group)
                problems += [Problem(found, f"{rule.key}.{status}")] if found else []
    return problems


def rooms(pen: Writer) -> list[Problem]:
    """Rooms failing the 六有 standard (督办 items), then rooms still to build or staff (the
    attention list's counts of the KPIs)."""
    problems = []
    failing = [i for i in pen.facts.review.items if i.unit_kind == "room"]
    if failing:
        count = _count_fig(pen, len(failing), f"supervise.count.{supervision.ROOM_KPI}")
        found = fill("brief.problems.rooms_failing", pen.lang, count=count)
        problems += [Problem(found, "rooms_failing")] if found else []
    keys = {
        "attention.uncovered": "brief.problems.uncovered",
        "attention.rooms_without_member": "brief.problems.rooms_without_member",
    }
    for item in pen.facts.attention:
        if item.key in keys:
            count = Fig(wording.count(item.count, pen.lang), item.key, "now", item.count)
            found = fill(keys[item.key], pen.lang, count=count)
            problems += [Problem(found, item.key.split(".", 1)[1])] if found else []
    return problems


def follow_ups(pen: Writer) -> list[Problem]:
    """How many of the period's 督办 items are still open (待督办, 已督办), and how many
    followed-up items closed themselves once a later snapshot showed the target met."""
    items = pen.facts.review.items
    still = [i for i in items if i.follow_up_status in OPEN]
    closed = [c for c in pen.facts.review.closed if c.state == "met"]
    clauses: list[Clause | None] = []
    if still:
        statuses = []
        for status in OPEN:
            counted = sum(1 for i in still if i.follow_up_status == status)
            if counted:
                statuses.append(
                    fill(
                        "brief.problems.status_item",
                        pen.lang,
                        status=pen.t(f"follow_up.{status}"),
                        count=_count_fig(pen, counted, f"supervise.follow_up.{status}"),
                    )
                )
        clauses.append(
            fill(
                "brief.problems.open",
                pen.lang,
                count=_count_fig(pen, len(still), "supervise.open"),
                statuses=joined([s for s in statuses if s], pen.lang),
            )
        )
    if closed:
        clauses.append(
            fill(
                "brief.problems.closed",
                pen.lang,
                count=_count_fig(pen, len(closed), "supervise.closed"),
            )
        )
    kept = [c for c in clauses if c]
    return [Problem(chained(kept, pen.lang), "follow_ups")] if kept else []


# In the order they are printed.
SOURCES: tuple[ProblemSource, ...] = (own_targets, regions, silent, cadences, rooms, follow_ups)


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


# --------------------------------------------------------------------------- wording an item


def _own_item(pen: Writer, item: supervision.Item) -> Clause | None:
    """One of the region's own KPIs off target: its value, target and what is missing; behind
    the pace of a yearly count, also what was expected by now and how far behind it is."""
    kpi = item.kpi
    target = _own_fig(pen, "target", kpi, item.target)
    gap = _gap(pen, kpi, item.missing, f"own.missing.{kpi}")
    if item.status == "at_risk" and pacing.is_paced(kpi):
        return fill(
            "brief.problems.paced_item",
            pen.lang,
            kpi=pen.t(f"kpi.{kpi}"),
            value=pen.fig(kpi),
            expected=_own_fig(pen, "expected", kpi, item.expected),
            behind=_words(
                pen, "brief.problems.behind_by", _own_fig(pen, "behind", kpi, item.behind)
            ),
            target=target,
            gap=gap,
        )
    return fill(
        "brief.problems.target_item",
        pen.lang,
        kpi=pen.t(f"kpi.{kpi}"),
        value=pen.fig(kpi),
        target=target,
        gap=gap,
    )


def _cadence_problem(
    pen: Writer, rule: str, status: str, items: list[supervision.Item]
) -> Clause | None:
    first = items[0]
    target = _item_fig(pen, first, "target", wording.number(first.target or 0), first.target)
    if rule == _MEMBERS:
        key = (
            "brief.problems.members_missed"
            if status == "missed"
            else "brief.problems.members_behind"
        )
        count = _count_fig(pen, len(items), f"supervise.count.{rule}.{status}")
        expected = _item_fig(
            pen, first, "expected", wording.number(first.expected or 0), first.expected
        )
        if status == "missed":
            return fill(key, pen.lang, count=count, target=target)
        return fill(key, pen.lang, count=count, target=target, expected=expected)
    missed, behind = _AREA_RULES[rule]
    named = [_unit_clause(pen, item) for item in items[:NAMED]]
    names = listed(
        [n for n in named if n],
        pen.lang,
        len(items),
        measure=_measure(pen, first.level),
        limit=NAMED,
    )
    key = missed if status == "missed" else behind
    return fill(key, pen.lang, names=names, target=target)


def _unit_clause(pen: Writer, item: supervision.Item) -> Clause | None:
    """A town or village behind its cadence: held so many, expected by now, still needed."""
    value = _item_fig(pen, item, "value", wording.number(item.value or 0), item.value)
    needed = _item_fig(pen, item, "missing", wording.number(item.missing or 0), item.missing)
    if item.status == "at_risk":
        expected = _item_fig(
            pen, item, "expected", wording.number(item.expected or 0), item.expected
        )
        return fill(
            "brief.problems.unit_behind",
            pen.lang,
            name=item.name,
            value=value,
            expected=expected,
            needed=needed,
        )
    return fill("brief.problems.unit_missed", pen.lang, name=item.name, value=value, needed=needed)


def _gap(pen: Writer, kpi: str, missing: float | None, path: str) -> Clause | None:
    """What a KPI still lacks: 还差2.1个百分点 (a rate), 还需3次 (a count), 超出5天 (a cap)."""
    if missing is None:
        return None
    found = registry.get(kpi)
    if found.is_rate:
        points = Fig(f"{missing * 100:.1f}", path, "now", missing)
        return fill("brief.problems.points_short", pen.lang, points=points)
    amount = Fig(_amount(pen, kpi, missing), path, "now", missing)
    key = "brief.problems.short" if found.higher_is_better else "brief.problems.over"
    return fill(key, pen.lang, value=amount)


def _own_fig(pen: Writer, field: str, kpi: str, value: float | None) -> Fig | None:
    if value is None:
        return None
    text = wording.percent(value, trim=True) if registry.is_rate(kpi) else _amount(pen, kpi, value)
    return Fig(text, f"own.{field}.{kpi}", "now", value)


def _amount(pen: Writer, kpi: str, value: float) -> str:
    """A count or a number of days with its unit: 3次, 90天 (3 activities, 90 days)."""
    unit = pen.t(f"unit.{registry.get(kpi).unit}")
    days = registry.get(kpi).kind == "days"
    shown = wording.number(value) if days else wording.count(round(value), pen.lang)
    return f"{shown}{unit}" if pen.lang == "zh" else f"{shown} {unit}"


def _words(pen: Writer, key: str, value: Fig | None) -> Clause | None:
    return fill(key, pen.lang, value=value)


def _item_fig(
    pen: Writer, item: supervision.Item, field: str, text: str, value: float | None
) -> Fig | None:
    if value is None:
        return None
    path = f"supervise.{field}.{item.kpi}.{item.unit_kind}:{item.unit_id}"
    return Fig(text, path, "now", value)


def _count_fig(pen: Writer, count: int, path: str) -> Fig:
    return Fig(wording.count(count, pen.lang), path, "now", count)


def _measure(pen: Writer, level: str) -> str:
    """The measure word and noun after a total: 个乡镇（街道）."""
    if level not in REGION_LEVELS:
        return ""
    return f"个{pen.t(f'level.{level}')}" if pen.lang == "zh" else ""
