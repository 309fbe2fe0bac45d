"""The layers are light where they must be, proven in a fresh interpreter (as harlequin does):
the KPI layer never loads the front end's libraries, and `xieshang kpis` starts without pandas,
pyarrow or the file readers (it must start as fast as a plain DuckDB script)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def loaded_after(statement: str) -> set[str]:
    code = f"import sys, json\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return {name.split(".")[0] for name in json.loads(done.stdout.splitlines()[-1])}


@pytest.mark.parametrize(
    "module", ["xieshang.kpis.metrics", "xieshang.kpis.details", "xieshang.engine.sql"]
)
def test_the_kpi_layer_loads_neither_streamlit_nor_plotly_nor_pandera(module):
    loaded = loaded_after(f"import {module}")

    assert {"streamlit", "plotly", "pandera"}.isdisjoint(loaded)


def test_the_command_line_starts_without_pandas_pyarrow_or_the_file_readers():
    loaded = loaded_after("import xieshang.cli.main")
    everything = loaded_after(
        "import xieshang.cli.main, xieshang.kpis.metrics; "
        "print(sorted(m for m in sys.modules if m.startswith('xieshang.')))"
    )

    assert {"pandas", "pyarrow", "streamlit", "plotly"}.isdisjoint(loaded)
    assert {"pandas", "pyarrow"}.isdisjoint(everything)


def test_xieshang_kpis_prints_figures_without_loading_pandas(tmp_path):
    code = (
        "import sys, json, contextlib, io\n"
        "from xieshang.cli.main import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    code = main(['kpis', '--data-dir', sys.argv[1]])\n"
        "assert code == 0, code\n"
        "json.loads(out.getvalue())\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "store")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    loaded = set(json.loads(done.stdout.splitlines()[-1]))
    assert {"pandas", "streamlit", "plotly"}.isdisjoint(loaded)
