"""A read-only replica (XIESHANG_READ_ONLY=1) shares the writer's store and never changes it:
import and rollback are refused on the command line and on the import page, with a message
that says to use the writing node, while figures are still served."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import write_export
from streamlit.testing.v1 import AppTest

from xieshang.cli.main import main
from xieshang.store.imports import Importer
from xieshang.store.snapshots import Store

ROOT = Path(__file__).resolve().parent.parent
ROOMS = (
    "平台编号,名称,区划代码,平台类型,建成日期\nR1,一村议事室,110101001001,协商议事室,2020-01-01\n"
).encode()


@pytest.fixture
def two_snapshots(tmp_path) -> tuple[str, str]:
    first = Importer().import_files([write_export(tmp_path / "first", {})], who="first").id
    second = Importer().import_files([write_export(tmp_path / "second", {})], who="second").id
    return first, second


@pytest.fixture
def replica(monkeypatch) -> None:
    monkeypatch.setenv("XIESHANG_READ_ONLY", "1")


def test_the_cli_of_a_replica_refuses_import_and_rollback_and_leaves_the_store(
    two_snapshots, replica, tmp_path, capsys
):
    first, second = two_snapshots
    export = write_export(tmp_path / "third", {})
    before = [snapshot.id for snapshot in Store().history()]

    assert main(["import", str(export)]) == 2
    assert "只读副本" in capsys.readouterr().err
    assert main(["rollback", first]) == 2
    assert "只读副本" in capsys.readouterr().err

    assert Store().current().id == second
    assert [snapshot.id for snapshot in Store().history()] == before
    assert main(["kpis"]) == 0  # figures are still served


def test_the_import_page_of_a_replica_checks_files_but_cannot_commit_or_roll_back(
    two_snapshots, replica
):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/import.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("只读副本" in info.value for info in at.info)
    assert any("只读副本" in caption.value for caption in at.sidebar.caption)

    at.file_uploader[0].set_value(("平台.csv", ROOMS, "text/csv")).run()
    assert any("全部文件校验通过" in s.value for s in at.success)  # checking still works
    assert at.button(key="import_commit").disabled
    # no rollback is offered: neither the picker nor the button exists
    assert not [s for s in at.selectbox if s.key == "import_rollback_target"]
    assert not [b for b in at.button if b.key == "import_rollback"]
    assert Store().current().id == two_snapshots[1]


def test_the_writer_offers_what_the_replica_refuses(two_snapshots):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/import.py")
    at.run()

    assert not any("只读副本" in info.value for info in at.info)
    assert [s for s in at.selectbox if s.key == "import_rollback_target"]
