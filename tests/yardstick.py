"""The KPIs in plain pandas, read from the same Parquet files: what an analyst would write.

Used by tests as an independent second reading of the KPI definitions (its figures must equal
`xieshang kpis`), and by the benchmark as a yardstick: `python tests/yardstick.py REGION` prints
the seconds it takes for the current snapshot of $XIESHANG_DATA_DIR.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from xieshang.kpis.metrics import Scope


class Tables:
    """The export's tables, read once (a property test asks for many scopes of one export)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._read: dict[tuple[str, tuple[str, ...]], pd.DataFrame] = {}

    def __call__(self, table: str, columns: list[str]) -> pd.DataFrame:
        key = (table, tuple(columns))
        if key not in self._read:
            frame = pd.read_parquet(self.folder / f"{table}.parquet", columns=columns)
            for column in columns:
                if column.endswith("_on"):
                    frame[column] = pd.to_datetime(frame[column])
            self._read[key] = frame
        return self._read[key]


def _read(source: Path | Tables, table: str, columns: list[str]) -> pd.DataFrame:
    if isinstance(source, Tables):
        return source(table, columns)
    return pd.read_parquet(source / f"{table}.parquet", columns=columns)


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def kpis(folder: Path | Tables, scope: Scope) -> dict:
    """The four KPI blocks (without by_level and by_kind) for one region and period."""
    start, end = pd.Timestamp(scope.date_from), pd.Timestamp(scope.date_to)
    regions = _read(folder, "regions", ["region_code", "level", "parent_code"])
    if scope.region is None:
        sub = set(regions["region_code"])
    else:
        sub, frontier = {scope.region}, {scope.region}
        while frontier:
            frontier = set(regions.loc[regions["parent_code"].isin(frontier), "region_code"])
            sub |= frontier
    here = regions[regions["region_code"].isin(sub)]
    towns = set(here.loc[here["level"] == "town", "region_code"])
    villages = set(here.loc[here["level"] == "village", "region_code"])

    rooms = _read(folder, "rooms", ["room_id", "region_code", "opened_on", "closed_on"])
    for column in ("opened_on", "closed_on"):
        rooms[column] = pd.to_datetime(rooms[column])
    live = rooms[
        (rooms["opened_on"] <= end) & (rooms["closed_on"].isna() | (rooms["closed_on"] > end))
    ]
    live_here = live[live["region_code"].isin(sub)]
    covered = set(live["region_code"])
    postings = _read(
        folder, "member_postings", ["member_id", "region_code", "room_id", "start_on", "end_on"]
    )
    for column in ("start_on", "end_on"):
        postings[column] = pd.to_datetime(postings[column])
    posts = postings[
        (postings["start_on"] <= end) & (postings["end_on"].isna() | (postings["end_on"] > end))
    ]
    assessments = _read(folder, "room_assessments", ["room_id", "assessed_on", "met"])
    assessments["assessed_on"] = pd.to_datetime(assessments["assessed_on"])
    assessments = assessments[assessments["assessed_on"] <= end]
    latest = assessments.groupby("room_id")["assessed_on"].transform("max")
    standards = assessments[assessments["assessed_on"] == latest].groupby("room_id")["met"].all()
    assessed = live_here["room_id"][live_here["room_id"].isin(standards.index)]
    met = int(standards.reindex(assessed).sum())
    with_member = int(live_here["room_id"].isin(set(posts["room_id"].dropna())).sum())
    rooms_block = {
        "active": len(live_here),
        "towns": len(towns),
        "towns_covered": len(towns & covered),
        "town_coverage": _rate(len(towns & covered), len(towns)),
        "villages": len(villages),
        "villages_covered": len(villages & covered),
        "village_coverage": _rate(len(villages & covered), len(villages)),
        "assessed": len(assessed),
        "standards_met": met,
        "standards_rate": _rate(met, len(assessed)),
        "with_member": with_member,
        "with_member_rate": _rate(with_member, len(live_here)),
    }

    members = _read(
        folder, "members", ["member_id", "committee_region_code", "joined_on", "left_on"]
    )
    for column in ("joined_on", "left_on"):
        members[column] = pd.to_datetime(members[column])
    active = members[
        members["committee_region_code"].isin(sub)
        & (members["joined_on"] <= end)
        & (members["left_on"].isna() | (members["left_on"] > end))
    ]
    posted = int(active["member_id"].isin(set(posts["member_id"])).sum())
    villages_with = villages & set(posts["region_code"])
    members_block = {
        "active": len(active),
        "posted": posted,
        "sinking_rate": _rate(posted, len(active)),
        "posted_here": posts.loc[posts["region_code"].isin(sub), "member_id"].nunique(),
        "villages_with_member": len(villages_with),
        "villages_with_member_rate": _rate(len(villages_with), len(villages)),
    }

    activities = _read(
        folder, "activities", ["region_code", "held_on", "public_participants", "problems_solved"]
    )
    activities["held_on"] = pd.to_datetime(activities["held_on"])
    period = activities[(activities["held_on"] >= start) & (activities["held_on"] <= end)]
    in_sub = period[period["region_code"].isin(sub)]
    parent = dict(zip(regions["region_code"], regions["parent_code"], strict=True))
    level = dict(zip(regions["region_code"], regions["level"], strict=True))

    def town_of(start: str) -> str | None:
        code: str | None = start
        while code is not None and level.get(code) not in ("town", None):
            code = parent.get(code)
        return code if level.get(code) == "town" else None

    held = period["region_code"].map(town_of).value_counts()
    meeting = sum(1 for town in towns if held.get(town, 0) >= scope.activity_target)
    activities_block = {
        "count": len(in_sub),
        "public_participants": int(in_sub["public_participants"].sum()),
        "problems_solved": int(in_sub["problems_solved"].sum()),
        "towns_meeting_target": meeting,
        "towns_meeting_target_rate": _rate(meeting, len(towns)),
        "silent_towns": sum(1 for town in towns if held.get(town, 0) == 0),
    }

    suggestions = _read(
        folder,
        "suggestions",
        [
            "kind",
            "region_code",
            "submitted_on",
            "filed_on",
            "concluded_on",
            "outcome",
            "satisfaction",
        ],
    )
    for column in ("submitted_on", "filed_on", "concluded_on"):
        suggestions[column] = pd.to_datetime(suggestions[column])
    cohort = suggestions[
        suggestions["region_code"].isin(sub)
        & (suggestions["submitted_on"] >= start)
        & (suggestions["submitted_on"] <= end)
    ]
    if scope.kind is not None:
        cohort = cohort[cohort["kind"] == scope.kind]
    filed, concluded = (
        int(cohort["filed_on"].notna().sum()),
        int(cohort["concluded_on"].notna().sum()),
    )
    outcomes = cohort["outcome"].value_counts()
    adopted, partial = int(outcomes.get("adopted", 0)), int(outcomes.get("partially_adopted", 0))
    days = (cohort["concluded_on"] - cohort["submitted_on"]).dt.days.dropna()
    rated = cohort["satisfaction"].dropna()
    happy = int(rated.isin(["satisfied", "basically_satisfied"]).sum())
    suggestions_block = {
        "submitted": len(cohort),
        "filed": filed,
        "concluded": concluded,
        "adopted": adopted,
        "partially_adopted": partial,
        "not_adopted": int(outcomes.get("not_adopted", 0)),
        "adopted_any": adopted + partial,
        "filing_rate": _rate(filed, len(cohort)),
        "conclusion_rate": _rate(concluded, filed),
        "adoption_rate": _rate(adopted + partial, concluded),
        "median_days_to_conclude": float(days.median()) if len(days) else None,
        "satisfaction_rate": _rate(happy, len(rated)),
    }
    return {
        "rooms": rooms_block,
        "members": members_block,
        "activities": activities_block,
        "suggestions": suggestions_block,
    }


def _sub(regions: pd.DataFrame, region: str | None) -> set[str]:
    if region is None:
        return set(regions["region_code"])
    sub, frontier = {region}, {region}
    while frontier:
        frontier = set(regions.loc[regions["parent_code"].isin(frontier), "region_code"])
        sub |= frontier
    return sub


def area_activities(
    folder: Path | Tables, scope: Scope, level: str, kinds: list[str] | None = None
) -> dict[str, int]:
    """Activities of `kinds` (None: all) held in the period in each area at `level` in the
    scope's region: a town's own and its villages', a village's own."""
    regions = _read(folder, "regions", ["region_code", "level", "parent_code"])
    sub = _sub(regions, scope.region)
    areas = set(
        regions.loc[(regions["level"] == level) & regions["region_code"].isin(sub), "region_code"]
    )
    activities = _read(folder, "activities", ["region_code", "held_on", "kind"])
    held = pd.to_datetime(activities["held_on"])
    chosen = activities[
        (held >= pd.Timestamp(scope.date_from)) & (held <= pd.Timestamp(scope.date_to))
    ]
    if kinds is not None:
        chosen = chosen[chosen["kind"].isin(kinds)]
    parent = dict(zip(regions["region_code"], regions["parent_code"], strict=True))
    counts = dict.fromkeys(areas, 0)
    for code in chosen["region_code"]:
        while code is not None:
            if code in counts:
                counts[code] += 1
            code = parent.get(code)
    return counts


def _attended(folder: Path | Tables, scope: Scope, kinds: list[str] | None) -> dict[str, int]:
    """Distinct activities of `kinds` each member attended in the period."""
    attendance = _read(folder, "activity_members", ["activity_id", "member_id"]).drop_duplicates()
    activities = _read(folder, "activities", ["activity_id", "held_on", "kind"])
    held = pd.to_datetime(activities["held_on"])
    chosen = activities[
        (held >= pd.Timestamp(scope.date_from)) & (held <= pd.Timestamp(scope.date_to))
    ]
    if kinds is not None:
        chosen = chosen[chosen["kind"].isin(kinds)]
    joined = attendance[attendance["activity_id"].isin(set(chosen["activity_id"]))]
    return {str(k): int(n) for k, n in joined.groupby("member_id").size().items()}


def posted_attendance(
    folder: Path | Tables, scope: Scope, kinds: list[str] | None = None
) -> dict[str, int]:
    """The members with a posting into the scope's region active on its last day, each with
    the activities of `kinds` they attended in the period (anywhere)."""
    regions = _read(folder, "regions", ["region_code", "level", "parent_code"])
    sub = _sub(regions, scope.region)
    postings = _read(folder, "member_postings", ["member_id", "region_code", "start_on", "end_on"])
    end = pd.Timestamp(scope.date_to)
    start_on, end_on = pd.to_datetime(postings["start_on"]), pd.to_datetime(postings["end_on"])
    live = postings[
        postings["region_code"].isin(sub) & (start_on <= end) & (end_on.isna() | (end_on > end))
    ]
    attended = _attended(folder, scope, kinds)
    return {member: int(attended.get(member, 0)) for member in set(live["member_id"])}


def committee_attendance(folder: Path | Tables, scope: Scope) -> dict[str, int]:
    """Active members of the committees in the scope's region on its last day, each with the
    activities they attended in the period (what the members page lists)."""
    regions = _read(folder, "regions", ["region_code", "level", "parent_code"])
    sub = _sub(regions, scope.region)
    members = _read(
        folder, "members", ["member_id", "committee_region_code", "joined_on", "left_on"]
    )
    end = pd.Timestamp(scope.date_to)
    joined, left = pd.to_datetime(members["joined_on"]), pd.to_datetime(members["left_on"])
    active = members[
        members["committee_region_code"].isin(sub) & (joined <= end) & (left.isna() | (left > end))
    ]
    attended = _attended(folder, scope, None)
    return {member: int(attended.get(member, 0)) for member in set(active["member_id"])}


if __name__ == "__main__":
    import sys
    import time

    from xieshang.kpis import metrics
    from xieshang.store.snapshots import Store

    snapshot = Store().current()
    scope = metrics.scope_from_input(snapshot, sys.argv[1] or None)
    started = time.perf_counter()
    kpis(snapshot.path, scope)
    print(f"{time.perf_counter() - started:.4f}")
