"""Hand-made interval features: the classical baseline the networks must beat.

Compute them on the raw windows (intervals in seconds), not on standardised ones:
pNN50's 50 ms threshold and the ratios below assume positive intervals in seconds.
Then fit any scikit-learn classifier, e.g.
``make_pipeline(StandardScaler(), LogisticRegression()).fit(interval_features(X), y)``.
"""
from __future__ import annotations

import numpy as np

__all__ = ["FEATURE_NAMES", "interval_features"]

FEATURE_NAMES = (
    "mean",      # mean interval (s): heart rate / cadence
    "sd",        # standard deviation (ddof=1), SDNN for RR
    "cv",        # sd / mean: variability relative to the rate
    "rmssd",     # root mean square of successive differences: beat-to-beat variability
    "pnn50",     # fraction of successive differences larger than the threshold (50 ms)
    "madsd",     # median absolute successive difference: a robust RMSSD
    "median",    # median interval (s)
    "iqr_rel",   # interquartile range / median: robust spread
    "qskew",     # quartile (Bowley) skewness: (q75 + q25 - 2 median) / (q75 - q25), in [-1, 1]
)


def interval_features(X, pnn_threshold: float = 0.05, relative: bool = False) -> np.ndarray:
    """Features of each window, in the order of ``FEATURE_NAMES``.

    Parameters
    ----------
    X : array (N, L)
        Windows of L >= 2 intervals in seconds (one row per window).
    pnn_threshold : float
        Threshold of the ``pnn50`` feature: 0.05 s (50 ms) is the clinical pNN50 for RR.
    relative : bool
        When True, the threshold is a fraction of the window's mean interval
        (``|diff| > pnn_threshold · mean``): better for stride intervals, which are about
        ten times longer than RR intervals (e.g. ``pnn_threshold=0.05`` means 5 %).

    Returns
    -------
    ndarray, float64, shape (N, len(FEATURE_NAMES))
        SD uses ddof=1; pnn50 is a fraction in [0, 1] (not a percentage); ``qskew`` is 0
        when the interquartile range is 0.
    """
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] < 2:
        raise ValueError(f"X must have shape (N, L) with L >= 2, got {X.shape}")
    d = np.diff(X, axis=1)
    mean = X.mean(axis=1)
    sd = X.std(axis=1, ddof=1)
    threshold = pnn_threshold * mean[:, None] if relative else pnn_threshold
    q25, med, q75 = np.percentile(X, [25, 50, 75], axis=1)
    iqr = q75 - q25
    with np.errstate(divide="ignore", invalid="ignore"):
        cv = sd / mean
        iqr_rel = iqr / med
        qskew = np.where(iqr > 0, (q75 + q25 - 2 * med) / np.where(iqr > 0, iqr, 1.0), 0.0)
    feats = [
        mean,
        sd,
        cv,
        np.sqrt(np.mean(d**2, axis=1)),
        np.mean(np.abs(d) > threshold, axis=1),
        np.median(np.abs(d), axis=1),
        med,
        iqr_rel,
        qskew,
    ]
    return np.column_stack(feats)
