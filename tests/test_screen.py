"""The wall screen: the same figures as xieshang kpis, safe with any URL, and never a traceback."""

from __future__ import annotations

import json

import pytest
from factories import EAST, V1, open_page, room, scope, write_export
from streamlit.testing.v1 import AppTest

from xieshang.format import kpi as formatted
from xieshang.kpis import metrics
from xieshang.screen import model, page, render
from xieshang.store.imports import Importer
from xieshang.store.snapshots import Store

PROVINCE = "990000000000"


def open_screen(**query: str) -> AppTest:
    return open_page("screen", **query)


def document(at: AppTest) -> str:
    (frame,) = at.get("iframe")
    return frame.proto.srcdoc


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
    assert formatted("village_coverage", expected["rooms"]["village_coverage"]) in html


def test_the_screen_page_has_no_controls_and_every_panel():
    at = open_screen(region=PROVINCE, rotate="7")

    html = document(at)
    assert len(at.sidebar.children) == 0
    assert not at.selectbox and not at.button
    for panel in ("coverage", "sinking", "adoption", "ranking", "trend", "map"):
        assert f'data-panel="{panel}"' in html
    assert "seconds=7," in html
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
    assert "seconds=20," in html  # a bad rotate falls back to the default


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
    without = model.build(snapshot, scope("1101"), "zh", hide_names=False)
    isolated_store.joinpath("boundaries.geojson").write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"region_code": code},
                        "geometry": {
                            "type": "Polygon",
                            "coordinates": [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]],
                        },
                    }
                    for x, code in enumerate(("110101", "110102"))
                ],
            }
        ),
        encoding="utf-8",
    )
    with_map = model.build(snapshot, scope("1101"), "zh", hide_names=False)

    assert 'data-panel="map"' not in render.render(without, "zh", 20)
    assert 'data-panel="map"' in render.render(with_map, "zh", 20)
    assert len(with_map.map_features) == 2


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
    assert stale.replace('<span class="stale">⚠ 数据暂未更新</span>', "") == good


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_screen_speaks_both_languages(lang):
    at = open_screen(region=PROVINCE, lang=lang)

    assert ("议事室覆盖" if lang == "zh" else "Room coverage") in document(at)
