"""Shared fixtures: the oracle's device, hypothesis settings and the oracle ledger summary."""
from __future__ import annotations

import os

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, settings

from solutions.device import default_device
from tests.ledger import LEDGER


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
    if not LEDGER:
        return
    tr = terminalreporter
    tr.section(f"oracle comparisons (device: {default_device()})")
    total = 0
    tr.write_line(f"{'family':<14}{'comparisons':>13}{'max abs error':>16}")
    for family in sorted(LEDGER):
        entry = LEDGER[family]
        total += entry.comparisons
        tr.write_line(f"{family:<14}{entry.comparisons:>13}{entry.max_abs_error:>16.3e}")
    tr.write_line(f"{'total':<14}{total:>13}")
