"""The audit log: every sign-in, refused access, import, rollback, download and API call,
appended to `audit.log` in the data dir as one JSON object a line, fsynced, never rewritten.

A crash mid-write leaves at most a torn last line: reading skips it (and any line that is not
a JSON object), it is never fatal.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from xieshang.paths import data_dir

FILE = "audit.log"
_LOG = logging.getLogger("xieshang.audit")
EVENTS = (
    "sign_in",
    "refused",
    "import",
    "rollback",
    "download",
    "api",
    "users",
    "targets",
    "followup",
)
_LOCK = threading.Lock()


def path() -> Path:
    return data_dir() / FILE


def record(event: str, who: str | None, where: str | None = None, **details: Any) -> None:
    """Append one event (who did what, from where, with what) and flush it to disk."""
    entry = {
        "at": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "event": event,
        "who": who,
        "from": where,
        **{k: v for k, v in details.items() if v is not None},
    }
    line = json.dumps(entry, ensure_ascii=False, default=str) + "\n"
    try:
        _append(path(), line)
    except OSError:
        # A data dir that cannot be written (a replica's read-only mount, a full disk) must not
        # turn every sign-in into a traceback: the server's log says what was not recorded.
        _LOG.exception("audit log not written: %s", line.strip())


def _append(target: Path, line: str) -> None:
    with _LOCK:
        target.parent.mkdir(parents=True, exist_ok=True)
        # O_APPEND: concurrent writers (two replicas) never interleave within a line.
        fd = os.open(target, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o640)
        try:
            size = os.fstat(fd).st_size
            # After a crash mid-write the last line is torn: start on a line of our own, so
            # the torn one stays alone (and skipped) rather than swallowing this event.
            torn = size > 0 and os.pread(fd, 1, size - 1) != b"\n"
            os.write(fd, (b"\n" if torn else b"") + line.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)


def read(
    event: str | None = None, who: str | None = None, since: str | None = None
) -> Iterator[dict[str, Any]]:
    """The events, oldest first, optionally of one kind, by one user, or from a day on."""
    try:
        handle = path().open("rb")
    except FileNotFoundError:
        return
    with handle:
        for raw in handle:
            try:
                entry = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                continue  # a torn last line (a crash mid-write), or anything not JSON
            if not isinstance(entry, dict):
                continue
            if event and entry.get("event") != event:
                continue
            if who and entry.get("who") != who:
                continue
            if since and str(entry.get("at", "")) < since:
                continue
            yield entry


@dataclass(frozen=True)
class Found:
    """The events a search matched: the newest `limit` of them, newest first, and how many
    matched in all."""

    events: list[dict[str, Any]]
    total: int
    # Everyone the whole log names (for the page's filter), whatever the search.
    people: list[str]


def search(
    start: date | None = None,
    end: date | None = None,
    who: str | None = None,
    event: str | None = None,
    text: str | None = None,
    limit: int | None = 500,
) -> Found:
    """The events from `start` to `end` (UTC days, both included), by `who`, of kind `event`,
    holding `text` anywhere (any case); the newest `limit` (None: all), newest first."""
    since = start.isoformat() if start else None
    until = end.isoformat() if end else None
    needle = (text or "").strip().casefold()
    kept: deque[dict[str, Any]] = deque(maxlen=limit)
    total = 0
    people: set[str] = set()
    for entry in read():
        person = entry.get("who")
        if person:
            people.add(str(person))
        day = str(entry.get("at", ""))[:10]
        if (since and day < since) or (until and day > until):
            continue
        if (who and person != who) or (event and entry.get("event") != event):
            continue
        if needle and needle not in " ".join(map(str, entry.values())).casefold():
            continue
        total += 1
        kept.append(entry)
    return Found(list(reversed(kept)), total, sorted(people))
