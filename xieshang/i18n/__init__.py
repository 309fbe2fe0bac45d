"""The message catalogue: every user-facing text, Chinese (zh-CN) first, English second."""

from __future__ import annotations

from typing import Literal

from xieshang.i18n import access, brief, common, ingest, kpis, oversight, screen, web

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

# key -> (zh-CN, English), one file per area of the product. Placeholders use str.format names.
MESSAGES: dict[str, tuple[str, str]] = {
    **common.MESSAGES,
    **kpis.MESSAGES,
    **ingest.MESSAGES,
    **web.MESSAGES,
    **screen.MESSAGES,
    **access.MESSAGES,
    **oversight.MESSAGES,
    **brief.MESSAGES,
}


class Key(str):
    """A parameter that is itself a catalogue key, translated along with its message."""

    __slots__ = ()


def t(key: str, lang: Lang = "zh", /, **params: object) -> str:
    """The message for `key` in `lang`, with `params` filled in."""
    zh, en = MESSAGES[key]
    text = zh if lang == "zh" else en
    if not params:
        return text
    return text.format(**{k: t(v, lang) if isinstance(v, Key) else v for k, v in params.items()})


def normalize_lang(value: str | None) -> Lang:
    return "en" if (value or "").lower().startswith("en") else "zh"
