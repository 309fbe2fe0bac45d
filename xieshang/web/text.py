"""Text from outside (a URL, a file, a cell, a region or room name) shown as text, never run as
Markdown or HTML: wherever Streamlit renders Markdown (titles, captions, alerts, metric labels,
button and expander labels, help) such text goes through `md()` first, in Plotly figures through
`chart()`, and into a download's file name through `file_name()`. Selectboxes and multiselects
render their option labels as plain text (measured), so those are not escaped.

Measured in Chromium on Streamlit 1.67: backslash-escaping Markdown's punctuation is not
enough. `:material/home:` still became an icon and bare `www.`/`http://` addresses and e-mail
addresses still became links, so those are broken with an invisible word joiner (U+2060) too;
with both, `[link](…)`, `![image](…)` (which made the browser fetch the URL), `:red[…]`,
`$math$`, `# heading`, lists, quotes and raw HTML all show literally and nothing is fetched.
"""

from __future__ import annotations

import html
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


def one_line(value: object, limit: int | None = None) -> str:
    """`value` on one line, cut to `limit` characters with an ellipsis (a 500-character region
    code in a link should not fill an official's screen)."""
    text = " ".join(str(value).split())
    if limit is not None and len(text) > limit:
        return text[: limit - 1] + "…"
    return text


def chart(value: object, limit: int | None = None) -> str:
    """`value` as Plotly text: Plotly renders a subset of HTML in titles, labels, legends and
    hover text (`<a href>` makes a working link), and decodes entities, so `&`, `<` and `>`
    are written as entities."""
    return html.escape(one_line(value, limit), quote=False)


# Characters no file name may hold on Windows, macOS or Linux, and control characters.
_NOT_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
# Names Windows reserves for devices, with or without an extension.
_RESERVED = re.compile(r"(?i)^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$")
# Bytes a name may take (ext4, NTFS and APFS allow 255), leaving room for the extension.
_FILE_NAME_BYTES = 200


def file_name(*parts: object) -> str:
    """A file name from `parts` joined by `_` (a region, a period, what the file holds) that is
    safe on every system: no path separators or reserved characters, no leading dot, not a
    device name, short enough, never empty."""
    cleaned = (_NOT_IN_FILE_NAMES.sub("_", one_line(part)).strip(" ._") for part in parts)
    name = "_".join(part for part in cleaned if part)
    while len(name.encode("utf-8")) > _FILE_NAME_BYTES:
        name = name[:-1]
    name = name.rstrip(" .")
    if _RESERVED.match(name):
        name = f"_{name}"
    return name or "_"


def css_string(value: object) -> str:
    """`value` as a quoted CSS string that cannot end the string, the rule or the <style>."""
    escaped = "".join(
        c if c.isalnum() or c in " .,:;!?()（）、，：；。·—%" or ord(c) > 0x7F else f"\\{ord(c):x} "
        for c in one_line(value)
    )
    return f'"{escaped}"'
