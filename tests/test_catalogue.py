"""The message catalogue is checked: every key the code asks for exists, every family of keys
the contract and the registry imply is complete, zh and en take the same placeholders, and no
key is left unused. Lookups are strict (a missing key raises), so these tests are what keeps a
raw code or a KeyError off a page."""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import get_args

import pytest

from xieshang.access import audit
from xieshang.contract.tables import (
    ACTIVITY_KINDS,
    COMMITTEE_LEVELS,
    OUTCOMES,
    POSTING_MODES,
    REGION_LEVELS,
    ROOM_TYPES,
    SATISFACTIONS,
    SUGGESTION_KINDS,
    TABLE_NAMES,
    TABLES,
)
from xieshang.i18n import MESSAGES, t
from xieshang.kpis import registry, scorecard, supervision
from xieshang.kpis import targets as targeting
from xieshang.kpis.metrics import DEFAULT_WEIGHTS
from xieshang.kpis.periods import GRAINS

ROOT = Path(__file__).resolve().parent.parent
CODE = [
    p
    for p in [*ROOT.glob("xieshang/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"]
    if "i18n" not in p.parts
]
SOURCE = "\n".join(p.read_text(encoding="utf-8") for p in CODE)
# Calls that take a catalogue key as their first argument (t, v.t, Key, UserError).
_LITERAL_KEY = re.compile(r"""(?:\bt|\.t|\bKey|UserError)\(\s*["']([a-z_]+(?:\.[a-z0-9_]+)+)["']""")

# Families: keys composed in code from data, each with the values it must cover.
FAMILIES: dict[str, set[str]] = {
    "level": set(REGION_LEVELS),
    "committee": set(COMMITTEE_LEVELS),
    "activity_kind": set(ACTIVITY_KINDS),
    "suggestion_kind": set(SUGGESTION_KINDS),
    "room_type": set(ROOM_TYPES),
    "mode": set(POSTING_MODES) | {"replace", "append"},
    "outcome": set(OUTCOMES) | {"pending"},
    "satisfaction": set(SATISFACTIONS) | {"none"},
    "table": set(TABLE_NAMES),
    "type": {c.type for spec in TABLES for c in spec.columns},
    "kpi": set(registry.REGISTRY),
    "def": set(registry.REGISTRY),
    "unit": {k.unit for k in registry.REGISTRY.values()},
    "block": set(registry.BLOCKS),
    "grain": set(GRAINS),
    "status": {"met", "near", "missed"},
    "tier": {"top", "middle", "bottom"},
    # Oversight: the scorecard's filters, the 督办 list's parts (and all of them), the states an
    # item closes itself in, and where a target comes from.
    "scorecard": {f"filter_{f}" for f in scorecard.FILTERS},
    "supervision": {f"part_{p}" for p in (*get_args(supervision.Part), "all")}
    | {"closed_met", "closed_on_track"},
    "targets": {f"origin_{o}" for o in get_args(targeting.Origin)},
    # The narrow headers of the rates a ranking shows (tables.Col.kpi(short=True)).
    "short": set(DEFAULT_WEIGHTS),
    # The audit log page's names for every kind of event.
    "audit": {f"event_{event}" for event in audit.EVENTS},
}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_the_code_asks_for_exists():
    missing = sorted({key for key in _LITERAL_KEY.findall(SOURCE) if key not in MESSAGES})

    assert missing == []


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_family_of_keys_is_complete(family):
    missing = sorted(f"{family}.{value}" for value in FAMILIES[family])

    assert [key for key in missing if key not in MESSAGES] == []


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_zh_and_en_take_the_same_placeholders_and_both_say_something(key):
    zh, en = MESSAGES[key]

    assert zh.strip() and en.strip(), key
    assert placeholders(zh) == placeholders(en), key


def _used(key: str) -> bool:
    """A key is used when the code names it, or when the code composes its family and names
    the rest (`v.t(f"col.{col.name}")` with a `Col("region_code")` somewhere)."""
    if f'"{key}"' in SOURCE or f"'{key}'" in SOURCE:
        return True
    family, _, member = key.partition(".")
    if family in FAMILIES and member in FAMILIES[family]:
        return True
    parts = key.split(".")
    for cut in range(1, len(parts)):
        prefix, rest = ".".join(parts[:cut]), ".".join(parts[cut:])
        composed = f'"{prefix}.{{' in SOURCE or f"'{prefix}.{{" in SOURCE
        if composed and (f'"{rest}"' in SOURCE or f"'{rest}'" in SOURCE):
            return True
    return False


def test_no_key_is_left_unused():
    assert sorted(key for key in MESSAGES if not _used(key)) == []


def test_a_lookup_is_strict():
    with pytest.raises(KeyError):
        t("no.such.key")
