"""Tiny hand-built exports: a region tree small enough to count on one's fingers.

11 演示省 (province)
  1101 甲市 (city)
    110101 一县 (county)
      110101001 东镇 (town): villages 110101001001, 110101001002
      110101002 西镇 (town): village 110101002001
    110102 二县 (county)
      110102001 南镇 (town): village 110102001001
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from xieshang.contract.tables import TABLE_NAMES, table
from xieshang.kpis.metrics import Scope

PROVINCE, CITY, COUNTY1, COUNTY2 = "11", "1101", "110101", "110102"
EAST, WEST, SOUTH = "110101001", "110101002", "110102001"
V1, V2, V3, V4 = "110101001001", "110101001002", "110101002001", "110102001001"


def d(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def regions() -> list[dict]:
    rows = [
        (PROVINCE, "演示省", "province", None),
        (CITY, "甲市", "city", PROVINCE),
        (COUNTY1, "一县", "county", CITY),
        (COUNTY2, "二县", "county", CITY),
        (EAST, "东镇", "town", COUNTY1),
        (WEST, "西镇", "town", COUNTY1),
        (SOUTH, "南镇", "town", COUNTY2),
        (V1, "一村", "village", EAST),
        (V2, "二村", "village", EAST),
        (V3, "三村", "village", WEST),
        (V4, "四村", "village", SOUTH),
    ]
    return [dict(region_code=c, name=n, level=lv, parent_code=p, kind=None) for c, n, lv, p in rows]


def room(room_id, region_code, opened="2020-01-01", closed=None, room_type="council_room"):
    return dict(
        room_id=room_id,
        name=f"{room_id}议事室",
        region_code=region_code,
        room_type=room_type,
        opened_on=d(opened),
        closed_on=d(closed),
    )


def assessment(room_id, assessed_on, criterion, met):
    return dict(room_id=room_id, assessed_on=d(assessed_on), criterion=criterion, met=met)


def member(
    member_id, committee_region_code=COUNTY1, level="county", joined="2020-01-01", left=None
):
    return dict(
        member_id=member_id,
        name=f"委员{member_id}",
        committee_level=level,
        committee_region_code=committee_region_code,
        sector="经济界",
        joined_on=d(joined),
        left_on=d(left),
    )


def posting(member_id, region_code, room_id=None, start="2021-01-01", end=None, mode="fixed"):
    return dict(
        member_id=member_id,
        region_code=region_code,
        room_id=room_id,
        mode=mode,
        start_on=d(start),
        end_on=d(end),
    )


def activity(
    activity_id, region_code, held_on, kind="micro", participants=None, solved=None, room_id=None
):
    return dict(
        activity_id=activity_id,
        region_code=region_code,
        room_id=room_id,
        held_on=d(held_on),
        kind=kind,
        topic="加装电梯",
        topic_source="public",
        public_participants=participants,
        problems_solved=solved,
    )


def suggestion(
    suggestion_id,
    region_code=COUNTY1,
    submitted="2024-03-01",
    filed=None,
    concluded=None,
    outcome=None,
    satisfaction=None,
    kind="proposal",
):
    return dict(
        suggestion_id=suggestion_id,
        kind=kind,
        region_code=region_code,
        activity_id=None,
        member_id=None,
        submitted_on=d(submitted),
        filed_on=d(filed),
        concluded_on=d(concluded),
        outcome=outcome,
        satisfaction=satisfaction,
    )


def write_export(folder: Path, tables: dict[str, list[dict]], only: set[str] | None = None) -> Path:
    """Write `<table>.parquet` files typed to the contract; tables not given are empty."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in TABLE_NAMES:
        if only is not None and name not in only:
            continue
        rows = tables.get(name, regions() if name == "regions" else [])
        pq.write_table(
            pa.Table.from_pylist(rows, schema=table(name).arrow_schema), folder / f"{name}.parquet"
        )
    return folder


def scope(
    region: str | None = None, start: str = "2024-01-01", end: str = "2024-12-31", **kwargs
) -> Scope:
    return Scope(date.fromisoformat(start), date.fromisoformat(end), region, **kwargs)


def visible(text: str) -> str:
    """What a reader sees of Markdown source once the escapes are gone (CommonMark backslashes
    and the invisible word joiners md() adds)."""
    out, escaped = [], False
    for ch in text:
        if escaped or ch != "\\":
            out.append(ch)
            escaped = False
        else:
            escaped = True
    return "".join(out).replace("\u2060", "")


# A complete [auth] section, as st.login needs it: without one an oidc deployment only says
# that sign-in is not configured.
OIDC_AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "s3cret",
    "client_id": "xieshang",
    "client_secret": "xieshang-secret",
    "server_metadata_url": "https://sso.example.gov.cn/.well-known/openid-configuration",
}


def open_page(page: str = "overview", *, signed_in: str | None = None, **query: str):
    """Open a page of the app as a link would: the page, with these query parameters;
    `signed_in`: as this user of an OIDC deployment (XIESHANG_AUTH=oidc), as st.login would."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(
        str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=120
    )
    if signed_in is not None:
        at.secrets["auth"] = OIDC_AUTH
        at.user = {"is_logged_in": True, "email": signed_in}
    if page != "overview":
        at.run()  # reach the page the way the navigation does
        at.switch_page(f"pages/{page}.py")
        at.query_params.clear()
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at
