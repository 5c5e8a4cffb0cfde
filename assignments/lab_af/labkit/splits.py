"""Splits by record or subject, never by window.

Windows of one record are strongly alike; if some are in the training set and
others in the test set, the test score measures memory of that record, not
generalisation to a new patient. Every function here keeps all windows of a
group (record or subject, ``Windows.groups``) on the same side.

All functions return positions (int64 index arrays, sorted) into the windows.
"""
from __future__ import annotations

import numpy as np
from sklearn.model_selection import GroupKFold, LeaveOneGroupOut, StratifiedGroupKFold

__all__ = ["record_folds", "leave_one_subject_out", "validation_split"]


def _as_groups(groups) -> np.ndarray:
    g = np.asarray(groups)
    if g.ndim != 1 or len(g) == 0:
        raise ValueError("groups must be a non-empty 1-D array (one group id per window)")
    return g


def _sorted(pairs) -> list[tuple[np.ndarray, np.ndarray]]:
    return [(np.sort(tr).astype(np.int64), np.sort(te).astype(np.int64)) for tr, te in pairs]


def record_folds(groups, y=None, n_splits: int = 5, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """K-fold cross-validation by record or subject.

    Every window is in exactly one test fold, and no group is on both sides of a split.

    Parameters
    ----------
    groups : array (N,)
        Record or subject id of each window.
    y : array (N,), optional
        Window labels. When given, folds come from ``StratifiedGroupKFold`` (shuffled
        with ``seed``): groups are assigned so that each fold's class balance stays
        close to the whole set's (important when a few records hold most of the AF).
        Without ``y``, ``GroupKFold``: deterministic, folds of about equal numbers of
        windows (``seed`` is then not used).
    n_splits : int
        Number of folds; at most the number of distinct groups.

    Returns
    -------
    list of (train_idx, test_idx)
    """
    g = _as_groups(groups)
    n_groups = len(np.unique(g))
    if not 2 <= n_splits <= n_groups:
        raise ValueError(f"n_splits must be between 2 and the number of groups ({n_groups}), got {n_splits}")
    dummy = np.zeros(len(g))
    if y is None:
        return _sorted(GroupKFold(n_splits=n_splits).split(dummy, groups=g))
    y = np.asarray(y)
    if y.shape != g.shape:
        raise ValueError(f"y {y.shape} and groups {g.shape} differ in shape")
    cv = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    return _sorted(cv.split(dummy, y, groups=g))


def leave_one_subject_out(groups) -> list[tuple[np.ndarray, np.ndarray]]:
    """One fold per subject: test on that subject's windows, train on all others.

    The folds are in the order of the sorted subject ids.
    """
    g = _as_groups(groups)
    if len(np.unique(g)) < 2:
        raise ValueError("leave-one-subject-out needs at least two subjects")
    return _sorted(LeaveOneGroupOut().split(np.zeros(len(g)), groups=g))


def validation_split(groups, fraction: float = 0.2, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Hold out whole groups for validation (early stopping), inside a training fold.

    ``round(fraction · number of groups)`` groups, at least one and leaving at least one
    for fitting, chosen at random with ``seed``. Call it on the training part of a fold
    (``groups[train_idx]``) and map back with ``train_idx[fit_idx]``.

    Returns
    -------
    (fit_idx, val_idx) : positions into ``groups``.
    """
    if not 0.0 < fraction < 1.0:
        raise ValueError(f"fraction must be between 0 and 1, got {fraction}")
    g = _as_groups(groups)
    unique = np.unique(g)
    if len(unique) < 2:
        raise ValueError("a validation split by group needs at least two groups")
    n_val = int(np.clip(round(fraction * len(unique)), 1, len(unique) - 1))
    rng = np.random.default_rng(seed)
    val_groups = rng.choice(unique, size=n_val, replace=False)
    is_val = np.isin(g, val_groups)
    return np.flatnonzero(~is_val).astype(np.int64), np.flatnonzero(is_val).astype(np.int64)
