"""A real import process killed at any moment leaves a current snapshot that reads."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from xieshang.engine import sql
from xieshang.kpis import metrics
from xieshang.paths import DEMO_DIR
from xieshang.store.snapshots import Store


def test_killing_imports_at_staggered_moments_never_leaves_a_broken_store(isolated_store):
    env = {**os.environ, "XIESHANG_DATA_DIR": str(isolated_store)}
    command = [sys.executable, "-m", "xieshang", "import", str(DEMO_DIR)]
    outcomes = set()
    for delay in (0.3, 0.8, 1.3, 1.8, 2.5):
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        outcomes.add(process.returncode)

        current = Store().current()  # CURRENT names a complete snapshot, or the demo
        sql.connection.cache_clear()
        result = metrics.kpis(current, metrics.scope_from_input(current))
        assert result["rooms"]["active"] > 0
        assert current.row_counts() == Store().get("demo").row_counts()

    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    leftovers = list((isolated_store / "snapshots").glob(".tmp-*"))
    assert leftovers == []  # the next writer cleaned up whatever the killed ones left
    assert outcomes <= {-signal.SIGKILL, 0}
