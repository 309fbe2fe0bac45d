"""Who a request is, before any page or API answer: the identity check of a protected
deployment, done in the server for every HTTP and websocket request (`Gate`, middleware on
`st.App`), and the identities the JSON API accepts (`identify`).

- header mode: the organisation's sign-on gateway passes the user id in a header
  (XIESHANG_AUTH_HEADER, default X-Remote-User), honoured only from XIESHANG_TRUSTED_PROXIES.
  A request without it is refused with 401, one with it from another address with 403; only
  the health check passes (a load balancer probes it without signing in). The pages check the
  header again (xieshang/web/identity.py), so a script run can never show a figure without it.
- oidc mode: Streamlit's own sign-in (st.login) keeps the user in a signed cookie. The pages
  read it as `st.user`; the API reads the same cookie here, through Streamlit's cookie helpers
  (private modules, isolated in `_oidc_claims` so an upgrade that moves them fails closed).
- any mode: an API token (`Authorization: Bearer xs_…`) names its user (users.toml keeps only
  its hash).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from xieshang.access import audit, settings, users
from xieshang.access.users import User
from xieshang.errors import UserError
from xieshang.i18n import Lang, normalize_lang

ASGIApp = Callable[[dict[str, Any], Any, Any], Awaitable[None]]
# What a load balancer probes: answered without an identity (it says nothing about the data).
OPEN_PATHS = frozenset({"/_stcore/health", "/healthz"})
API_PREFIX = "/api/"


class Refused(UserError):
    """No usable identity: `status` 401 (none given) or 403 (given where it is not trusted,
    or not a user of this deployment)."""

    def __init__(self, status: int, key: str, /, **params: object):
        super().__init__(key, **params)
        self.status = status


@dataclass(frozen=True)
class Caller:
    """Who asks: the user (None in an open deployment without a token), how they were known,
    and from which address."""

    user: User | None
    how: str  # open | header | oidc | token
    address: str | None


def identify(headers: Mapping[str, str], cookies: Mapping[str, str], address: str | None) -> Caller:
    """The caller of an API request, or Refused. Header names are matched case-insensitively
    (pass them lower-cased)."""
    bearer = headers.get("authorization", "")
    if bearer[:7].lower() == "bearer ":
        token = bearer[7:].strip()
        user = users.by_token(token) if token else None
        if user is None:
            raise Refused(401, "error.api_bad_token")
        return Caller(user, "token", address)
    mode = settings.mode()
    if mode == "open":
        return Caller(None, "open", address)
    user_id: str | None
    if mode == "header":
        user_id = header_user(headers, address)
    else:
        claims = _oidc_claims(cookies, headers.get("origin") or _origin(headers))
        user_id = settings.oidc_user_id(claims)
        if not user_id:
            raise Refused(401, "error.api_no_identity")
    try:
        return Caller(users.find(user_id), mode, address)
    except users.Unknown as exc:
        raise Refused(403, exc.key, **exc.params) from None


def header_user(headers: Mapping[str, str], address: str | None) -> str:
    """The user id the trusted gateway passed, or Refused (401 none, 403 untrusted address)."""
    value = (headers.get(settings.header_name().lower()) or "").strip()
    if not value:
        raise Refused(401, "error.gateway_missing")
    if not settings.is_trusted(address):
        raise Refused(403, "error.gateway_untrusted", address=address or "?")
    return value


def request_lang(query: Mapping[str, str], headers: Mapping[str, str]) -> Lang:
    """The caller's language: ?lang=, else Accept-Language, else Chinese."""
    asked = query.get("lang") or headers.get("accept-language", "")[:2]
    return normalize_lang(asked)


class Gate:
    """ASGI middleware: in header mode, refuse every HTTP and websocket request that does not
    carry the identity header from a trusted address (the health check and the API, which
    checks its own callers, excepted). Refusals are recorded in the audit log."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        kind = scope.get("type")
        path = str(scope.get("path", ""))
        if kind not in ("http", "websocket") or path in OPEN_PATHS or path.startswith(API_PREFIX):
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        address = _client(scope)
        lang = request_lang(_query(scope), headers)
        try:
            if settings.mode() != "header":
                await self.app(scope, receive, send)
                return
            header_user(headers, address)
        except Refused as exc:
            audit.record("refused", None, address, reason=exc.key, path=path, kind=kind)
            await _refuse(scope, send, exc.status, exc.message(lang))
            return
        except UserError as exc:  # a broken setting: refuse rather than guess
            await _refuse(scope, send, 500, exc.message(lang))
            return
        await self.app(scope, receive, send)


async def _refuse(scope: dict[str, Any], send: Any, status: int, message: str) -> None:
    if scope["type"] == "websocket":
        # Closing before accepting makes the server answer the handshake with 403.
        await send({"type": "websocket.close", "code": 1008, "reason": ""})
        return
    body = json.dumps({"error": message, "status": status}, ensure_ascii=False).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"cache-control", b"no-store"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _headers(scope: dict[str, Any]) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _client(scope: dict[str, Any]) -> str | None:
    client = scope.get("client")
    return str(client[0]) if client else None


def _query(scope: dict[str, Any]) -> dict[str, str]:
    from urllib.parse import parse_qsl

    raw = scope.get("query_string", b"").decode("latin-1")
    return dict(parse_qsl(raw))


def _origin(headers: Mapping[str, str]) -> str:
    host = headers.get("host", "")
    proto = headers.get("x-forwarded-proto", "http")
    return f"{proto}://{host}" if host else ""


def _oidc_claims(cookies: Mapping[str, str], origin: str) -> dict[str, Any]:
    """The signed-in user's claims from Streamlit's auth cookie (empty when there is none, it
    does not verify, or Streamlit's helpers have moved: fail closed)."""
    try:
        from streamlit.web.server.starlette import starlette_websocket as private

        decoded = private._get_signed_cookie_with_chunks(dict(cookies), private.USER_COOKIE_NAME)
        claims = private._parse_decoded_user_cookie(decoded, origin) if decoded else {}
    except Exception:
        return {}
    return claims if claims.get("is_logged_in") else {}
