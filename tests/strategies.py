"""Hypothesis strategies shared by the oracle tests."""
from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

finite = st.floats(min_value=-30.0, max_value=30.0, allow_nan=False, allow_infinity=False)


def float_arrays(elements=finite, min_dims=1, max_dims=3, max_side=8):
    return hnp.arrays(np.float64, hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, max_side=max_side),
                      elements=elements)


def away_from_zero(z: np.ndarray, margin: float = 1e-6) -> np.ndarray:
    """Nudge values off the kink at 0, where autograd and the lecture legitimately differ."""
    z = z.copy()
    z[np.abs(z) < margin] = margin
    return z
