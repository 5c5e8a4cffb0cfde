"""Run Otter Assign on a rendered master notebook, in a child process."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


class AssignError(RuntimeError):
    pass


def run_otter_assign(master: Path, out: Path, timeout: int = 600) -> None:
    """``otter assign master out``; Otter also runs every test against the reference here."""
    # LAB_QUICK: Otter executes the whole master to check the tests; the labs' training
    # cells need not train in earnest for that (outputs are stripped anyway).
    env = dict(os.environ, PYTHONHASHSEED="0", MPLBACKEND="Agg", LAB_QUICK="1")
    proc = subprocess.run([sys.executable, "-m", "otter", "assign", master.name, str(out)],
                          cwd=master.parent, capture_output=True, text=True, timeout=timeout, env=env)
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-25:])
        raise AssignError(f"otter assign failed for {master.name} (exit {proc.returncode}):\n{tail}")
