"""`xieshang brief` refuses bad input with a message in the user's language and exit code 2,
never a traceback, and before doing the work."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from xieshang.cli.main import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (["--region", "123"], "未找到地区代码“123”", "Unknown region code “123”"),
        (["--from", "2025-02-30"], "无法识别的日期“2025-02-30”", "Cannot read the date"),
        (["--from", "0001-01-01"], "超出可选范围", "is outside 1900–2099"),
        (
            ["--from", "2025-06-01", "--to", "2025-01-01"],
            "起始日期 2025-06-01 晚于截止日期 2025-01-01",
            "is after the end date",
        ),
    ],
)
def test_bad_scope_gives_a_message_and_exit_code_2(capsys, tmp_path, args, zh, en):
    out = str(tmp_path / "b.docx")
    for lang, expected in (("zh", zh), ("en", en)):
        code, _, err = run(capsys, "--lang", lang, "brief", *args, "--out", out)

        assert code == 2
        assert expected in err
        assert "Traceback" not in err
    assert not Path(out).exists()


def test_a_path_that_cannot_be_written_is_refused_before_the_work(capsys, tmp_path):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x", encoding="utf-8")

    for target, reason in (
        (tmp_path / "missing" / "b.pdf", "所在文件夹不存在"),
        (a_file / "b.pdf", "所在文件夹不存在"),
        (tmp_path / "b.txt", "文件名应以 .docx 或 .pdf 结尾"),
    ):
        code, _, err = run(capsys, "brief", "--out", str(target))
        assert code == 2, target
        assert reason in err
    folder = tmp_path / "brief.docx"
    folder.mkdir()
    code, _, err = run(capsys, "brief", "--out", str(folder), "--lang", "en")
    assert code == 2
    assert f"Cannot write “{folder}”: it is a folder; give a file name" in err


def test_lang_works_before_and_after_the_command(capsys, tmp_path):
    out = str(tmp_path / "x.txt")

    assert run(capsys, "brief", "--out", out, "--lang", "en")[2].startswith("Unknown output")
    assert run(capsys, "--lang", "en", "brief", "--out", out)[2].startswith("Unknown output")


def test_the_command_writes_a_docx_and_names_it(capsys, tmp_path):
    out = tmp_path / "通报.docx"

    code, printed, err = run(capsys, "brief", "--region", "990203000000", "--out", str(out))

    assert code == 0, err
    assert printed.strip() == f"已写入通报：{out}"
    assert out.read_bytes()[:2] == b"PK"
    assert not list(tmp_path.glob(".brief-*"))  # the temporary file is gone


def test_an_unexpected_failure_is_a_message_not_a_traceback(tmp_path):
    code = (
        "import sys\n"
        "from xieshang.brief import compose\n"
        "def broken(*a, **k):\n"
        "    raise RuntimeError('boom')\n"
        "compose.build = broken\n"
        "from xieshang.cli.main import main\n"
        "sys.exit(main(['brief', '--out', sys.argv[1]]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "b.docx")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 3
    assert "内部错误：RuntimeError" in done.stderr
    assert "Traceback" not in done.stderr
