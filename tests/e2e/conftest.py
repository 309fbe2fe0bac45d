"""A real server and a real browser: `streamlit run` on a free loopback port, Debian chromium.

The browser is never downloaded: Playwright drives /usr/bin/chromium (installed by
`make browser`). Without it the browser tests are skipped, except on CI, where a missing
browser is a failure rather than a silent skip.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from e2e.browsing import PATIENCE_MS
from xieshang.dev.serving import CHROMIUM, CHROMIUM_ARGS, ServerDidNotStart, serve

# Streamlit's frontend probes <page>/_stcore/health before the app's real base path when a
# page other than the root is opened directly (streamlit/streamlit#7074): known noise.
KNOWN_NOISE = ("/_stcore/health", "/_stcore/host-config")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def chromium() -> str:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing on CI: `make browser` should have installed it")
        pytest.skip(f"{CHROMIUM} is not installed (run `make browser`)")
    return CHROMIUM


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, chromium: str) -> Iterator[dict]:
    """The app served from a fresh data dir (the demo export until a test imports)."""
    data_dir = tmp_path_factory.mktemp("e2e-store")
    with (tmp_path_factory.mktemp("e2e-log") / "streamlit.log").open("w") as log:
        try:
            with serve(data_dir, log) as url:
                yield {"url": url, "data_dir": data_dir, "started": time.time()}
        except ServerDidNotStart as exc:
            pytest.fail(str(exc))


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, server) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    context.set_default_timeout(PATIENCE_MS)
    page = context.new_page()
    page.console_errors = []
    page.on(
        "console",
        lambda m: page.console_errors.append(m.text) if m.type == "error" else None,
    )
    page.failed = []
    page.on(
        "response",
        lambda r: (
            page.failed.append(r.url)
            if r.status >= 400 and not r.url.endswith(KNOWN_NOISE)
            else None
        ),
    )
    yield page
    context.close()


@pytest.fixture(autouse=True)
def e2e_data_dir(server, monkeypatch: pytest.MonkeyPatch) -> Path:
    """In-process calls (xieshang kpis, imports) read the server's data dir."""
    monkeypatch.setenv("XIESHANG_DATA_DIR", str(server["data_dir"]))
    return server["data_dir"]
