"""Every file the app hands out goes through one audited helper: it is recorded when built, and
it holds nothing outside the user's scope."""

from __future__ import annotations

import ast
import io
from pathlib import Path

import pandas as pd
import pytest
from factories import open_page

from xieshang.access import audit
from xieshang.access.grants import Grant
from xieshang.kpis import answers
from xieshang.store.snapshots import Store

ROOT = Path(__file__).resolve().parent.parent
HELPER = ROOT / "xieshang" / "web" / "downloads.py"
OURS, THEIRS = "990203000000", "990202000000"  # 霞丹县, 光丹县 (both in 云梧市)


@pytest.fixture
def viewer(tmp_path, monkeypatch) -> str:
    """A viewer of 霞丹县 in an OIDC deployment."""
    path = tmp_path / "users.toml"
    path.write_text(
        f'[users."zhang@xiadan"]\nname = "张伟"\nrole = "viewer"\nregions = ["{OURS}"]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("XIESHANG_USERS", str(path))
    monkeypatch.setenv("XIESHANG_AUTH", "oidc")
    return "zhang@xiadan"


def test_no_module_draws_a_download_button_but_the_audited_helper():
    sources = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "xieshang").rglob("*.py")]
    drawing = []
    for source in sources:
        if source == HELPER:
            continue
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", None)
            if name == "download_button":
                drawing.append(f"{source.relative_to(ROOT)}:{node.lineno}")

    assert drawing == []
    assert "download_button" in HELPER.read_text(encoding="utf-8")  # the check looks at code


def test_a_download_is_recorded_when_its_file_is_built_not_when_drawn(downloads):
    open_page("rooms", region="990100000000", **{"from": "2025-01-01", "to": "2025-12-31"})
    assert downloads and not list(audit.read(event="download"))  # drawing builds nothing

    content = downloads["青岚市_2025年_下级地区覆盖.csv"]()

    assert len(content.decode("utf-8-sig").splitlines()) > 1  # a header and rows
    [event] = audit.read(event="download")
    assert event["file"] == "青岚市_2025年_下级地区覆盖.csv"
    assert event["region"] == "990100000000"
    assert event["period"] == "2025-01-01/2025-12-31"
    assert event["from"] and event["who"]


def test_a_signed_in_users_download_names_them_and_holds_only_their_regions(viewer, downloads):
    # The link asks for the neighbouring county: refused, the page falls back to their own.
    at = open_page("regions", signed_in=viewer, region=THEIRS)
    assert any("无权访问" in w.value for w in at.warning)

    built = {name: make() for name, make in downloads.items() if name.endswith(".csv")}

    assert built and all(name.startswith("霞丹县_") for name in built)
    for content in built.values():
        text = content.decode("utf-8-sig") if isinstance(content, bytes) else content
        assert "光丹县" not in text and THEIRS not in text
    ranking = pd.read_csv(io.StringIO(built["霞丹县_2025年_下级地区排名.csv"].decode("utf-8-sig")))
    towns = answers.regions(Store().current(), OURS, Grant.everything())["regions"]
    assert set(ranking["名称"]) == {town["name"] for town in towns}  # all theirs, only theirs
    events = list(audit.read(event="download"))
    assert {e["who"] for e in events} == {viewer} and {e["region"] for e in events} == {OURS}
