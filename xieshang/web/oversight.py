"""The oversight records a view shows (the scorecard, the 督办 review, the targets in force),
cached like the rest of a view's data: every cached function takes what its result depends on
as arguments (the snapshot, the scope, the defaults' and the follow-up log's stamps, which
Streamlit hashes like any argument not starting with "_"), so a new snapshot, a changed
targets.toml or a new follow-up is a new key."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from xieshang.kpis import scorecard, supervision
from xieshang.kpis import targets as targeting
from xieshang.kpis.scope import Scope
from xieshang.store.snapshots import Snapshot
from xieshang.web.view import View


def _snapshot(snapshot_id: str, path: str) -> Snapshot:
    return Snapshot(snapshot_id, Path(path), {})


def _stamp(path: Path) -> tuple[float, int]:
    """A file's modification time and size: a new key whenever it changes."""
    try:
        found = path.stat()
    except OSError:
        return (0.0, 0)
    return (found.st_mtime, found.st_size)


def targets_stamp() -> tuple[str, tuple[float, int]]:
    """Which defaults are in force, and their stamp."""
    path = targeting.defaults_path()
    return str(path), _stamp(path)


def log() -> supervision.Log:
    return supervision.Log()


@st.cache_data(show_spinner=False, max_entries=64)
def _scorecard(
    snapshot_id: str,
    path: str,
    scope: Scope,
    weights: tuple[tuple[str, float], ...],
    min_n: int,
    defaults_stamp: tuple[str, tuple[float, int]],
    table_stamp: tuple[float, int],
) -> scorecard.Scorecard:
    return scorecard.build(_snapshot(snapshot_id, path), scope, dict(weights), min_n)


@st.cache_data(show_spinner=False, max_entries=64)
def _review(
    snapshot_id: str,
    path: str,
    scope: Scope,
    parts: tuple[supervision.Part, ...],
    log_path: str,
    log_stamp: tuple[float, int],
    defaults_stamp: tuple[str, tuple[float, int]],
    table_stamp: tuple[float, int],
) -> supervision.Review:
    return supervision.review(
        _snapshot(snapshot_id, path), scope, parts=parts, log=supervision.Log(Path(log_path))
    )


@st.cache_data(show_spinner=False, max_entries=64)
def _tally(
    snapshot_id: str,
    path: str,
    scope: Scope,
    defaults_stamp: tuple[str, tuple[float, int]],
    table_stamp: tuple[float, int],
) -> supervision.Tally:
    return supervision.tally(_snapshot(snapshot_id, path), scope)


def tally(v: View) -> supervision.Tally:
    """The view's 督办 review summed up (the overview's attention list): counted, not listed,
    so the country's summary costs what a county's does."""
    snapshot = v.snapshot
    return _tally(
        snapshot.id, str(snapshot.path), v.scope, targets_stamp(), _stamp(snapshot.targets_path)
    )


def card(v: View, weights: dict[str, float], min_n: int) -> scorecard.Scorecard:
    """The scorecard of the view's children."""
    snapshot = v.snapshot
    return _scorecard(
        snapshot.id,
        str(snapshot.path),
        v.scope,
        tuple(sorted(weights.items())),
        min_n,
        targets_stamp(),
        _stamp(snapshot.targets_path),
    )


def review(v: View, parts: tuple[supervision.Part, ...] = supervision.PARTS) -> supervision.Review:
    """The view's 督办 items with their follow-ups, and those closed automatically."""
    snapshot = v.snapshot
    found = log()
    return _review(
        snapshot.id,
        str(snapshot.path),
        v.scope,
        parts,
        str(found.path),
        _stamp(found.path),
        targets_stamp(),
        _stamp(snapshot.targets_path),
    )


def period_key(v: View) -> str:
    return supervision.period_key(v.scope.date_from, v.scope.date_to)
