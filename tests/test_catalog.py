"""The stored catalog (xieshang.store.derived.catalog): a command that answers once and exits
opens one small DuckDB file of views and macros instead of creating each of them. It must give
exactly the figures the server's connection gives, be built once, never be opened when it
holds anything other than what the code would create, and never be needed."""

from __future__ import annotations

import json
import os
import threading

import pytest
from factories import EAST, PROVINCE, V1, V3, member, posting, room, scope, suggestion

from xieshang import sqlfiles
from xieshang.cli.main import main
from xieshang.engine import sql
from xieshang.kpis import metrics
from xieshang.store import derived

PERIOD = ("--from", "2024-01-01", "--to", "2024-12-31")


@pytest.fixture
def snap(snapshot_of):
    return snapshot_of(
        rooms=[room("R1", EAST), room("R2", V1), room("R3", V3)],
        members=[member("M1"), member("M2")],
        member_postings=[posting("M1", V1), posting("M2", V3)],
        suggestions=[
            suggestion("S1", filed="2024-03-02", concluded="2024-04-01", outcome="adopted"),
            suggestion("S2", submitted="2024-05-01"),
        ],
    )


def _cli_kpis(capsys) -> dict:
    sql.connection.cache_clear()  # a new process, as far as connections go
    assert main(["kpis", "--region", PROVINCE, *PERIOD, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def _catalogs(snapshot) -> list:
    return sorted((snapshot.path / derived.folder_name()).glob("catalog-*.duckdb"))


def _figures(answer: dict) -> dict:
    return {block: answer[block] for block in metrics.BLOCKS}


def test_the_cli_builds_the_catalog_once_and_its_figures_are_the_servers(snap, capsys, monkeypatch):
    served = metrics.kpis(snap, scope(PROVINCE))  # the server's connection: tables in memory
    assert not _catalogs(snap)

    first = _cli_kpis(capsys)
    (built,) = _catalogs(snap)
    stamp = built.stat().st_mtime_ns

    def not_again(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("views and macros created again")

    monkeypatch.setattr(derived, "attach", not_again)
    again = _cli_kpis(capsys)

    assert _catalogs(snap) == [built] and built.stat().st_mtime_ns == stamp  # opened, not rebuilt
    assert _figures(first) == _figures(again) == _figures(served)
    assert first["rooms"]["active"] == 3 and first["suggestions"]["adopted_any"] == 1


def test_a_catalog_of_other_macros_is_never_opened_and_is_replaced(snap, capsys, monkeypatch):
    before = _cli_kpis(capsys)
    (old,) = _catalogs(snap)
    load = sqlfiles.load
    # The code changes how a figure is read: here every adopted suggestion counts twice.
    changed = load("setup/readers").replace(
        "sum(adopted_any)::bigint as adopted_any", "2 * sum(adopted_any)::bigint as adopted_any"
    )
    assert changed != load("setup/readers")
    monkeypatch.setattr(sqlfiles, "load", lambda n: changed if n == "setup/readers" else load(n))

    after = _cli_kpis(capsys)

    (new,) = _catalogs(snap)
    assert new != old and not old.exists()
    assert after["suggestions"]["adopted_any"] == 2 * before["suggestions"]["adopted_any"] == 2


def test_a_store_that_cannot_hold_the_catalog_still_answers(snap, capsys, monkeypatch):
    served = metrics.kpis(snap, scope(PROVINCE))

    def refused(*_args: object) -> None:
        raise PermissionError("read-only file system")

    monkeypatch.setattr(derived.os, "replace", refused)
    answer = _cli_kpis(capsys)

    assert _figures(answer) == _figures(served)
    folder = snap.path / derived.folder_name()
    assert not _catalogs(snap)
    assert not [name for name in os.listdir(folder) if name.endswith(".tmp")]  # nothing left


def test_a_snapshot_without_stored_tables_has_no_catalog_until_they_are_built(snap):
    folder = snap.path / derived.folder_name()
    (folder / "COMPLETE").unlink()

    assert derived.catalog(snap.path, snap.path) is None
    assert not _catalogs(snap)


def test_queries_run_side_by_side_answer_in_order_and_raise_the_first_error(snap):
    asked = [
        ("meta/units", {"anchors": [PROVINCE]}),
        ("meta/units", {"anchors": [EAST, V1]}),
        ("meta/children", {"region": PROVINCE}),
    ]
    answers = sql.rows_many(snap, asked)
    assert answers == [sql.rows(snap, name, **params) for name, params in asked]
    assert [r["unit_code"] for r in answers[1]] == sorted([EAST, V1])

    sql.close()  # what a command does before it exits: the next asks open them again
    assert sql.rows_many(snap, asked) == answers

    with pytest.raises(KeyError, match="needs parameters"):
        sql.rows_many(snap, [("meta/units", {"anchors": [PROVINCE]}), ("meta/children", {})])


def test_steps_asked_together_run_at_once_answer_in_order_and_raise_the_first_error(snap) -> None:
    # Three calls that each wait for the other two: asked one after another they would time out.
    met = threading.Barrier(3, timeout=20)
    seen: list[object] = []

    def step(name: str, params: dict[str, object]):
        def call() -> list[dict[str, object]]:
            seen.append(sql.batch())
            met.wait()
            return sql.rows(snap, name, **params)

        return call

    asked: list[tuple[str, dict[str, object]]] = [
        ("meta/units", {"anchors": [PROVINCE]}),
        ("meta/units", {"anchors": [EAST, V1]}),
        ("meta/children", {"region": PROVINCE}),
    ]
    answers = sql.side_by_side([step(name, params) for name, params in asked])

    assert answers == [sql.rows(snap, name, **params) for name, params in asked]
    assert len(seen) == 3 and seen[0] is not None and all(mark is seen[0] for mark in seen)
    assert sql.batch() is None  # outside the call, nothing is marked

    entered: list[str] = []

    def failing(error: Exception):
        def call() -> None:
            raise error

        return call

    with pytest.raises(KeyError, match="first"):
        sql.side_by_side(
            [lambda: 1, failing(KeyError("first")), failing(ValueError("second"))],
            enter=lambda: entered.append(threading.current_thread().name),
        )
    assert len(entered) == 2  # each call but the first ran in a thread of its own
    assert sql.side_by_side([]) == []
