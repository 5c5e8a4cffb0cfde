"""labkit.features: the baseline's interval features, checked by hand on tiny windows."""
from __future__ import annotations

import math

import numpy as np
import pytest

from solutions.labkit.features import FEATURE_NAMES, interval_features


def feature(F, name):
    return F[:, FEATURE_NAMES.index(name)]


def test_names_and_shape():
    X = np.random.default_rng(0).uniform(0.5, 1.2, (7, 32)).astype(np.float32)
    F = interval_features(X)
    assert F.shape == (7, len(FEATURE_NAMES)) and F.dtype == np.float64
    assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES)
    for name in ("mean", "sd", "cv", "rmssd", "pnn50", "madsd"):
        assert name in FEATURE_NAMES


def test_hand_computed_window():
    # successive differences: +0.1, -0.2, +0.02
    F = interval_features(np.array([[1.0, 1.1, 0.9, 0.92]]))
    mean = (1.0 + 1.1 + 0.9 + 0.92) / 4  # 0.98
    sd = math.sqrt(((0.02) ** 2 + 0.12**2 + 0.08**2 + 0.06**2) / 3)
    assert feature(F, "mean")[0] == pytest.approx(mean)
    assert feature(F, "sd")[0] == pytest.approx(sd)
    assert feature(F, "cv")[0] == pytest.approx(sd / mean)
    assert feature(F, "rmssd")[0] == pytest.approx(math.sqrt((0.01 + 0.04 + 0.0004) / 3))
    assert feature(F, "pnn50")[0] == pytest.approx(2 / 3)  # 0.1 and 0.2 exceed 50 ms, 0.02 does not
    assert feature(F, "madsd")[0] == pytest.approx(0.1)  # median of 0.1, 0.2, 0.02
    assert feature(F, "median")[0] == pytest.approx(0.96)
    # linear-interpolated quartiles of 0.9, 0.92, 1.0, 1.1: 0.915 and 1.025
    assert feature(F, "iqr_rel")[0] == pytest.approx(0.11 / 0.96)
    assert feature(F, "qskew")[0] == pytest.approx((1.025 + 0.915 - 2 * 0.96) / 0.11)


def test_rmssd_and_pnn50_second_example():
    # differences 0.06, -0.03, 0.0, 0.2: two exceed 50 ms
    F = interval_features(np.array([[0.70, 0.76, 0.73, 0.73, 0.93]]))
    assert feature(F, "rmssd")[0] == pytest.approx(math.sqrt((0.0036 + 0.0009 + 0 + 0.04) / 4))
    assert feature(F, "pnn50")[0] == pytest.approx(0.5)
    assert feature(F, "madsd")[0] == pytest.approx(0.045)  # median of 0.06, 0.03, 0, 0.2


def test_relative_threshold_for_strides():
    X = np.array([[1.0, 1.08, 1.0, 1.2]])  # differences 0.08, 0.08, 0.2; mean 1.07
    assert feature(interval_features(X, pnn_threshold=0.1), "pnn50")[0] == pytest.approx(1 / 3)
    # 5 % of the mean is 0.0535 s: all three exceed it
    assert feature(interval_features(X, pnn_threshold=0.05, relative=True), "pnn50")[0] == pytest.approx(1.0)
    # 10 % of the mean is 0.107 s: only the last one
    assert feature(interval_features(X, pnn_threshold=0.1, relative=True), "pnn50")[0] == pytest.approx(1 / 3)


def test_constant_window_and_row_independence():
    X = np.vstack([np.full(8, 0.8), np.linspace(0.6, 1.0, 8)])
    F = interval_features(X)
    const = dict(zip(FEATURE_NAMES, F[0]))
    assert const["sd"] == 0 and const["cv"] == 0 and const["rmssd"] == 0
    assert const["pnn50"] == 0 and const["madsd"] == 0 and const["qskew"] == 0
    np.testing.assert_allclose(interval_features(X[1:]), F[1:])  # rows do not influence each other
    assert np.isfinite(F).all()


def test_matches_numpy_on_random_windows():
    X = np.random.default_rng(1).uniform(0.3, 1.5, (20, 64))
    F = interval_features(X)
    d = np.diff(X, axis=1)
    np.testing.assert_allclose(feature(F, "sd"), X.std(axis=1, ddof=1))
    np.testing.assert_allclose(feature(F, "cv"), X.std(axis=1, ddof=1) / X.mean(axis=1))
    np.testing.assert_allclose(feature(F, "rmssd"), np.sqrt((d**2).mean(axis=1)))
    np.testing.assert_allclose(feature(F, "pnn50"), (np.abs(d) > 0.05).mean(axis=1))
    assert (np.abs(feature(F, "qskew")) <= 1).all()


def test_irregular_windows_score_higher():
    rng = np.random.default_rng(2)
    sinus = 0.8 + 0.02 * np.sin(np.arange(128) / 3) + 0.005 * rng.standard_normal((10, 128))
    af = rng.uniform(0.4, 1.0, (10, 128))
    Fs, Fa = interval_features(sinus), interval_features(af)
    for name in ("rmssd", "pnn50", "cv", "madsd"):
        assert feature(Fa, name).min() > feature(Fs, name).max()


def test_bad_shapes():
    with pytest.raises(ValueError):
        interval_features(np.ones(5))
    with pytest.raises(ValueError):
        interval_features(np.ones((3, 1)))
