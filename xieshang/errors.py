"""Errors a user can cause: each carries a catalogue key, so any front end can show it."""

from __future__ import annotations

from xieshang.i18n import Lang, t


class UserError(Exception):
    """Bad input from a person (a URL, a flag, a file): shown as a message, never a traceback."""

    key = "error.unknown"

    def __init__(self, key: str | None = None, /, **params: object):
        self.key = key or self.key
        self.params = params
        super().__init__(f"{self.key} {params}")

    def message(self, lang: Lang = "zh") -> str:
        return t(self.key, lang, **self.params)
