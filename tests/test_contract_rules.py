"""Every contract rule refuses bad input with a clear message and leaves the store untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from factories import COUNTY1, V1, V3, regions, room, suggestion, write_export

from xieshang.ingest.report import ValidationError
from xieshang.store.imports import Importer
from xieshang.store.snapshots import Store


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under the store with a hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def store(isolated_store: Path, tmp_path: Path) -> Store:
    """A store with one good snapshot already current."""
    good = write_export(tmp_path / "good", {"rooms": [room("R1", V1)]})
    store = Store()
    Importer(store).import_files([good], who="test")
    return store


def refused(store: Store, folder: Path) -> list:
    before = tree_digest(store.root)
    with pytest.raises(ValidationError) as caught:
        Importer(store).import_files([folder], who="test")
    assert tree_digest(store.root) == before, "a refused import changed the store"
    return caught.value.problems


def only(problems: list, code: str):
    matching = [p for p in problems if p.code == code]
    assert matching, f"no {code!r} problem in {[p.code for p in problems]}"
    return matching


def write_raw(folder: Path, name: str, data: pa.Table) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(data, folder / f"{name}.parquet")
    return folder


def test_a_missing_required_column_is_named(store, tmp_path):
    rows = pa.Table.from_pylist(
        [{"room_id": "R9", "name": "x", "region_code": V1, "opened_on": None}]
    )
    problems = refused(store, write_raw(tmp_path / "in", "rooms", rows))

    (problem,) = only(problems, "missing_column")
    assert (problem.file, problem.column) == ("rooms.parquet", "room_type")
    assert "缺少必需的列 room_type" in problem.line("zh")
    assert "Required column room_type is missing" in problem.line("en")


def test_a_code_stored_as_a_decimal_number_is_refused(store, tmp_path):
    data = pa.table(
        {
            "region_code": [11.5],
            "name": ["省"],
            "level": ["province"],
            "parent_code": pa.array([None], pa.string()),
            "kind": ["省"],
        }
    )
    problems = refused(store, write_raw(tmp_path / "in", "regions", data))

    (problem,) = only(problems, "unparsable")
    assert (problem.row, problem.column, problem.value) == (1, "region_code", "11.5")
    assert "代码应为文本（整数），不能带小数" in problem.line("zh")


def test_an_integer_column_with_fractions_is_a_type_error(store, tmp_path):
    row = {
        "activity_id": "A1",
        "region_code": V1,
        "room_id": None,
        "held_on": None,
        "kind": "micro",
        "topic": None,
        "topic_source": None,
        "public_participants": 2.5,
        "problems_solved": None,
    }
    data = pa.Table.from_pylist([row])
    problems = refused(store, write_raw(tmp_path / "in", "activities", data))

    assert [p.column for p in only(problems, "wrong_type")] == ["public_participants"]


def test_an_empty_required_value_names_its_row_and_column(store, tmp_path):
    rows = [room("R1", V1), room("R2", V3) | {"name": "   "}]
    problems = refused(store, write_export(tmp_path / "in", {"rooms": rows}, only={"rooms"}))

    (problem,) = only(problems, "required")
    assert (problem.file, problem.row, problem.column) == ("rooms.parquet", 2, "name")
    assert problem.line("zh") == "文件 rooms.parquet，第 2 行，列 name: 必填项为空"


def test_duplicate_keys_are_refused(store, tmp_path):
    rows = [room("R1", V1), room("R2", V3), room("R1", V3)]
    problems = refused(store, write_export(tmp_path / "in", {"rooms": rows}, only={"rooms"}))

    assert [(p.row, p.value) for p in only(problems, "not_unique")] == [(1, "R1"), (3, "R1")]


def test_a_value_outside_the_enum_lists_the_allowed_ones(store, tmp_path):
    rows = [room("R1", V1, room_type="clubhouse")]
    problems = refused(store, write_export(tmp_path / "in", {"rooms": rows}, only={"rooms"}))

    (problem,) = only(problems, "enum")
    assert (problem.row, problem.column, problem.value) == (1, "room_type", "clubhouse")
    assert "council_room/liaison_station" in problem.message("zh")


def test_a_reference_to_an_unknown_region_is_refused(store, tmp_path):
    rows = [room("R1", "999999")]
    problems = refused(store, write_export(tmp_path / "in", {"rooms": rows}, only={"rooms"}))

    (problem,) = only(problems, "reference")
    assert (problem.row, problem.column, problem.value) == (1, "region_code", "999999")
    assert "regions.region_code" in problem.message("en")


def test_replacing_regions_cannot_orphan_the_rooms_carried_over(store, tmp_path):
    fewer = [r for r in regions() if r["region_code"] != V1]
    problems = refused(store, write_export(tmp_path / "in", {"regions": fewer}, only={"regions"}))

    (problem,) = only(problems, "reference")
    assert problem.table == "rooms" and problem.value == V1
    assert problem.file.endswith("/rooms.parquet")  # the current snapshot's file


def test_a_parent_code_must_be_a_region(store, tmp_path):
    rows = [
        *regions(),
        {
            "region_code": "X1",
            "name": "飞地",
            "level": "village",
            "parent_code": "NOPE",
            "kind": None,
        },
    ]
    problems = refused(store, write_export(tmp_path / "in", {"regions": rows}, only={"regions"}))

    (problem,) = only(problems, "reference")
    assert (problem.row, problem.column, problem.value) == (12, "parent_code", "NOPE")


def test_only_the_top_level_may_lack_a_parent(store, tmp_path):
    rows = [
        *regions(),
        {
            "region_code": "X1",
            "name": "孤村",
            "level": "village",
            "parent_code": None,
            "kind": None,
        },
    ]
    problems = refused(store, write_export(tmp_path / "in", {"regions": rows}, only={"regions"}))

    (problem,) = only(problems, "orphan_top")
    assert problem.row == 12


def test_a_cycle_in_the_region_tree_is_refused(store, tmp_path):
    rows = [
        *regions(),
        {"region_code": "C1", "name": "甲", "level": "town", "parent_code": "C2", "kind": None},
        {"region_code": "C2", "name": "乙", "level": "town", "parent_code": "C1", "kind": None},
    ]
    problems = refused(store, write_export(tmp_path / "in", {"regions": rows}, only={"regions"}))

    assert sorted(p.row for p in only(problems, "cycle")) == [12, 13]


@pytest.mark.parametrize(
    ("closed_on", "accepted"), [("2019-12-31", False), ("2020-01-01", False), ("2020-01-02", True)]
)
def test_a_room_must_close_after_it_opened(store, tmp_path, closed_on, accepted):
    folder = write_export(
        tmp_path / "in", {"rooms": [room("R1", V1, closed=closed_on)]}, only={"rooms"}
    )
    if accepted:
        Importer(store).import_files([folder], who="test")
        return
    (problem,) = only(refused(store, folder), "date_order")
    assert (problem.column, problem.value) == ("closed_on", closed_on)
    assert "closed_on 应晚于 opened_on" in problem.message("zh")


def test_filing_cannot_come_before_submission(store, tmp_path):
    rows = [suggestion("S1", submitted="2024-03-01", filed="2024-02-28")]
    problems = refused(
        store, write_export(tmp_path / "in", {"suggestions": rows}, only={"suggestions"})
    )

    (problem,) = only(problems, "date_order")
    assert "filed_on must be on or after submitted_on" in problem.message("en")


def test_a_conclusion_needs_a_filing_and_an_outcome_needs_a_conclusion(store, tmp_path):
    rows = [
        suggestion("S1", concluded="2024-05-01"),
        suggestion("S2", filed="2024-03-02", outcome="adopted"),
    ]
    problems = refused(
        store, write_export(tmp_path / "in", {"suggestions": rows}, only={"suggestions"})
    )

    assert [(p.row, p.column) for p in only(problems, "requires")] == [
        (1, "filed_on"),
        (2, "concluded_on"),
    ]


def test_a_file_that_is_no_table_is_refused_with_the_reason(store, tmp_path):
    folder = tmp_path / "in"
    write_raw(folder, "notes", pa.table({"备注": ["x"], "联系人": ["y"]}))
    problems = refused(store, folder)

    (problem,) = only(problems, "no_header")
    assert problem.file == "notes.parquet"
    assert "请用表名命名文件或工作表" in problem.message("zh")


def test_a_broken_file_is_refused_not_crashed_on(store, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "rooms.parquet").write_bytes(b"PAR1 this is not really parquet")
    problems = refused(store, folder)

    (problem,) = only(problems, "unreadable")
    assert problem.file == "rooms.parquet"


def test_the_same_table_given_twice_is_refused(store, tmp_path):
    one = write_export(tmp_path / "a", {"rooms": [room("R1", V1)]}, only={"rooms"})
    two = write_export(tmp_path / "b", {"rooms": [room("R2", V1)]}, only={"rooms"})
    before = tree_digest(store.root)
    with pytest.raises(ValidationError) as caught:
        Importer(store).import_files([one, two], who="test")

    assert tree_digest(store.root) == before
    only(caught.value.problems, "duplicate_table")


def test_many_bad_rows_are_all_found_and_reported_in_groups(store, tmp_path):
    from xieshang.ingest.report import render

    rows = [room(f"R{i}", V1, room_type="bad") for i in range(1000)]
    problems = refused(store, write_export(tmp_path / "in", {"rooms": rows}, only={"rooms"}))
    text = render(problems, "zh")

    assert len(only(problems, "enum")) == 1000
    assert "……同类问题另有 995 处" in text
    assert len(text.splitlines()) < 10


def test_extra_columns_are_kept(store, tmp_path):
    data = pa.Table.from_pylist([room("R1", V1) | {"备注": "新建"}])
    folder = write_raw(tmp_path / "in", "rooms", data)

    snapshot = Importer(store).import_files([folder], who="test")

    kept = pq.read_table(snapshot.table_path("rooms"))
    assert kept.column("备注").to_pylist() == ["新建"]
    assert kept.schema.field("opened_on").type == pa.date32()


def test_county_code_in_fixture_is_a_real_region():
    # guards the fixtures themselves: the rules above rely on this tree
    assert COUNTY1 in {r["region_code"] for r in regions()}
