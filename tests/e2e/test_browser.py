"""The app in a real browser, the way officials, analysts and the wall use it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time

import pyarrow.parquet as pq
import pytest

from e2e.browsing import PATIENCE_MS, screenshot
from xieshang.cli.main import main
from xieshang.dev.serving import settle
from xieshang.kpis.registry import shown as formatted
from xieshang.store.imports import Importer
from xieshang.store.snapshots import Store

CITY = "990100000000"
PAGES = {
    "": "总览",
    "overview": "总览",
    "rooms": "议事室覆盖",
    "members": "委员下沉",
    "adoption": "建议采纳",
    "regions": "区域比较",
    "import": "数据导入",
}


def kpis(capsys, *args: str) -> dict:
    capsys.readouterr()
    assert main(["kpis", *args]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_loads_in_chinese_without_console_errors(page, server, path):
    page.goto(f"{server['url']}/{path}?region={CITY}")
    settle(page)

    assert page.locator("h1").first.inner_text() == PAGES[path]
    assert not page.locator('[data-testid="stException"]').count()
    assert page.console_errors == [] or all("404" in e for e in page.console_errors), (
        page.console_errors
    )
    assert page.failed == [], page.failed
    screenshot(page, path or "home")


def test_a_headline_figure_on_the_page_equals_xieshang_kpis(page, server, capsys):
    expected = kpis(capsys, "--region", CITY, "--from", "2025-01-01", "--to", "2025-12-31")
    page.goto(f"{server['url']}/?region={CITY}&from=2025-01-01&to=2025-12-31")
    settle(page)

    tile = page.locator('[data-testid="stMetric"]').filter(has_text="村（社区）覆盖率").first
    value = tile.locator('[data-testid="stMetricValue"]').inner_text()

    assert value == formatted("rooms.village_coverage", expected["rooms"]["village_coverage"])


def _in_city(url: str) -> str | None:
    """The region the URL names, if it is the city or one of its counties (9901xx000000)."""
    found = re.search(r"region=(9901\d\d000000)", url)
    return found.group(1) if found else None


def test_clicking_a_region_in_a_chart_drills_down(page, server):
    page.goto(f"{server['url']}/rooms?region={CITY}")
    settle(page)
    chart = page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    bar = chart.locator(".bars .point path").first
    bar.click(force=True)

    # Wait for one of the city's counties: the page's own URL already names the city, which
    # the pattern also meets (a wait on the pattern alone returned at once, and on a busy
    # machine the drill-down came after the checks).
    page.wait_for_url(lambda url: _in_city(url) not in (None, CITY), timeout=90_000)
    settle(page)
    assert _in_city(page.url) != CITY
    crumbs = page.locator('[data-testid="stMain"] button').all_inner_texts()
    assert any("青岚市" in c for c in crumbs)


def test_changing_the_period_control_changes_the_url(page, server):
    page.goto(f"{server['url']}/members?region={CITY}")
    settle(page)

    page.locator('[data-testid="stSidebar"] button', has_text="季度").click()

    # the latest quarter with data (the demo's runs to 2026-09-30), not the year's last
    page.wait_for_url(re.compile(r"from=2026-07-01&to=2026-09-30"), timeout=90_000)
    settle(page)
    caption = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first
    assert "2026年第3季度" in caption.inner_text()


def test_uploading_a_gbk_csv_on_the_import_page(page, server):
    page.goto(f"{server['url']}/import")
    settle(page)
    # one new room added to the current data (replacing every room would orphan the rest)
    page.get_by_text("追加新记录").click()
    rooms = (
        "平台编号,名称,区划代码,平台类型,建成日期\n"
        "R-E2E,测试议事室,990101001001,协商议事室,2025年1月1日\n"
    ).encode("gb18030")

    page.locator('input[type="file"]').first.set_input_files(
        files=[{"name": "平台.csv", "mimeType": "text/csv", "buffer": rooms}]
    )

    page.get_by_text("全部文件校验通过").wait_for(timeout=120_000)
    assert page.get_by_text("平台（rooms）").count()
    screenshot(page, "import")
    page.get_by_role("button", name="确认导入").click()
    page.get_by_text("已导入，新数据快照").wait_for(timeout=120_000)
    rooms_now = pq.read_table(Store().current().table_path("rooms")).column("room_id")
    assert "R-E2E" in rooms_now.to_pylist()


def screen_state(page) -> dict:
    frame = page.frame_locator("iframe").first
    return {
        "panel": frame.locator("body").get_attribute("data-panel"),
        "time": frame.locator("header .time").inner_text(),
        "snapshot": frame.locator("body").get_attribute("data-snapshot"),
    }


def test_the_screen_fits_1920x1080_in_large_type_and_rotates(browser, server):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    context.set_default_timeout(PATIENCE_MS)
    page = context.new_page()
    page.goto(f"{server['url']}/screen?rotate=2")
    page.wait_for_selector("iframe", timeout=120_000)
    frame = page.frame_locator("iframe").first
    frame.locator(".panel.on").wait_for(timeout=120_000)

    sizes = page.evaluate("""() => ({w: document.documentElement.scrollWidth,
        h: document.documentElement.scrollHeight, vw: innerWidth, vh: innerHeight})""")
    assert sizes["w"] <= sizes["vw"] and sizes["h"] <= sizes["vh"], sizes
    value_px = frame.locator(".panel.on .figure .value").first.evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    label_px = frame.locator(".panel.on .figure .label").first.evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert value_px >= 64 and label_px >= 24, (value_px, label_px)
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    screenshot(page, "screen")

    first = screen_state(page)["panel"]
    deadline = time.time() + 10
    while screen_state(page)["panel"] == first and time.time() < deadline:
        time.sleep(0.3)
    assert screen_state(page)["panel"] != first

    page.keyboard.press("Space")  # the presenter pauses
    paused_on = screen_state(page)["panel"]
    time.sleep(3)
    assert screen_state(page)["panel"] == paused_on
    page.keyboard.press("ArrowRight")
    assert screen_state(page)["panel"] != paused_on
    context.close()


def test_the_screen_picks_up_a_new_snapshot_without_a_reload(browser, server, tmp_path):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    context.set_default_timeout(PATIENCE_MS)
    page = context.new_page()
    page.goto(f"{server['url']}/screen?rotate=0&refresh=2")
    page.wait_for_selector("iframe", timeout=120_000)
    page.frame_locator("iframe").first.locator(".panel.on").wait_for(timeout=120_000)
    before = screen_state(page)["snapshot"]
    page.evaluate("() => { window.__stillHere = true; }")

    from xieshang.paths import DEMO_DIR

    snapshot = Importer().import_files([DEMO_DIR], who="e2e")
    deadline = time.time() + 60
    while screen_state(page)["snapshot"] != snapshot.id and time.time() < deadline:
        time.sleep(0.5)

    assert screen_state(page)["snapshot"] == snapshot.id != before
    assert snapshot.created_at[:16].replace("T", " ") in screen_state(page)["time"]
    assert page.evaluate("() => window.__stillHere === true")  # no page reload
    context.close()


def test_the_browser_benchmark_serves_the_app_and_visits_every_page(tmp_path, chromium):
    # Its own process: Playwright's sync API cannot start inside this session's browser loop.
    script = (
        "import json, sys; from pathlib import Path; from xieshang.dev import bench; "
        "print(json.dumps(bench.first_page_in_browser(Path(sys.argv[1]))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "store")],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "XIESHANG_DATA_DIR": str(tmp_path / "store")},
    )
    measured = json.loads(done.stdout.strip().splitlines()[-1])

    assert measured["ready_s"] > 0 and measured["first_page_s"] > 0
    assert measured["server_peak_mb"] > 100  # a Python process with the app loaded
