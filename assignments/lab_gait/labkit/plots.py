"""Figures for the report, saved as PNG files.

Each function draws on its own matplotlib ``Figure`` (not pyplot's global state), so it
works without a display, leaves no figure open, and returns the file's path. To see a
figure in the notebook: ``from IPython.display import Image; Image(path)``.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure
from sklearn.metrics import confusion_matrix, roc_auc_score, roc_curve

__all__ = ["plot_learning_curves", "plot_confusion_matrix", "plot_roc"]

_DPI = 120


def _save(fig: Figure, path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=_DPI, format="png", bbox_inches="tight")
    return path


def _get(history, name):
    return history[name] if isinstance(history, dict) else getattr(history, name)


def plot_learning_curves(history, path) -> Path:
    """Training and validation loss per epoch, with the kept (best) epoch marked.

    ``history`` is the ``History`` returned by ``train`` (or a dict with ``train_loss``,
    ``val_loss`` and optionally ``best_epoch``). A validation curve that turns up while
    the training curve keeps falling is over-fitting.
    """
    train_loss = list(_get(history, "train_loss"))
    val_loss = list(_get(history, "val_loss"))
    try:
        best = _get(history, "best_epoch")
    except (KeyError, AttributeError):
        best = None
    fig = Figure(figsize=(6, 4))
    ax = fig.add_subplot()
    ax.plot(np.arange(1, len(train_loss) + 1), train_loss, marker="o", ms=3, label="training")
    if val_loss:
        ax.plot(np.arange(1, len(val_loss) + 1), val_loss, marker="o", ms=3, label="validation")
    if best:
        ax.axvline(best, color="grey", linestyle="--", linewidth=1, label=f"best epoch ({best})")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    ax.set_title("Learning curves")
    ax.grid(alpha=0.3)
    ax.legend()
    return _save(fig, path)


def plot_confusion_matrix(y_true, y_pred, labels, path) -> Path:
    """Confusion matrix with counts and row percentages (the recall of each class).

    ``y_true`` and ``y_pred`` are class numbers 0..C-1; ``labels`` are the C class names
    in that order, e.g. ``["not AF", "AF"]``. Rows are the true class, columns the predicted.
    """
    labels = [str(lab) for lab in labels]
    cm = confusion_matrix(np.asarray(y_true), np.asarray(y_pred), labels=np.arange(len(labels)))
    rows = cm.sum(axis=1, keepdims=True)
    share = np.divide(cm, rows, out=np.zeros(cm.shape), where=rows > 0)
    size = 2.0 + 1.1 * len(labels)
    fig = Figure(figsize=(size, size * 0.85))
    ax = fig.add_subplot()
    im = ax.imshow(share, cmap="Blues", vmin=0.0, vmax=1.0)
    fig.colorbar(im, ax=ax, fraction=0.046, pad=0.04, label="share of the true class")
    for i in range(cm.shape[0]):
        for j in range(cm.shape[1]):
            color = "white" if share[i, j] > 0.5 else "black"
            ax.text(j, i, f"{cm[i, j]}\n{100 * share[i, j]:.1f} %", ha="center", va="center", color=color)
    ax.set_xticks(np.arange(len(labels)), labels=labels)
    ax.set_yticks(np.arange(len(labels)), labels=labels)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title("Confusion matrix")
    return _save(fig, path)


def plot_roc(y_true, scores, path) -> Path:
    """ROC curve (sensitivity against 1 - specificity) with its AUC.

    With one class only the curve is undefined: the figure says so instead of failing.
    """
    y = np.asarray(y_true).reshape(-1)
    s = np.asarray(scores, dtype=np.float64).reshape(-1)
    fig = Figure(figsize=(5, 5))
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1, label="chance")
    if len(np.unique(y)) == 2:
        fpr, tpr, _ = roc_curve(y, s)
        ax.plot(fpr, tpr, linewidth=2, label=f"ROC (AUC = {roc_auc_score(y, s):.3f})")
    else:
        ax.text(0.5, 0.5, "ROC undefined:\nonly one class present", ha="center", va="center")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.01)
    ax.set_aspect("equal")
    ax.set_xlabel("1 - specificity (false positive rate)")
    ax.set_ylabel("sensitivity (true positive rate)")
    ax.set_title("ROC curve")
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right")
    return _save(fig, path)
