"""Start the dashboard with the current snapshot already open: `python -m xieshang.launch
[streamlit options]` is `streamlit run app.py [options]` plus a warm-up.

Streamlit runs a page only when a browser asks for it, so the first visitor used to wait for
the imports, the snapshot's connection (at national scale, 1.6 s to load the region tree and
the rollups) and the first queries. The warm-up does that work in the server's own process
while it starts and the browser loads the frontend; a visitor who comes sooner waits only for
what is left (the connection is opened once, see xieshang.sql.connection).
"""

from __future__ import annotations

import logging
import sys
import threading

from xieshang.paths import ROOT

_LOG = logging.getLogger(__name__)


def warm() -> None:
    """Import the pages' modules, open the current snapshot and run its first queries."""
    try:
        # The pages' heavy imports; not xieshang.ui or .charts themselves, whose caches must be
        # declared once Streamlit's runtime exists (else each logs "No runtime found").
        import plotly.graph_objects  # noqa: F401

        from xieshang import metrics, sql
        from xieshang.store import Store

        snapshot = Store().current()
        sql.connection(str(snapshot.path))
        metrics.scope_from_input(snapshot)  # the data span, as every page's first query
    except Exception:  # the first visit opens it itself and shows any problem in the page
        _LOG.exception("warm-up failed")


def main(argv: list[str] | None = None) -> None:
    threading.Thread(target=warm, name="xieshang-warm-up", daemon=True).start()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
