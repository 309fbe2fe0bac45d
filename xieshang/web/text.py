"""Text from outside (a URL, a file, a cell, a region or room name) shown as text, never run as
Markdown: wherever Streamlit renders Markdown (titles, captions, alerts, metric labels, button
and expander labels, help) such text goes through `md()` first.

Measured in Chromium on Streamlit 1.67: backslash-escaping Markdown's punctuation is not
enough. `:material/home:` still became an icon and bare `www.`/`http://` addresses and e-mail
addresses still became links, so those are broken with an invisible word joiner (U+2060) too;
with both, `[link](…)`, `![image](…)` (which made the browser fetch the URL), `:red[…]`,
`$math$`, `# heading`, lists, quotes and raw HTML all show literally and nothing is fetched.
"""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"
# Every ASCII punctuation character: CommonMark lets each be escaped with a backslash.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_WWW = re.compile(r"(?i)(w)(ww)")


def md(value: object) -> str:
    """`value` as Markdown source that renders as exactly its text, on one line."""
    text = " ".join(str(value).split())
    text = _WWW.sub(rf"\1{WORD_JOINER}\2", text)
    text = text.replace("://", f":{WORD_JOINER}//").replace("@", f"{WORD_JOINER}@")
    return _PUNCTUATION.sub(r"\\\1", text)
