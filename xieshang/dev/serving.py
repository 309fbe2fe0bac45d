"""Serve the app in a child process and drive it with Debian's Chromium: shared by the browser
tests and the browser benchmark, so both measure the app the same way a visitor gets it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from xieshang.paths import ROOT

CHROMIUM = os.environ.get("XIESHANG_CHROMIUM", "/usr/bin/chromium")
# Flags for a headless chromium on a machine whose network reaches nothing but loopback.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class ServerDidNotStart(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


_SERVED: dict[str, int] = {}  # url -> pid of the server process


def server_pid(url: str) -> int:
    """The process id of the server serving `url`."""
    return _SERVED[url]


def peak_memory_mb(url: str) -> float:
    """The peak resident memory so far of the server serving `url` (Linux: VmHWM)."""
    status = Path(f"/proc/{_SERVED[url]}/status").read_text()
    line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def answered(
    process: subprocess.Popen[Any],
    url: str,
    timeout: float,
    failure: Callable[[str], Exception],
) -> None:
    """Wait until `url` answers its health check; if `process` exits first or the time runs out,
    raise `failure(why)` (the caller adds the end of its log)."""
    deadline = time.time() + timeout
    while True:
        if process.poll() is not None:
            raise failure(f"exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as answer:  # noqa: S310
                if answer.status == 200:
                    return
        except OSError:
            if time.time() > deadline:
                raise failure(f"gave no answer from {url} within {timeout:.0f} s") from None
            time.sleep(0.2)


@contextmanager
def serve(
    data_dir: Path,
    log: IO[str],
    timeout: float = 120,
    env: dict[str, str] | None = None,
    port: int | None = None,
) -> Iterator[str]:
    """The app as `make run` starts it (`streamlit run app.py`: the st.App with its warm-up),
    on a free loopback port over `data_dir`; yields its URL once it answers its health check.

    If the server exits or does not answer in time, ServerDidNotStart carries the end of the
    server's own log, so the reason is in the test report rather than in a temporary file.
    `port` is for a test that must name the address before the server starts (an OIDC
    redirect URI); otherwise a free one is taken.
    """
    port = port or free_port()
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and app, fixed arguments
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env={**os.environ, "XIESHANG_DATA_DIR": str(data_dir), **(env or {})},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        answered(
            process,
            url,
            timeout,
            lambda why: ServerDidNotStart(f"the server {why}:\n{_tail(log)}"),
        )
        _SERVED[url] = process.pid
        yield url
    finally:
        _SERVED.pop(url, None)
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def _tail(log: IO[str], lines: int = 60) -> str:
    """The last lines the server wrote to `log` (a file opened for writing)."""
    log.flush()
    try:
        text = Path(log.name).read_text(encoding="utf-8", errors="replace")
    except (OSError, AttributeError, TypeError):
        return "(the server's log could not be read)"
    return "\n".join(text.splitlines()[-lines:]) or "(the server wrote nothing)"


def settle(page, timeout: float = 120) -> float:
    """Wait until Streamlit has finished running the script and drawing; returns the
    `time.perf_counter()` at which it finished (quiet for 0.6 s from then on)."""
    page.wait_for_selector("h1", timeout=timeout * 1000)
    deadline = time.time() + timeout
    while time.time() < deadline:
        if not page.locator('[data-testid="stStatusWidget"]').count():
            finished = time.perf_counter()
            time.sleep(0.6)
            if not page.locator('[data-testid="stStatusWidget"]').count():
                return finished
        time.sleep(0.05)
    raise TimeoutError(f"the page was still running after {timeout:.0f} s")


def wait_for_text(page, text: str, timeout: float = 120) -> str:
    """The text of the first frame showing `text` (the wall draws in its own frame)."""
    from playwright.sync_api import Error as PlaywrightError

    deadline = time.time() + timeout
    while time.time() < deadline:
        for frame in page.frames:
            try:
                shown = frame.locator("body").inner_text(timeout=2_000)
            except PlaywrightError:  # a frame being replaced: look again
                shown = ""
            if text in shown:
                return str(shown)
        time.sleep(0.3)
    raise AssertionError(f"{text!r} never appeared")
