"""What the browser tests share: how long they wait, and screenshots of what they saw (kept in
test-output/ for a person to look at)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

# How long a step may take before a test gives up. Generous on purpose: `make test` must pass on
# a 2-core machine with other heavy work beside it, where one script run of a page can take tens
# of seconds (seen: load average 10). A wait ends as soon as what it waits for is there.
PATIENCE_MS = 90_000

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
