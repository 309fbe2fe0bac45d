"""A tiny export whose every name is hostile: Markdown links and images, HTML, quotes,
backslashes, newlines, icons, bare addresses and very long text, in region, room, member and
criterion names and the outcome codebook's name. Shared by the page tests and the browser test.

Every URL in it points at OUTSIDE, a host that is not the app: a browser that fetches one has
been made to act on the text.
"""

from __future__ import annotations

from pathlib import Path

from factories import (
    CITY,
    COUNTY1,
    COUNTY2,
    EAST,
    PROVINCE,
    SOUTH,
    V1,
    V2,
    V3,
    V4,
    WEST,
    activity,
    assessment,
    member,
    posting,
    room,
    suggestion,
    write_export,
)

from xieshang.store.imports import Importer
from xieshang.store.snapshots import Snapshot

OUTSIDE = "evil.example"

# region code -> its hostile name (the province's name is plain, so a test can find the page)
NAMES = {
    PROVINCE: "演示省",
    CITY: f"[点此重新登录](http://{OUTSIDE}/login)",
    COUNTY1: f"![t](http://{OUTSIDE}/beacon.png)县\\",
    COUNTY2: f'<script>alert("x")</script><img src="http://{OUTSIDE}/i.png">县',
    EAST: f'<a href="http://{OUTSIDE}/a">点我</a>镇 %{{x}}',
    WEST: "西镇\n第二行 :material/home: :red[红] **粗** $x$",
    SOUTH: f"www.{OUTSIDE} 联系 admin@{OUTSIDE}",
    V1: "长" * 120 + "村",
    V2: "'单引号' \"双引号\" `反引号`",
    V3: "# 标题村",
    V4: "- 列表村",
}
CRITERION = f'<a href="http://{OUTSIDE}/c">有场所</a>'
MEMBER = f"[委员](http://{OUTSIDE}/m)"
CODEBOOK = f"![办理结果](http://{OUTSIDE}/codebook.png)"

# URL values: each must be shown as written (or not at all), never acted on
URL_VALUES = [
    f"[点此重新登录](http://{OUTSIDE}/login)",
    f"![t](http://{OUTSIDE}/beacon.png)",
    f"<script>fetch('http://{OUTSIDE}/s')</script>",
    "区名\\",
    "\"'\n第二行",
    "x" * 500,
]


def hostile_regions() -> list[dict]:
    parents = {
        PROVINCE: None,
        CITY: PROVINCE,
        COUNTY1: CITY,
        COUNTY2: CITY,
        EAST: COUNTY1,
        WEST: COUNTY1,
        SOUTH: COUNTY2,
        V1: EAST,
        V2: EAST,
        V3: WEST,
        V4: SOUTH,
    }
    levels = {2: "province", 4: "city", 6: "county", 9: "town", 12: "village"}
    return [
        dict(region_code=c, name=NAMES[c], level=levels[len(c)], parent_code=p, kind=None)
        for c, p in parents.items()
    ]


def hostile_export(folder: Path) -> Path:
    rooms = [
        {**room("R1", V1, opened="2023-01-01"), "name": NAMES[V1] + "议事室"},
        {**room("R2", EAST, opened="2023-01-01"), "name": NAMES[EAST]},
        {
            **room("R3", V4, opened="2024-06-01", room_type="liaison_station"),
            "name": NAMES[COUNTY2],
        },
    ]
    members = [
        {**member("M1", COUNTY1), "name": MEMBER},
        {**member("M2", COUNTY2), "name": NAMES[COUNTY2]},
    ]
    return write_export(
        folder,
        {
            "regions": hostile_regions(),
            "rooms": rooms,
            "room_assessments": [
                assessment("R1", "2024-03-01", CRITERION, False),
                assessment("R2", "2024-03-01", CRITERION, True),
            ],
            "members": members,
            "member_postings": [posting("M1", V1, "R1", start="2023-01-01")],
            "activities": [
                activity("A1", V1, "2024-02-01", room_id="R1"),
                activity("A2", V4, "2024-05-01"),
            ],
            "suggestions": [
                suggestion(
                    "S1", V1, "2024-02-01", "2024-02-10", "2024-04-01", "adopted", "satisfied"
                ),
                suggestion("S2", V4, "2024-05-01", "2024-05-10"),
            ],
        },
    )


def import_hostile(data_dir: Path, tmp: Path) -> Snapshot:
    """Import the hostile export into `data_dir`, with a codebook whose name is hostile."""
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "codebook.toml").write_text(f'name = "{CODEBOOK}"\n', encoding="utf-8")
    return Importer().import_files([hostile_export(tmp / "hostile-export")], who="test")
