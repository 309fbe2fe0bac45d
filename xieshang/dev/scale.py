"""Synthetic exports at national scale (and 1/30 of it), for benchmarks.

Written one province at a time with NumPy and streamed into one Parquet file per table, so
memory stays bounded whatever the size; each province draws from its own seeded generator, so
the output is the same for a seed whatever the order. Skew is deliberate: provinces and
counties differ in size and in how well they do, activity is seasonal, most suggestions are
concluded, and some regions miss their targets. Names (合成省01, 县…, 村…) mark the data as
synthetic.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from xieshang.contract.tables import (
    ACTIVITY_KINDS,
    OUTCOMES,
    SATISFACTIONS,
    TABLE_NAMES,
    TOPIC_SOURCES,
    table,
)

YEAR_START = np.datetime64("2025-01-01")
YEAR_DAYS = 365
CRITERIA = np.array(["有场所", "有制度", "有计划", "有管理", "有活动", "有档案"])
MONTH_WEIGHTS = np.array([0.4, 0.5, 1.2, 1.3, 1.3, 1.1, 0.7, 0.7, 1.2, 1.3, 1.2, 1.0])


@dataclass(frozen=True)
class Scale:
    provinces: int
    cities: float  # per province (mean)
    counties: float  # per city
    towns: float  # per county
    villages: float  # per town
    activities_per_room: float  # a year
    members_per_county: int


SCALES = {
    # ≈ 40,000 towns, 600,000 villages, 650,000 rooms and members, 5 M activities a year
    "national": Scale(31, 10.5, 8.8, 14.0, 15.0, 9.5, 200),
    # one province's worth: 1/30
    "province": Scale(1, 10.5, 8.8, 14.0, 15.0, 9.5, 200),
    # for the test suite: the same shape, small enough to validate in a second
    "tiny": Scale(1, 2, 2.0, 3.0, 4.0, 6.0, 20),
}


class _Writers:
    """One ParquetWriter per table, opened on first write."""

    def __init__(self, out: Path):
        self.out = out
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.rows: dict[str, int] = dict.fromkeys(TABLE_NAMES, 0)

    def write(self, name: str, columns: dict[str, object]) -> None:
        schema = table(name).arrow_schema
        data = pa.Table.from_pydict(
            {f.name: columns.get(f.name, pa.nulls(_length(columns), f.type)) for f in schema},
            schema=schema,
        )
        if name not in self.writers:
            self.writers[name] = pq.ParquetWriter(
                self.out / f"{name}.parquet", schema, compression="zstd"
            )
        self.writers[name].write_table(data, row_group_size=250_000)
        self.rows[name] += data.num_rows

    def close(self) -> None:
        for name in TABLE_NAMES:
            if name not in self.writers:
                schema = table(name).arrow_schema
                pq.write_table(schema.empty_table(), self.out / f"{name}.parquet")
        for writer in self.writers.values():
            writer.close()


def _length(columns: dict[str, object]) -> int:
    return len(next(iter(columns.values())))  # type: ignore[arg-type]


SEED = 20261122


def generate(
    scale: str,
    out: Path,
    seed: int = SEED,
    progress: Callable[[str, dict[str, object]], None] | None = None,
) -> dict[str, int]:
    """Write a contract-valid export of `scale` into `out`; returns rows per table."""
    spec = SCALES[scale]
    out.mkdir(parents=True, exist_ok=True)
    writers = _Writers(out)
    try:
        for p in range(spec.provinces):
            _province(writers, spec, p, seed)
            if progress:
                progress(
                    "scale.province",
                    {
                        "done": p + 1,
                        "total": spec.provinces,
                        "rows": f"{sum(writers.rows.values()):,}",
                    },
                )
    finally:
        writers.close()
    manifest = {"scale": scale, "seed": seed, "tables": writers.rows}
    (out / "scale.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return writers.rows


def _codes(prefix: np.ndarray, numbers: np.ndarray, width: int) -> np.ndarray:
    return np.char.add(prefix.astype(str), np.char.zfill(numbers.astype(str), width))


def _province(w: _Writers, spec: Scale, p: int, seed: int) -> None:
    rng = np.random.default_rng([seed, p])
    pcode = f"{60 + p:02d}0000000000"
    perf = float(rng.beta(5, 2))

    w.write(
        "regions",
        {
            "region_code": [pcode],
            "name": [f"合成省{p + 1:02d}"],
            "level": ["province"],
            "parent_code": [None],
            "kind": ["省"],
        },
    )
    # a lone province is the average one (1/30 of the country); a country's provinces vary
    n_cities = (
        round(spec.cities) if spec.provinces == 1 else max(3, round(rng.normal(spec.cities, 2.5)))
    )
    city_codes = _codes(np.full(n_cities, pcode[:2]), np.arange(1, n_cities + 1), 2)
    city_codes = np.char.add(city_codes, "00000000")
    _regions(w, city_codes, "市", "city", np.full(n_cities, pcode))
    county_counts = np.maximum(2, rng.poisson(spec.counties, n_cities))
    county_city = np.repeat(np.arange(n_cities), county_counts)
    county_codes = _codes(
        np.char.ljust(city_codes, 4).astype("<U4")[county_city], _within(county_counts), 2
    )
    county_codes = np.char.add(county_codes, "000000")
    n_counties = len(county_codes)
    county_perf = np.clip(rng.beta(4, 2, n_counties) * (0.6 + 0.4 * perf), 0.05, 1.0)
    _regions(w, county_codes, "县", "county", city_codes[county_city])
    town_counts = np.maximum(3, rng.poisson(spec.towns, n_counties))
    town_county = np.repeat(np.arange(n_counties), town_counts)
    town_codes = _codes(county_codes.astype("<U6")[town_county], _within(town_counts), 3)
    town_codes = np.char.add(town_codes, "000")
    n_towns = len(town_codes)
    town_perf = np.clip(county_perf[town_county] + rng.normal(0, 0.1, n_towns), 0.02, 1.0)
    _regions(w, town_codes, "镇", "town", county_codes[town_county])
    village_counts = np.maximum(
        2, np.round(rng.lognormal(np.log(spec.villages), 0.35, n_towns))
    ).astype(int)
    village_town = np.repeat(np.arange(n_towns), village_counts)
    village_codes = _codes(town_codes.astype("<U9")[village_town], _within(village_counts), 3)
    n_villages = len(village_codes)
    village_perf = np.clip(town_perf[village_town] + rng.normal(0, 0.08, n_villages), 0.0, 1.0)
    _regions(w, village_codes, "村", "village", town_codes[village_town])

    # rooms: most towns and villages, more where the county does well
    town_has = rng.random(n_towns) < 0.6 + 0.4 * town_perf
    village_has = rng.random(n_villages) < 0.55 + 0.45 * village_perf
    # some villages also run a public-opinion information point (社情民意信息站)
    second = village_has & (rng.random(n_villages) < 0.15)
    room_region = np.concatenate(
        [town_codes[town_has], village_codes[village_has], village_codes[second]]
    )
    room_perf = np.concatenate(
        [town_perf[town_has], village_perf[village_has], village_perf[second]]
    )
    room_county = np.concatenate(
        [
            town_county[town_has],
            town_county[village_town[village_has]],
            town_county[village_town[second]],
        ]
    )
    n_rooms = len(room_region)
    kinds = np.repeat(
        ["liaison_station", "council_room", "info_point"],
        [town_has.sum(), village_has.sum(), second.sum()],
    )
    room_ids = np.char.add(np.char.add("R", room_region), np.where(kinds == "info_point", "b", "a"))
    room_types = kinds
    opened = YEAR_START - rng.integers(30, 6 * 365, n_rooms).astype("timedelta64[D]")
    closed_mask = rng.random(n_rooms) < 0.02
    closed = np.where(
        closed_mask,
        YEAR_START + rng.integers(0, YEAR_DAYS, n_rooms).astype("timedelta64[D]"),
        np.datetime64("NaT"),
    )
    w.write(
        "rooms",
        {
            "room_id": room_ids,
            "name": np.char.add("议事室", room_region),
            "region_code": room_region,
            "room_type": room_types,
            "opened_on": _dates(opened),
            "closed_on": _dates(closed),
        },
    )

    # assessments: one a year per room, six criteria each
    assessed = rng.random(n_rooms) < 0.9
    a_rooms = np.repeat(room_ids[assessed], 6)
    a_perf = np.repeat(room_perf[assessed], 6)
    a_criteria = np.tile(CRITERIA, int(assessed.sum()))
    a_met = rng.random(len(a_rooms)) < 0.85 + 0.14 * a_perf
    w.write(
        "room_assessments",
        {
            "room_id": a_rooms,
            "assessed_on": _dates(np.full(len(a_rooms), np.datetime64("2025-12-15"))),
            "criterion": a_criteria,
            "met": a_met,
        },
    )

    # members: county committees, plus city and provincial ones
    per_county = np.maximum(50, rng.poisson(spec.members_per_county, n_counties))
    committee = np.concatenate(
        [
            np.repeat(county_codes, per_county),
            np.repeat(city_codes, 150),
            np.repeat(np.array([pcode]), 600),
        ]
    )
    committee_level = np.concatenate(
        [
            np.full(per_county.sum(), "county"),
            np.full(150 * n_cities, "city"),
            np.full(600, "provincial"),
        ]
    )
    n_members = len(committee)
    member_ids = np.char.add(f"M{p:02d}", np.char.zfill(np.arange(n_members).astype(str), 7))
    joined = np.full(n_members, np.datetime64("2023-01-10"))
    left = np.where(
        rng.random(n_members) < 0.05,
        YEAR_START + rng.integers(0, YEAR_DAYS, n_members).astype("timedelta64[D]"),
        np.datetime64("NaT"),
    )
    w.write(
        "members",
        {
            "member_id": member_ids,
            "name": np.char.add("委员", member_ids),
            "committee_level": committee_level,
            "committee_region_code": committee,
            "sector": np.full(n_members, "经济界"),
            "joined_on": _dates(joined),
            "left_on": _dates(left),
        },
    )

    # postings: county members into their own county's towns and villages
    county_of_member = np.repeat(np.arange(n_counties), per_county)
    county_members = int(per_county.sum())
    posted = rng.random(county_members) < 0.5 + 0.45 * county_perf[county_of_member]
    twice = posted & (rng.random(county_members) < 0.8)
    who = np.concatenate([np.flatnonzero(posted), np.flatnonzero(twice)])
    # a random room of the member's own county (rooms sorted by county, then an offset)
    order = np.argsort(room_county, kind="stable")
    starts = np.searchsorted(room_county[order], np.arange(n_counties))
    counts = np.bincount(room_county, minlength=n_counties)
    member_county = county_of_member[who]
    has_rooms = counts[member_county] > 0
    who, member_county = who[has_rooms], member_county[has_rooms]
    pick = order[starts[member_county] + rng.integers(0, counts[member_county])]
    fixed = rng.random(len(who)) < 0.7
    w.write(
        "member_postings",
        {
            "member_id": member_ids[who],
            "region_code": room_region[pick],
            "room_id": np.where(fixed, room_ids[pick], None),
            "mode": np.where(fixed, "fixed", "mobile"),
            "start_on": _dates(
                np.full(len(who), np.datetime64("2023-06-01"))
                + rng.integers(0, 500, len(who)).astype("timedelta64[D]")
            ),
        },
    )

    # activities in 2025: seasonal, more where rooms do well; some towns report nothing
    per_room = rng.poisson(spec.activities_per_room * (0.3 + 1.2 * room_perf**1.5))
    silent_towns = rng.random(n_towns) < 0.02 + 0.08 * (1 - town_perf)
    room_town = np.concatenate(
        [np.flatnonzero(town_has), village_town[village_has], village_town[second]]
    )
    per_room[silent_towns[room_town]] = 0
    a_room = np.repeat(np.arange(n_rooms), per_room)
    n_act = len(a_room)
    months = rng.choice(12, n_act, p=MONTH_WEIGHTS / MONTH_WEIGHTS.sum())
    month_start = (np.datetime64("2025-01") + months.astype("timedelta64[M]")).astype(
        "datetime64[D]"
    )
    held = month_start + rng.integers(0, 28, n_act).astype("timedelta64[D]")
    activity_ids = np.char.add(f"A{p:02d}", np.char.zfill(np.arange(n_act).astype(str), 8))
    w.write(
        "activities",
        {
            "activity_id": activity_ids,
            "region_code": room_region[a_room],
            "room_id": room_ids[a_room],
            "held_on": _dates(held),
            "kind": np.array(ACTIVITY_KINDS)[
                rng.choice(6, n_act, p=[0.15, 0.45, 0.15, 0.08, 0.12, 0.05])
            ],
            "topic": np.full(n_act, "议题"),
            "topic_source": np.array(TOPIC_SOURCES)[
                rng.choice(5, n_act, p=[0.4, 0.15, 0.2, 0.2, 0.05])
            ],
            "public_participants": rng.integers(8, 80, n_act),
            "problems_solved": rng.integers(0, 6, n_act),
        },
    )

    # attendance: about three members of the activity's county committee each
    attendees = rng.integers(1, 6, n_act)
    att_activity = np.repeat(np.arange(n_act), attendees)
    offsets = np.concatenate([np.arange(k) for k in attendees])
    county_start = np.concatenate([[0], np.cumsum(per_county)[:-1]])
    a_county = room_county[a_room][att_activity]
    size = per_county[a_county]
    first = rng.integers(0, size.max(), n_act)[att_activity] % size
    member_index = county_start[a_county] + (first + offsets * 7) % size
    w.write(
        "activity_members",
        {"activity_id": activity_ids[att_activity], "member_id": member_ids[member_index]},
    )

    # suggestions: opinions from activities, proposals and reports from committees
    per_activity = rng.choice(4, n_act, p=[0.15, 0.3, 0.3, 0.25])
    s_act = np.repeat(np.arange(n_act), per_activity)
    s_region = room_region[a_room][s_act]
    s_perf = room_perf[a_room][s_act]
    s_submitted = held[s_act] + rng.integers(0, 20, len(s_act)).astype("timedelta64[D]")
    s_kind = np.full(len(s_act), "opinion")
    s_activity = activity_ids[s_act]
    proposals = int(county_members * 1.6)
    pr_region = committee[rng.integers(0, n_members, proposals)]
    pr_perf = np.full(proposals, perf)
    pr_submitted = YEAR_START + rng.integers(0, YEAR_DAYS, proposals).astype("timedelta64[D]")
    region = np.concatenate([s_region, pr_region])
    perf_s = np.concatenate([s_perf, pr_perf])
    submitted = np.minimum(np.concatenate([s_submitted, pr_submitted]), np.datetime64("2025-12-31"))
    kind = np.concatenate([s_kind, np.where(rng.random(proposals) < 0.75, "proposal", "info")])
    activity = np.concatenate([s_activity, np.full(proposals, None)])
    n_s = len(region)
    filed_mask = rng.random(n_s) < 0.72 + 0.25 * perf_s
    filed = np.where(
        filed_mask,
        submitted + rng.integers(2, 25, n_s).astype("timedelta64[D]"),
        np.datetime64("NaT"),
    )
    concluded_mask = filed_mask & (rng.random(n_s) < 0.96)
    concluded = np.where(
        concluded_mask,
        filed + rng.integers(7, 150, n_s).astype("timedelta64[D]"),
        np.datetime64("NaT"),
    )
    roll = rng.random(n_s)
    adopted = 0.5 + 0.4 * perf_s
    outcome = np.where(
        roll < adopted, OUTCOMES[0], np.where(roll < adopted + 0.12, OUTCOMES[1], OUTCOMES[2])
    )
    satisfaction = np.array(SATISFACTIONS)[rng.choice(3, n_s, p=[0.7, 0.25, 0.05])]
    rated = concluded_mask & (rng.random(n_s) < 0.85)
    w.write(
        "suggestions",
        {
            "suggestion_id": np.char.add(f"S{p:02d}", np.char.zfill(np.arange(n_s).astype(str), 8)),
            "kind": kind,
            "region_code": region,
            "activity_id": activity,
            "submitted_on": _dates(submitted),
            "filed_on": _dates(filed),
            "concluded_on": _dates(concluded),
            "outcome": np.where(concluded_mask, outcome, np.array(None, dtype=object)),
            "satisfaction": np.where(rated, satisfaction, np.array(None, dtype=object)),
        },
    )


def _dates(values: np.ndarray) -> pa.Array:
    days = values.astype("datetime64[D]")
    return pa.array(days, type=pa.date32(), from_pandas=True)


def _within(counts: np.ndarray) -> np.ndarray:
    """1, 2, … n for each group of `counts`: the children's numbers under their parent."""
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    return np.arange(counts.sum()) - starts + 1


def _regions(w: _Writers, codes: np.ndarray, word: str, level: str, parents: np.ndarray) -> None:
    w.write(
        "regions",
        {
            "region_code": codes,
            "name": np.char.add(word, codes),
            "level": np.full(len(codes), level),
            "parent_code": parents,
            "kind": np.full(len(codes), word),
        },
    )
