"""labkit.splits: record-wise folds, leave-one-subject-out, validation split by group."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.model_selection import StratifiedGroupKFold

from solutions.labkit.splits import leave_one_subject_out, record_folds, validation_split


def grouped(n_groups=12, seed=0):
    """Windows of n_groups records of different sizes; a few records hold most positives."""
    rng = np.random.default_rng(seed)
    groups, y = [], []
    for i in range(n_groups):
        n = int(rng.integers(5, 40))
        groups += [f"r{i:02d}"] * n
        y += list((rng.random(n) < (0.8 if i % 4 == 0 else 0.05)).astype(int))
    return np.array(groups, dtype=object), np.array(y)


def assert_valid_folds(folds, groups):
    n = len(groups)
    tested = np.concatenate([te for _, te in folds])
    assert np.array_equal(np.sort(tested), np.arange(n))  # every window tested exactly once
    for tr, te in folds:
        assert tr.dtype == np.int64 and te.dtype == np.int64
        assert len(np.intersect1d(tr, te)) == 0
        assert len(tr) + len(te) == n  # nothing is lost: train is the complement of test
        assert not set(groups[tr]) & set(groups[te])  # no group on both sides


@pytest.mark.parametrize("with_y", [False, True])
@pytest.mark.parametrize("n_splits", [2, 3, 5])
def test_record_folds_are_group_disjoint_and_cover_every_window(with_y, n_splits):
    groups, y = grouped()
    folds = record_folds(groups, y if with_y else None, n_splits=n_splits, seed=1)
    assert len(folds) == n_splits
    assert_valid_folds(folds, groups)


def test_record_folds_with_y_is_stratified_group_kfold():
    groups, y = grouped()
    ours = record_folds(groups, y, n_splits=4, seed=3)
    ref = StratifiedGroupKFold(n_splits=4, shuffle=True, random_state=3).split(np.zeros(len(y)), y, groups)
    for (tr, te), (rtr, rte) in zip(ours, ref):
        np.testing.assert_array_equal(tr, np.sort(rtr))
        np.testing.assert_array_equal(te, np.sort(rte))
    again = record_folds(groups, y, n_splits=4, seed=3)
    assert all(np.array_equal(a[1], b[1]) for a, b in zip(ours, again))  # repeatable


def test_stratification_balances_a_skewed_example():
    # one large record without AF and four small ones, two of which are mostly AF:
    # GroupKFold balances sizes and puts both AF records in the same fold
    rng = np.random.default_rng(0)
    sizes = {"big": 100, "af1": 25, "af2": 25, "n1": 25, "n2": 25}
    groups = np.concatenate([[k] * v for k, v in sizes.items()]).astype(object)
    y = np.array([int(g.startswith("af") and rng.random() < 0.9) for g in groups])

    def worst(folds):
        return max(abs(y[te].mean() - y.mean()) for _, te in folds)

    plain = worst(record_folds(groups, None, n_splits=2))
    for seed in range(3):
        assert worst(record_folds(groups, y, n_splits=2, seed=seed)) < plain / 2
    assert min(y[te].sum() for _, te in record_folds(groups, y, n_splits=2)) > 0  # both folds see AF


def test_record_folds_rejects_too_many_splits():
    groups = np.array(["a", "a", "b", "c"], dtype=object)
    with pytest.raises(ValueError):
        record_folds(groups, n_splits=4)
    with pytest.raises(ValueError):
        record_folds(groups, n_splits=1)
    with pytest.raises(ValueError):
        record_folds(groups, y=np.zeros(3), n_splits=2)


def test_leave_one_subject_out_has_one_fold_per_subject():
    groups, _ = grouped(7)
    folds = leave_one_subject_out(groups)
    subjects = sorted(set(groups))
    assert len(folds) == len(subjects)
    assert_valid_folds(folds, groups)
    for subject, (tr, te) in zip(subjects, folds):
        assert set(groups[te]) == {subject}
        np.testing.assert_array_equal(te, np.flatnonzero(groups == subject))
    with pytest.raises(ValueError):
        leave_one_subject_out(np.array(["a", "a"], dtype=object))


def test_validation_split_is_by_group_and_repeatable():
    groups, _ = grouped(10)
    fit, val = validation_split(groups, fraction=0.2, seed=4)
    assert not set(groups[fit]) & set(groups[val])
    assert np.array_equal(np.sort(np.concatenate([fit, val])), np.arange(len(groups)))
    assert len(set(groups[val])) == 2  # round(0.2 * 10)
    fit2, val2 = validation_split(groups, fraction=0.2, seed=4)
    np.testing.assert_array_equal(val, val2)
    others = {tuple(sorted(set(groups[validation_split(groups, 0.2, seed=s)[1]]))) for s in range(10)}
    assert len(others) > 1  # the seed matters


def test_validation_split_keeps_one_group_each_side():
    groups = np.array(["a"] * 5 + ["b"] * 3, dtype=object)
    for fraction in (0.01, 0.5, 0.99):
        fit, val = validation_split(groups, fraction)
        assert len(set(groups[fit])) == 1 and len(set(groups[val])) == 1
    with pytest.raises(ValueError):
        validation_split(np.array(["a", "a"], dtype=object))
    with pytest.raises(ValueError):
        validation_split(groups, fraction=1.0)


def test_validation_split_inside_a_fold_maps_back():
    groups, y = grouped()
    for tr, te in record_folds(groups, y, n_splits=3):
        fit, val = validation_split(groups[tr])
        fit, val = tr[fit], tr[val]
        assert not set(groups[fit]) & set(groups[val])
        assert not set(groups[val]) & set(groups[te])
        assert len(fit) + len(val) == len(tr)


@given(sizes=st.lists(st.integers(1, 15), min_size=3, max_size=12), seed=st.integers(0, 1000),
       n_splits=st.integers(2, 3), stratify=st.booleans())
def test_fold_properties_on_random_groups(sizes, seed, n_splits, stratify):
    rng = np.random.default_rng(seed)
    groups = np.concatenate([[f"s{i}"] * n for i, n in enumerate(sizes)]).astype(object)
    y = rng.integers(0, 2, len(groups)) if stratify else None
    assert_valid_folds(record_folds(groups, y, n_splits=n_splits, seed=seed), groups)
    fit, val = validation_split(groups, 0.3, seed)
    assert not set(groups[fit]) & set(groups[val]) and len(fit) + len(val) == len(groups)
