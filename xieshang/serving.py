"""Serve the app in a child process and drive it with Debian's Chromium: shared by the browser
tests and the browser benchmark, so both measure the app the same way a visitor gets it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

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


def peak_memory_mb(url: str) -> float:
    """The peak resident memory so far of the server serving `url` (Linux: VmHWM)."""
    status = Path(f"/proc/{_SERVED[url]}/status").read_text()
    line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


@contextmanager
def serve(data_dir: Path, log: IO[str], timeout: float = 60) -> Iterator[str]:
    """The app as `make run` starts it (xieshang.launch: `streamlit run app.py` with a warm-up),
    on a free loopback port over `data_dir`; yields its URL once it answers its health check."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and app, fixed arguments
        [
            sys.executable,
            "-m",
            "xieshang.launch",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env={**os.environ, "XIESHANG_DATA_DIR": str(data_dir)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        break
            except OSError:
                if time.time() > deadline:
                    raise ServerDidNotStart(
                        f"no answer from {url} within {timeout:.0f} s"
                    ) from None
                time.sleep(0.2)
        _SERVED[url] = process.pid
        yield url
    finally:
        _SERVED.pop(url, None)
        process.terminate()
        process.wait(timeout=15)


def settle(page, timeout: float = 60) -> float:
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
