"""Starting the real server: what a failed start reports, and where `make run` listens."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from xieshang.dev.serving import ServerDidNotStart, answered, free_port, serve
from xieshang.paths import ROOT


def test_a_server_that_dies_at_start_reports_its_own_log(tmp_path, monkeypatch):
    """The harness used to say only "no answer within 60 s" while the traceback sat in a
    temporary log: the reason must be in the failure itself."""
    crash = tmp_path / "crash"
    crash.mkdir()
    # Runs at interpreter start in the server process only (PYTHONPATH is the child's).
    (crash / "sitecustomize.py").write_text(
        "raise SystemExit('模拟启动失败: the server could not start')\n", encoding="utf-8"
    )
    env = {"PYTHONPATH": str(crash)}
    with (
        (tmp_path / "server.log").open("w") as log,
        pytest.raises(ServerDidNotStart) as failed,
        serve(tmp_path / "store", log, timeout=60, env=env),
    ):
        pass

    assert "exited with code 1" in str(failed.value)
    assert "模拟启动失败: the server could not start" in str(failed.value)


def _tail(log: Path, lines: int = 40) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def _listening(port: int) -> set[str]:
    """The local addresses with a socket listening on `port` (Linux /proc/net/tcp*)."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port and len(address) == width:
                found.add(address)
    return found


@pytest.mark.slow
def test_make_run_listens_on_loopback_only(tmp_path):
    """`make run` as the README gives it (its own port, nothing else): the project's config
    keeps the app on 127.0.0.1, so no other machine can reach it."""
    env = {**os.environ, "XIESHANG_DATA_DIR": str(tmp_path / "store"), "MAKEFLAGS": ""}
    built = subprocess.run(["make", "-q", ".venv/.installed"], cwd=ROOT, env=env, check=False)
    if built.returncode != 0:  # `make test` has built it; a bare pytest run may not have
        pytest.skip("make run would build .venv first")
    port = free_port()
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    with (tmp_path / "run.log").open("w") as log:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "run", f"PORT={port}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            answered(
                process,
                url,
                120,
                lambda why: AssertionError(f"make run {why}:\n{_tail(tmp_path / 'run.log')}"),
            )
            addresses = _listening(port)
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)

    assert addresses == {"0100007F"}, addresses  # 127.0.0.1, not 0.0.0.0 or ::


def test_make_compiles_the_package_so_no_process_compiles_it_again(tmp_path):
    """`make run` and `make test` compile the package (pip compiles what it installs, not an
    editable install): where Python may not write bytecode, each command and each server
    would otherwise compile every module again. A changed file is compiled at the next run."""
    import importlib.util

    env = {**os.environ, "MAKEFLAGS": ""}
    built = subprocess.run(["make", "-q", ".venv/.installed"], cwd=ROOT, env=env, check=False)
    if built.returncode != 0:
        pytest.skip("make would build .venv first")
    # As if never compiled, where no process may write bytecode.
    dropped = Path(importlib.util.cache_from_source(str(ROOT / "xieshang" / "format.py")))
    dropped.unlink(missing_ok=True)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    subprocess.run(["make", "--no-print-directory", "bytecode"], cwd=ROOT, env=env, check=True)

    assert dropped.exists()
    stale = []
    for source in sorted((ROOT / "xieshang").rglob("*.py")):
        compiled = Path(importlib.util.cache_from_source(str(source)))
        if not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime:
            stale.append(str(source.relative_to(ROOT)))
    assert not stale, stale
