"""The outcome codebook: local answer codes (A/B/C, 已解决, 列入计划 …) -> contract outcomes.

Localities and years classify outcomes differently, so the mapping is data: `codebook.toml` in
the data dir, or the shipped default. Each snapshot records which codebook (name and hash)
turned its answers into outcomes, and the adoption pages show it.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from xieshang.contract.aliases import VALUES, normalise
from xieshang.contract.tables import OUTCOMES
from xieshang.paths import data_dir

DEFAULT = Path(__file__).with_name("codebook_default.toml")


class CodebookError(ValueError):
    pass


@dataclass(frozen=True)
class Codebook:
    name: str
    sha256: str
    # normalised local label -> contract outcome
    outcomes: dict[str, str] = field(hash=False)

    def labels(self) -> dict[str, str]:
        """Every accepted outcome label: the contract's own, then this codebook's."""
        return {**VALUES["outcome"], **self.outcomes}

    def describe(self) -> dict[str, str]:
        return {"name": self.name, "sha256": self.sha256}


def load(path: Path | None = None) -> Codebook:
    if path is None:
        custom = data_dir() / "codebook.toml"
        path = custom if custom.is_file() else DEFAULT
    raw_bytes = path.read_bytes()
    try:
        raw = tomllib.loads(raw_bytes.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CodebookError(f"{path.name}: {exc}") from exc
    outcomes = {}
    for label, outcome in raw.get("outcome", {}).items():
        if outcome not in OUTCOMES:
            raise CodebookError(f"{path.name}: “{label}” maps to unknown outcome “{outcome}”")
        outcomes[normalise(label)] = outcome
    name = str(raw.get("name", path.name))
    return Codebook(name, hashlib.sha256(raw_bytes).hexdigest(), outcomes)
