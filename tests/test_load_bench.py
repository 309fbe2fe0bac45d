"""The load benchmark's client speaks Streamlit's websocket protocol to a real server: two
sessions render every page and each render ends with the page drawn, without an error. Its
times are recorded in docs/benchmarks.md, never asserted."""

from __future__ import annotations

from pathlib import Path

import pytest

from xieshang.dev import load, proxy
from xieshang.dev.bench import PAGES

pytestmark = pytest.mark.slow
TITLES = {"overview": "总览", "rooms": "议事室覆盖", "members": "委员下沉"}
TITLES |= {"adoption": "建议采纳", "regions": "区域比较"}


def test_two_sessions_render_every_page_to_the_end_without_errors(tmp_path: Path):
    renders, found = load.measure(tmp_path / "store", 2, tmp_path / "server.log", rounds=1)

    assert not [r for r in renders if r.error], found["first_errors"]
    assert sorted((r.session, r.page) for r in renders) == sorted(
        (session, page) for session in (0, 1) for page in PAGES
    )
    # each render drew its own page, whole: its title, then its figures and tables
    assert all(r.title == TITLES[r.page] and r.elements > 20 for r in renders), renders
    assert found["errors"] == 0 and found["renders"] == 2 * len(PAGES)


def test_a_render_that_fails_is_counted_as_an_error(tmp_path: Path):
    """The client reports what a reader would see: a page that does not exist is an error."""
    renders, found = load.measure(
        tmp_path / "store", 1, tmp_path / "server.log", rounds=1, pages=("no_such_page",)
    )
    assert found["errors"] == 1 and renders[0].error


def test_sessions_render_through_nginx_in_front_of_two_processes(tmp_path: Path):
    if not Path(proxy.NGINX).exists():
        pytest.skip(f"{proxy.NGINX} is not installed (run `make nginx`)")
    renders, found = load.measure(
        tmp_path / "store", 2, tmp_path / "server.log", rounds=1, processes=2
    )

    assert not [r for r in renders if r.error], found["first_errors"]
    assert all(r.title == TITLES[r.page] for r in renders), renders
    assert found["renders"] == 2 * len(PAGES)
