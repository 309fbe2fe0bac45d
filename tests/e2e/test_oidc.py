"""OIDC mode for real: Streamlit's st.login against a real OpenID Connect provider process
(oidc-provider-mock, started here on a loopback port), the app configured by a secrets.toml
it only knows through Streamlit's secrets files, signed into by Chromium.

An anonymous visitor sees the sign-in prompt and nothing else; a viewer of 霞丹县 signs in at
the provider and sees 霞丹县 only, on the pages, the wall and the API (with the browser's own
session cookie); an unknown user is refused; signing out returns to the prompt.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from e2e.browsing import PATIENCE_MS
from xieshang.access import audit
from xieshang.dev.serving import ServerDidNotStart, free_port, serve, settle, wait_for_text

OURS, THEIRS = "990203000000", "990202000000"  # 霞丹县, 光丹县
VIEWER, STRANGER = "zhang.wei@xiadan.gov.cn", "stranger@elsewhere.cn"
USERS = f"""
[users."{VIEWER}"]
name = "张伟"
role = "viewer"
regions = ["{OURS}"]
"""
PROMPT = "请使用单位统一身份认证账号登录"
# A browser waits this long for what it should see (a busy 2-core machine).
WAIT = 120_000


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory, chromium: str) -> Iterator[str]:
    """The OpenID Connect provider: a real process on a free loopback port."""
    port = free_port()
    log = (tmp_path_factory.mktemp("oidc-provider") / "provider.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                metadata = f"{url}/.well-known/openid-configuration"
                with urllib.request.urlopen(metadata, timeout=5) as answer:  # noqa: S310
                    if answer.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.time() > deadline:
                    log.flush()
                    said = Path(log.name).read_text(encoding="utf-8", errors="replace")
                    pytest.fail(f"the OIDC provider did not start:\n{said[-3000:]}")
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)
        log.close()


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, provider: str) -> Iterator[dict]:
    """The app in oidc mode: the mode and the provider only in a secrets file that Streamlit
    is pointed at, a users file with one county viewer."""
    root = tmp_path_factory.mktemp("oidc-mode")
    (root / "users.toml").write_text(USERS, encoding="utf-8")
    port = free_port()
    # The browser uses localhost throughout: the redirect URI's origin is the cookie's.
    url = f"http://localhost:{port}"
    secrets = root / "secrets.toml"
    secrets.write_text(
        f"""
[auth]
mode = "oidc"
redirect_uri = "{url}/oauth2callback"
cookie_secret = "a-long-random-string-for-the-test-only"
client_id = "xieshang"
client_secret = "xieshang-test-secret"
server_metadata_url = "{provider}/.well-known/openid-configuration"
""",
        encoding="utf-8",
    )
    env = {"STREAMLIT_SECRETS_FILES": str(secrets), "XIESHANG_USERS": str(root / "users.toml")}
    with (root / "streamlit.log").open("w") as log:
        try:
            with serve(root / "data", log, env=env, port=port):
                yield {"url": url, "data_dir": root / "data"}
        except ServerDidNotStart as exc:
            pytest.fail(str(exc))


def new_page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    context.set_default_timeout(PATIENCE_MS)
    return context, context.new_page()


def sign_in(page, app: dict, subject: str) -> None:
    """Sign in as `subject`: the app's button, then the provider's authorize page, where the
    mock lets us type the subject (it becomes the email claim too)."""
    page.goto(app["url"])
    page.get_by_role("button", name="登录").click(timeout=WAIT)
    page.locator('input[name="sub"]').fill(subject, timeout=WAIT)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{app['url']}/**", timeout=WAIT)


def figures(page) -> int:
    return page.locator('[data-testid="stMetric"]').count()


def navigation(page) -> int:
    return page.locator('[data-testid="stTopNav"], [data-testid="stSidebarNav"]').count()


@pytest.fixture(scope="module")
def viewer(browser, app) -> Iterator[object]:
    """A browser signed in at the provider as the 霞丹县 viewer."""
    context, page = new_page(browser)
    sign_in(page, app, VIEWER)
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=stMetric]').length >= 10", timeout=WAIT
    )
    yield page
    context.close()


def test_an_anonymous_visitor_sees_only_the_sign_in_prompt(browser, app):
    context, page = new_page(browser)
    try:
        for path in ("/", f"/rooms?region={THEIRS}", f"/screen?region={THEIRS}"):
            page.goto(app["url"] + path)
            page.get_by_text(PROMPT).wait_for(timeout=WAIT)
            settle(page, timeout=120)

            assert page.get_by_role("button", name="登录").count() == 1, path
            assert figures(page) == 0, path
            assert navigation(page) == 0, path
            shown = page.locator("body").inner_text()
            assert "霞丹县" not in shown and "光丹县" not in shown, path
    finally:
        context.close()


def test_a_county_viewer_signs_in_and_sees_their_county_only(viewer, app):
    page = viewer

    assert f"region={OURS}" in page.url
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert "霞丹县" in main and "光丹县" not in main
    assert "张伟" in page.locator('[data-testid="stSidebar"]').inner_text()
    assert navigation(page) == 1  # signed in, the menu is back

    page.goto(f"{app['url']}/?region={THEIRS}")
    wait_for_text(page, "无权访问")
    settle(page, timeout=120)
    assert f"region={OURS}" in page.url
    assert "光丹县" not in page.locator("body").inner_text()


def test_the_wall_obeys_the_viewers_scope(viewer, app):
    page = viewer
    page.goto(f"{app['url']}/screen?region={THEIRS}")

    shown = wait_for_text(page, "无权访问")

    assert "光丹县" not in shown
    wait_for_text(page, "霞丹县")  # the wall falls back to their own county


def test_the_api_takes_the_browsers_session_within_its_scope(viewer, app):
    ours = viewer.request.get(f"{app['url']}/api/v1/kpis?region={OURS}")
    theirs = viewer.request.get(f"{app['url']}/api/v1/kpis?region={THEIRS}")

    assert ours.status == 200
    assert json.loads(ours.text())["region"]["name"] == "霞丹县"
    assert theirs.status == 403
    assert "无权访问" in json.loads(theirs.text())["error"]


def test_an_unknown_user_is_refused_with_a_clear_page(browser, app, monkeypatch):
    context, page = new_page(browser)
    try:
        sign_in(page, app, STRANGER)
        refused = wait_for_text(page, "未登记")
        settle(page, timeout=120)

        assert STRANGER in refused.replace("\u2060", "")  # a word joiner stops auto-linking
        assert figures(page) == 0 and navigation(page) == 0
        assert page.get_by_role("button", name="退出登录").count() == 1
        assert context.request.get(f"{app['url']}/api/v1/kpis?region={OURS}").status == 403
    finally:
        context.close()
    monkeypatch.setenv("XIESHANG_DATA_DIR", str(app["data_dir"]))
    assert any(e["event"] == "refused" and e["who"] == STRANGER for e in audit.read())


def test_signing_out_returns_to_the_prompt(browser, app):
    context, page = new_page(browser)
    try:
        sign_in(page, app, VIEWER)
        page.get_by_role("button", name="退出登录").click(timeout=WAIT)
        # The provider's end-session page (Streamlit passes the provider's logout on).
        page.get_by_role("button", name="End session").click(timeout=WAIT)
        page.get_by_text(PROMPT).wait_for(timeout=WAIT)

        assert figures(page) == 0 and navigation(page) == 0
        assert context.request.get(f"{app['url']}/api/v1/kpis?region={OURS}").status == 401
    finally:
        context.close()
