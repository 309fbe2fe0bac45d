"""The JSON API, Datasette-style routes on `st.App`:

    GET /api/v1/kpis?region=&from=&to=&kind=           what `xieshang kpis --format json` prints
    GET /api/v1/compare?region=&level=&from=&to=&kind=&sort=
                                                        what `xieshang compare --format json` prints
    GET /api/v1/regions?parent=                         the children of a region

The same answers as the CLI (xieshang.kpis.answers), the same identities and scopes as the
pages (xieshang.web.gate.identify), every call recorded in the audit log. Errors are JSON,
`{"error": message, "status": code}`, in the caller's language (?lang=en or Accept-Language):
400 bad parameters, 401 no identity, 403 outside the caller's scope or not a user, 404 no such
endpoint, 500 anything unexpected (never a traceback).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from xieshang.access import audit
from xieshang.errors import UserError
from xieshang.i18n import Lang, t
from xieshang.web.gate import Caller, Refused, identify, request_lang

_LOG = logging.getLogger("xieshang.api")
PARAMS = {
    "kpis": ("region", "from", "to", "kind", "lang"),
    "compare": ("region", "level", "from", "to", "kind", "sort", "lang"),
    "regions": ("parent", "lang"),
}


def _kpis(caller: Caller, q: dict[str, str], lang: Lang) -> object:
    from xieshang.kpis import answers

    snapshot, scope = _scope(caller, q)
    return answers.kpis(snapshot, scope, lang)


def _compare(caller: Caller, q: dict[str, str], lang: Lang) -> object:
    from xieshang.kpis import answers

    snapshot, scope = _scope(caller, q)
    level = q.get("level") or None
    return answers.compare(snapshot, scope, level=level, sort=q.get("sort") or "score", lang=lang)


def _regions(caller: Caller, q: dict[str, str], lang: Lang) -> object:
    from xieshang.kpis import answers
    from xieshang.store.snapshots import Store

    return answers.regions(Store().current(), q.get("parent"), _grant(caller), lang)


HANDLERS: dict[str, Callable[[Caller, dict[str, str], Lang], object]] = {
    "kpis": _kpis,
    "compare": _compare,
    "regions": _regions,
}


def _grant(caller: Caller) -> Any:
    from xieshang.access.grants import Grant

    return Grant.of(caller.user, caller.address) if caller.user is not None else None


def _scope(caller: Caller, q: dict[str, str]) -> tuple[Any, Any]:
    from xieshang.kpis.scope import scope_from_input
    from xieshang.store.snapshots import Store

    snapshot = Store().current()
    scope = scope_from_input(
        snapshot,
        q.get("region"),
        q.get("from"),
        q.get("to"),
        q.get("kind") or None,
        grant=_grant(caller),
    )
    return snapshot, scope


def endpoint(request: Request) -> Response:
    """One API call: who asks, checked parameters, the answer or a JSON error; audited."""
    from xieshang.access.grants import Forbidden
    from xieshang.kpis import answers

    query = dict(request.query_params)
    headers = {k.lower(): v for k, v in request.headers.items()}
    lang = request_lang(query, headers)
    name = request.path_params.get("name", "")
    address = request.client.host if request.client else None
    who: str | None = None
    try:
        if name not in HANDLERS:
            raise _Status(404, "error.api_not_found", path=request.url.path)
        caller = identify(headers, dict(request.cookies), address)
        who = caller.user.id if caller.user else None
        unknown = sorted(set(query) - set(PARAMS[name]))
        if unknown:
            raise _Status(
                400,
                "error.api_bad_parameter",
                names=", ".join(unknown),
                allowed=", ".join(PARAMS[name]),
            )
        status, body = 200, HANDLERS[name](caller, query, lang)
    except Refused as exc:
        status, body = exc.status, _error(exc.status, exc.message(lang))
    except Forbidden as exc:
        status, body = 403, _error(403, exc.message(lang))
    except _Status as exc:
        status, body = exc.status, _error(exc.status, exc.message(lang))
    except UserError as exc:
        status, body = 400, _error(400, exc.message(lang))
    except Exception as exc:  # the last line of defence: a message, never a traceback
        _LOG.exception("API call %s failed", request.url.path)
        status = 500
        body = _error(500, t("error.internal", lang, reason=type(exc).__name__))
    audit.record(
        "api",
        who,
        address,
        path=request.url.path,
        query=str(request.url.query) or None,
        status=status,
    )
    return Response(
        answers.dumps(body) + "\n",
        status_code=status,
        media_type="application/json; charset=utf-8",
        headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"},
    )


class _Status(UserError):
    def __init__(self, status: int, key: str, /, **params: object):
        super().__init__(key, **params)
        self.status = status


def _error(status: int, message: str) -> dict[str, object]:
    return {"error": message, "status": status}


ROUTES = [
    Route("/api/v1/{name}", endpoint, methods=["GET"]),
    Route("/api/{rest:path}", endpoint, methods=["GET"]),
]
