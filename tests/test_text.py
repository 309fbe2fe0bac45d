"""Text from outside is shown as text: the Markdown escaping every page uses."""

from __future__ import annotations

import pytest
from factories import visible

from xieshang.web.text import chart, css_string, file_name, md, one_line


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


def test_a_long_value_is_cut_with_an_ellipsis_on_one_line():
    assert one_line("甲\n乙  丙") == "甲 乙 丙"
    assert one_line("x" * 500, 60) == "x" * 59 + "…"
    assert one_line("短", 60) == "短"


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        (
            '<a href="http://evil.example">点我</a>',
            '&lt;a href="http://evil.example"&gt;点我&lt;/a&gt;',
        ),
        ("A & B <br> C", "A &amp; B &lt;br&gt; C"),
        ("第一行\n第二行", "第一行 第二行"),
    ],
)
def test_chart_text_cannot_become_plotly_html(name, shown):
    assert chart(name) == shown


@pytest.mark.parametrize(
    ("parts", "name"),
    [
        (("沙湾区", "2023年", "下级地区覆盖"), "沙湾区_2023年_下级地区覆盖"),
        (("../../etc/passwd", "2023年", "x"), "etc_passwd_2023年_x"),
        (('a<b>c:d"e/f\\g|h?i*j', "2023年"), "a_b_c_d_e_f_g_h_i_j_2023年"),
        (("区名\n第二行\t\x00", "2023年"), "区名 第二行_2023年"),
        (("CON",), "_CON"),
        (("nul.txt",), "_nul.txt"),
        ((".hidden", "2023年"), "hidden_2023年"),
        (("...",), "_"),
    ],
)
def test_file_names_are_safe_on_every_system(parts, name):
    assert file_name(*parts) == name


def test_a_very_long_region_name_still_gives_a_short_file_name():
    name = file_name("长" * 300, "2023年", "下级地区覆盖")

    assert len(name.encode("utf-8")) <= 200 and name.startswith("长长")


def test_css_strings_cannot_end_the_rule_or_the_style_element():
    quoted = css_string('选择文件"}</style><script>alert(1)</script>')

    assert quoted.startswith('"选择文件') and quoted.endswith('"')
    assert not any(c in quoted[1:-1] for c in '"<>{}')
