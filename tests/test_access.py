"""Access below the pages: the users file, grants checked by every KPI call, roles for what
changes the store, a read-only replica, the audit log, and the CLI's --as."""

from __future__ import annotations

import json
from datetime import date

import pytest
from factories import OIDC_AUTH, visible, write_export

from xieshang.access import actions, audit, settings, users
from xieshang.access.grants import Forbidden, Grant
from xieshang.cli.main import main
from xieshang.errors import UserError
from xieshang.kpis import answers, details, metrics, scorecard, supervision
from xieshang.kpis.scope import Scope, scope_from_input
from xieshang.paths import ROOT
from xieshang.store.snapshots import Store

OURS, THEIRS, CITY = "990203000000", "990202000000", "990200000000"
YEAR = (date(2025, 1, 1), date(2025, 12, 31))


@pytest.fixture
def users_file(tmp_path, monkeypatch):
    path = tmp_path / "users.toml"
    path.write_text(
        f"""
[users."viewer@a"]
name = "张伟"
role = "viewer"
regions = ["{OURS}"]

[users."analyst@p"]
name = "李分析"
role = "analyst"
regions = ["*"]

[users."admin@p"]
role = "admin"
regions = ["*"]
""",
        encoding="utf-8",
    )
    monkeypatch.setenv("XIESHANG_USERS", str(path))
    return path


@pytest.fixture
def protected(monkeypatch, users_file):
    monkeypatch.setenv("XIESHANG_AUTH", "header")
    return users_file


def demo():
    return Store().current()  # the embedded demo until something is imported


def test_a_protected_deployment_never_answers_a_call_without_an_identity(protected):
    snapshot = demo()
    scope = Scope(*YEAR, OURS)  # no grant: however the call was reached

    with pytest.raises(Forbidden):
        metrics.kpis(snapshot, scope)
    with pytest.raises(Forbidden):
        details.uncovered_areas(snapshot, scope)
    with pytest.raises(Forbidden):
        supervision.review(snapshot, scope)
    with pytest.raises(Forbidden):
        scorecard.build(snapshot, scope)
    assert [e["reason"] for e in audit.read(event="refused")][:1] == ["no identity"]


def test_a_grant_covers_its_regions_and_everything_below_only(protected):
    snapshot = demo()
    grant = Grant.of(users.find("viewer@a"), "10.0.0.7")

    town = answers.regions(snapshot, OURS, grant)["regions"][0]["code"]
    assert grant.covers(snapshot, OURS) and grant.covers(snapshot, town)
    assert not grant.covers(snapshot, THEIRS)
    assert not grant.covers(snapshot, CITY)  # above the scope
    assert not grant.covers(snapshot, None)  # everything
    assert grant.home(snapshot) == OURS

    figures = metrics.kpis(snapshot, Scope(*YEAR, town, grant=grant))
    assert figures["region"]["code"] == town
    for region in (THEIRS, CITY, None):
        with pytest.raises(Forbidden):
            metrics.kpis(snapshot, Scope(*YEAR, region, grant=grant))
    with pytest.raises(Forbidden):
        metrics.compare(snapshot, Scope(*YEAR, CITY, grant=grant))
    refused = list(audit.read(event="refused", who="viewer@a"))
    assert refused and refused[-1]["from"] == "10.0.0.7"


def test_outside_the_scope_an_unknown_region_is_refused_not_reported_missing(protected):
    grant = Grant.of(users.find("viewer@a"))

    with pytest.raises(Forbidden):
        scope_from_input(demo(), "990299999999", grant=grant)


def test_rankings_and_pickers_list_only_regions_inside_the_scope(protected):
    snapshot = demo()
    grant = Grant.of(users.find("viewer@a"))

    towns = metrics.regions_at_level(snapshot, "town", None, grant)
    ranked = metrics.compare(snapshot, Scope(*YEAR, OURS, grant=grant))

    assert len(towns) and set(towns["region_code"].str[:6]) == {OURS[:6]}
    assert set(ranked["region_code"].str[:6]) == {OURS[:6]}
    assert answers.regions(snapshot, None, grant)["regions"] == [
        {"code": OURS, "name": "霞丹县", "level": "county"}
    ]


def test_roles_say_who_may_change_the_store(protected):
    viewer, analyst, admin = (users.find(u) for u in ("viewer@a", "analyst@p", "admin@p"))

    assert [actions.allowed(viewer, a) for a in ("view", "import", "rollback")] == [
        True,
        False,
        False,
    ]
    assert [actions.allowed(analyst, a) for a in ("import", "rollback", "targets")] == [
        True,
        False,
        False,
    ]
    assert all(actions.allowed(admin, a) for a in ("import", "rollback", "users", "audit"))
    assert not actions.allowed(None, "view")  # protected: nobody is nobody


def test_an_open_deployment_lets_everyone_act_but_a_read_only_replica_writes_nothing(
    monkeypatch, users_file
):
    assert actions.allowed(None, "import") and actions.allowed(None, "rollback")

    monkeypatch.setenv("XIESHANG_READ_ONLY", "1")
    admin = users.find("admin@p")
    with pytest.raises(UserError) as refused:
        actions.require(admin, "rollback", "10.0.0.8")
    assert "只读副本" in refused.value.message("zh")
    assert actions.allowed(admin, "view")
    assert list(audit.read(event="refused"))[-1]["action"] == "rollback"


def test_roles_and_scopes_are_read_again_when_the_users_file_changes(protected):
    assert users.find("viewer@a").regions == (OURS,)

    text = protected.read_text(encoding="utf-8").replace(f'["{OURS}"]', f'["{THEIRS}"]', 1)
    protected.write_text(text + "\n", encoding="utf-8")  # a new size: seen without a restart

    assert users.find("viewer@a").regions == (THEIRS,)


@pytest.mark.parametrize(
    ("content", "key"),
    [
        ("[users", "error.users_unreadable"),
        ('[users."x"]\nrole = "king"\nregions = ["*"]\n', "error.users_entry"),
        ('[users."x"]\nrole = "viewer"\nregions = []\n', "error.users_entry"),
    ],
)
def test_a_broken_users_file_refuses_everyone_with_a_reason(tmp_path, monkeypatch, content, key):
    path = tmp_path / "users.toml"
    path.write_text(content, encoding="utf-8")
    monkeypatch.setenv("XIESHANG_USERS", str(path))

    with pytest.raises(UserError) as refused:
        users.find("x")
    assert refused.value.key == key


def test_unknown_users_and_modes_are_refused_never_taken_as_open(monkeypatch, users_file):
    with pytest.raises(users.Unknown):
        users.find("stranger@elsewhere")
    monkeypatch.setenv("XIESHANG_AUTH", "opne")
    with pytest.raises(settings.BadSetting):
        settings.protected()


@pytest.mark.parametrize(
    ("address", "trusted"),
    [
        ("127.0.0.1", True),
        ("::ffff:127.0.0.1", True),
        ("::1", True),
        ("10.0.0.1", False),
        ("", False),
        (None, False),
        ("not an address", False),
    ],
)
def test_the_identity_header_is_honoured_only_from_trusted_addresses(address, trusted):
    assert settings.is_trusted(address) is trusted


def test_api_tokens_are_kept_hashed_and_found_in_constant_time(tmp_path, monkeypatch):
    token, digest = users.new_token()
    path = tmp_path / "users.toml"
    path.write_text(
        f'[users."t@x"]\nrole = "viewer"\nregions = ["{OURS}"]\ntokens = ["{digest}"]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("XIESHANG_USERS", str(path))

    assert token not in path.read_text(encoding="utf-8")
    assert users.by_token(token).id == "t@x"
    assert users.by_token(token + "x") is None


def test_the_audit_log_survives_a_torn_last_line(isolated_store):
    audit.record("sign_in", "a@x", "10.0.0.1")
    with audit.path().open("ab") as log:
        log.write(b'{"at": "2026-12-01T00:00:00", "event": "imp')  # a crash mid-write
    audit.record("import", "a@x", "10.0.0.1", snapshot="s1")

    events = [e["event"] for e in audit.read()]

    assert events == ["sign_in", "import"]
    assert all(json.loads(line) for line in audit.path().read_text().splitlines()[:1])


def test_the_cli_acts_as_a_user_in_an_open_deployment_too(users_file, capsys, tmp_path):
    code = main(["kpis", "--region", THEIRS, "--as", "viewer@a"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "") and "无权访问" in err

    assert main(["kpis", "--region", THEIRS]) == 0  # open: everything, as before
    capsys.readouterr()

    folder = write_export(tmp_path / "export", {})
    assert main(["import", str(folder), "--as", "analyst@p"]) == 0
    assert Store().current().manifest["who"] == "李分析 <analyst@p>"


def test_the_api_and_the_cli_share_one_answer(users_file, capsys):
    snapshot = demo()
    scope = scope_from_input(snapshot, OURS, "2025-01-01", "2025-12-31")
    main(["compare", "--region", OURS, "--from", "2025-01-01", "--to", "2025-12-31"])
    printed = capsys.readouterr().out

    assert printed == answers.dumps(answers.compare(snapshot, scope)) + "\n"


# -- oidc mode: the settings Streamlit's st.login reads, and the page before sign-in --------

AUTH = OIDC_AUTH


@pytest.fixture
def secrets_files(tmp_path, monkeypatch):
    """Point Streamlit's secrets files (as `streamlit run` takes them) at files of the test."""
    monkeypatch.delenv("XIESHANG_AUTH", raising=False)
    monkeypatch.setattr(settings, "_served_files", None)

    made = iter(range(100))

    def point(*contents: str | None) -> None:
        paths = []
        for content in contents:
            path = tmp_path / f"secrets-{next(made)}.toml"
            if content is not None:
                path.write_text(content, encoding="utf-8")
            paths.append(str(path))
        monkeypatch.setenv("STREAMLIT_SECRETS_FILES", " ".join(paths))

    return point


def test_the_mode_comes_from_the_secrets_files_streamlit_reads_the_last_one_winning(
    secrets_files, tmp_path
):
    secrets_files('[auth]\nmode = "header"\n', None, '[auth]\nmode = "oidc"\n')
    assert settings.mode() == "oidc"

    secrets_files('[auth]\nmode = "oidc"\n', '[auth]\nclient_id = "x"\n')
    assert settings.mode() == "oidc"  # a later file without a mode does not reset it

    secrets_files(None)
    assert settings.mode() == "open"


def test_a_folder_of_secrets_sets_the_mode_as_streamlit_reads_it(
    secrets_files, monkeypatch, tmp_path
):
    """Kubernetes-style secrets: a folder per section, a file per key. Streamlit signs people in
    from such a folder, so its auth/mode must count too: skipped, it served oidc as open."""
    folder = tmp_path / "k8s-secrets"
    (folder / "auth").mkdir(parents=True)
    monkeypatch.setenv("STREAMLIT_SECRETS_FILES", str(folder))
    assert settings.mode() == "open"  # a folder without auth/mode sets nothing

    (folder / "auth" / "mode").write_text("oidc\n", encoding="utf-8")
    assert settings.mode() == "oidc"


def test_the_server_hands_over_the_files_its_streamlit_reads(secrets_files, tmp_path):
    secrets_files('[auth]\nmode = "header"\n')
    given = tmp_path / "given.toml"
    given.write_text('[auth]\nmode = "oidc"\n', encoding="utf-8")

    settings.use_secrets_files([str(given)])

    assert settings.mode() == "oidc"


def test_an_incomplete_auth_section_names_what_st_login_lacks():
    assert settings.oidc_missing(AUTH) == []
    assert settings.oidc_missing(None) == list(settings.OIDC_KEYS)
    assert settings.oidc_missing({**AUTH, "client_secret": " ", "redirect_uri": None}) == [
        "redirect_uri",
        "client_secret",
    ]


def open_oidc(monkeypatch, users_file, auth: dict | None, user: dict, **query: str):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("XIESHANG_AUTH", "oidc")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.secrets["auth"] = auth if auth is not None else {}
    at.user = user
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown(at) -> str:
    return visible(" ".join(str(e.value) for e in (*at.title, *at.info, *at.error, *at.warning)))


def test_oidc_without_a_complete_auth_section_says_sign_in_is_not_configured(
    monkeypatch, users_file
):
    at = open_oidc(monkeypatch, users_file, {"cookie_secret": "x"}, {"is_logged_in": True})

    assert "登录尚未配置完成" in shown(at) and "client_id" in shown(at)
    assert not at.metric and not at.button


def test_an_anonymous_oidc_visitor_gets_the_prompt_and_no_figure(monkeypatch, users_file):
    at = open_oidc(monkeypatch, users_file, AUTH, {"is_logged_in": False}, region=THEIRS)

    assert "请使用单位统一身份认证账号登录" in shown(at)
    assert [b.label for b in at.button] == ["登录"]
    assert not at.metric


def test_a_signed_in_viewer_sees_their_county_an_unknown_one_is_refused(monkeypatch, users_file):
    viewer = {"is_logged_in": True, "email": "viewer@a", "sub": "0001"}
    at = open_oidc(monkeypatch, users_file, AUTH, viewer)
    assert at.metric and at.query_params["region"] == OURS

    by_name = {"is_logged_in": True, "preferred_username": "viewer@a", "sub": "0001"}
    assert open_oidc(monkeypatch, users_file, AUTH, by_name).metric

    stranger = {"is_logged_in": True, "email": "stranger@elsewhere", "sub": "0002"}
    at = open_oidc(monkeypatch, users_file, AUTH, stranger)
    assert "未登记" in shown(at) and not at.metric
    assert [b.label for b in at.button] == ["退出登录"]


def test_a_command_given_data_dir_keeps_its_audit_record_and_users_there(
    isolated_store, tmp_path, capsys
):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "users.toml").write_text(
        '[users."analyst@x"]\nname = "王导入"\nrole = "analyst"\nregions = ["*"]\n',
        encoding="utf-8",
    )
    folder = write_export(tmp_path / "export", {})

    code = main(["import", str(folder), "--data-dir", str(elsewhere), "--as", "analyst@x"])

    assert code == 0, capsys.readouterr().err
    imported = [json.loads(line) for line in (elsewhere / "audit.log").read_text().splitlines()]
    assert [(e["event"], e["who"]) for e in imported] == [("import", "analyst@x")]
    assert Store(elsewhere).current().manifest["who"] == "王导入 <analyst@x>"
    assert not (isolated_store / "audit.log").exists()  # nothing went to the default data dir


def test_an_unverified_email_names_nobody_the_next_claim_is_used():
    """Pages and API name the user by one rule: the first of email, preferred_username, sub;
    an address the provider has not verified could be anyone's, so it is passed over."""
    verified = {"email": "admin@p", "email_verified": True, "sub": "0001"}
    unverified = {"email": "admin@p", "email_verified": False, "sub": "0002"}
    silent = {"email": "viewer@a", "sub": "0003"}  # a provider that does not say

    assert settings.oidc_user_id(verified) == "admin@p"
    assert settings.oidc_user_id(unverified) == "0002"
    assert settings.oidc_user_id(silent) == "viewer@a"
    assert settings.oidc_user_id({"preferred_username": " ", "sub": ""}) is None
