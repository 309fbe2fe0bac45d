"""The KPI registry is the one list of KPIs: every query returns exactly its fields, and every
KPI has a label, a definition (口径) and a unit in both languages."""

from __future__ import annotations

import pytest
from factories import write_export

from xieshang.engine import sql
from xieshang.i18n import MESSAGES
from xieshang.kpis import metrics, registry
from xieshang.kpis.scope import Scope
from xieshang.store.imports import Importer


@pytest.mark.parametrize("key", sorted(registry.REGISTRY))
def test_every_kpi_has_a_label_a_definition_and_a_unit_in_both_languages(key):
    kpi = registry.get(key)

    for message in (f"kpi.{key}", f"def.{key}", f"unit.{kpi.unit}"):
        zh, en = MESSAGES[message]
        assert zh.strip() and en.strip(), message


def test_a_rate_names_the_counts_it_divides_from_its_own_block():
    for kpi in registry.REGISTRY.values():
        if kpi.is_rate and kpi.part is not None:
            assert f"{kpi.block}.{kpi.part}" in registry.REGISTRY, kpi.key
            assert kpi.whole is not None
        assert not (kpi.part or kpi.whole) or kpi.is_rate, kpi.key


def test_rates_show_as_percentages_and_counts_with_separators():
    assert registry.shown("suggestions.adoption_rate", 917 / 994) == "92.3%"
    assert registry.shown("suggestions.submitted", 11876) == "11,876"
    assert registry.shown("suggestions.median_days_to_conclude", 61.5) == "61.5"
    assert registry.shown("rooms.village_coverage", None) == "—"


def test_each_block_query_returns_exactly_the_registry_fields(tmp_path):
    snapshot = Importer().import_files([write_export(tmp_path / "x", {})], who="test")
    scope = Scope(*metrics.default_period(snapshot))
    spans = [(scope.date_from, scope.date_to)]
    found = metrics.figures(snapshot, scope)[0]

    for name, block in found.blocks().items():
        params = metrics.block_params(snapshot, name, None, spans, scope)
        (row,) = sql.rows(snapshot, f"kpis/{name}", **params)
        breakdown = [metrics.BREAKDOWNS[name]] if name in metrics.BREAKDOWNS else []
        assert tuple(row) == ("unit_code", "period_i", *registry.BLOCKS[name], *breakdown)
        for key, value in block.items():
            kind = registry.get(f"{name}.{key}").kind
            if kind in ("count", "sum"):
                assert type(value) is int, (name, key, value)
            else:
                assert value is None or type(value) is float, (name, key, value)
