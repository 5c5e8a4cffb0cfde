"""Counts every comparison against the PyTorch oracle and keeps the largest error per family.

The closing summary of a test run (see conftest.py) prints this ledger, so the
number of oracle comparisons and the worst error seen are measured, not claimed.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import torch


@dataclass
class Entry:
    comparisons: int = 0
    max_abs_error: float = 0.0


LEDGER: dict[str, Entry] = defaultdict(Entry)

# Discrimination reports (autograder.discrimination.Report), printed as a table at the end of a run.
DISCRIMINATION: list = []


def to_numpy(value) -> np.ndarray:
    if isinstance(value, torch.Tensor):
        return value.detach().cpu().numpy()
    return np.asarray(value)


def compare(family: str, actual, expected, *, atol: float, rtol: float = 0.0, what: str = "") -> float:
    """Assert ``actual`` matches the oracle's ``expected`` and record the error in the ledger.

    Shapes must match exactly (no broadcasting): a reference that returns the
    right numbers in the wrong shape is wrong.
    """
    a = to_numpy(actual).astype(np.float64, copy=False)
    e = to_numpy(expected).astype(np.float64, copy=False)
    assert a.shape == e.shape, f"{what or family}: shape {a.shape} != oracle shape {e.shape}"
    err = float(np.max(np.abs(a - e))) if a.size else 0.0
    if np.isnan(a).any() or np.isnan(e).any():
        err = float("inf") if not np.array_equal(np.isnan(a), np.isnan(e)) else err
    entry = LEDGER[family]
    entry.comparisons += 1
    entry.max_abs_error = max(entry.max_abs_error, err)
    np.testing.assert_allclose(a, e, atol=atol, rtol=rtol, err_msg=what or family)
    return err


def record_exact(family: str, ok: bool) -> None:
    """Record a comparison whose result is exact (shapes, sizes, refusals): error 0 or a failure."""
    entry = LEDGER[family]
    entry.comparisons += 1
    if not ok:
        entry.max_abs_error = float("inf")
