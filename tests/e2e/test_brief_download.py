"""The brief from the overview in a real browser: 生成通报 → download, the same file as
`xieshang brief` writes for the same region, period and language."""

from __future__ import annotations

import pytest

from e2e.browsing import screenshot
from xieshang.brief.page import pdf_possible
from xieshang.cli.main import main
from xieshang.dev.serving import settle

CITY = "990100000000"
PERIOD = ("--from", "2025-01-01", "--to", "2025-12-31")


def download(page, label: str, folder, name: str):
    button = page.locator('[data-testid="stDownloadButton"] button').filter(has_text=label)
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=120_000) as event:
        button.click()
    found = event.value
    target = folder / name
    found.save_as(str(target))
    return found.suggested_filename, target.read_bytes()


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_overview_downloads_the_brief_the_cli_writes(page, server, tmp_path, fmt):
    if fmt == "pdf" and not pdf_possible():
        pytest.skip("WeasyPrint cannot load Pango here")
    page.goto(f"{server['url']}/?region={CITY}&from=2025-01-01&to=2025-12-31")
    settle(page)
    name, data = download(page, f"下载通报（{fmt.upper()}）", tmp_path, f"page.{fmt}")
    settle(page)
    screenshot(page, "overview-brief")

    assert name == f"青岚市_2025年_情况通报.{fmt}"
    cli = tmp_path / f"cli.{fmt}"
    assert main(["brief", "--region", CITY, *PERIOD, "--out", str(cli)]) == 0
    assert data == cli.read_bytes()


def test_the_internal_mark_and_english_reach_the_download(page, server, tmp_path):
    page.goto(f"{server['url']}/?region={CITY}&from=2025-01-01&to=2025-12-31&lang=en")
    settle(page)
    page.get_by_text("Mark it “Internal”").click()
    settle(page)

    name, data = download(page, "Download the brief (DOCX)", tmp_path, "page.docx")

    assert name == "青岚市_2025_brief.docx"
    cli = tmp_path / "cli.docx"
    argv = ["--lang", "en", "brief", "--region", CITY, *PERIOD, "--internal", "--out", str(cli)]
    assert main(argv) == 0
    assert data == cli.read_bytes()
