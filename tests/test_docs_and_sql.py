from __future__ import annotations

import re
from pathlib import Path

from xieshang.contract.tables import render_markdown
from xieshang.paths import QUERIES_DIR

ROOT = Path(__file__).resolve().parent.parent


def test_the_data_contract_doc_is_generated_from_the_code():
    doc = (ROOT / "docs" / "data-contract.md").read_text(encoding="utf-8")

    assert doc == render_markdown(), "run: xieshang contract > docs/data-contract.md"


def test_every_query_file_starts_with_a_header_naming_its_grain_and_params():
    files = sorted(QUERIES_DIR.rglob("*.sql"))
    assert len(files) >= 8
    for path in files:
        header = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith("--"):
                break
            header.append(line)
        text = " ".join(header)
        assert header, f"{path.name} has no header"
        assert "Grain:" in text or "grain" in text.lower(), f"{path.name}: no grain"
        if "$" in path.read_text(encoding="utf-8"):
            assert "Params:" in text, f"{path.name}: parameters not listed in the header"


def test_query_parameters_are_named_and_declared_in_the_header():
    for path in sorted((QUERIES_DIR / "kpis").glob("*.sql")):
        text = path.read_text(encoding="utf-8")
        header = text.split("\nwith", 1)[0]
        for name in set(re.findall(r"\$([a-z_]+)", text.split("\nwith", 1)[1])):
            assert f"${name}" in header, f"{path.name} uses ${name} without declaring it"


def test_every_rate_is_divided_in_one_place_only():
    """A KPI's rate is computed by setup/figures.sql; other queries use its macros (the
    members' rate per committee level, the adoption rate per month) rather than divide again."""
    from xieshang.kpis.registry import REGISTRY

    rates = {kpi.name for kpi in REGISTRY.values() if kpi.kind == "rate"}
    assert {"sinking_rate", "adoption_rate", "village_coverage"} <= rates
    found = []
    for path in sorted(QUERIES_DIR.rglob("*.sql")):
        if path.relative_to(QUERIES_DIR).as_posix() == "setup/figures.sql":
            continue
        for line in path.read_text("utf-8").splitlines():
            named = re.search(r"/.*\bas\s+(\w+)\b", line.split("--", 1)[0])
            if named and named.group(1) in rates:
                found.append(f"{path.name}: {named.group(1)}")
    assert not found, found
