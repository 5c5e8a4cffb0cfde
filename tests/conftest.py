"""Shared fixtures: the oracle's device, hypothesis settings and the oracle ledger summary."""
from __future__ import annotations

import os

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, settings

from solutions.device import default_device
from tests.ledger import DISCRIMINATION, LEDGER


# Derandomised so that CI is repeatable; a developer can explore with
# HYPOTHESIS_PROFILE=explore to draw fresh examples.
settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("explore", deadline=None, max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def device() -> torch.device:
    """The device every torch oracle runs on: CUDA when present, else the CPU."""
    return default_device()


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(20261126)


def pytest_collection_modifyitems(config, items):
    if torch.cuda.is_available():
        return
    skip = pytest.mark.skip(reason="needs a CUDA device; none is available")
    for item in items:
        if "gpu" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    tr = terminalreporter
    if DISCRIMINATION:
        tr.section("hidden-test discrimination")
        tr.write_line(f"{'exercise':<13}{'reference':>10}{'stub':>7}{'wrong caught':>14}"
                      f"{'correct ok':>12}{'forged refused':>16}")
        for r in DISCRIMINATION:
            w, c, h = r.judged_ok("wrong"), r.judged_ok("correct"), r.judged_ok("hostile")
            ref = 100 * r.reference.score / r.reference.possible
            stub = 100 * r.stub.score / r.stub.possible
            tr.write_line(f"{r.assignment:<13}{ref:>9.0f}%{stub:>6.0f}%{w[0]:>9}/{w[1]:<4}"
                          f"{c[0]:>8}/{c[1]:<3}{h[0]:>12}/{h[1]:<3}")
    from tests.grading import CORPUS_ROWS
    if CORPUS_ROWS:
        tr.section("adversarial corpus (grading engine)")
        tr.write_line(f"{'attack':<46}{'assignment':<13}{'score':>7}{'honest':>8}{'of':>5}  status")
        for label, name, score, honest, possible, status in CORPUS_ROWS:
            tr.write_line(f"{label[:45]:<46}{name:<13}{score:>7g}{honest:>8g}{possible:>5g}  {status}")
    if not LEDGER:
        return
    tr.section(f"oracle comparisons (device: {default_device()})")
    total = 0
    tr.write_line(f"{'family':<14}{'comparisons':>13}{'max abs error':>16}")
    for family in sorted(LEDGER):
        entry = LEDGER[family]
        total += entry.comparisons
        tr.write_line(f"{family:<14}{entry.comparisons:>13}{entry.max_abs_error:>16.3e}")
    tr.write_line(f"{'total':<14}{total:>13}")


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """Every assignment built once per test session, into a temporary directory.

    Returns {name: BuildResult}; the student folders are under ``<tmp>/assignments``
    and the zips under ``<tmp>/dist``.
    """
    from autograder.assignments import all_assignments
    from autograder.build import build_assignment
    from autograder.shipped import register

    register()
    root = tmp_path_factory.mktemp("build")
    return {a.name: build_assignment(a, root / "assignments", root / "dist") for a in all_assignments()}
