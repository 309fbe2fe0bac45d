"""The server around the Streamlit script: `app.py` hands these to `st.App`, Streamlit's public
ASGI entry point, however the app is started (`streamlit run app.py`, `python app.py`,
`uvicorn app:app`).

The warm-up runs in the app's lifespan, before the server accepts its first request: the heavy
imports, the current snapshot's connection (at national scale 1.6 s to load the region tree and
the rollups) and its first queries happen once, with nothing importing beside them. (Warming up
in a thread while Streamlit itself imported crashed 19 starts in 21 on a busy machine:
`partially initialized module 'pandas'`.) Middleware and API routes are added here too.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

_LOG = logging.getLogger("xieshang.server")


def warm() -> None:
    """Import what the pages use, open the current snapshot and run its first query.

    Never fatal: a snapshot that cannot be opened is reported by the first page that asks.
    """
    started = time.perf_counter()
    # The pages' modules and their libraries, imported here once rather than by the first
    # visitor's script run. Not at the top of this module: app.py imports it before Streamlit's
    # runtime exists, and the pages' caches must be declared once it does.
    import plotly.graph_objects  # noqa: F401

    from xieshang.access.grants import Grant
    from xieshang.engine import sql
    from xieshang.kpis import metrics
    from xieshang.store.snapshots import Store
    from xieshang.web import router  # noqa: F401

    try:
        snapshot = Store().current()
        sql.connection(str(snapshot.path))
        # The data span, as every page's first query; the server itself may see everything
        # (a protected deployment refuses a call without a grant).
        metrics.scope_from_input(snapshot, grant=Grant.everything("server warm-up"))
    except Exception:
        _LOG.exception("warm-up could not open the current snapshot")
    _LOG.info("warm-up done in %.1f s", time.perf_counter() - started)


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    """Startup: the warm-up, before the server answers anything (uvicorn binds its socket only
    once startup is complete, so a health check that answers means a warm server).

    The access mode is then read from the secrets files this server's Streamlit reads, however
    they were given (--secrets.files, config.toml, STREAMLIT_SECRETS_FILES or the defaults)."""
    import streamlit as st

    from xieshang.access import settings

    settings.use_secrets_files(st.get_option("secrets.files"))
    warm()
    yield


def routes() -> list[Any]:
    """The JSON API (xieshang/web/api.py), beside Streamlit's own routes."""
    from xieshang.web import api

    return list(api.ROUTES)


def middleware() -> list[Any]:
    """The identity gate of a header-mode deployment (xieshang/web/gate.py), outermost: it
    sees every HTTP and websocket request before Streamlit does."""
    from starlette.middleware import Middleware

    from xieshang.web.gate import Gate

    return [Middleware(Gate)]
