"""Header mode for real: the app behind the organisation's sign-on gateway, served by a real
server with a users file, asked by a browser, by curl-like HTTP calls, by the API and by the
CLI. A viewer of 霞丹县 obtains no figure of 光丹县 by any of them; a viewer cannot import or
roll back; the header from an untrusted address is ignored; an unknown user is refused.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from e2e.browsing import PATIENCE_MS
from xieshang.access import audit, users
from xieshang.cli.main import main
from xieshang.dev.serving import ServerDidNotStart, serve, settle, wait_for_text

OURS, THEIRS, CITY = "990203000000", "990202000000", "990200000000"  # 霞丹县, 光丹县, 云梧市
HEADER = "X-Remote-User"
TOKEN, TOKEN_HASH = users.new_token()
USERS = f"""
[users."zhang.wei@xiadan.gov.cn"]
name = "张伟"
role = "viewer"
regions = ["{OURS}"]
tokens = ["{TOKEN_HASH}"]

[users."li.fenxi@sheng.gov.cn"]
name = "李分析"
role = "analyst"
regions = ["*"]
"""
VIEWER, ANALYST = "zhang.wei@xiadan.gov.cn", "li.fenxi@sheng.gov.cn"


@pytest.fixture(scope="module")
def gateway(tmp_path_factory: pytest.TempPathFactory, chromium: str) -> Iterator[dict]:
    """The app in header mode over its own data dir and users file; the gateway is us."""
    root = tmp_path_factory.mktemp("header-mode")
    users_file = root / "users.toml"
    users_file.write_text(USERS, encoding="utf-8")
    env = {"XIESHANG_AUTH": "header", "XIESHANG_USERS": str(users_file)}
    with (root / "streamlit.log").open("w") as log:
        try:
            with serve(root / "data", log, env=env) as url:
                yield {"url": url, "data_dir": root / "data", "users": users_file, "env": env}
        except ServerDidNotStart as exc:
            pytest.fail(str(exc))


@pytest.fixture
def as_gateway(gateway, monkeypatch: pytest.MonkeyPatch) -> dict:
    """In-process calls (the CLI, the audit log) in the server's deployment."""
    monkeypatch.setenv("XIESHANG_DATA_DIR", str(gateway["data_dir"]))
    for name, value in gateway["env"].items():
        monkeypatch.setenv(name, value)
    return gateway


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict | str]:
    assert url.startswith("http://127.0.0.1:")
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback http
    try:
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
            status, body = response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode("utf-8")
    try:
        return status, json.loads(body)
    except ValueError:
        return status, body


def cli(capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# -- the gate: every HTTP request needs the header from a trusted address -----------------


def test_a_request_without_the_header_is_refused_with_401_and_no_page(gateway):
    status, body = get(gateway["url"] + "/")

    assert status == 401
    assert isinstance(body, dict) and "统一身份认证" in body["error"]


def test_the_health_check_answers_without_an_identity(gateway):
    assert get(gateway["url"] + "/_stcore/health")[0] == 200


def test_the_header_from_an_untrusted_address_is_ignored(gateway, tmp_path):
    # The same server, its gateway said to be elsewhere: our own 127.0.0.1 is then untrusted.
    env = {**gateway["env"], "XIESHANG_TRUSTED_PROXIES": "10.1.2.3/32"}
    with (tmp_path / "log").open("w") as log, serve(gateway["data_dir"], log, env=env) as url:
        page_status, _ = get(url + "/", {HEADER: VIEWER})
        api_status, body = get(f"{url}/api/v1/kpis?region={OURS}", {HEADER: VIEWER})

    assert page_status == 403
    assert api_status == 403 and "不受信任" in body["error"] and "rooms" not in body


# -- the API ----------------------------------------------------------------------------


def test_the_api_answers_what_the_cli_prints_inside_the_scope(as_gateway, capsys):
    query = f"region={OURS}&from=2025-01-01&to=2025-12-31"
    status, body = get(f"{as_gateway['url']}/api/v1/kpis?{query}", {HEADER: VIEWER})
    code, out, _ = cli(
        capsys,
        "kpis",
        "--region",
        OURS,
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
        "--as",
        VIEWER,
    )

    assert status == 200 and code == 0
    assert body == json.loads(out)
    assert body["region"]["name"] == "霞丹县" and body["rooms"]["active"] > 0


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/kpis?region={THEIRS}",
        "/api/v1/kpis",  # everything: above the scope
        f"/api/v1/compare?region={CITY}",  # a comparison above the scope
        f"/api/v1/regions?parent={CITY}",
        "/api/v1/kpis?region=990203999999",  # not even whether it exists is told
    ],
)
def test_the_api_gives_no_figure_outside_the_scope(gateway, path):
    status, body = get(gateway["url"] + path, {HEADER: VIEWER})

    assert status == 403, body
    assert "无权访问" in body["error"]
    assert set(body) == {"error", "status"}


def test_the_api_lists_only_the_regions_inside_the_scope(gateway):
    status, top = get(gateway["url"] + "/api/v1/regions", {HEADER: VIEWER})
    _, towns = get(f"{gateway['url']}/api/v1/regions?parent={OURS}", {HEADER: VIEWER})

    assert status == 200
    assert [r["code"] for r in top["regions"]] == [OURS]
    assert towns["regions"] and all(r["level"] == "town" for r in towns["regions"])


def test_the_api_compares_the_childen_of_its_own_county(gateway):
    status, body = get(f"{gateway['url']}/api/v1/compare?region={OURS}", {HEADER: VIEWER})

    assert status == 200
    assert body["rows"] and all(r["region_code"].startswith(OURS[:6]) for r in body["rows"])


def test_the_api_refuses_without_identity_unknown_users_and_bad_tokens(gateway):
    url = f"{gateway['url']}/api/v1/kpis?region={OURS}"

    assert get(url)[0] == 401
    status, body = get(url, {HEADER: "stranger@elsewhere.cn"})
    assert status == 403 and "stranger@elsewhere.cn" in body["error"]
    assert get(url, {"Authorization": "Bearer xs_not-a-token"})[0] == 401


def test_an_api_token_stands_for_its_user_with_the_same_scope(gateway):
    bearer = {"Authorization": f"Bearer {TOKEN}"}

    assert get(f"{gateway['url']}/api/v1/kpis?region={OURS}", bearer)[0] == 200
    assert get(f"{gateway['url']}/api/v1/kpis?region={THEIRS}", bearer)[0] == 403


def test_bad_parameters_are_400_in_the_callers_language(gateway):
    url = gateway["url"]
    status, body = get(f"{url}/api/v1/kpis?region={OURS}&from=2025-13-01&lang=en", {HEADER: VIEWER})
    assert status == 400 and "2025-13-01" in body["error"] and "date" in body["error"]

    status, body = get(f"{url}/api/v1/kpis?region={OURS}&colour=red", {HEADER: VIEWER})
    assert status == 400 and "colour" in body["error"]

    assert get(f"{url}/api/v1/nothing", {HEADER: VIEWER})[0] == 404


def test_every_api_call_and_refusal_is_in_the_audit_log(as_gateway):
    get(f"{as_gateway['url']}/api/v1/kpis?region={THEIRS}", {HEADER: VIEWER})

    events = list(audit.read())
    assert any(e["event"] == "api" and e["who"] == VIEWER for e in events)
    assert any(
        e["event"] == "refused" and e["who"] == VIEWER and e.get("region") == THEIRS for e in events
    )
    assert any(
        e["event"] == "refused" and e.get("reason") == "error.gateway_missing" for e in events
    )


# -- the CLI ----------------------------------------------------------------------------


def test_the_cli_needs_a_user_and_keeps_them_in_their_scope(as_gateway, capsys):
    code, out, err = cli(capsys, "kpis", "--region", OURS)
    assert (code, out) == (2, "") and "--as" in err

    code, out, err = cli(capsys, "kpis", "--region", THEIRS, "--as", VIEWER)
    assert (code, out) == (2, "") and "无权访问" in err

    for command in ("compare", "supervise", "scorecard"):
        code, out, _ = cli(capsys, command, "--region", CITY, "--as", VIEWER)
        assert (code, out) == (2, ""), command

    code, out, err = cli(capsys, "kpis", "--region", OURS, "--as", "stranger@elsewhere.cn")
    assert (code, out) == (2, "") and "stranger@elsewhere.cn" in err


def test_a_viewer_cannot_import_or_roll_back_an_analyst_can_import(as_gateway, capsys):
    demo = Path(__file__).resolve().parents[2] / "data" / "demo"

    code, _, err = cli(capsys, "import", str(demo), "--as", VIEWER)
    assert code == 2 and "无权导入数据" in err
    code, _, err = cli(capsys, "rollback", "demo", "--as", VIEWER)
    assert code == 2 and "无权回滚数据" in err

    code, _, _ = cli(capsys, "import", str(demo), "--as", ANALYST)
    assert code == 0
    code, _, err = cli(capsys, "rollback", "demo", "--as", ANALYST)
    assert code == 2 and "无权回滚数据" in err  # rollbacks are for administrators

    imported = [e for e in audit.read() if e["event"] == "import"]
    assert imported and imported[-1]["who"] == ANALYST


# -- pages in a real browser ------------------------------------------------------------


@pytest.fixture
def viewer_page(browser, gateway):
    context = browser.new_context(
        viewport={"width": 1440, "height": 900}, locale="zh-CN", extra_http_headers={HEADER: VIEWER}
    )
    context.set_default_timeout(PATIENCE_MS)
    yield context.new_page()
    context.close()


def test_a_county_viewer_opens_on_their_county_and_sees_no_other(viewer_page, gateway):
    page = viewer_page
    page.goto(gateway["url"])
    settle(page, timeout=120)
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=stMetric]').length >= 10", timeout=120_000
    )
    assert f"region={OURS}" in page.url
    main_text = page.locator('[data-testid="stMain"]').inner_text()
    assert "霞丹县" in main_text and "光丹县" not in main_text
    assert "张伟" in page.locator('[data-testid="stSidebar"]').inner_text()

    for path in (f"/?region={THEIRS}", f"/regions?region={CITY}", f"/screen?region={THEIRS}"):
        page.goto(gateway["url"] + path)
        refused = wait_for_text(page, "无权访问")
        if not path.startswith("/screen"):  # the wall has no title to settle on
            settle(page, timeout=120)
        # Refused, and back on their own county: whatever is drawn is theirs.
        assert f"region={OURS}" in page.url or "region=" not in page.url, path
        assert "光丹县" not in refused and "光丹县" not in page.locator("body").inner_text(), path


def test_a_browser_without_the_header_gets_no_page(browser, gateway):
    context = browser.new_context()
    context.set_default_timeout(PATIENCE_MS)
    try:
        page = context.new_page()
        response = page.goto(gateway["url"])
        assert response is not None and response.status == 401
        assert page.locator('[data-testid="stMetric"]').count() == 0
    finally:
        context.close()


def test_a_viewers_import_page_checks_files_but_cannot_commit(viewer_page, gateway):
    page = viewer_page
    page.goto(gateway["url"] + "/import")
    settle(page, timeout=120)
    page.get_by_text("无权导入数据").first.wait_for(timeout=120_000)
    assert (
        page.get_by_role("button", name="确认导入").count() == 0
        or page.get_by_role("button", name="确认导入").first.is_disabled()
    )
