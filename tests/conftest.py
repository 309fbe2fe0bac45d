from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import streamlit as st
from factories import write_export

from xieshang.engine import sql
from xieshang.store.imports import Importer
from xieshang.store.snapshots import Snapshot

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty data dir, fresh connections and empty Streamlit caches."""
    data_dir = tmp_path / "store"
    monkeypatch.setenv("XIESHANG_DATA_DIR", str(data_dir))
    # The CLI reads everything from Parquet (it sets this): the next test is the server again.
    monkeypatch.setattr(sql.connection, "resident", True)
    sql.connection.cache_clear()
    st.cache_data.clear()
    st.cache_resource.clear()
    return data_dir


@pytest.fixture
def snapshot_of(tmp_path: Path) -> Callable[..., Snapshot]:
    """Import a tiny export through the real store and return the new current snapshot."""
    counter = iter(range(1000))

    def make(**tables: list[dict]) -> Snapshot:
        folder = write_export(tmp_path / f"export-{next(counter)}", tables)
        return Importer().import_files([folder], who="test")

    return make


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], bytes | str]]:
    """Every download button a page drew: its file name -> what builds the file (on demand)."""
    files: dict[str, Callable[[], bytes | str]] = {}
    original = st.download_button

    def recording(label, data, file_name=None, *args, **kwargs):
        files[file_name] = data
        return original(label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", recording)
    return files
