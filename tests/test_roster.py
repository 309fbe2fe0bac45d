"""The users file as the 用户管理 page changes it: comments kept, written whole, every change
audited, taking effect on the next request; no admin locks themselves out; a read-only
replica changes nothing."""

from __future__ import annotations

import threading

import pytest

from xieshang.access import audit, roster, users
from xieshang.errors import UserError

OURS, THEIRS = "990203000000", "990202000000"
HAND_WRITTEN = f"""# 乐山市政协 — 用户名单（手工维护的注释要保留）
[users."admin@p"]
name = "王管理"
role = "admin"    # 管理员
regions = ["*"]

# 县里的同志
[users."viewer@a"]
name = "张伟"
role = "viewer"
regions = ["{OURS}"]
"""


@pytest.fixture
def users_file(tmp_path, monkeypatch):
    path = tmp_path / "users.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    monkeypatch.setenv("XIESHANG_USERS", str(path))
    monkeypatch.setenv("XIESHANG_AUTH", "header")
    return path


def admin() -> users.User:
    return users.find("admin@p")


def test_a_new_user_can_sign_in_at_once_and_the_hand_written_comments_survive(users_file):
    new = roster.save("li@b", "李四", "analyst", [THEIRS], admin(), "10.0.0.9")

    assert new is True
    found = users.find("li@b")
    assert (found.name, found.role, found.regions) == ("李四", "analyst", (THEIRS,))
    text = users_file.read_text(encoding="utf-8")
    for comment in ("# 乐山市政协 — 用户名单（手工维护的注释要保留）", "# 管理员", "# 县里的同志"):
        assert comment in text
    [event] = audit.read(event="users")
    assert (event["who"], event["from"], event["action"], event["user"]) == (
        "admin@p",
        "10.0.0.9",
        "add",
        "li@b",
    )


def test_an_edit_changes_the_role_and_scope_for_the_next_request(users_file):
    assert users.find("viewer@a").role == "viewer"

    new = roster.save("viewer@a", "张伟", "analyst", [OURS, THEIRS, OURS], admin())

    assert new is False
    changed = users.find("viewer@a")
    assert (changed.role, changed.regions) == ("analyst", (OURS, THEIRS))
    # and straight back, at the same size: still seen
    roster.save("viewer@a", "张伟", "viewer", [OURS, THEIRS], admin())
    assert users.find("viewer@a").role == "viewer"


def test_every_region_stands_alone(users_file):
    roster.save("all@p", "", "viewer", [OURS, "*"], admin())

    assert users.find("all@p").regions == ("*",) and users.find("all@p").name == "all@p"


def test_a_removed_user_is_refused_from_the_next_request(users_file):
    roster.remove("viewer@a", admin())

    with pytest.raises(users.Unknown):
        users.find("viewer@a")
    assert [e["action"] for e in audit.read(event="users")] == ["remove"]
    with pytest.raises(users.Unknown):
        roster.remove("viewer@a", admin())


def test_an_admin_cannot_take_away_their_own_admin_role_or_remove_themselves(users_file):
    with pytest.raises(UserError) as demoted:
        roster.save("admin@p", "王管理", "viewer", ["*"], admin())
    with pytest.raises(UserError) as removed:
        roster.remove("admin@p", admin())

    assert demoted.value.key == removed.value.key == "error.roster_own_admin"
    assert users.find("admin@p").role == "admin"
    assert not list(audit.read(event="users"))


def test_only_an_admin_changes_users(users_file):
    with pytest.raises(UserError) as refused:
        roster.save("x@y", "X", "admin", ["*"], users.find("viewer@a"), "10.0.0.5")

    assert refused.value.key == "error.not_allowed"
    with pytest.raises(users.Unknown):
        users.find("x@y")
    assert list(audit.read(event="refused"))[-1]["from"] == "10.0.0.5"


def test_a_read_only_replica_changes_no_user(users_file, monkeypatch):
    monkeypatch.setenv("XIESHANG_READ_ONLY", "1")
    before = users_file.read_bytes()

    with pytest.raises(UserError) as refused:
        roster.save("li@b", "李四", "viewer", [OURS], admin())
    with pytest.raises(UserError):
        roster.issue_token("viewer@a", admin())

    assert "只读副本" in refused.value.message("zh")
    assert users_file.read_bytes() == before


@pytest.mark.parametrize(
    ("user_id", "role", "regions", "key"),
    [
        ("", "viewer", [OURS], "error.roster_id"),
        ("two words", "viewer", [OURS], "error.roster_id"),
        ("x@y", "king", [OURS], "error.roster_role"),
        ("x@y", "viewer", [" "], "error.roster_regions"),
    ],
)
def test_a_bad_entry_is_refused_and_the_file_left_alone(users_file, user_id, role, regions, key):
    before = users_file.read_bytes()

    with pytest.raises(UserError) as refused:
        roster.save(user_id, "X", role, regions, admin())

    assert refused.value.key == key and users_file.read_bytes() == before


def test_a_token_is_shown_once_kept_hashed_and_revoked(users_file):
    token = roster.issue_token("viewer@a", admin())

    assert token not in users_file.read_text(encoding="utf-8")
    assert users.by_token(token).id == "viewer@a"
    second = roster.issue_token("viewer@a", admin())
    assert users.by_token(token) is None and users.by_token(second).id == "viewer@a"

    roster.revoke_tokens("viewer@a", admin())

    assert users.by_token(second) is None
    assert [e["action"] for e in audit.read(event="users")] == [
        "token_issued",
        "token_issued",
        "token_revoked",
    ]
    assert token not in audit.path().read_text() and second not in audit.path().read_text()


def test_a_first_user_starts_a_missing_file(tmp_path, monkeypatch):
    path = tmp_path / "new" / "users.toml"
    monkeypatch.setenv("XIESHANG_USERS", str(path))

    roster.save("first@p", "第一", "admin", ["*"], None)  # open: whoever sets it up

    assert users.find("first@p").role == "admin"


def test_two_admins_at_once_lose_neither_change(users_file):
    def add(n: int) -> None:
        roster.save(f"u{n}@p", f"用户{n}", "viewer", [OURS], admin())

    threads = [threading.Thread(target=add, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert {f"u{n}@p" for n in range(8)} <= set(users.load())


def test_an_admin_of_one_county_grants_nothing_beyond_it(users_file):
    roster.save("county.admin@a", "县管理员", "admin", [OURS], admin())
    county_admin = users.find("county.admin@a")
    town = OURS[:9] + "001"

    def inside(code: str) -> bool:  # their grant's test: their county and what is below it
        return code in (OURS, town)

    with pytest.raises(UserError) as everything:
        roster.save("x@a", "X", "viewer", ["*"], county_admin, covered=inside)
    with pytest.raises(UserError) as neighbour:
        roster.save("x@a", "X", "viewer", [THEIRS], county_admin, covered=inside)
    roster.save("x@a", "X", "viewer", [town], county_admin, covered=inside)

    assert everything.value.key == neighbour.value.key == "error.roster_wider"
    assert users.find("x@a").regions == (town,)


def test_an_admin_of_one_county_cannot_touch_a_user_who_sees_more(users_file):
    """Found in review: a county's administrator issued a token to the province-wide admin
    (and so read every region through the API), demoted them and removed a neighbour."""
    roster.save("county.admin@a", "县管理员", "admin", [OURS], admin())
    roster.save("neighbour@b", "邻县", "viewer", [THEIRS], admin())
    county_admin = users.find("county.admin@a")

    def inside(code: str) -> bool:
        return code == OURS

    before = users_file.read_text(encoding="utf-8")
    attempts = [
        lambda: roster.issue_token("admin@p", county_admin, covered=inside),
        lambda: roster.revoke_tokens("admin@p", county_admin, covered=inside),
        lambda: roster.save("admin@p", "王管理", "viewer", [OURS], county_admin, covered=inside),
        lambda: roster.remove("neighbour@b", county_admin, covered=inside),
        lambda: roster.remove("viewer@a", county_admin),  # no test of their scope: refused
    ]
    for attempt in attempts:
        with pytest.raises(UserError) as refused:
            attempt()
        assert refused.value.key in ("error.roster_beyond", "error.roster_wider")
    assert users_file.read_text(encoding="utf-8") == before

    token = roster.issue_token("viewer@a", county_admin, covered=inside)  # their own county's
    assert users.by_token(token).id == "viewer@a"


def test_adding_a_user_that_exists_is_refused_rather_than_overwriting(users_file):
    with pytest.raises(UserError) as refused:
        roster.save("viewer@a", "别人", "admin", ["*"], admin(), adding=True)

    assert refused.value.key == "error.roster_exists"
    assert users.find("viewer@a").role == "viewer"


def test_users_split_by_another_table_are_still_edited(users_file):
    users_file.write_text(
        HAND_WRITTEN + '\n[settings]\nnote = "手写"\n\n[users."late@c"]\n'
        'name = "后加"\nrole = "viewer"\nregions = ["*"]\n',
        encoding="utf-8",
    )

    roster.save("late@c", "后加", "analyst", ["*"], admin())

    assert users.find("late@c").role == "analyst"
    assert "[settings]" in users_file.read_text(encoding="utf-8")
