"""Do the instructor docs stay true to the code they describe?"""
from __future__ import annotations

import importlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_erratum_names_an_existing_erratum_test():
    """Does docs/errata.md list eight errata, each pinned by a test that exists and is marked `erratum`?"""
    text = (ROOT / "docs" / "errata.md").read_text(encoding="utf-8")
    pins = re.findall(r"^\| \d \|.*`(tests/test_\w+\.py)::(test_erratum_\w+)` \|$", text, flags=re.M)
    assert len(pins) == 8
    for path, name in pins:
        module = importlib.import_module(path[:-3].replace("/", "."))
        test = getattr(module, name, None)
        assert test is not None, f"{path}::{name} does not exist"
        marks = {m.name for m in getattr(test, "pytestmark", [])}
        assert "erratum" in marks, f"{path}::{name} is not marked erratum"


def test_readme_commands_are_the_ones_ci_runs():
    """Does .ci/run run the README's test command?"""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    assert re.search(r"^make test$", ci, flags=re.M)
