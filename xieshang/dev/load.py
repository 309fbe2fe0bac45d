"""What one server process serves: N concurrent sessions rendering whole pages.

Each session is what a browser tab is to the server: one websocket on `/_stcore/stream`,
speaking Streamlit's own protocol (its protobufs): the client asks for a run of a page
(BackMsg `rerun_script` with the page and the URL's query string) and the server streams the
page's elements until ForwardMsg `script_finished`. A render's time is from the request to
that message, measured at the client on loopback: the server's time to run the page's script,
its queries and the element tree, plus the wait for a turn when other sessions keep the
server busy. A render fails when it ends with an exception element on the page, a compile
error, a page not found, a dropped connection or no end within the timeout.

Sessions walk the benchmark's pages in turn (each starting on a different one, so the pages
are mixed at every moment), `rounds` times, pausing `think` seconds (±50 %) between pages
as a reader does; with a pause, sessions also start spread over one pause. The server's CPU
time over the run, divided by the renders, is the cost of a render whatever the concurrency.
The websocket client is `websockets`, which Streamlit itself depends on.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from xieshang.dev.bench import PAGES

# The budget of issue #12: 20 concurrent sessions on this 2-core machine, p95 within 1 s.
BUDGET_P95 = 1.0
TIMEOUT = 300.0  # seconds a render may take before it counts as failed
# What the pages' addresses may read: the overview is also the default page at "/".
_NAMES = {"overview": ("", "home", "overview")}
_EARLY = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
_COMPILE_ERROR = ForwardMsg.ScriptFinishedStatus.FINISHED_WITH_COMPILE_ERROR


@dataclass(frozen=True)
class Render:
    session: int
    page: str
    seconds: float
    elements: int  # elements drawn (deltas received)
    title: str | None  # the page's first heading, as a reader sees it
    error: str | None


def run(
    url: str,
    sessions: int,
    *,
    rounds: int = 3,
    think: float = 0.0,
    region: str | None = None,
    pages: tuple[str, ...] = PAGES,
    seed: int = 1,
) -> list[Render]:
    """Drive `sessions` concurrent sessions against the server at `url` (http://host:port).

    The sessions run on an event loop of their own, in a thread of their own: the caller's
    thread may already run one (Playwright's sync API keeps a loop running in the test process,
    where asyncio.run refuses to start another)."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="load") as pool:
        return pool.submit(
            asyncio.run, _run(url, sessions, rounds, think, region, pages, seed)
        ).result()


async def _run(
    url: str,
    sessions: int,
    rounds: int,
    think: float,
    region: str | None,
    pages: tuple[str, ...],
    seed: int,
) -> list[Render]:
    renders: list[Render] = []
    await asyncio.gather(
        *(
            _session(url, i, rounds, think, region, pages, random.Random(seed + i), renders)  # noqa: S311 - pauses, not secrets
            for i in range(sessions)
        )
    )
    return renders


async def _session(
    url: str,
    index: int,
    rounds: int,
    think: float,
    region: str | None,
    pages: tuple[str, ...],
    rng: random.Random,
    renders: list[Render],
) -> None:
    order = [pages[(index + i) % len(pages)] for i in range(len(pages))] * rounds
    stream = "ws" + url.removeprefix("http") + "/_stcore/stream"
    if think:
        # Readers arrive spread over a pause, not all at one instant: a simultaneous start
        # queues every first render behind the others and measures only that burst.
        await asyncio.sleep(rng.uniform(0, think))
    try:
        async with connect(
            stream,
            subprotocols=["streamlit"],  # type: ignore[list-item]
            max_size=None,
            open_timeout=TIMEOUT,
            ping_interval=None,
        ) as socket:
            for page in order:
                renders.append(await _render(socket, index, page, region))
                if think:
                    await asyncio.sleep(think * rng.uniform(0.5, 1.5))
    except Exception as exc:  # a failed session is a result, reported as such
        done = sum(1 for r in renders if r.session == index)
        for page in order[done:]:
            renders.append(Render(index, page, 0.0, 0, None, f"session lost: {exc!r}"[:200]))


async def _render(socket: Any, index: int, page: str, region: str | None) -> Render:
    request = BackMsg()
    request.rerun_script.query_string = f"region={region}" if region else ""
    request.rerun_script.page_name = "" if page == "overview" else page
    started = time.perf_counter()
    await socket.send(request.SerializeToString())
    elements, title, error = 0, None, None
    deadline = started + TIMEOUT
    while True:
        try:
            data = await asyncio.wait_for(socket.recv(), deadline - time.perf_counter())
        except TimeoutError:
            error = f"no end within {TIMEOUT:.0f} s"
            break
        message = ForwardMsg()
        message.ParseFromString(data)
        kind = message.WhichOneof("type")
        if kind == "delta":
            elements += 1
            if message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                which = element.WhichOneof("type")
                if which == "exception":
                    error = error or f"{element.exception.type}: {element.exception.message}"[:200]
                elif which == "heading" and title is None:
                    title = element.heading.body
        elif kind == "navigation":
            ran = next(
                (
                    p.url_pathname
                    for p in message.navigation.app_pages
                    if p.page_script_hash == message.navigation.page_script_hash
                ),
                None,
            )
            if ran is not None and ran.strip("/") not in _NAMES.get(page, (page,)):
                # the router showed another page (an unknown name gets a "no such page" page)
                error = error or f"asked for {page}, got {ran or 'the default page'}"
        elif kind == "page_not_found":
            error = f"page not found: {page}"
        elif kind == "script_finished":
            if message.script_finished == _EARLY:
                continue  # the script asked for a rerun: the render goes on
            if message.script_finished == _COMPILE_ERROR:
                error = error or "compile error"
            break
    return Render(index, page, time.perf_counter() - started, elements, title, error)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time so far of process `pid` (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def summary(renders: list[Render], wall: float, cpu: float | None) -> dict[str, Any]:
    """p50/p95/max of render times, errors, renders per second and CPU per render."""
    times = sorted(r.seconds for r in renders if r.error is None)
    return {
        "renders": len(renders),
        "errors": sum(1 for r in renders if r.error is not None),
        "p50_s": statistics.median(times) if times else None,
        "p95_s": _quantile(times, 0.95),
        "max_s": times[-1] if times else None,
        "renders_per_s": len(renders) / wall if wall else None,
        "cpu_s_per_render": cpu / len(renders) if cpu is not None and renders else None,
        "by_page": {
            page: _quantile(sorted(r.seconds for r in renders if r.page == page), 0.95)
            for page in dict.fromkeys(r.page for r in renders)
        },
        "first_errors": sorted({r.error for r in renders if r.error})[:5],
        # Other work on the machine slows every figure here but the CPU per render.
        "load_average": os.getloadavg()[0],
    }


def report(sessions: int, think: float, found: dict[str, Any]) -> str:
    def s(value: float | None) -> str:
        return "—" if value is None else f"{value:.2f}"

    pages = ", ".join(f"{page} {s(p95)}" for page, p95 in found["by_page"].items())
    processes = found.get("processes", 1)
    lines = [
        f"{sessions} sessions, think {think:g} s"
        + (f", {processes} processes behind nginx" if processes > 1 else "")
        + f": {found['renders']} renders, "
        f"{found['errors']} errors; p50 {s(found['p50_s'])} s, p95 {s(found['p95_s'])} s, "
        f"max {s(found['max_s'])} s; {s(found['renders_per_s'])} renders/s; "
        f"server CPU {s(found['cpu_s_per_render'])} s per render "
        f"(machine load average {found['load_average']:.1f})",
        f"p95 by page (s): {pages}",
    ]
    lines += [f"error: {error}" for error in found["first_errors"]]
    return "\n".join(lines)


def as_dicts(renders: list[Render]) -> list[dict[str, Any]]:
    return [asdict(r) for r in renders]


def _quantile(values: list[float], q: float) -> float | None:
    """The nearest-rank quantile of sorted `values` (p95 of 100 renders is the 95th)."""
    if not values:
        return None
    rank = max(1, -(-len(values) * q // 1))
    return values[int(rank) - 1]


def measure(
    data_dir: Path,
    sessions: int,
    log: Path,
    *,
    rounds: int = 3,
    think: float = 0.0,
    region: str | None = None,
    pages: tuple[str, ...] = PAGES,
    processes: int = 1,
) -> tuple[list[Render], dict[str, Any]]:
    """Start one server over `data_dir` (`streamlit run app.py`, as `make run` does), render
    every page once in one session (what any visitor before the run would have cached), then
    drive `sessions` sessions and return the renders and their summary.

    With `processes` > 1, that many servers share the data dir (all but the first read-only)
    behind Debian's nginx, which gives each new session to the least busy one (`least_conn`:
    these sessions upload nothing, so they need no stickiness); the CPU is all of theirs."""
    from xieshang.dev import proxy, serving

    with ExitStack() as stack:
        out = stack.enter_context(log.open("w"))
        urls = [
            stack.enter_context(
                serving.serve(
                    data_dir, out, timeout=300, env={"XIESHANG_READ_ONLY": "1"} if i else None
                )
            )
            for i in range(processes)
        ]
        url = urls[0]
        if processes > 1:
            backends = [u.removeprefix("http://") for u in urls]
            url = stack.enter_context(
                proxy.serve(
                    backends,
                    log.parent / "nginx",
                    serving.free_port(),
                    log=out,
                    also_ipv6=False,
                    sticky="least_conn",
                )
            )
        run(url, processes, rounds=1, region=region, pages=pages)
        pids = [serving.server_pid(u) for u in urls]
        cpu = sum(cpu_seconds(pid) for pid in pids)
        started = time.perf_counter()
        renders = run(url, sessions, rounds=rounds, think=think, region=region, pages=pages)
        wall = time.perf_counter() - started
        used = sum(cpu_seconds(pid) for pid in pids) - cpu
    found = summary(renders, wall, used)
    found["processes"] = processes
    return renders, found
