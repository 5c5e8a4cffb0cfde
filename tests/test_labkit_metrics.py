"""labkit.metrics: compared with scikit-learn; single-class folds; per-subject decisions."""
from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_score, recall_score, roc_auc_score

from solutions.labkit.metrics import binary_metrics, multiclass_metrics, subject_decisions

KEYS = {"accuracy", "sensitivity", "specificity", "f1", "roc_auc", "n", "positives"}


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("threshold", [0.5, 0.3])
def test_binary_metrics_match_sklearn(seed, threshold):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(20, 300))
    y = rng.integers(0, 2, n)
    y[:2] = [0, 1]  # both classes present
    scores = np.clip(0.3 * y + rng.uniform(0, 0.7, n), 0, 1)
    m = binary_metrics(y, scores, threshold=threshold)
    pred = (scores >= threshold).astype(int)
    assert KEYS <= set(m)
    assert m["accuracy"] == pytest.approx(accuracy_score(y, pred))
    assert m["sensitivity"] == pytest.approx(recall_score(y, pred, pos_label=1))
    assert m["specificity"] == pytest.approx(recall_score(y, pred, pos_label=0))
    assert m["precision"] == pytest.approx(precision_score(y, pred, zero_division=0))
    assert m["f1"] == pytest.approx(f1_score(y, pred))
    assert m["roc_auc"] == pytest.approx(roc_auc_score(y, scores))
    assert m["n"] == n and m["positives"] == int(y.sum())
    tn, fp, fn, tp = confusion_matrix(y, pred, labels=[0, 1]).ravel()
    assert (m["tn"], m["fp"], m["fn"], m["tp"]) == (tn, fp, fn, tp)


def test_threshold_is_inclusive():
    m = binary_metrics([0, 1], [0.5, 0.5])
    assert m["tp"] == 1 and m["fp"] == 1


@pytest.mark.parametrize("label", [0, 1])
def test_single_class_fold_gives_nan_not_an_error(label):
    y = np.full(10, label)
    scores = np.linspace(0, 1, 10)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no sklearn UndefinedMetricWarning either
        m = binary_metrics(y, scores)
    assert math.isnan(m["roc_auc"])
    assert m["n"] == 10 and m["positives"] == 10 * label
    assert m["accuracy"] == pytest.approx(0.5)
    if label == 0:
        assert math.isnan(m["sensitivity"]) and m["specificity"] == pytest.approx(0.5)
        assert m["f1"] == 0.0  # false positives but no true positive: F1 is 0
    else:
        assert math.isnan(m["specificity"]) and m["sensitivity"] == pytest.approx(0.5)


def test_all_negative_and_all_predicted_negative():
    m = binary_metrics([0, 0, 0], [0.1, 0.2, 0.3])
    assert m["accuracy"] == 1.0 and m["specificity"] == 1.0
    assert math.isnan(m["sensitivity"]) and math.isnan(m["f1"]) and math.isnan(m["roc_auc"])


def test_binary_metrics_rejects_bad_input():
    with pytest.raises(ValueError):
        binary_metrics([0, 2], [0.1, 0.2])
    with pytest.raises(ValueError):
        binary_metrics([0, 1], [0.1])
    with pytest.raises(ValueError):
        binary_metrics([0, 1], [0.1, np.nan])


@pytest.mark.parametrize("seed", range(5))
def test_multiclass_metrics_match_sklearn(seed):
    rng = np.random.default_rng(seed)
    n, c = 150, 4
    y = rng.integers(0, c, n)
    logits = rng.standard_normal((n, c)) + 1.5 * np.eye(c)[y]
    proba = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    m = multiclass_metrics(y, proba)
    pred = proba.argmax(axis=1)
    assert m["accuracy"] == pytest.approx(accuracy_score(y, pred))
    assert m["macro_f1"] == pytest.approx(f1_score(y, pred, average="macro"))
    np.testing.assert_array_equal(m["confusion_matrix"], confusion_matrix(y, pred))
    assert m["n"] == n


def test_confusion_matrix_keeps_absent_classes():
    proba = np.array([[0.9, 0.1, 0.0, 0.0], [0.2, 0.7, 0.1, 0.0], [0.6, 0.3, 0.1, 0.0]])
    m = multiclass_metrics([0, 1, 1], proba)
    assert m["confusion_matrix"].shape == (4, 4)
    np.testing.assert_array_equal(m["confusion_matrix"][:2, :2], [[1, 0], [1, 1]])
    assert m["accuracy"] == pytest.approx(2 / 3)
    with pytest.raises(ValueError):
        multiclass_metrics([0, 4, 1], proba)


def test_subject_decisions_by_hand():
    groups = np.array(["b", "a", "a", "b", "b", "c", "d", "d"], dtype=object)
    scores = np.array([0.2, 0.9, 0.7, 0.4, 0.6, 0.1, 0.5, 0.7])
    y = np.array([1, 1, 1, 0, 1, 0, 1, 0])
    ids, s, lab = subject_decisions(groups, scores, y)
    assert list(ids) == ["a", "b", "c", "d"]
    np.testing.assert_allclose(s, [0.8, 0.4, 0.1, 0.6])
    np.testing.assert_array_equal(lab, [1, 1, 0, 0])  # d: one of two windows is not a majority
    assert lab.dtype == np.int64 and s.dtype == np.float64


def test_subject_decisions_multiclass_scores():
    groups = ["p1", "p1", "c1", "c1", "c1"]
    proba = np.array([[0.1, 0.9], [0.3, 0.7], [0.8, 0.2], [0.6, 0.4], [1.0, 0.0]])
    ids, s, lab = subject_decisions(groups, proba, [3, 3, 0, 0, 0])
    assert list(ids) == ["c1", "p1"]
    np.testing.assert_allclose(s, [[0.8, 0.2], [0.2, 0.8]])
    np.testing.assert_array_equal(lab, [0, 3])


def test_subject_decisions_match_pandas_on_random_data():
    rng = np.random.default_rng(5)
    groups = rng.choice([f"s{i}" for i in range(9)], 400)
    scores, y = rng.random(400), rng.integers(0, 2, 400)
    ids, s, lab = subject_decisions(groups, scores, y)
    frame = pd.DataFrame({"g": groups, "s": scores, "y": y}).groupby("g")
    np.testing.assert_array_equal(ids, frame.s.mean().index.to_numpy())
    np.testing.assert_allclose(s, frame.s.mean().to_numpy())
    np.testing.assert_array_equal(lab, (frame.y.mean() > 0.5).astype(int).to_numpy())
    # the per-subject results plug straight into binary_metrics
    m = binary_metrics(lab, s)
    assert m["n"] == 9
