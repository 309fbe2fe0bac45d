"""Where things live. Paths are anchored on the code, never on the working directory."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = ROOT / "queries"
DEMO_DIR = ROOT / "data" / "demo"


# A command's --data-dir: everything kept beside the store (the audit log, the users file,
# the codebook, the targets, the follow-ups) follows it, not only the snapshots.
_CHOSEN: ContextVar[Path | None] = ContextVar("xieshang_data_dir", default=None)


def data_dir() -> Path:
    """The store's folder: the one a command was given (`using_data_dir`), else
    `XIESHANG_DATA_DIR` when set, else `data/` in the project."""
    chosen = _CHOSEN.get()
    if chosen is not None:
        return chosen
    override = os.environ.get("XIESHANG_DATA_DIR")
    return Path(override).resolve() if override else ROOT / "data"


@contextmanager
def using_data_dir(path: Path | None) -> Iterator[None]:
    """Within the block, `data_dir()` is `path` (None: unchanged)."""
    if path is None:
        yield
        return
    token = _CHOSEN.set(Path(path).resolve())
    try:
        yield
    finally:
        _CHOSEN.reset(token)
