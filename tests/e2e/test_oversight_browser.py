"""The 评分表 and 督办 pages in a real browser, in Chinese and in English: they load without
errors, say what the scorecard's rules and groups are, and download their lists as coloured
Excel files named by region and period."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from e2e.browsing import screenshot
from xieshang.dev.serving import settle

CITY = "990100000000"
PAGES = {
    ("scorecard", "zh"): ("评分表", "前三分之一（表扬并通报）"),
    ("scorecard", "en"): ("Scorecard", "Top third (praised)"),
    ("supervision", "zh"): ("督办", "已销号"),
    ("supervision", "en"): ("Supervision", "Closed"),
}


@pytest.mark.parametrize(("path", "lang"), list(PAGES))
def test_the_oversight_pages_load_in_both_languages_without_errors(page, server, path, lang):
    title, text = PAGES[(path, lang)]
    suffix = "&lang=en" if lang == "en" else ""

    page.goto(f"{server['url']}/{path}?region={CITY}{suffix}")
    settle(page)

    assert page.locator("h1").first.inner_text() == title
    # the first visit computes the page's records: wait for what they draw
    page.get_by_text(text, exact=True).first.wait_for(timeout=120_000)
    assert not page.locator('[data-testid="stException"]').count()
    page.wait_for_selector('[data-testid="stDataFrame"]', timeout=90_000)
    assert page.failed == [], page.failed
    screenshot(page, f"{path}-{lang}")


def test_the_scorecard_names_its_top_and_bottom_thirds(page, server):
    page.goto(f"{server['url']}/scorecard?region={CITY}&from=2025-01-01&to=2025-12-31")
    settle(page)
    page.get_by_text("后三分之一（督办）").first.wait_for(timeout=120_000)

    main = page.locator('[data-testid="stMain"]').inner_text()
    assert "得分相同者名次相同" in main
    assert "后三分之一（督办）" in main
    assert "✔ 达标 · ➜ 进度正常 · ⚠ 进度滞后 · ✖ 未达标" in main


@pytest.mark.parametrize(
    ("path", "button", "name", "coloured"),
    [
        ("scorecard", "下载 Excel", "青岚市_2025年_考核评分表.xlsx", "✖"),
        ("supervision", "下载 Excel", "青岚市_2025年_督办清单.xlsx", "✖ 未达标"),
    ],
)
def test_the_lists_download_as_excel_in_colour_named_by_region_and_period(
    page, server, path, button, name, coloured
):
    page.goto(f"{server['url']}/{path}?region={CITY}&from=2025-01-01&to=2025-12-31")
    settle(page)
    page.get_by_role("button", name=button).first.wait_for(timeout=120_000)

    with page.expect_download(timeout=120_000) as caught:
        page.get_by_role("button", name=button).first.click()
    download = caught.value

    assert download.suggested_filename == name
    sheet = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes())).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    marked = [c for c in cells if isinstance(c.value, str) and coloured in c.value]
    assert marked
    assert all(c.fill.start_color.rgb.endswith("FFC7CE") for c in marked)
