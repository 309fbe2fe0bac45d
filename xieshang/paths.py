"""Where things live. Paths are anchored on the code, never on the working directory."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = ROOT / "queries"
DEMO_DIR = ROOT / "data" / "demo"


def data_dir() -> Path:
    """The store's folder: `XIESHANG_DATA_DIR` when set, else `data/` in the project."""
    override = os.environ.get("XIESHANG_DATA_DIR")
    return Path(override).resolve() if override else ROOT / "data"
