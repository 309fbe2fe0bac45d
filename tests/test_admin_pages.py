"""The administrators' pages, driven by AppTest in an OIDC deployment: 用户管理 and 审计日志 are
listed and usable for an admin, hidden from and refused to everyone else, and names from the
users file or the log are shown as text."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime

import pytest
import streamlit as st
from factories import open_page, visible
from streamlit.testing.v1 import AppTest

from xieshang.access import audit, users

OURS = "990203000000"  # 霞丹县
HOSTILE = "**bold** <script>alert(1)</script> [x](http://evil.example) :material/home:"
USERS = f"""# 用户名单（注释要保留）
[users."admin@p"]
name = "王管理"
role = "admin"
regions = ["*"]

[users."analyst@p"]
name = "李分析"
role = "analyst"
regions = ["*"]

[users."viewer@a"]
name = "{HOSTILE}"
role = "viewer"
regions = ["{OURS}"]
"""
# Markdown that would act: a link, raw HTML, an icon, emphasis.
ACTIVE = re.compile(r"(?<!\\)\]\(|(?<!\\)<|(?<!\\):material/home|(?<!\\)\*\*")


@pytest.fixture
def users_file(tmp_path, monkeypatch):
    path = tmp_path / "users.toml"
    path.write_text(USERS, encoding="utf-8")
    monkeypatch.setenv("XIESHANG_USERS", str(path))
    monkeypatch.setenv("XIESHANG_AUTH", "oidc")
    return path


@pytest.fixture
def navigation(monkeypatch) -> dict[str, str]:
    """The pages the navigation was given: url path -> visible or hidden."""
    listed: dict[str, str] = {}
    original = st.navigation

    def recording(pages, *args, **kwargs):
        listed.clear()
        listed.update({page.url_path: page.visibility for page in pages})
        return original(pages, *args, **kwargs)

    monkeypatch.setattr(st, "navigation", recording)
    return listed


def markdown_sources(at: AppTest) -> list[str]:
    found = [e.value for kind in ("title", "caption", "markdown") for e in getattr(at, kind)]
    found += [
        e.value for kind in ("warning", "info", "error", "success") for e in getattr(at, kind)
    ]
    return found + [b.label for b in at.button]


@pytest.mark.parametrize(
    ("user", "listed"), [("admin@p", "visible"), ("analyst@p", "hidden"), ("viewer@a", "hidden")]
)
def test_only_an_admin_finds_the_admin_pages_in_the_navigation(
    users_file, navigation, user, listed
):
    open_page("overview", signed_in=user)

    assert (navigation["users"], navigation["audit"]) == (listed, listed)
    assert navigation["rooms"] == "visible"


@pytest.mark.parametrize("page", ["users", "audit"])
@pytest.mark.parametrize("user", ["analyst@p", "viewer@a"])
def test_anyone_else_opening_an_admin_page_by_its_address_is_refused(users_file, page, user):
    at = open_page(page, signed_in=user)

    assert any("无权" in e.value for e in at.error)
    assert not at.dataframe and not at.text_input and not at.get("download_button")
    refused = list(audit.read(event="refused", who=user))
    assert refused and refused[-1]["action"] == page


def test_an_admin_sees_every_user_with_regions_by_name_and_a_hostile_name_as_text(users_file):
    at = open_page("users", signed_in="admin@p")

    table = at.dataframe[0].value
    row = table[table["用户标识"] == "viewer@a"].iloc[0]
    assert row["姓名"] == HOSTILE  # a data frame cell: plain text
    assert row["地区"].startswith("霞丹县") and row["角色"] == "查看者"
    assert table[table["用户标识"] == "admin@p"].iloc[0]["地区"] == "全部地区"
    for source in markdown_sources(at):
        assert not ACTIVE.search(source), source


def test_an_admin_adds_a_user_who_can_sign_in_at_once(users_file):
    at = open_page("users", signed_in="admin@p")

    at.text_input(key="users_id").input("new@p")
    at.text_input(key="users_name").input("赵新")
    at.selectbox(key="users_role").select("analyst")
    at.multiselect(key="users_regions").select(OURS)
    at.button(key="users_save").click().run()

    assert not at.exception and not at.error
    assert any("已添加用户 new@p" in visible(s.value) for s in at.success)
    added = users.find("new@p")
    assert (added.name, added.role, added.regions) == ("赵新", "analyst", (OURS,))
    assert "# 用户名单（注释要保留）" in users_file.read_text(encoding="utf-8")
    [change] = audit.read(event="users")
    assert (change["who"], change["action"], change["user"]) == ("admin@p", "add", "new@p")
    assert "new@p" in set(at.dataframe[0].value["用户标识"])  # listed on the next run
    # the new analyst's next request: signed in, may import, not manage users
    assert any("无权" in e.value for e in open_page("users", signed_in="new@p").error)


def test_an_admin_changes_a_role_and_cannot_demote_themselves(users_file):
    at = open_page("users", signed_in="admin@p")
    at.selectbox(key="users_pick").select("analyst@p").run()
    assert at.text_input(key="users_name").value == "李分析"  # the form holds their entry

    at.selectbox(key="users_role").select("viewer")
    at.button(key="users_save").click().run()
    assert users.find("analyst@p").role == "viewer"

    at.selectbox(key="users_pick").select("admin@p").run()
    at.selectbox(key="users_role").select("viewer")
    at.button(key="users_save").click().run()

    assert any("不能取消自己的管理员角色" in e.value for e in at.error)
    assert users.find("admin@p").role == "admin"
    assert "admin@p" not in at.selectbox(key="users_remove_user").options


def test_a_token_is_shown_once_and_works_until_revoked(users_file):
    at = open_page("users", signed_in="admin@p")
    at.selectbox(key="users_token_user").select("viewer@a")
    at.button(key="users_token_issue").click().run()

    [shown] = at.code
    token = shown.value
    assert users.by_token(token).id == "viewer@a"
    assert token not in users_file.read_text(encoding="utf-8")
    at.run()
    assert not at.code  # never again

    at.selectbox(key="users_token_user").select("viewer@a")
    at.button(key="users_token_revoke").click().run()
    assert users.by_token(token) is None
    actions = [e["action"] for e in audit.read(event="users")]
    assert actions == ["token_issued", "token_revoked"]


def test_an_admin_removes_a_user_after_confirming(users_file):
    at = open_page("users", signed_in="admin@p")
    at.selectbox(key="users_remove_user").select("analyst@p").run()
    assert at.button(key="users_remove").disabled

    at.checkbox(key="users_remove_ok_analyst@p").check().run()
    # a tick given for one user does not stand for another picked after it
    at.selectbox(key="users_remove_user").select("viewer@a").run()
    assert at.button(key="users_remove").disabled
    at.selectbox(key="users_remove_user").select("analyst@p").run()
    at.button(key="users_remove").click().run()

    assert "analyst@p" not in users.load()
    assert any("已删除用户 analyst@p" in visible(s.value) for s in at.success)


def test_a_read_only_replica_shows_the_users_but_changes_none(users_file, monkeypatch):
    monkeypatch.setenv("XIESHANG_READ_ONLY", "1")
    at = open_page("users", signed_in="admin@p")

    assert len(at.dataframe[0].value) == 3
    assert any("只读副本" in i.value for i in at.info)
    assert at.button(key="users_save").disabled and at.button(key="users_token_issue").disabled


def write_log(*entries: dict, torn: bytes = b"") -> None:
    audit.path().parent.mkdir(parents=True, exist_ok=True)
    with audit.path().open("ab") as log:
        for entry in entries:
            log.write(json.dumps(entry, ensure_ascii=False).encode("utf-8") + b"\n")
        log.write(torn)


def test_the_audit_log_newest_first_filtered_and_exported(users_file, downloads):
    files = downloads
    write_log(
        {"at": "2026-11-30T08:00:00.000+00:00", "event": "import", "who": "analyst@p"},
        {"at": "2026-11-30T09:00:00.000+00:00", "event": "download", "who": HOSTILE, "from": "x"},
        torn=b'{"at": "2026-11-30T09:30:00", "eve',  # a crash mid-write
    )
    at = open_page("audit", signed_in="admin@p")
    at.date_input(key="audit_from").set_value(date(2026, 11, 1)).run()

    table = at.dataframe[0].value
    assert list(table["事件"])[:3] == ["登录", "下载", "导入"]  # newest first: this sign-in
    assert HOSTILE in set(table["用户"])
    assert any("共 3 条" in c.value for c in at.caption)
    for source in markdown_sources(at):
        assert not ACTIVE.search(source), source

    at.selectbox(key="audit_event").select("import").run()
    assert list(at.dataframe[0].value["用户"]) == ["analyst@p"]

    name = f"审计日志_2026-11-01_{datetime.now(UTC).date().isoformat()}.csv"
    saved = files[name]().decode("utf-8-sig")
    assert "analyst@p" in saved and HOSTILE not in saved  # the filtered rows
    assert list(audit.read(event="download"))[-1]["file"] == name


def test_an_empty_audit_log_says_so(users_file, monkeypatch):
    at = open_page("audit", signed_in="admin@p")
    at.text_input(key="audit_text").input("没有这样的记录").run()

    assert any("没有符合条件的记录" in i.value for i in at.info)


def test_a_county_admin_picks_regions_only_inside_their_county(users_file):
    text = users_file.read_text(encoding="utf-8")
    county = f'[users."county@a"]\nname = "县管理员"\nrole = "admin"\nregions = ["{OURS}"]\n'
    users_file.write_text(text + "\n" + county, encoding="utf-8")

    at = open_page("users", signed_in="county@a")

    offered = at.multiselect(key="users_regions").options
    assert offered[0] == "霞丹县（云梧市）" and "全部地区" not in offered
    names = {label.split("（")[0] for label in offered}
    parents = {label.split("（")[1].rstrip("）") for label in offered[1:]}
    assert len(offered) > 1 and parents <= names  # the county's own tree, nothing beside it
    # they manage only users wholly inside their county: the viewer of it, and themselves
    assert sorted(at.dataframe[0].value["用户标识"]) == ["county@a", "viewer@a"]
    assert set(at.selectbox(key="users_token_user").options) == {
        "县管理员 · county@a",
        f"{HOSTILE} · viewer@a",
    }
    # and the audit log, which names every user, region and file, is not theirs to read
    audit_page = open_page("audit", signed_in="county@a")
    assert any("无权" in e.value for e in audit_page.error) and not audit_page.dataframe
