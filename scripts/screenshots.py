"""Screenshots of every page at 1440×900 in a real browser, for docs/screenshots and the README.

Usage: .venv/bin/python scripts/screenshots.py [OUT_DIR]
Needs Debian's chromium (and fonts-noto-cjk for Chinese) and the dev dependency playwright.
Starts its own server on a free loopback port against the current data dir.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = {
    "overview": "?region=990100000000",
    "rooms": "rooms?region=990100000000",
    "members": "members?region=990100000000",
    "adoption": "adoption?region=990000000000",
    "regions": "regions?region=990000000000",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = subprocess.Popen(
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
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            for name, path in SHOTS.items():
                for _ in range(60):  # the server may still be starting
                    try:
                        page.goto(f"http://127.0.0.1:{port}/{path}")
                        break
                    except Exception:
                        time.sleep(0.5)
                page.wait_for_selector("h1", timeout=60_000)
                page.wait_for_function(
                    "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                    timeout=60_000,
                )
                time.sleep(1.5)  # let plotly finish drawing
                page.screenshot(path=str(out / f"{name}.png"))
                print(out / f"{name}.png")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
