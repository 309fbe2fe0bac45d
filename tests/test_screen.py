"""The wall screen: the same figures as xieshang kpis, safe with any URL, and never a traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from factories import (
    CITY,
    COUNTY1,
    COUNTY2,
    EAST,
    V1,
    V4,
    open_page,
    regions,
    room,
    scope,
    write_export,
)
from streamlit.testing.v1 import AppTest

from xieshang.i18n import t
from xieshang.kpis import metrics
from xieshang.kpis.registry import shown as formatted
from xieshang.screen import geo, model, page, render
from xieshang.store.imports import Importer
from xieshang.store.snapshots import DEMO_ID, Snapshot, Store

PROVINCE = "990000000000"
HOSTILE = (
    "[点我](http://evil.example/x)",
    "![图](http://evil.example/i.png)",
    "<script>alert(1)</script>",
    "\"引号\" '单引号' `反引号`",
    "末尾反斜杠\\",
    "换行\n第二行\u2028\u2029",
    "长" * 300,
)


def open_screen(**query: str) -> AppTest:
    return open_page("screen", **query)


def document(at: AppTest) -> str:
    (frame,) = at.get("iframe")
    return frame.proto.srcdoc


def wall_data(html: str) -> dict:
    """What the wall's script reads: the JSON in its data element."""
    found = re.search(r'<script type="application/json" id="wall-data">(.*?)</script>', html, re.S)
    assert found, "the wall has no data for its script"
    return json.loads(found.group(1))


def square(x: float, y: float, size: float = 1.0) -> list[list[float]]:
    return [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]


def boundaries(data_dir: Path, features: dict[str, dict]) -> None:
    """A boundaries.geojson in the data dir: region code -> geometry."""
    data_dir.mkdir(parents=True, exist_ok=True)
    data_dir.joinpath("boundaries.geojson").write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "properties": {"region_code": c}, "geometry": g}
                    for c, g in features.items()
                ],
            }
        ),
        encoding="utf-8",
    )


def two_counties(data_dir: Path, tmp_path: Path, names: dict[str, str] | None = None) -> Snapshot:
    """The tiny tree, its two counties renamed as asked, one room each in a different share
    of their villages, and a square boundary each."""
    renamed = [{**r, "name": (names or {}).get(r["region_code"], r["name"])} for r in regions()]
    Importer().import_files(
        [
            write_export(
                tmp_path / "export",
                {"regions": renamed, "rooms": [room("R1", V1), room("R4", V4)]},
            )
        ],
        who="test",
    )
    boundaries(
        data_dir,
        {
            COUNTY1: {"type": "Polygon", "coordinates": [square(0, 0)]},
            COUNTY2: {"type": "Polygon", "coordinates": [square(1, 0)]},
        },
    )
    return Store().current()


def test_the_screen_shows_the_same_figures_as_xieshang_kpis():
    snapshot = Store().current()
    year = scope(PROVINCE, "2025-01-01", "2025-12-31")
    built = model.build(snapshot, year, "zh", hide_names=False)
    expected = metrics.kpis(snapshot, year)

    assert [(f.key, f.value) for f in built.coverage] == [
        (f"rooms.{k}", expected["rooms"][k])
        for k in ("town_coverage", "village_coverage", "standards_rate", "with_member_rate")
    ]
    assert built.funnel[0][1] == expected["suggestions"]["submitted"]
    html = render.render(built, "zh", rotate=20)
    assert formatted("rooms.village_coverage", expected["rooms"]["village_coverage"]) in html


def test_the_screen_page_has_no_controls_and_every_panel():
    at = open_screen(region=PROVINCE, rotate="7")

    html = document(at)
    assert len(at.sidebar.children) == 0
    assert not at.selectbox and not at.button
    for panel in ("coverage", "sinking", "adoption", "ranking", "trend", "map"):
        assert f'data-panel="{panel}"' in html
    assert wall_data(html)["rotate"] == 7
    assert "<h1>演示省</h1>" in html and "数据时间 2026-10-08 09:00" in html


def test_text_from_the_url_cannot_become_markup():
    at = open_screen(watermark='<img src=x onerror="alert(1)">', region=PROVINCE)

    html = document(at)
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_a_bad_region_in_the_url_is_a_notice_on_the_wall_not_a_traceback():
    at = open_screen(region="NOWHERE", rotate="abc")

    html = document(at)
    assert "链接中的地区代码“NOWHERE”不存在，已改为显示全部地区" in html
    assert wall_data(html)["rotate"] == 20  # a bad rotate falls back to the default


def test_member_names_can_be_hidden_on_the_wall():
    snapshot = Store().current()
    year = scope(PROVINCE, "2025-01-01", "2025-12-31")

    shown = model.build(snapshot, year, "zh", hide_names=False).top_members
    hidden = model.build(snapshot, year, "zh", hide_names=True).top_members

    assert [a for _, a in shown] == [a for _, a in hidden]
    assert all(
        h[0] == s[0] and set(h[1:]) == {"*"} for (s, _), (h, _) in zip(shown, hidden, strict=True)
    )


def test_the_ranking_marks_the_top_and_bottom_thirds():
    built = model.build(
        Store().current(), scope(PROVINCE, "2025-01-01", "2025-12-31"), "zh", hide_names=False
    )

    assert [r["tier"] for r in built.ranking] == ["top", "middle", "middle", "bottom"]
    html = render.render(built, "zh", rotate=0)
    assert "▲ 前三分之一" in html and "▼ 后三分之一" in html


def test_the_map_panel_appears_only_with_boundaries(tmp_path, isolated_store):
    Importer().import_files(
        [write_export(tmp_path / "e", {"rooms": [room("R1", EAST), room("R2", V1)]})], who="x"
    )
    snapshot = Store().current()
    without = model.build(snapshot, scope(CITY), "zh", hide_names=False)
    boundaries(
        isolated_store,
        {
            code: {"type": "Polygon", "coordinates": [square(x, 0)]}
            for x, code in enumerate((COUNTY1, COUNTY2))
        },
    )
    with_map = model.build(snapshot, scope(CITY), "zh", hide_names=False)

    assert 'data-panel="map"' not in render.render(without, "zh", 20)
    assert 'data-panel="map"' in render.render(with_map, "zh", 20)
    assert [r.shape.code for r in with_map.map_regions] == [COUNTY1, COUNTY2]
    assert [r.name for r in with_map.map_regions] == ["一县", "二县"]


def test_the_map_legend_spans_the_values_the_regions_are_shaded_over(tmp_path, isolated_store):
    built = model.build(two_counties(isolated_store, tmp_path), scope(CITY), "zh", False)
    html = render.render(built, "zh", 20)
    values = {r.shape.code: r.value for r in built.map_regions}
    low, high = min(values.values()), max(values.values())

    assert (low, high) == (pytest.approx(1 / 3), 1.0)  # one village of three; one of one
    ramp = re.search(r'<div class="ramp" data-low="([^"]+)" data-high="([^"]+)"', html)
    assert ramp and (float(ramp.group(1)), float(ramp.group(2))) == (low, high)
    # the best region has the legend's top colour and the legend prints its value at the top
    fills = dict(re.findall(r'fill="(#[0-9A-F]{6})" fill-rule="evenodd" data-code="(\d+)"', html))
    fills = {code: fill for fill, code in fills.items()}
    assert fills[COUNTY2] == render.shade(high, low, high)
    assert fills[COUNTY1] == render.shade(low, low, high)
    assert f'style="bottom:100.00%">{formatted("rooms.village_coverage", high)}</span>' in html
    assert f'style="bottom:0.00%">{formatted("rooms.village_coverage", low)}</span>' in html
    assert f"linear-gradient(to top,{render.shade(low, low, high)},{fills[COUNTY2]})" in html


def test_the_legend_prints_as_many_values_as_read_differently():
    assert render.legend_stops(0.5, 0.9) == pytest.approx([0.5, 0.6, 0.7, 0.8, 0.9])
    assert render.legend_stops(0.61, 0.6112) == pytest.approx([0.61, 0.6112])
    assert render.legend_stops(0.7, 0.7) == [0.7]
    # a region at the top of the data's own range gets the top colour, not a fixed 100 % one
    assert render.shade(0.724, 0.547, 0.724) == render.shade(1.0, 0.0, 1.0)


def test_a_multipolygons_parts_are_separate_shapes_and_holes_stay_holes():
    big = square(0, 0, 4)
    hole = square(1, 1, 2)
    shapes, size = geo.shapes(
        {"A": geo.polygons({"type": "MultiPolygon", "coordinates": [[square(10, 0)], [big, hole]]})}
    )

    (shape,) = shapes
    assert shape.path.count("M") == 3 and shape.path.count("Z") == 3  # no edge joins parts
    assert size[0] == pytest.approx(geo.MAP_SIZE)
    x, y = shape.anchors[0]
    units = geo.MAP_SIZE / 11  # the map spans longitude 0–11
    assert 0 < x < 4 * units and not (units < x < 3 * units and units < y < 3 * units)


def test_malformed_boundaries_cost_only_their_own_region():
    assert geo.polygons({"type": "Polygon", "coordinates": [[["a", "b"]]]}) == []
    assert geo.polygons({"type": "Point", "coordinates": [1, 2]}) == []
    assert geo.polygons(None) == []
    assert geo.polygons({"type": "MultiPolygon", "coordinates": [[[1]], [square(0, 0)]]}) == [
        [[tuple(p) for p in square(0, 0)]]
    ]


def test_a_frozen_snapshot_says_so_and_an_unknown_one_falls_back_with_a_notice(tmp_path):
    frozen = Importer().import_files([write_export(tmp_path / "e", {})], who="x")
    Store().rollback("demo", who="y")

    at = open_screen(snapshot=frozen.id)
    assert f"数据截至 {frozen.created_at[:10]}（已锁定）" in document(at)

    at = open_screen(snapshot="20990101T000000000000-abcdef")
    assert "未找到数据快照“20990101T000000000000-abcdef”" in document(at)


def test_when_the_data_cannot_be_read_the_last_good_figures_stay_with_a_stale_mark(monkeypatch):
    at = open_screen(region=PROVINCE)
    good = document(at)
    assert "数据暂未更新" not in good

    def broken(*args, **kwargs):
        raise OSError("disk gone")

    monkeypatch.setattr(model, "build", broken)
    page._model.clear()
    at.run()

    assert not at.exception
    stale = document(at)
    assert "⚠ 数据暂未更新" in stale
    mark = '<div class="notices"><span class="stale">⚠ 数据暂未更新</span></div>'
    assert stale.replace(mark, "") == good


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_screen_speaks_both_languages(lang):
    at = open_screen(region=PROVINCE, lang=lang)

    assert ("议事室覆盖" if lang == "zh" else "Room coverage") in document(at)


def test_without_a_region_the_wall_opens_on_the_top_levels_only_region():
    built = model.build(Store().current(), scope(None, "2025-01-01", "2025-12-31"), "zh", False)

    assert built.region == "演示省"
    assert sorted(r["name"] for r in built.ranking) == ["云梧市", "兰汀市", "桐溪市", "青岚市"]
    assert "<h1>演示省</h1>" in document(open_screen())


def test_with_several_top_level_regions_the_wall_opens_on_all_of_them(tmp_path):
    other = {"region_code": "12", "name": "乙省", "level": "province", "parent_code": None}
    Importer().import_files(
        [write_export(tmp_path / "e", {"regions": [*regions(), {**other, "kind": None}]})],
        who="x",
    )

    built = model.build(Store().current(), scope(None), "zh", False)

    assert built.region == t("all_regions", "zh")
    assert sorted(r["name"] for r in built.ranking) == ["乙省", "演示省"]


def test_the_demo_is_marked_on_the_wall_and_on_the_pages_even_after_a_rollback_to_it(tmp_path):
    demo_mark = "演示数据 / demo data"
    assert demo_mark in document(open_screen())

    imported = Importer().import_files([write_export(tmp_path / "e", {})], who="x")
    assert not imported.is_demo
    assert demo_mark not in document(open_screen())

    rolled = Store().rollback(DEMO_ID, who="y")
    assert rolled.is_demo and rolled.id != DEMO_ID
    assert demo_mark in document(open_screen())
    assert t("demo_note", "zh") in [i.value for i in open_page("overview").info]
    # a rollback to that rollback is the demo's data too; a rollback away from it is not
    assert Store().rollback(rolled.id, who="z").is_demo
    assert not Store().rollback(imported.id, who="z").is_demo


def test_a_rollback_to_the_demo_written_before_manifests_said_so_is_still_the_demo():
    legacy = {"action": "rollback", "rolled_back_to": DEMO_ID, "created_at": "2026-01-01"}

    assert Snapshot("20260101T000000000000-abcdef", Path("."), legacy).is_demo
    assert not Snapshot("20260101T000000000000-abcdef", Path("."), {}).is_demo


def test_names_from_outside_are_text_on_the_wall_and_data_to_its_script(tmp_path, isolated_store):
    names = {COUNTY1: HOSTILE[4], COUNTY2: HOSTILE[2]}  # a trailing backslash; a script tag
    snapshot = two_counties(isolated_store, tmp_path, names)
    built = model.build(snapshot, scope(CITY), "zh", hide_names=False)

    html = render.render(built, "zh", 20, watermark=HOSTILE[1], notices=list(HOSTILE))

    # two scripts, each closed once: no name can end one or open another
    assert html.count("<script") == 2 and html.count("</script>") == 2
    assert "<script>alert" not in html and "![图](http" in html  # escaped, shown as written
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    data = wall_data(html)
    assert sorted(label["name"] for label in data["map"]["labels"]) == sorted(names.values())
    assert data["key"] == "xieshang-screen-甲市"
    for text in HOSTILE:
        assert render._e(text) in html


def test_script_json_cannot_end_a_script_or_a_line_of_script():
    hostile = "</script><!-- \u2028\u2029 & > \\"

    text = render.script_json({"name": hostile})

    assert json.loads(text) == {"name": hostile}
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
