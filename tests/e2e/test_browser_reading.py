"""What only a browser shows: hostile text never acts (no request leaves the app, no link
appears), no English from Streamlit's widgets, an unknown page says so, and nothing overlaps or
is clipped (measured on the rendered page's boxes)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from urllib.parse import quote, urlsplit

import pytest
from hostile import NAMES, OUTSIDE, import_hostile

from e2e.browsing import PATIENCE_MS, screenshot
from xieshang.dev.serving import ServerDidNotStart, serve, settle
from xieshang.web.text import one_line

PAGES = ("", "rooms", "members", "adoption", "regions")


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory, chromium: str) -> Iterator[str]:
    """The app over the hostile export (its own server: the shared one keeps the demo)."""
    data_dir = tmp_path_factory.mktemp("hostile-store")
    before = os.environ.get("XIESHANG_DATA_DIR")
    os.environ["XIESHANG_DATA_DIR"] = str(data_dir)
    try:
        import_hostile(data_dir, tmp_path_factory.mktemp("hostile-export"))
    finally:
        if before is None:
            del os.environ["XIESHANG_DATA_DIR"]
        else:
            os.environ["XIESHANG_DATA_DIR"] = before
    with (tmp_path_factory.mktemp("hostile-log") / "streamlit.log").open("w") as log:
        try:
            with serve(data_dir, log) as url:
                yield url
        except ServerDidNotStart as exc:
            pytest.fail(str(exc))


def outside(page, app: str) -> tuple[list[str], list[str]]:
    """Requests the page made to anywhere but the app, and links it shows to anywhere else."""
    host = urlsplit(app).netloc
    requests = [
        url
        for url in page.requests
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != host
    ]
    links = page.evaluate(
        """() => [...document.querySelectorAll('a')].map(
            a => a.getAttribute('href') || a.getAttribute('xlink:href') || '')"""
    )
    return requests, [link for link in links if "://" in link and host not in link]


@pytest.fixture
def watched(page) -> object:
    page.requests = []
    page.on("request", lambda r: page.requests.append(r.url))
    return page


def open_every_list(page) -> None:
    """Open the lists behind the counts, so their rows are drawn too."""
    for summary in page.locator('[data-testid="stExpander"] summary').all():
        summary.click()
        settle(page)


@pytest.mark.parametrize("path", PAGES)
def test_hostile_names_make_no_request_and_no_link(watched, hostile_server, path):
    region = "1101" if path != "rooms" else "110101"
    watched.goto(f"{hostile_server}/{path}?region={region}&from=2024-01-01&to=2024-12-31")
    settle(watched)
    if path:  # the overview has no charts
        watched.wait_for_selector(".js-plotly-plot", timeout=90_000)
    open_every_list(watched)
    time.sleep(1)

    requests, links = outside(watched, hostile_server)
    assert requests == [] and links == [], (requests, links)
    subtitle = watched.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first
    # (md() breaks addresses with invisible word joiners)
    assert subtitle.inner_text().replace("\u2060", "").startswith(one_line(NAMES[region]))
    assert not watched.locator('[data-testid="stException"]').count()
    screenshot(watched, f"hostile-{path or 'home'}")


@pytest.mark.parametrize(
    "value",
    [
        f"[点此重新登录](http://{OUTSIDE}/login)",
        f"![t](http://{OUTSIDE}/beacon.png)",
        f'<img src="http://{OUTSIDE}/i.png">',
        "区名\\",
    ],
)
def test_hostile_link_values_make_no_request_and_no_link(watched, server, value):
    watched.goto(f"{server['url']}/rooms?region={quote(value)}&kind={quote(value)}")
    settle(watched)

    requests, links = outside(watched, server["url"])
    assert requests == [] and links == [], (requests, links)
    warning = watched.locator('[data-testid="stAlertContentWarning"]').first.inner_text()
    assert f"链接中的地区代码“{value}”不存在" in warning.replace("\u2060", "")


def test_an_unknown_page_says_so_and_links_every_page(page, server):
    # The very first request after a start goes through Streamlit's legacy pages/ discovery,
    # which shows its own dialog before the app runs (see router._unknown_page): a visitor
    # here comes to a running server.
    page.goto(f"{server['url']}/?region=990100000000")
    settle(page)

    page.goto(f"{server['url']}/nonexistent?region=990100000000")
    settle(page)

    assert page.locator("h1").first.inner_text() == "页面不存在"
    assert "没有名为“nonexistent”的页面" in page.locator('[data-testid="stMain"]').inner_text()
    assert not page.locator('[role="dialog"]').count()
    assert page.url.endswith("/nonexistent?region=990100000000")
    page.locator('[data-testid="stMain"] a', has_text="议事室覆盖").click()
    page.wait_for_url("**/rooms?**", timeout=90_000)
    settle(page)
    assert page.locator("h1").first.inner_text() == "议事室覆盖"
    assert "region=990100000000" in page.url


def replaced_text(page, selector: str) -> tuple[float, str]:
    """What a reader sees of a text Streamlit draws: its own size, and what CSS draws after."""
    return page.locator(selector).first.evaluate(
        """e => [parseFloat(getComputedStyle(e).fontSize),
                 getComputedStyle(e, '::after').content]"""
    )


def test_the_file_uploader_speaks_chinese(page, server):
    page.goto(f"{server['url']}/import")
    settle(page)
    zone = '[data-testid="stFileUploaderDropzone"]'
    label = f'{zone} button [data-testid="stMarkdownContainer"] p'
    # The style that replaces Streamlit's English arrives with the page's own elements; on a
    # busy machine it can land after the uploader is drawn (seen at load 4): wait for it.
    page.wait_for_function(
        """s => { const e = document.querySelector(s);
                  return e && getComputedStyle(e, '::after').content !== 'none'; }""",
        arg=label,
        timeout=PATIENCE_MS,
    )

    button = replaced_text(page, label)
    limits = replaced_text(page, '[data-testid="stFileUploaderDropzoneInstructions"] span')

    assert button == [0, '"选择文件"']
    assert limits[0] == 0 and limits[1].startswith('"每个文件不超过 200MB')
    box = page.locator(zone).first.bounding_box()
    assert box and box["height"] > 40  # the text still takes its place
    screenshot(page, "import-uploader")


def test_the_multiselect_placeholder_is_chinese(page, server):
    page.goto(f"{server['url']}/regions?region=990000000000")
    settle(page)
    picker = page.locator('[data-testid="stMultiSelect"]').first
    picker.locator('[aria-label="Clear all"]').click()
    settle(page)

    assert picker.locator("input").get_attribute("placeholder") == "请选择"


def boxes(page, selector: str) -> list[dict]:
    return page.locator(selector).evaluate_all(
        """els => els.filter(e => e.textContent.trim()).map(e => {
            const r = e.getBoundingClientRect();
            return {text: e.textContent, x: r.x, y: r.y, w: r.width, h: r.height}; })"""
    )


def overlapping(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["w"]
        and b["x"] < a["x"] + a["w"]
        and a["y"] < b["y"] + b["h"]
        and b["y"] < a["y"] + a["h"]
    )


def inside(box: dict, frame: dict) -> bool:
    return (
        box["x"] >= frame["x"] - 1
        and box["y"] >= frame["y"] - 1
        and box["x"] + box["w"] <= frame["x"] + frame["width"] + 1
        and box["y"] + box["h"] <= frame["y"] + frame["height"] + 1
    )


def pairs_overlapping(items: list[dict]) -> list[tuple[str, str]]:
    return [
        (a["text"], b["text"])
        for i, a in enumerate(items)
        for b in items[i + 1 :]
        if overlapping(a, b)
    ]


@pytest.mark.parametrize("width", [390, 1440])
def test_month_labels_do_not_overlap(browser, server, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    context.set_default_timeout(PATIENCE_MS)
    page = context.new_page()
    page.goto(f"{server['url']}/adoption?region=990000000000")
    settle(page)
    page.wait_for_selector(".js-plotly-plot", timeout=90_000)
    monthly = [c for c in page.locator(".js-plotly-plot").all() if "每月" in c.inner_text()]

    assert len(monthly) == 2
    for chart in monthly:
        chart.scroll_into_view_if_needed()
        ticks = boxes(chart, "g.xtick > text")
        legend = boxes(chart, "text.legendtext")
        frame = chart.bounding_box()
        assert len(ticks) >= 3, ticks
        assert pairs_overlapping(ticks) == []
        assert [(t["text"], g["text"]) for t in ticks for g in legend if overlapping(t, g)] == []
        # every label whole inside the chart (rotated labels ran out of it and were cut)
        assert [t["text"] for t in ticks if not inside(t, frame)] == []
    context.close()


def test_donut_labels_do_not_overlap_their_titles(page, server):
    page.goto(f"{server['url']}/rooms?region=990000000000")
    settle(page)
    page.wait_for_selector(".js-plotly-plot .slice", timeout=90_000)

    donuts = page.locator(".js-plotly-plot:has(.slice)").all()
    assert len(donuts) == 1  # room types
    for donut in donuts:
        donut.scroll_into_view_if_needed()
        title = boxes(donut, "text.gtitle")
        labels = boxes(donut, "text.slicetext") + boxes(donut, "text.legendtext")
        assert title and labels
        assert [label["text"] for label in labels if overlapping(title[0], label)] == []
        assert pairs_overlapping(labels) == []


@pytest.mark.parametrize("width", [1366, 1440])
@pytest.mark.parametrize("path", ["rooms", "members", "adoption", "regions"])
def test_no_table_runs_past_the_screen(browser, server, path, width):
    context = browser.new_context(viewport={"width": width, "height": 768}, locale="zh-CN")
    context.set_default_timeout(PATIENCE_MS)
    page = context.new_page()
    page.goto(f"{server['url']}/{path}?region=990000000000")
    settle(page)
    page.wait_for_selector('[data-testid="stDataFrame"] .dvn-scroller', timeout=90_000)

    widths = page.locator('[data-testid="stDataFrame"] .dvn-scroller').evaluate_all(
        "els => els.map(e => [e.scrollWidth, e.clientWidth])"
    )
    assert widths and all(content <= shown for content, shown in widths), widths
    context.close()
