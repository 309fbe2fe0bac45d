"""The wall in a real browser at the sizes it meets in meeting rooms: every panel fits, no two
labels touch, the map's legend matches its shading, the demo is marked, and text from outside
stays text.

The wall gets a server of its own (its data dir holds boundaries with a MultiPolygon and, later,
a hostile import), so the other browser tests never see its data. Tests run in file order: the
layout checks read the demo, then a hostile import, then a rollback to the demo.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from e2e.browsing import PATIENCE_MS, screenshot
from xieshang.contract.tables import TABLE_NAMES
from xieshang.dev.serving import ServerDidNotStart, serve, settle
from xieshang.paths import DEMO_DIR
from xieshang.store.imports import Importer
from xieshang.store.snapshots import DEMO_ID, Store

SIZES = [(1920, 1080), (3840, 2160), (1366, 768), (1024, 768)]
PANELS = ["coverage", "sinking", "adoption", "ranking", "trend", "map"]
PROVINCE, CITY, COUNTY = "990000000000", "990100000000", "990104000000"  # 山云县: 12 towns
TWO_PARTS = CITY  # its boundary becomes two parts with a gap between them

HOSTILE = {
    "province": "末尾反斜杠\\",
    "cities": [
        "[点我](http://evil.example/link)",
        "![图](http://evil.example/image.png)",
        "<script>alert('x')</script>",
        "\"引号\" '单引号' `反引号` \\",
    ],
    "members": [
        "<img src=http://evil.example/m.png>",
        "换行\n第二行",
        "长" * 300,
        "**粗体** _斜体_",
    ],
}
HOSTILE_URL = {
    "watermark": "![w](http://evil.example/w.png)<b>x\\",  # the wall keeps 40 characters
    "region": "<script>alert(1)</script>\\",
}

# Every text on the wall: its box (em-box high, ink wide), font size, and whether an element
# that clips it (overflow or ellipsis) cuts it off.
MEASURE = """() => {
  const u = Math.min(innerWidth / 1440, innerHeight / 1080);
  const panel = document.querySelector('.panel.on');
  const roots = ['header', '.notices', '.panel.on', 'footer']
    .map(s => document.querySelector(s)).filter(Boolean);
  const boxes = [], cut = [];
  let id = 0;
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      const el = node.parentElement;
      if (!el.getClientRects().length || getComputedStyle(el).visibility !== 'visible') continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      let rects;
      if (el instanceof SVGElement) rects = [el.getBoundingClientRect()];
      else {
        const range = document.createRange();
        range.selectNodeContents(node);
        rects = [...range.getClientRects()];
      }
      id += 1;
      for (const r of rects) {
        if (r.width < 0.5) continue;
        const mid = (r.top + r.bottom) / 2;
        const box = {id, text: node.textContent.slice(0, 40), size, tag: el.tagName,
          cls: el.className.baseVal ?? el.className, left: r.left, right: r.right,
          top: mid - size / 2, bottom: mid + size / 2, inPanel: root === panel};
        boxes.push(box);
        for (let a = el; a && a !== document.body; a = a.parentElement) {
          const s = getComputedStyle(a);
          if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
          const c = a.getBoundingClientRect();
          if (box.left < c.left - 1 || box.right > c.right + 1) {
            cut.push([box.text, a.tagName, a.className]);
          }
        }
      }
    }
  }
  const p = panel.getBoundingClientRect();
  const value = n => parseFloat(getComputedStyle(n).fontSize);
  return {
    u, width: innerWidth, height: innerHeight, boxes, cut,
    panel: {left: p.left, right: p.right, top: p.top, bottom: p.bottom},
    values: [...panel.querySelectorAll('.figure .value')].map(value),
    labels: [...panel.querySelectorAll('.figure .label')].map(value),
    scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
  };
}"""

# The map: each region's fill against the legend's colours at its value, the legend's printed
# ends, the labels placed, and whether the gap between a MultiPolygon's parts is left empty.
MAP = """(code) => {
  const ramp = document.querySelector('.panel.on .ramp');
  const hex = c => [1, 3, 5].map(i => parseInt(c.slice(i, i + 2), 16));
  const low = +ramp.dataset.low, high = +ramp.dataset.high;
  const [a, b] = [hex(ramp.dataset.lowColour), hex(ramp.dataset.highColour)];
  const regions = [...document.querySelectorAll('.panel.on svg.map path')].map(p => {
    const v = p.dataset.value === '' ? null : +p.dataset.value;
    const f = v === null ? null : (high > low ? (v - low) / (high - low) : 1);
    const expected = f === null ? null :
      '#' + a.map((x, i) => Math.round(x + (b[i] - x) * f).toString(16).padStart(2, '0')).join('');
    return {code: p.dataset.code, value: v, fill: p.getAttribute('fill').toLowerCase(), expected};
  });
  const stops = [...document.querySelectorAll('.panel.on .stops span')]
    .map(s => [s.textContent, s.getBoundingClientRect().top]);
  let gap = null;
  const two = document.querySelector(`.panel.on svg.map path[data-code="${code}"]`);
  if (two) {
    const box = two.getBBox();
    const at = (fx, fy) =>
      two.isPointInFill(new DOMPoint(box.x + box.width * fx, box.y + box.height * fy));
    gap = {parts: (two.getAttribute('d').match(/M/g) || []).length, middle: at(0.5, 0.5),
      top: at(0.5, 0.2), bottom: at(0.5, 0.8)};
  }
  return {regions, stops, gap, low, high,
    labels: document.querySelectorAll('.panel.on .maplabel').length};
}"""

# Elements of the header and the panel shown whose boxes leave the screen (long names are cut
# short inside their own boxes, with "…").
INSIDE = """() => [...document.querySelectorAll('header *, .notices *, .panel.on *')]
  .map(e => [e.tagName, e.getBoundingClientRect()])
  .filter(([, r]) => r.width && (r.left < -1 || r.top < -1 || r.right > innerWidth + 1
    || r.bottom > innerHeight + 1))
  .map(([tag, r]) => [tag, r.left, r.top, r.right, r.bottom])"""


def in_two_parts(polygon: dict) -> dict:
    """A rectangle as a MultiPolygon: its top and bottom, with a gap between them."""
    (ring,) = polygon["coordinates"]
    west, east = min(p[0] for p in ring), max(p[0] for p in ring)
    south, north = min(p[1] for p in ring), max(p[1] for p in ring)
    middle, gap = (south + north) / 2, (north - south) / 10

    def box(s: float, n: float) -> list[list[list[float]]]:
        return [[[west, s], [east, s], [east, n], [west, n], [west, s]]]

    return {
        "type": "MultiPolygon",
        "coordinates": [box(south, middle - gap), box(middle + gap, north)],
    }


@pytest.fixture(scope="module")
def wall(tmp_path_factory: pytest.TempPathFactory, chromium: str) -> Iterator[dict]:
    """The app over a data dir of its own (the demo export until a test imports), with the
    demo's boundaries, one of them in two parts."""
    data_dir = tmp_path_factory.mktemp("wall-store")
    collection = json.loads((DEMO_DIR / "boundaries.geojson").read_text(encoding="utf-8"))
    for feature in collection["features"]:
        if feature["properties"]["region_code"] == TWO_PARTS:
            feature["geometry"] = in_two_parts(feature["geometry"])
    (data_dir / "boundaries.geojson").write_text(json.dumps(collection), encoding="utf-8")
    with (tmp_path_factory.mktemp("wall-log") / "streamlit.log").open("w") as log:
        try:
            with serve(data_dir, log) as url:
                yield {"url": url, "data_dir": data_dir}
        except ServerDidNotStart as exc:
            pytest.fail(str(exc))


@pytest.fixture(autouse=True)
def e2e_data_dir(wall: dict, monkeypatch: pytest.MonkeyPatch) -> Path:
    """In-process imports and rollbacks write to the wall's own data dir."""
    monkeypatch.setenv("XIESHANG_DATA_DIR", str(wall["data_dir"]))
    return wall["data_dir"]


def open_wall(browser, wall: dict, size: tuple[int, int], **query: str):
    """A fresh browser at `size` on the wall, paused, once its first panel is drawn."""
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    context.set_default_timeout(PATIENCE_MS)
    page = context.new_page()
    page.requests = []
    page.on("request", lambda r: page.requests.append(r.url))
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    params = {"rotate": "0", "refresh": "3600", "from": "2025-01-01", "to": "2025-12-31", **query}
    page.goto(f"{wall['url']}/screen?{urlencode(params)}")
    page.wait_for_selector("iframe", timeout=120_000)
    frame = page.query_selector("iframe").content_frame()
    frame.wait_for_selector(".panel.on", timeout=120_000)
    frame.evaluate("document.fonts.ready")
    return context, page, frame


def current_panel(frame) -> str:
    return frame.evaluate("document.body.getAttribute('data-panel')")


def wait_for_panel(frame, panel: str, timeout: float = 20) -> None:
    deadline = time.time() + timeout
    while current_panel(frame) != panel:
        assert time.time() < deadline, f"the wall never showed {panel}"
        time.sleep(0.05)
    time.sleep(0.2)  # drawn in the same task that showed it; let fonts settle


def step(page, frame) -> str:
    """The presenter's → key (on the page around the wall), and the panel it shows."""
    before = current_panel(frame)
    page.keyboard.press("ArrowRight")
    deadline = time.time() + 5
    while current_panel(frame) == before and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)  # the resize-debounced layout has nothing to redo; fonts are ready
    return current_panel(frame)


def touching(boxes: list[dict], slack: float) -> list[tuple[str, str]]:
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if a["id"] == b["id"]:
                continue  # lines of one wrapped text
            across = min(a["right"], b["right"]) - max(a["left"], b["left"])
            down = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if across > slack and down > slack:
                found.append((a["text"], b["text"]))
    return found


def check_layout(measured: dict, panel: str) -> None:
    u, width, height = measured["u"], measured["width"], measured["height"]
    assert measured["scroll"] == [width, height], "the wall scrolls"
    for box in measured["boxes"]:
        where = f"{panel}: {box['text']!r} {box}"
        assert box["left"] >= -1 and box["right"] <= width + 1, where
        assert box["top"] >= -1 and box["bottom"] <= height + 1, where
        if box["inPanel"]:
            p = measured["panel"]
            assert box["left"] >= p["left"] - 1 and box["right"] <= p["right"] + 1, where
            assert box["top"] >= p["top"] - 1 and box["bottom"] <= p["bottom"] + 1, where
        # nothing smaller than 20 design px (20 px at 1080p, 14 px at 768, 40 px at 4K)
        assert box["size"] >= 20 * u - 0.5, where
    assert measured["cut"] == [], f"{panel}: text cut off: {measured['cut']}"
    assert touching(measured["boxes"], max(1.0, 2 * u)) == [], panel
    # figures as big as at 1080p, scaled with the screen: 72 design px, labels 26
    assert all(v >= 72 * u - 0.5 for v in measured["values"]), (panel, measured["values"], u)
    assert all(v >= 26 * u - 0.5 for v in measured["labels"]), (panel, measured["labels"], u)


def check_map(frame) -> None:
    found = frame.evaluate(MAP, TWO_PARTS)
    values = [r["value"] for r in found["regions"] if r["value"] is not None]
    assert (found["low"], found["high"]) == (min(values), max(values))
    for region in found["regions"]:
        assert region["fill"] == region["expected"], region  # the legend's colour at its value
    stops = sorted(found["stops"], key=lambda s: s[1])  # top of the legend first
    assert (
        stops[0][0] == f"{max(values) * 100:.1f}%" and stops[-1][0] == f"{min(values) * 100:.1f}%"
    )
    assert found["labels"] == len(found["regions"]), "a region's label found no place"
    if found["gap"] is not None:
        assert found["gap"]["parts"] == 2
        assert found["gap"]["top"] and found["gap"]["bottom"] and not found["gap"]["middle"]


VIEWS = [
    pytest.param(size, region, "zh", id=f"{size[0]}x{size[1]}-{name}")
    for size in SIZES
    for name, region in (("province", None), ("county", COUNTY))
] + [
    pytest.param(size, COUNTY, "en", id=f"{size[0]}x{size[1]}-county-en")
    for size in SIZES
    if size[1] == 768
]


@pytest.mark.parametrize(("size", "region", "lang"), VIEWS)
def test_every_panel_fits_with_no_label_cut_off_or_on_another(
    browser, wall, size, region, lang, record_property
):
    query = {"watermark": "内部资料", **({"region": region} if region else {})}
    context, page, frame = open_wall(browser, wall, size, lang=lang, **query)
    try:
        seen, smallest = [], {}
        for _ in PANELS:
            panel = current_panel(frame)
            seen.append(panel)
            measured = frame.evaluate(MEASURE)
            check_layout(measured, panel)
            smallest[panel] = min(b["size"] for b in measured["boxes"])
            if panel == "trend":
                ends = [b for b in measured["boxes"] if b["cls"] == "end"]
                assert len(ends) == 3 and all(b["text"].endswith("%") for b in ends)
                assert sum(b["cls"] == "tick quarter" for b in measured["boxes"]) >= 4
            if panel == "map":
                check_map(frame)
            if region is None and lang == "zh":
                screenshot(page, f"wall-{size[0]}x{size[1]}-{panel}")
            step(page, frame)
        assert seen == PANELS
        header = frame.inner_text("header")
        assert "演示数据 / demo data" in header
        assert ("演示省" if region is None else "山云县") in header  # the only province, opened
        assert page.errors == []
        record_property("smallest_text_px", smallest)
    finally:
        context.close()


def hostile_export(folder: Path) -> Path:
    """The demo export with hostile names for the province, its cities, members and rooms."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in TABLE_NAMES:
        data = pq.read_table(DEMO_DIR / f"{name}.parquet")
        if name == "regions":
            rows = data.to_pylist()
            cities = iter(HOSTILE["cities"])
            for row in rows:
                if row["level"] == "province":
                    row["name"] = HOSTILE["province"]
                elif row["level"] == "city":
                    row["name"] = next(cities)
            data = pa.Table.from_pylist(rows, schema=data.schema)
        if name in ("members", "rooms"):  # room names are not on the wall; they must not matter
            names = [HOSTILE["members"][i % 4] for i in range(data.num_rows)]
            data = data.set_column(
                data.schema.get_field_index("name"), "name", pa.array(names, pa.string())
            )
        pq.write_table(data, folder / f"{name}.parquet")
    return folder


def test_names_and_url_values_from_outside_are_shown_as_text_and_fetch_nothing(
    browser, wall, tmp_path
):
    Importer().import_files([hostile_export(tmp_path / "hostile")], who="e2e")
    context, page, frame = open_wall(browser, wall, (1366, 768), rotate="1", **HOSTILE_URL)
    try:
        seen = {current_panel(frame)}
        deadline = time.time() + 30
        while len(seen) < len(PANELS) and time.time() < deadline:
            seen.add(current_panel(frame))
            time.sleep(0.1)
        assert seen == set(PANELS)  # every panel still rotates

        text = frame.evaluate("document.body.textContent")
        assert frame.evaluate("document.querySelector('h1').textContent") == HOSTILE["province"]
        for city in HOSTILE["cities"]:
            assert city in text
        assert HOSTILE_URL["region"] in text  # in the notice that the code is unknown
        assert (
            frame.evaluate("document.querySelector('.watermark span').textContent")
            == (HOSTILE_URL["watermark"])
        )
        wait_for_panel(frame, "sinking")
        assert frame.evaluate(INSIDE) == []
        screenshot(page, "wall-hostile-sinking")
        members = frame.evaluate(
            "[...document.querySelectorAll('.people .name')].map(n => n.textContent)"
        )
        assert members and set(members) <= set(HOSTILE["members"])
        wait_for_panel(frame, "map")
        assert frame.evaluate(INSIDE) == []
        screenshot(page, "wall-hostile-map")
        labels = frame.evaluate(
            "[...document.querySelectorAll('.maplabel span')].map(n => n.textContent)"
        )
        assert sorted(labels) == sorted(HOSTILE["cities"])
        for document in (page, frame):
            found = "document.querySelectorAll('a[href*=evil], img[src*=evil]').length"
            assert document.evaluate(found) == 0
        assert frame.evaluate("document.querySelectorAll('script').length") == 2
        outside = [
            u for u in page.requests if not u.startswith((wall["url"], "data:", "about:", "blob:"))
        ]
        assert outside == [] and any(u.startswith(wall["url"]) for u in page.requests)
        assert page.errors == []
    finally:
        context.close()


def test_after_a_rollback_to_the_demo_the_wall_and_the_pages_say_demo_data(browser, wall):
    Store().rollback(DEMO_ID, who="e2e")
    context, page, frame = open_wall(browser, wall, (1920, 1080))
    try:
        assert "演示数据 / demo data" in frame.inner_text("header")
        assert frame.inner_text("h1") == "演示省"
        page.goto(f"{wall['url']}/overview")
        settle(page)
        assert page.get_by_text("当前显示的是内置演示数据").count() == 1
    finally:
        context.close()
