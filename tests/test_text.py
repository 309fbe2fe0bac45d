"""Text from outside is shown as text: the Markdown escaping every page uses."""

from __future__ import annotations

import pytest

from xieshang.web.text import WORD_JOINER, md


def visible(text: str) -> str:
    """What a reader sees once Markdown has removed the escapes (CommonMark backslashes)."""
    out, escaped = [], False
    for ch in text:
        if escaped or ch != "\\":
            out.append(ch)
            escaped = False
        else:
            escaped = True
    return "".join(out).replace(WORD_JOINER, "")


@pytest.mark.parametrize(
    "hostile",
    [
        "[点此重新登录](http://example.com/x)",
        "![t](http://127.0.0.1:9/beacon.png)",
        ":material/home: :red[红] :smile:",
        "www.example.com a@b.com",
        "区名\\",
        "<script>alert(1)</script>",
        "**粗** $x$ # 标题",
    ],
)
def test_escaped_text_reads_exactly_as_written(hostile):
    escaped = md(hostile)

    assert visible(escaped) == hostile
    assert "](" not in escaped and "<" not in escaped.replace("\\<", "")
    assert "www" not in escaped.lower() and "://" not in escaped


def test_a_name_ending_in_a_backslash_does_not_escape_what_follows():
    assert md("区名\\") + "：" == "区名\\\\：" and visible(md("区名\\")) == "区名\\"


def test_newlines_become_spaces():
    assert md("第一行\n第二行") == "第一行 第二行"
