from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

import filelock
import pyarrow.parquet as pq
import pytest
from factories import V1, V3, room, scope, write_export
from test_contract_rules import tree_digest

from xieshang.kpis import metrics
from xieshang.store import snapshots as store_module
from xieshang.store.imports import Importer
from xieshang.store.snapshots import DEMO_ID, StaleBase, Store, StoreBusy


def test_with_nothing_imported_the_demo_export_is_current(isolated_store):
    current = Store().current()

    assert current.id == DEMO_ID and current.is_demo
    assert not isolated_store.exists()  # reading never creates anything


def test_an_import_becomes_current_and_carries_the_other_tables_over(tmp_path):
    store = Store()
    snapshot = Importer(store).import_files(
        [write_export(tmp_path / "in", {"rooms": [room("R1", V1)]})], who="李分析"
    )
    rooms_only = Importer(store).import_files(
        [write_export(tmp_path / "in2", {"rooms": [room("R2", V3)]}, only={"rooms"})], who="王"
    )

    assert store.current().id == rooms_only.id != snapshot.id
    assert pq.read_table(rooms_only.table_path("rooms")).column("room_id").to_pylist() == ["R2"]
    carried = rooms_only.manifest["tables"]["regions"]
    assert carried == {"rows": 11, "carried_over": True}
    # snapshots never change, so the carried-over file shares the old one's bytes
    assert (
        rooms_only.table_path("regions").stat().st_ino
        == snapshot.table_path("regions").stat().st_ino
    )


def test_the_manifest_records_who_when_and_each_source_with_its_hash(tmp_path):
    Importer().import_files([write_export(tmp_path / "base", {})], who="base")
    folder = write_export(tmp_path / "in", {"rooms": [room("R1", V1)]}, only={"rooms"})
    snapshot = Importer().import_files([folder], who="李分析")

    (source,) = snapshot.manifest["sources"]
    original = (folder / "rooms.parquet").read_bytes()
    assert snapshot.manifest["who"] == "李分析"
    assert snapshot.manifest["created_at"]
    assert source["name"] == "rooms.parquet"
    assert source["size"] == len(original)
    assert source["sha256"] == hashlib.sha256(original).hexdigest()
    # the original is kept beside the snapshot, under its hash rather than its own name
    assert (snapshot.path / source["stored_as"]).read_bytes() == original
    assert source["stored_as"] == f"sources/{source['sha256']}.parquet"


def test_an_uploaded_name_never_becomes_a_path(tmp_path):
    Importer().import_files([write_export(tmp_path / "base", {})], who="base")
    folder = tmp_path / "in"
    write_export(folder, {"rooms": [room("R1", V1)]}, only={"rooms"})
    sneaky = folder / "../in/rooms.parquet"
    snapshot = Importer().import_files([sneaky], who="x")

    (source,) = snapshot.manifest["sources"]
    assert source["name"] == "rooms.parquet"
    stored = [p.name for p in (snapshot.path / "sources").iterdir()]
    assert stored == [f"{source['sha256']}.parquet"]


def test_history_lists_snapshots_newest_first_and_rollback_is_recorded(tmp_path):
    store = Store()
    first = Importer(store).import_files(
        [write_export(tmp_path / "a", {"rooms": [room("R1", V1)]})], "a"
    )
    second = Importer(store).import_files(
        [write_export(tmp_path / "b", {"rooms": [room("R2", V3)]})], "b"
    )

    rolled = store.rollback(first.id, who="c")

    assert [s.id for s in store.history()] == [rolled.id, second.id, first.id, DEMO_ID]
    assert store.current().id == rolled.id
    assert rolled.manifest["action"] == "rollback"
    assert rolled.manifest["rolled_back_to"] == first.id
    assert metrics.kpis(rolled, scope())["rooms"]["villages_covered"] == 1
    assert pq.read_table(rolled.table_path("rooms")).column("room_id").to_pylist() == ["R1"]


def test_rollback_to_the_demo_export_works(tmp_path):
    store = Store()
    Importer(store).import_files([write_export(tmp_path / "a", {"rooms": [room("R1", V1)]})], "a")

    rolled = store.rollback(DEMO_ID, who="c")

    assert rolled.row_counts() == store.get(DEMO_ID).row_counts()


def test_a_crash_while_writing_leaves_the_previous_snapshot_current(tmp_path, monkeypatch):
    store = Store()
    good = Importer(store).import_files(
        [write_export(tmp_path / "a", {"rooms": [room("R1", V1)]})], "a"
    )
    before = tree_digest(store.root)
    calls = []

    def dies_on_second_table(data, name, target):
        calls.append(name)
        if len(calls) == 2:
            raise KeyboardInterrupt("power cut")
        return original(data, name, target)

    original = store_module.write_table
    monkeypatch.setattr(store_module, "write_table", dies_on_second_table)
    with pytest.raises(KeyboardInterrupt):
        Importer(store).import_files(
            [write_export(tmp_path / "b", {"rooms": [room("R2", V3)]})], "b"
        )
    monkeypatch.setattr(store_module, "write_table", original)

    assert store.current().id == good.id
    assert (store.root / "CURRENT").read_text().strip() == good.id
    leftovers = list((store.root / "snapshots").glob(".tmp-*"))
    assert leftovers  # the half-written folder is there, but nobody reads it
    assert tree_digest(store.root / "snapshots" / good.id) == {
        k.split("/", 2)[2]: v for k, v in before.items() if k.startswith(f"snapshots/{good.id}/")
    }
    Importer(store).import_files([write_export(tmp_path / "c", {"rooms": [room("R3", V3)]})], "c")
    assert not list((store.root / "snapshots").glob(".tmp-*"))  # cleaned by the next writer


def test_a_second_writer_is_refused_clearly_while_the_lock_is_held(tmp_path):
    store = Store(lock_timeout=0.2)
    store.root.mkdir(parents=True)
    folder = write_export(tmp_path / "a", {"rooms": [room("R1", V1)]})
    with filelock.FileLock(store.root / ".lock"), pytest.raises(StoreBusy) as caught:
        Importer(store).import_files([folder], "a")
    assert caught.value.message("zh") == "另一个导入正在进行，请稍后再试"
    assert store.current().is_demo


def test_two_imports_at_once_both_land_one_after_the_other(tmp_path):
    folders = [write_export(tmp_path / f"in{i}", {"rooms": [room(f"R{i}", V1)]}) for i in range(2)]
    errors: list[BaseException] = []

    def run(folder: Path) -> None:
        try:
            Importer().import_files([folder], who="t")
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(f,)) for f in folders]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert not errors
    history = Store().history()
    assert len(history) == 3
    for snapshot in history[:2]:
        assert (
            json.loads((snapshot.path / "manifest.json").read_text())["tables"]["rooms"]["rows"]
            == 1
        )


def test_a_prepared_import_is_not_committed_over_a_newer_snapshot(tmp_path):
    store = Store()
    prepared = Importer(store).prepare([write_export(tmp_path / "a", {"rooms": [room("R1", V1)]})])
    Importer(store).import_files([write_export(tmp_path / "b", {"rooms": [room("R2", V3)]})], "b")

    with pytest.raises(StaleBase):
        Importer(store).commit(prepared, who="a")


def test_a_reader_keeps_reading_its_snapshot_while_a_new_one_lands(tmp_path):
    store = Store()
    old = Importer(store).import_files(
        [write_export(tmp_path / "a", {"rooms": [room("R1", V1)]})], "a"
    )
    assert metrics.kpis(old, scope())["rooms"]["active"] == 1

    Importer(store).import_files(
        [write_export(tmp_path / "b", {"rooms": []})], "b", allow_shrink=True
    )

    assert metrics.kpis(old, scope())["rooms"]["active"] == 1
    assert metrics.kpis(store.current(), scope())["rooms"]["active"] == 0


def test_large_tables_are_written_sorted_by_region_and_date(tmp_path):
    rows = [
        room("R2", V3, opened="2021-01-01"),
        room("R1", V1, opened="2022-01-01"),
        room("R3", V1, opened="2020-01-01"),
    ]
    snapshot = Importer().import_files([write_export(tmp_path / "a", {"rooms": rows})], "a")

    written = pq.read_table(snapshot.table_path("rooms")).column("room_id").to_pylist()
    assert written == ["R3", "R1", "R2"]
