"""Several app processes, one store, behind a real nginx.

A writer and a read-only replica (XIESHANG_READ_ONLY=1) serve one data dir; Debian's nginx,
started here with its own configuration (xieshang/dev/proxy.py) on loopback ports, sits in
front, sticky by client (`ip_hash`: 127.0.0.1 goes to the writer, ::1 to the replica). Pages
are drawn through nginx in Chromium, so the websocket goes through the proxy too. An import on
the writer's command line appears on both without a restart (snapshots are immutable; each
script run reads which one is current); the replica refuses to import or roll back.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from factories import write_export

from e2e.browsing import PATIENCE_MS
from xieshang.dev import proxy
from xieshang.dev.serving import ServerDidNotStart, free_port, serve, settle
from xieshang.store.snapshots import Store

pytestmark = pytest.mark.slow
# Generous: two servers, nginx and two browsers share two busy cores.
WAIT_MS = 180_000
READ_ONLY_NOTE = "本节点为只读副本"


@pytest.fixture(scope="module")
def deployment(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """The writer, the replica and nginx in front over one store of their own (the suite's
    server is not used); their logs are printed when a test fails."""
    if not Path(proxy.NGINX).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{proxy.NGINX} is missing on CI: `make nginx` should have installed it")
        pytest.skip(f"{proxy.NGINX} is not installed (run `make nginx`)")
    tmp_path = tmp_path_factory.mktemp("replicas")
    shared = tmp_path / "shared-store"
    shared.mkdir()
    logs = {name: tmp_path / f"{name}.log" for name in ("writer", "replica", "nginx")}
    with ExitStack() as stack:
        opened = {name: stack.enter_context(path.open("w")) for name, path in logs.items()}
        try:
            writer = stack.enter_context(serve(shared, opened["writer"], timeout=180))
            replica = stack.enter_context(
                serve(shared, opened["replica"], timeout=180, env={"XIESHANG_READ_ONLY": "1"})
            )
            backends = [url.removeprefix("http://") for url in (writer, replica)]
            port = free_port()
            front = stack.enter_context(
                proxy.serve(backends, tmp_path / "nginx", port, log=opened["nginx"])
            )
        except (ServerDidNotStart, proxy.ProxyDidNotStart) as exc:
            pytest.fail(str(exc))
        try:
            yield {"front": front, "port": port, "data_dir": shared}
        finally:
            for name, path in logs.items():
                opened[name].flush()
                print(f"--- {name} log ---\n" + "\n".join(path.read_text().splitlines()[-40:]))
            print("--- nginx error log ---\n" + proxy.tail(tmp_path / "nginx"))


@pytest.fixture(autouse=True)
def e2e_data_dir(deployment: dict, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The CLI and Store() in this test read the shared store."""
    monkeypatch.setenv("XIESHANG_DATA_DIR", str(deployment["data_dir"]))
    return deployment["data_dir"]


def _open(browser, url: str):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    context.set_default_timeout(PATIENCE_MS)
    page = context.new_page()
    page.goto(url, timeout=WAIT_MS)
    settle(page, timeout=WAIT_MS / 1000)
    return page


def _snapshot_shown(page, snapshot_id: str) -> None:
    page.get_by_text(f"数据快照 {snapshot_id}").first.wait_for(timeout=WAIT_MS)


def _xieshang(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "xieshang", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
        check=False,
    )


def test_an_import_on_the_writer_appears_on_both_replicas_behind_nginx(
    deployment, browser, tmp_path
):
    port = deployment["port"]
    demo = Store().current().id
    # Two clients: nginx keeps 127.0.0.1 on the first process and ::1 on the second.
    on_writer = _open(browser, f"http://127.0.0.1:{port}/")
    on_replica = _open(browser, f"http://[::1]:{port}/")
    for page in (on_writer, on_replica):
        _snapshot_shown(page, demo)
    on_replica.get_by_text(READ_ONLY_NOTE).first.wait_for(timeout=WAIT_MS)
    assert not on_writer.get_by_text(READ_ONLY_NOTE).count()  # the writer is not read-only

    # The replica's own command line refuses to write the shared store ...
    refused = _xieshang(
        "import", str(write_export(tmp_path / "refused", {})), env={"XIESHANG_READ_ONLY": "1"}
    )
    assert refused.returncode == 2, refused.stderr
    assert READ_ONLY_NOTE in refused.stderr
    assert Store().current().id == demo
    # ... the writer's imports.
    done = _xieshang("import", str(write_export(tmp_path / "export", {})))
    assert done.returncode == 0, done.stderr
    imported = Store().current().id
    assert imported != demo

    # Both processes show the new snapshot on their next run: no restart, no reconnect.
    for page in (on_writer, on_replica):
        page.reload(timeout=WAIT_MS)
        settle(page, timeout=WAIT_MS / 1000)
        _snapshot_shown(page, imported)
        assert not page.locator('[data-testid="stException"]').count()


def test_the_replica_behind_nginx_refuses_import_and_rollback_on_its_page(deployment, browser):
    port = deployment["port"]
    page = _open(browser, f"http://[::1]:{port}/import")
    page.get_by_text(READ_ONLY_NOTE + "，不能导入或回滚数据").first.wait_for(timeout=WAIT_MS)
    page.get_by_role("tab", name="导入历史").click()
    settle(page, timeout=WAIT_MS / 1000)
    assert not page.get_by_role("button", name="回滚").count()
