"""The one container every reader returns: a recording of intervals with labels."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(eq=False)
class Recording:
    """One record (AF) or one subject (gait) as a series of intervals.

    Attributes
    ----------
    record : str
        Record or subject id, e.g. ``"04015"`` or ``"park3"``.
    intervals : np.ndarray
        float64 seconds, shape ``(n,)``: RR intervals (AF) or left stride
        intervals (gait).
    labels : np.ndarray or None
        AF: int64 per interval, 1 = atrial fibrillation, 0 = any other rhythm.
        Gait: ``None`` (the label is the subject's group).
    group : str
        AF: ``"afdb"``; gait: ``"control"``, ``"als"``, ``"hunt"`` or ``"park"``.
    meta : dict
        Anything else (sampling frequency, source path, age, ...). Arrays kept in
        ``meta`` describe the record as read from the files, before any cleaning.
    """

    record: str
    intervals: np.ndarray
    labels: np.ndarray | None
    group: str
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Normalise dtypes once here so that every later step can rely on them.
        self.record = str(self.record)
        self.intervals = np.asarray(self.intervals, dtype=np.float64)
        if self.intervals.ndim != 1:
            raise ValueError(
                f"Recording {self.record!r}: intervals must be 1-D, got shape {self.intervals.shape}")
        if self.labels is not None:
            labels = np.asarray(self.labels)
            if labels.shape != self.intervals.shape:
                raise ValueError(
                    f"Recording {self.record!r}: {labels.shape[0] if labels.ndim == 1 else labels.shape} "
                    f"labels for {self.intervals.shape[0]} intervals; they must match one to one")
            self.labels = labels.astype(np.int64, copy=False)
        if self.meta is None:
            self.meta = {}

    def __len__(self) -> int:
        """Number of intervals."""
        return int(self.intervals.shape[0])

    def __repr__(self) -> str:
        # The default dataclass repr would print whole arrays and meta tables.
        extra = ""
        if self.labels is not None and len(self):
            extra = f", positive share={self.labels.mean():.3f}"
        return (f"Recording(record={self.record!r}, group={self.group!r}, "
                f"n={len(self)}, duration={self.intervals.sum():.1f} s{extra})")
