"""Modules shipped verbatim into the bundles, next to the notebook (never edit the copies).

``dlcourse_testkit`` holds the strict checks that public and hidden tests use;
``dlcourse_check`` is the students' light, offline replacement for ``otter.Notebook``.
Both depend on numpy and the standard library only.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHIPPED = ("dlcourse_testkit.py", "dlcourse_check.py")


def register() -> None:
    """Make the shipped modules importable under the names the notebooks and tests use."""
    from autograder.shipped import dlcourse_check, dlcourse_testkit

    sys.modules.setdefault("dlcourse_testkit", dlcourse_testkit)
    sys.modules.setdefault("dlcourse_check", dlcourse_check)
