"""labkit.records: the Recording container normalises dtypes and checks labels against intervals."""
from __future__ import annotations

import numpy as np
import pytest

from solutions.labkit.records import Recording


def test_dtypes_are_normalised():
    rec = Recording("r1", [0.8, 0.9, 1.0], [0, 1, 1], "afdb", {"fs": 250})
    assert rec.intervals.dtype == np.float64 and rec.labels.dtype == np.int64
    assert len(rec) == 3 and rec.record == "r1" and rec.meta == {"fs": 250}


def test_gait_recording_has_no_labels_and_default_meta():
    rec = Recording("park3", np.array([1.1, 1.2]), None, "park")
    assert rec.labels is None and rec.meta == {}


def test_repr_is_short():
    rec = Recording("04015", np.full(50_000, 0.8), np.zeros(50_000, int), "afdb")
    text = repr(rec)
    assert "04015" in text and "n=50000" in text and len(text) < 200


@pytest.mark.parametrize("labels", [[0, 1], [[0, 1, 1]]])
def test_labels_must_match_intervals(labels):
    with pytest.raises(ValueError, match="labels"):
        Recording("r1", [0.8, 0.9, 1.0], labels, "afdb")


def test_intervals_must_be_one_dimensional():
    with pytest.raises(ValueError, match="1-D"):
        Recording("r1", np.ones((2, 3)), None, "control")
