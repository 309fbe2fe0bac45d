"""Reading the audit log as the 审计日志 page does: filtered by day, user, kind and text, newest
first, capped but counted in full, and never stopped by a line a crash tore."""

from __future__ import annotations

import json
from datetime import date

from xieshang.access import audit


def write(*entries: dict, torn: bytes = b"") -> None:
    audit.path().parent.mkdir(parents=True, exist_ok=True)
    with audit.path().open("wb") as log:
        for entry in entries:
            log.write(json.dumps(entry, ensure_ascii=False).encode("utf-8") + b"\n")
        log.write(torn)


def event(at: str, kind: str, who: str | None, **details: object) -> dict:
    return {"at": at, "event": kind, "who": who, "from": "10.0.0.1", **details}


LOG = (
    event("2026-11-29T23:59:59.000+00:00", "sign_in", "zhang@a"),
    event("2026-11-30T08:00:00.000+00:00", "download", "zhang@a", file="霞丹县_2025年.csv"),
    event("2026-11-30T09:00:00.000+00:00", "import", "li@p", snapshot="s2"),
    event("2026-12-01T10:00:00.000+00:00", "refused", None, reason="no identity"),
    event("2026-12-01T11:00:00.000+00:00", "download", "li@p", file="青岚市_2025年.xlsx"),
)


def test_newest_first_capped_but_counted_in_full(isolated_store):
    write(*LOG)

    found = audit.search(limit=2)

    assert found.total == 5
    assert [e["at"][:13] for e in found.events] == ["2026-12-01T11", "2026-12-01T10"]
    assert found.people == ["li@p", "zhang@a"]


def test_filters_by_days_user_kind_and_text(isolated_store):
    write(*LOG)

    days = audit.search(date(2026, 11, 30), date(2026, 11, 30))
    by_user = audit.search(who="zhang@a")
    downloads = audit.search(event="download")
    text = audit.search(text="霞丹")
    upper = audit.search(text="NO IDENTITY")
    all_of_them = audit.search(date(2026, 11, 30), None, "li@p", "download", "xlsx")

    assert [e["at"][:10] for e in days.events] == ["2026-11-30", "2026-11-30"]
    assert {e["who"] for e in by_user.events} == {"zhang@a"} and by_user.total == 2
    assert [e["who"] for e in downloads.events] == ["li@p", "zhang@a"]
    assert [e["file"] for e in text.events] == ["霞丹县_2025年.csv"]
    assert [e["event"] for e in upper.events] == ["refused"]
    assert [e["file"] for e in all_of_them.events] == ["青岚市_2025年.xlsx"]


def test_a_torn_last_line_and_junk_are_skipped_never_fatal(isolated_store):
    write(*LOG[:2], torn=b'["not an object"]\n\xff\xfe\n{"at": "2026-12-01T12:00:00", "ev')

    found = audit.search()

    assert found.total == 2 and [e["event"] for e in found.events] == ["download", "sign_in"]


def test_no_log_yet_is_no_events(isolated_store):
    assert audit.search() == audit.Found([], 0, [])


def test_a_log_that_cannot_be_written_is_reported_not_raised(tmp_path, monkeypatch, caplog):
    """A replica whose data dir is mounted read-only: a sign-in must not become a traceback."""
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data dir should be", encoding="utf-8")
    monkeypatch.setenv("XIESHANG_DATA_DIR", str(blocked))

    audit.record("sign_in", "viewer@a", "10.0.0.1")

    assert "audit log not written" in caplog.text and "viewer@a" in caplog.text
