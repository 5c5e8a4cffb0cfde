"""From cleaned interval series to fixed-length windows, and their normalisation.

Typical use (AF lab)::

    recs = [clean_rr(r) for r in read_afdb(folder)]
    w = make_windows(recs, length=128, step=128, label="majority")
    # ... split w by record (see splits.py), then
    scaler = Standardizer().fit(w.X[train_idx])       # training windows only
    X_train, X_test = scaler.transform(w.X[train_idx]), scaler.transform(w.X[test_idx])

Gait lab: ``clean_strides`` then ``make_windows(recs, 64, 16, label="record",
class_of=lambda r: int(r.group != "control"))``.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

import numpy as np

if TYPE_CHECKING:  # only for type hints: any Recording-like dataclass works
    from .records import Recording

__all__ = ["clean_rr", "clean_strides", "Windows", "make_windows", "Standardizer"]


def _replace(rec: "Recording", intervals: np.ndarray, labels, note: dict) -> "Recording":
    """A copy of ``rec`` with new intervals and labels; ``rec`` itself is left untouched."""
    meta = dict(rec.meta)
    meta["cleaning"] = list(meta.get("cleaning", [])) + [note]  # a new list: rec.meta stays as it was
    return dataclasses.replace(rec, intervals=intervals, labels=labels, meta=meta)


def clean_rr(rec: "Recording", low: float = 0.2, high: float = 3.0, mode: str = "drop") -> "Recording":
    """Remove or clip implausible RR intervals (the beat detector is not audited).

    Parameters
    ----------
    rec : Recording
        RR intervals in seconds, with one label per interval (or ``labels=None``).
    low, high : float
        Plausible range in seconds; an interval is implausible when outside ``[low, high]``.
    mode : "drop" or "clip"
        ``"drop"`` removes each implausible interval **and its label**, so intervals and
        labels stay aligned (the remaining intervals are then joined: a window may span
        the gap). ``"clip"`` replaces them by ``low`` or ``high`` and keeps every label.
        Non-finite values (NaN, inf) are always dropped.

    Returns
    -------
    Recording
        A new Recording (the input is not modified). ``meta["cleaning"]`` records what
        was done: a list of dicts with the step, its settings and how many intervals changed.
    """
    if mode not in ("drop", "clip"):
        raise ValueError(f"mode must be 'drop' or 'clip', not {mode!r}")
    if not low < high:
        raise ValueError(f"need low < high, got low={low}, high={high}")
    rr = np.asarray(rec.intervals, dtype=np.float64)
    labels = None if rec.labels is None else np.asarray(rec.labels)
    if labels is not None and labels.shape != rr.shape:
        raise ValueError(f"labels {labels.shape} and intervals {rr.shape} differ in shape")
    finite = np.isfinite(rr)
    if mode == "drop":
        keep = finite & (rr >= low) & (rr <= high)
        n_changed = int((~keep).sum())
    else:
        keep = finite
        inside = (rr >= low) & (rr <= high)
        n_changed = int((finite & ~inside).sum()) + int((~finite).sum())
    new_rr = rr[keep]
    if mode == "clip":
        new_rr = np.clip(new_rr, low, high)
    new_labels = None if labels is None else labels[keep].copy()
    note = {"step": "clean_rr", "mode": mode, "low": low, "high": high, "n_changed": n_changed}
    return _replace(rec, new_rr, new_labels, note)


def clean_strides(rec: "Recording", n_sd: float = 3.0) -> "Recording":
    """Drop outlying strides (turns at the end of the walkway, stops).

    A stride is dropped when it lies outside ``median ± n_sd · SD`` of the record
    (SD with ``ddof=1``); labels, if any, are dropped with it. Records with fewer
    than 3 finite strides are returned with only the non-finite values removed.

    Returns a new Recording; ``meta["cleaning"]`` records how many strides were dropped.
    """
    if n_sd <= 0:
        raise ValueError(f"n_sd must be positive, got {n_sd}")
    x = np.asarray(rec.intervals, dtype=np.float64)
    labels = None if rec.labels is None else np.asarray(rec.labels)
    keep = np.isfinite(x)
    if keep.sum() >= 3:
        med = np.median(x[keep])
        sd = np.std(x[keep], ddof=1)
        keep &= np.abs(x - med) <= n_sd * sd
    note = {"step": "clean_strides", "n_sd": n_sd, "n_changed": int((~keep).sum())}
    return _replace(rec, x[keep], None if labels is None else labels[keep].copy(), note)


@dataclass
class Windows:
    """Fixed-length windows cut from several recordings.

    Attributes
    ----------
    X : ndarray, float32, shape (N, L)
        One window of L consecutive intervals (seconds) per row.
    y : ndarray, int64, shape (N,)
        The window's label.
    groups : ndarray, object, shape (N,)
        The record (AF) or subject (gait) each window comes from: split on this.
    """

    X: np.ndarray
    y: np.ndarray
    groups: np.ndarray

    def __len__(self) -> int:
        return len(self.y)

    def subset(self, idx) -> "Windows":
        """The windows at positions ``idx`` (an index array or boolean mask)."""
        return Windows(self.X[idx], self.y[idx], self.groups[idx])


def make_windows(
    recordings: Iterable["Recording"],
    length: int,
    step: int,
    label: str = "majority",
    class_of: Callable[["Recording"], int] | Mapping[str, int] | None = None,
) -> Windows:
    """Cut each recording into windows of ``length`` consecutive intervals.

    Windows start at 0, step, 2·step, ... and never cross from one recording into the
    next. A recording shorter than ``length`` gives no window; its tail after the
    last full window is unused. ``step < length`` overlaps windows, ``step > length``
    skips the intervals between them.

    Parameters
    ----------
    recordings : iterable of Recording
    length : int
        Window length L in intervals (AF: 128; gait: 64).
    step : int
        Distance between the starts of successive windows.
    label : "majority" or "record"
        ``"majority"`` (AF): the window is 1 when **strictly more than half** of its
        intervals are labelled 1 (64 AF intervals out of 128 is not AF); needs
        ``rec.labels``. ``"record"`` (gait): every window of a recording gets
        ``class_of(rec)``.
    class_of : callable or mapping, for ``label="record"``
        ``rec -> int``, e.g. ``lambda r: int(r.group != "control")``, or a dict from
        ``rec.group`` to the class, e.g. ``{"control": 0, "als": 1, "hunt": 2, "park": 3}``.

    Returns
    -------
    Windows
        With ``groups`` = ``rec.record`` for each window. Empty arrays (``X`` of shape
        (0, length)) when no recording is long enough.
    """
    length, step = int(length), int(step)
    if length < 1 or step < 1:
        raise ValueError(f"length and step must be positive, got length={length}, step={step}")
    if label not in ("majority", "record"):
        raise ValueError(f"label must be 'majority' or 'record', not {label!r}")
    if label == "record":
        if class_of is None:
            raise ValueError("label='record' needs class_of (a function rec -> int, or a dict group -> int)")
        if isinstance(class_of, Mapping):
            mapping = class_of
            class_of = lambda rec: mapping[rec.group]  # noqa: E731

    xs, ys, gs = [], [], []
    for rec in recordings:
        x = np.asarray(rec.intervals, dtype=np.float32)
        if len(x) < length:
            continue
        # rows of a read-only view; [::step] picks the window starts 0, step, 2*step, ...
        starts = np.arange(0, len(x) - length + 1, step)
        win = np.lib.stride_tricks.sliding_window_view(x, length)[starts]
        if label == "majority":
            if rec.labels is None:
                raise ValueError(f"record {rec.record!r} has no labels; use label='record' with class_of")
            lab = np.asarray(rec.labels, dtype=np.int64)
            if lab.shape != x.shape:
                raise ValueError(f"record {rec.record!r}: labels and intervals differ in length")
            n_pos = np.lib.stride_tricks.sliding_window_view(lab, length)[starts].sum(axis=1)
            y = (2 * n_pos > length).astype(np.int64)
        else:
            y = np.full(len(starts), int(class_of(rec)), dtype=np.int64)
        xs.append(np.array(win, dtype=np.float32))  # a real copy, not a view into the recording
        ys.append(y)
        gs.append(np.full(len(starts), rec.record, dtype=object))
    if not xs:
        return Windows(np.empty((0, length), np.float32), np.empty(0, np.int64), np.empty(0, dtype=object))
    return Windows(np.concatenate(xs), np.concatenate(ys), np.concatenate(gs))


class Standardizer:
    """Scale windows with **one** mean and SD over all intervals of the training windows.

    A single pair (not one per position) because every position of a window is the
    same kind of quantity. Fit on the training windows only, then transform training,
    validation and test windows with the same numbers: fitting on the test windows
    would leak information about them.

    Attributes ``mean_`` and ``sd_`` (floats) are set by ``fit``.
    """

    def __init__(self) -> None:
        self.mean_: float | None = None
        self.sd_: float | None = None

    def fit(self, X) -> "Standardizer":
        """Compute the mean and SD of all values of X (training windows); returns self."""
        X = np.asarray(X, dtype=np.float64)
        if X.size == 0:
            raise ValueError("cannot fit a Standardizer on no data")
        self.mean_ = float(X.mean())
        sd = float(X.std())
        # a constant training set would divide by zero: leave the scale alone then
        self.sd_ = sd if np.isfinite(sd) and sd > 0 else 1.0
        return self

    def transform(self, X) -> np.ndarray:
        """``(X - mean_) / sd_`` as float32, with the statistics from ``fit``."""
        if self.mean_ is None:
            raise RuntimeError("Standardizer.transform called before fit")
        X = np.asarray(X, dtype=np.float64)
        return ((X - self.mean_) / self.sd_).astype(np.float32)

    def fit_transform(self, X) -> np.ndarray:
        """``fit(X)`` then ``transform(X)``."""
        return self.fit(X).transform(X)

    def __repr__(self) -> str:
        return f"Standardizer(mean_={self.mean_}, sd_={self.sd_})"
