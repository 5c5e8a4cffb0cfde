"""Evaluation: window-level metrics and one decision per subject or record."""
from __future__ import annotations

import numpy as np
from sklearn.metrics import confusion_matrix, f1_score, roc_auc_score

__all__ = ["binary_metrics", "multiclass_metrics", "subject_decisions"]


def _ratio(num: float, den: float) -> float:
    return float(num / den) if den > 0 else float("nan")


def binary_metrics(y_true, scores, threshold: float = 0.5) -> dict:
    """Metrics of a binary classifier from its scores (probabilities of class 1).

    A window is predicted positive when ``score >= threshold``.

    Returns
    -------
    dict
        ``accuracy``; ``sensitivity`` (recall of class 1, true positive rate);
        ``specificity`` (recall of class 0, true negative rate); ``precision``; ``f1``
        (of class 1); ``roc_auc`` (threshold-free); ``n`` (windows); ``positives`` (windows
        of class 1); and the counts ``tp``, ``fp``, ``tn``, ``fn``.
        A metric that is undefined on this set is ``nan``, not an error: sensitivity with
        no positive window, specificity with no negative one, ROC AUC with one class only
        (common in record-wise folds: some AF records contain no AF). Average folds with
        ``np.nanmean``.
    """
    y = np.asarray(y_true).reshape(-1)
    s = np.asarray(scores, dtype=np.float64).reshape(-1)
    if y.shape != s.shape:
        raise ValueError(f"y_true {y.shape} and scores {s.shape} differ in shape")
    if not np.isin(y, [0, 1]).all():
        raise ValueError("y_true must contain only 0 and 1")
    if np.isnan(s).any():
        raise ValueError("scores contain NaN")
    y = y.astype(np.int64)
    pred = (s >= threshold).astype(np.int64)
    tp = int(((pred == 1) & (y == 1)).sum())
    tn = int(((pred == 0) & (y == 0)).sum())
    fp = int(((pred == 1) & (y == 0)).sum())
    fn = int(((pred == 0) & (y == 1)).sum())
    n = len(y)
    both = 0 < y.sum() < n
    return {
        "accuracy": _ratio(tp + tn, n),
        "sensitivity": _ratio(tp, tp + fn),
        "specificity": _ratio(tn, tn + fp),
        "precision": _ratio(tp, tp + fp),
        "f1": _ratio(2 * tp, 2 * tp + fp + fn),
        "roc_auc": float(roc_auc_score(y, s)) if both else float("nan"),
        "n": n,
        "positives": int(y.sum()),
        "tp": tp,
        "fp": fp,
        "tn": tn,
        "fn": fn,
    }


def multiclass_metrics(y_true, proba) -> dict:
    """Metrics of a C-class classifier from its class probabilities (N, C).

    The predicted class is the most probable one.

    Returns
    -------
    dict
        ``accuracy``; ``macro_f1`` (unweighted mean of the per-class F1 over the classes
        present in ``y_true`` or predicted, as scikit-learn computes it);
        ``confusion_matrix`` (C, C) int array, rows = true class, columns = predicted;
        ``n``.
    """
    y = np.asarray(y_true).reshape(-1).astype(np.int64)
    p = np.asarray(proba, dtype=np.float64)
    if p.ndim != 2 or p.shape[0] != len(y):
        raise ValueError(f"proba must have shape ({len(y)}, C), got {p.shape}")
    n_classes = p.shape[1]
    if len(y) and (y.min() < 0 or y.max() >= n_classes):
        raise ValueError(f"y_true must be class numbers 0..{n_classes - 1}")
    pred = p.argmax(axis=1)
    return {
        "accuracy": float(np.mean(pred == y)) if len(y) else float("nan"),
        "macro_f1": float(f1_score(y, pred, average="macro", zero_division=0)) if len(y) else float("nan"),
        "confusion_matrix": confusion_matrix(y, pred, labels=np.arange(n_classes)),
        "n": len(y),
    }


def subject_decisions(groups, scores, y_true) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Aggregate window predictions to one per subject (or record).

    Parameters
    ----------
    groups : array (N,)
        Subject id of each window.
    scores : array (N,) or (N, C)
        Window scores: probabilities of class 1, or class probabilities.
    y_true : array (N,)
        Window labels.

    Returns
    -------
    subject_ids : array (S,)
        Sorted unique ids.
    subject_scores : float array (S,) or (S, C)
        Mean window score of each subject; threshold it (binary) or take the argmax
        (multiclass) for the subject's decision, then use ``binary_metrics`` /
        ``multiclass_metrics`` on subjects.
    subject_labels : int array (S,)
        The subject's label: the most frequent label of its windows (for 0/1 labels:
        1 only when strictly more than half the windows are 1; ties go to the smaller label).
    """
    g = np.asarray(groups)
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(y_true).reshape(-1).astype(np.int64)
    if not (len(g) == len(s) == len(y)):
        raise ValueError("groups, scores and y_true must have the same length")
    ids, inverse = np.unique(g, return_inverse=True)
    inverse = inverse.reshape(-1)
    counts = np.bincount(inverse, minlength=len(ids))
    if s.ndim == 1:
        subject_scores = np.bincount(inverse, weights=s, minlength=len(ids)) / counts
    else:
        subject_scores = np.zeros((len(ids), s.shape[1]))
        np.add.at(subject_scores, inverse, s)
        subject_scores /= counts[:, None]
    n_labels = int(y.max()) + 1 if len(y) else 1
    votes = np.zeros((len(ids), n_labels), dtype=np.int64)
    np.add.at(votes, (inverse, y), 1)
    subject_labels = votes.argmax(axis=1).astype(np.int64)  # argmax picks the first (smaller) label on ties
    return ids, subject_scores, subject_labels
