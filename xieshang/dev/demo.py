"""The embedded demo export: a fictional province, deterministic for a given seed.

Regions, names and people are invented (codes start with 99, which no real province uses).
Counties differ in how well they do, so every page has leaders and laggards to show: rooms
missing in some towns, members who never go down, towns that report nothing (未报送).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pyarrow as pa

from xieshang.contract.tables import TABLE_NAMES, table
from xieshang.store.snapshots import DEMO_ID, MANIFEST, write_table

BOUNDARIES = "boundaries.geojson"

FIRST_DAY = date(2024, 1, 1)
LAST_DAY = date(2026, 9, 30)
GENERATED_AT = "2026-10-08T09:00:00+08:00"
CRITERIA = ("有场所", "有制度", "有计划", "有管理", "有活动", "有档案")
ASSESSMENT_DAYS = (date(2023, 12, 15), date(2024, 12, 15), date(2025, 12, 15))

_CITIES = ("青岚市", "云梧市", "桐溪市", "兰汀市")
_COUNTIES_PER_CITY = (4, 3, 4, 3)
_SYLLABLES = (
    "安澜柏晨丹枫光禾华嘉锦景兰岚朗柳梅明南宁平青清泉瑞山石松桃汀桐望溪霞祥新秀杏阳永玉源云泽"
)
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓"
    "曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
)
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红文斌宁海波鹏飞玉兰春梅晓东红梅"
_SECTORS = (
    "中共",
    "民革",
    "民盟",
    "民建",
    "民进",
    "农工党",
    "致公党",
    "九三学社",
    "无党派人士",
    "共青团",
    "工会",
    "妇联",
    "工商联",
    "科协",
    "侨联",
    "文化艺术界",
    "科学技术界",
    "经济界",
    "农业界",
    "教育界",
    "医药卫生界",
    "社会福利和社会保障界",
    "特邀人士",
)
_TOPICS = (
    "老旧小区加装电梯",
    "背街小巷改造",
    "农村人居环境整治",
    "垃圾分类投放点设置",
    "社区居家养老服务",
    "小区停车难",
    "河道保洁与治理",
    "乡村振兴产业发展",
    "农贸市场提档升级",
    "校园周边交通安全",
    "物业服务质量提升",
    "农村饮水安全",
    "便民服务中心建设",
    "文化广场管理",
    "防汛排涝设施",
    "特色农产品销售",
    "社区托育服务",
    "道路照明改善",
    "村规民约修订",
    "矛盾纠纷调解",
)
# Fewer consultations around the Spring Festival and in high summer.
_MONTH_WEIGHTS = (0.4, 0.5, 1.2, 1.3, 1.3, 1.1, 0.7, 0.7, 1.2, 1.3, 1.2, 1.0)


@dataclass
class _Region:
    code: str
    name: str
    level: str
    parent: str | None
    kind: str | None
    perf: float
    county: str = ""


@dataclass
class _Export:
    rows: dict[str, list[dict]] = field(default_factory=lambda: {n: [] for n in TABLE_NAMES})

    def add(self, table_name: str, /, **row: object) -> None:
        self.rows[table_name].append(row)


SEED = 20261008


def generate(seed: int = SEED) -> dict[str, pa.Table]:
    """The whole demo export as Arrow tables typed to the contract."""
    rng = random.Random(seed)  # noqa: S311 - reproducible fiction, not secrets
    out = _Export()
    regions = _regions(rng, out)
    rooms = _rooms(rng, out, regions)
    _assessments(rng, out, rooms)
    members = _members(rng, out, regions)
    postings = _postings(rng, out, regions, rooms, members)
    activities = _activities(rng, out, regions, rooms, postings, members)
    _suggestions(rng, out, regions, activities, members)
    return {
        name: pa.Table.from_pylist(out.rows[name], schema=table(name).arrow_schema)
        for name in TABLE_NAMES
    }


def write(out_dir: Path, seed: int = SEED, progress: Callable[..., None] | None = None) -> None:
    """Write the demo export as a snapshot folder: sorted Parquet per table plus a manifest."""
    out_dir.mkdir(parents=True, exist_ok=True)
    tables = generate(seed)
    for name, data in tables.items():
        if progress:
            progress("demo.writing", {"table": name, "rows": f"{data.num_rows:,}"})
        write_table(data, name, out_dir / f"{name}.parquet")
    manifest = {
        "id": DEMO_ID,
        "created_at": GENERATED_AT,
        "who": "xieshang demo",
        "action": "demo",
        "seed": seed,
        "sources": [],
        "tables": {n: {"rows": t.num_rows, "carried_over": False} for n, t in tables.items()},
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    (out_dir / MANIFEST).write_text(text, encoding="utf-8")
    geojson = boundaries(tables["regions"].to_pylist())
    (out_dir / BOUNDARIES).write_text(
        json.dumps(geojson, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def boundaries(regions: list[dict]) -> dict:
    """Fictional boundaries for the fictional regions, down to towns: nested rectangles.

    Each region's box is split among its children in proportion to how many towns they hold,
    alternating the direction at each level, so the map reads like a map and is plainly drawn.
    """
    children: dict[str | None, list[dict]] = {}
    for region in regions:
        children.setdefault(region["parent_code"], []).append(region)

    def towns(code: str) -> int:
        kids = children.get(code, [])
        return sum(towns(k["region_code"]) for k in kids if k["level"] != "village") or 1

    features = []

    def split(region: dict, box: tuple[float, float, float, float], vertical: bool) -> None:
        west, south, east, north = box
        gap = 0.02 * min(east - west, north - south)
        ring = [
            [west + gap, south + gap],
            [east - gap, south + gap],
            [east - gap, north - gap],
            [west + gap, north - gap],
            [west + gap, south + gap],
        ]
        features.append(
            {
                "type": "Feature",
                "properties": {"region_code": region["region_code"], "name": region["name"]},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[round(x, 4), round(y, 4)] for x, y in ring]],
                },
            }
        )
        kids = [k for k in children.get(region["region_code"], []) if k["level"] != "village"]
        total = sum(towns(k["region_code"]) for k in kids)
        start = west if vertical else south
        for kid in kids:
            share = towns(kid["region_code"]) / total
            if vertical:
                width = (east - west) * share
                split(kid, (start, south, start + width, north), not vertical)
            else:
                height = (north - south) * share
                split(kid, (west, start, east, start + height), not vertical)
            start += width if vertical else height

    for top in children.get(None, []):
        split(top, (108.0, 26.0, 118.0, 34.0), vertical=True)
    return {"type": "FeatureCollection", "features": features}


def _name(rng: random.Random, used: set[str], suffix: str) -> str:
    while True:
        name = rng.choice(_SYLLABLES) + rng.choice(_SYLLABLES) + suffix
        if name[0] != name[1] and name not in used:
            used.add(name)
            return name


def _regions(rng: random.Random, out: _Export) -> list[_Region]:
    regions = [_Region("990000000000", "演示省", "province", None, "省", 1.0)]
    used: set[str] = set()
    for c, (city_name, n_counties) in enumerate(zip(_CITIES, _COUNTIES_PER_CITY, strict=True), 1):
        city = _Region(f"99{c:02d}00000000", city_name, "city", regions[0].code, "市", 1.0)
        regions.append(city)
        for k in range(1, n_counties + 1):
            is_district = k == 1
            # Counties differ a lot: this is what the rankings and "needs attention" lists show.
            perf = rng.choice((0.3, 0.45, 0.6, 0.7, 0.8, 0.9, 0.95))
            code = f"99{c:02d}{k:02d}000000"
            county = _Region(
                code,
                _name(rng, used, "区" if is_district else "县"),
                "county",
                city.code,
                "区" if is_district else "县",
                perf,
                code,
            )
            regions.append(county)
            for w in range(1, rng.randint(7, 12) + 1):
                is_street = is_district and w <= 4
                town_kind = "街道" if is_street else rng.choice(("镇", "镇", "乡"))
                town = _Region(
                    f"{code[:6]}{w:03d}000",
                    _name(rng, used, town_kind),
                    "town",
                    code,
                    town_kind,
                    min(1.0, max(0.05, perf + rng.gauss(0, 0.12))),
                    code,
                )
                regions.append(town)
                for v in range(1, rng.randint(9, 16) + 1):
                    village_kind = "社区" if is_street or v == 1 else "村"
                    regions.append(
                        _Region(
                            f"{town.code[:9]}{v:03d}",
                            _name(rng, used, village_kind),
                            "village",
                            town.code,
                            village_kind,
                            min(1.0, max(0.0, town.perf + rng.gauss(0, 0.1))),
                            code,
                        )
                    )
    for r in regions:
        out.add(
            "regions",
            region_code=r.code,
            name=r.name,
            level=r.level,
            parent_code=r.parent,
            kind=r.kind,
        )
    return regions


def _day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _rooms(rng: random.Random, out: _Export, regions: list[_Region]) -> list[dict]:
    rooms: list[dict] = []
    per_region: dict[str, int] = {}

    def add(region: _Region, room_type: str, name: str, opened: date) -> None:
        closed = None
        if rng.random() < 0.03:
            closed = _day_between(rng, opened + timedelta(days=90), LAST_DAY)
        per_region[region.code] = per_region.get(region.code, 0) + 1
        room = {
            "room_id": f"R{region.code}{per_region[region.code]:02d}",
            "name": name,
            "region_code": region.code,
            "room_type": room_type,
            "opened_on": opened,
            "closed_on": closed,
        }
        rooms.append({**room, "perf": region.perf, "county": region.county})
        out.add("rooms", **room)

    for r in regions:
        opened = _day_between(rng, date(2019, 3, 1), date(2026, 6, 30))
        if r.level == "county":
            add(r, "council_room", f"{r.name}政协协商议事厅", opened)
        elif r.level == "town" and rng.random() < 0.65 + 0.4 * r.perf:
            add(r, "liaison_station", f"{r.name}政协委员联络站", opened)
            if rng.random() < 0.25:
                add(r, "member_studio", f"{r.name}委员工作室", opened + timedelta(days=200))
            if rng.random() < 0.1:
                add(r, "sector_room", f"{r.name}界别协商议事室", opened + timedelta(days=300))
        elif r.level == "village" and rng.random() < 0.2 + 0.78 * r.perf:
            room_type = "info_point" if rng.random() < 0.05 else "council_room"
            suffix = "社情民意信息站" if room_type == "info_point" else "“有事好商量”协商议事室"
            add(r, room_type, f"{r.name}{suffix}", opened)
    return rooms


def _assessments(rng: random.Random, out: _Export, rooms: list[dict]) -> None:
    for room in rooms:
        for day in ASSESSMENT_DAYS:
            if room["opened_on"] > day or rng.random() < 0.1:
                continue
            if room["closed_on"] is not None and room["closed_on"] <= day:
                continue
            for criterion in CRITERIA:
                # Plans and archives are where grass-roots rooms most often fall short.
                weak = 0.07 if criterion in ("有计划", "有档案") else 0.0
                met = rng.random() < 0.85 + 0.14 * room["perf"] - weak
                out.add(
                    "room_assessments",
                    room_id=room["room_id"],
                    assessed_on=day,
                    criterion=criterion,
                    met=met,
                )


def _person(rng: random.Random) -> str:
    given = rng.choice(_GIVEN) + (rng.choice(_GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(_SURNAMES) + given


def _members(rng: random.Random, out: _Export, regions: list[_Region]) -> list[dict]:
    members: list[dict] = []
    committees = [(r, "provincial", 500) for r in regions if r.level == "province"]
    committees += [(r, "city", 260) for r in regions if r.level == "city"]
    committees += [(r, "county", rng.randint(150, 220)) for r in regions if r.level == "county"]
    for committee, level, size in committees:
        for _ in range(size):
            joined = (
                date(2022, 1, 10)
                if rng.random() < 0.85
                else _day_between(rng, date(2022, 2, 1), date(2026, 3, 1))
            )
            left = None
            if rng.random() < 0.06:
                left = _day_between(rng, joined + timedelta(days=60), LAST_DAY)
            member = {
                "member_id": f"M{len(members) + 1:06d}",
                "name": _person(rng),
                "committee_level": level,
                "committee_region_code": committee.code,
                "sector": rng.choice(_SECTORS),
                "joined_on": joined,
                "left_on": left,
            }
            members.append({**member, "perf": committee.perf, "committee": committee})
            out.add("members", **member)
    return members


def _postings(
    rng: random.Random, out: _Export, regions: list[_Region], rooms: list[dict], members: list[dict]
) -> list[dict]:
    by_parent: dict[str, list[_Region]] = {}
    for r in regions:
        by_parent.setdefault(r.parent or "", []).append(r)
    rooms_in: dict[str, list[dict]] = {}
    for room in rooms:
        rooms_in.setdefault(room["region_code"], []).append(room)

    def grass_roots(code: str) -> list[_Region]:
        found, stack = [], [code]
        while stack:
            for child in by_parent.get(stack.pop(), []):
                if child.level in ("town", "village"):
                    found.append(child)
                stack.append(child.code)
        return found

    places = {r.code: grass_roots(r.code) for r in regions if r.level != "village"}
    postings: list[dict] = []
    share = {"provincial": 0.15, "city": 0.35, "county": None}
    for member in members:
        committee = member["committee"]
        chance = share[member["committee_level"]] or 0.35 + 0.6 * committee.perf
        if rng.random() >= chance:
            continue
        for _ in range(1 if rng.random() < 0.85 else 2):
            place = rng.choice(places[committee.code])
            start = max(member["joined_on"], date(2023, 1, 1)) + timedelta(days=rng.randint(0, 500))
            end = None
            if rng.random() < 0.1:
                end = start + timedelta(days=rng.randint(120, 600))
            if member["left_on"] is not None:
                end = min(end or member["left_on"], member["left_on"])
            if end is not None and end <= start:
                continue
            here = [r for r in rooms_in.get(place.code, []) if r["opened_on"] <= start]
            mode = "fixed" if rng.random() < 0.7 else "mobile"
            posting = {
                "member_id": member["member_id"],
                "region_code": place.code,
                "room_id": here[0]["room_id"] if here and mode == "fixed" else None,
                "mode": mode,
                "start_on": start,
                "end_on": end,
            }
            postings.append(posting)
            out.add("member_postings", **posting)
    return postings


def _activities(
    rng: random.Random,
    out: _Export,
    regions: list[_Region],
    rooms: list[dict],
    postings: list[dict],
    members: list[dict],
) -> list[dict]:
    posted_in: dict[str, list[str]] = {}
    for p in postings:
        posted_in.setdefault(p["region_code"], []).append(p["member_id"])
    county_members: dict[str, list[str]] = {}
    for m in members:
        if m["committee_level"] == "county":
            county_members.setdefault(m["committee"].code, []).append(m["member_id"])
    town_of = {r.code: (r.parent if r.level == "village" else r.code) for r in regions}
    # A few towns report nothing in a year (未报送), the thing leaders must spot at once.
    silent = {
        (r.code, year)
        for r in regions
        if r.level == "town"
        for year in (2024, 2025, 2026)
        if rng.random() < 0.06 + 0.12 * (1 - r.perf)
    }
    months = [(y, m) for y in (2024, 2025, 2026) for m in range(1, 13) if date(y, m, 1) <= LAST_DAY]
    weights = [_MONTH_WEIGHTS[m - 1] for _, m in months]
    kinds = ("micro", "thematic", "talk", "supervision", "member_day", "other")
    sources = ("public", "society", "member", "party_gov", "other")
    activities: list[dict] = []
    for room in rooms:
        per_year = 0.6 + 7.0 * room["perf"] ** 1.5
        n = sum(1 for _ in range(33) if rng.random() < per_year / 12)
        for year, month in rng.choices(months, weights, k=n):
            held = date(year, month, rng.randint(1, 28))
            if held < room["opened_on"] or (room["closed_on"] and held >= room["closed_on"]):
                continue
            if (town_of.get(room["region_code"]), year) in silent:
                continue
            activity_id = f"A{len(activities) + 1:07d}"
            activity = {
                "activity_id": activity_id,
                "region_code": room["region_code"],
                "room_id": room["room_id"],
                "held_on": held,
                "kind": rng.choices(kinds, (45, 15, 15, 8, 12, 5))[0],
                "topic": rng.choice(_TOPICS),
                "topic_source": rng.choices(sources, (40, 15, 20, 20, 5))[0],
                "public_participants": rng.randint(8, 80) if rng.random() < 0.95 else None,
                "problems_solved": rng.randint(0, 6) if rng.random() < 0.9 else None,
            }
            activities.append({**activity, "perf": room["perf"]})
            out.add("activities", **activity)
            pool = posted_in.get(room["region_code"]) or county_members.get(room["county"], [])
            pool = list(dict.fromkeys(pool))
            for member_id in rng.sample(pool, min(len(pool), rng.randint(0, 4))):
                out.add("activity_members", activity_id=activity_id, member_id=member_id)
    return activities


def _suggestions(
    rng: random.Random,
    out: _Export,
    regions: list[_Region],
    activities: list[dict],
    members: list[dict],
) -> None:
    counter = 0

    def add(
        kind: str,
        region_code: str,
        perf: float,
        submitted: date,
        activity_id: str | None = None,
        member_id: str | None = None,
    ) -> None:
        nonlocal counter
        counter += 1
        filed = concluded = outcome = satisfaction = None
        if rng.random() < 0.72 + 0.25 * perf:
            filed = submitted + timedelta(days=rng.randint(2, 25))
        if filed is not None and rng.random() < 0.985:
            days = int(rng.lognormvariate(4.0, 0.45) / (0.6 + 0.6 * perf))
            candidate = filed + timedelta(days=max(7, days))
            concluded = candidate if candidate <= LAST_DAY else None
        if concluded is not None:
            roll = rng.random()
            adopted_share = 0.5 + 0.4 * perf
            outcome = (
                "adopted"
                if roll < adopted_share
                else "partially_adopted"
                if roll < adopted_share + 0.12
                else "not_adopted"
            )
            if rng.random() < 0.85:
                roll = rng.random()
                satisfaction = (
                    "satisfied"
                    if roll < 0.65 + 0.25 * perf
                    else "basically_satisfied"
                    if roll < 0.96
                    else "unsatisfied"
                )
        out.add(
            "suggestions",
            suggestion_id=f"S{counter:07d}",
            kind=kind,
            region_code=region_code,
            activity_id=activity_id,
            member_id=member_id,
            submitted_on=submitted,
            filed_on=filed,
            concluded_on=concluded,
            outcome=outcome,
            satisfaction=satisfaction,
        )

    for a in activities:
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
            submitted = a["held_on"] + timedelta(days=rng.randint(0, 20))
            if submitted <= LAST_DAY:
                add("opinion", a["region_code"], a["perf"], submitted, activity_id=a["activity_id"])
    by_committee: dict[str, list[dict]] = {}
    for m in members:
        by_committee.setdefault(m["committee"].code, []).append(m)
    for r in regions:
        if r.level not in ("province", "city", "county"):
            continue
        authors = by_committee.get(r.code, [])
        yearly = {"province": 700, "city": 260, "county": 140}[r.level]
        for year in (2024, 2025, 2026):
            last = min(LAST_DAY, date(year, 12, 31))
            for _ in range(int(yearly * rng.uniform(0.8, 1.2) * (0.75 if year == 2026 else 1))):
                author = rng.choice(authors) if authors else None
                add(
                    "proposal",
                    r.code,
                    r.perf,
                    _day_between(rng, date(year, 1, 5), last),
                    member_id=author["member_id"] if author else None,
                )
            for _ in range(int(yearly * 0.3)):
                add("info", r.code, r.perf, _day_between(rng, date(year, 1, 5), last))
