"""Read and write the Gait in Neurodegenerative Disease Database's stride series (``.ts``).

Each ``<subject>.ts`` is a tab-separated text table, one row per stride, 13 columns
(see ``COLUMNS``): elapsed time at the end of the stride, left and right stride
intervals, swing, stance and double-support intervals in seconds and in % of the
stride. The subject's group is the name's prefix: ``control``, ``als`` (amyotrophic
lateral sclerosis), ``hunt`` (Huntington's disease) or ``park`` (Parkinson's disease).
The series are not filtered: turns and stops leave long outlier strides.
"""
from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from .records import Recording

GROUPS = ("control", "als", "hunt", "park")

COLUMNS = (
    "elapsed",             # s, at the end of the stride
    "stride_left",         # s
    "stride_right",        # s
    "swing_left",          # s
    "swing_right",         # s
    "swing_left_pct",      # % of the left stride
    "swing_right_pct",     # % of the right stride
    "stance_left",         # s
    "stance_right",        # s
    "stance_left_pct",     # % of the left stride
    "stance_right_pct",    # % of the right stride
    "double_support",      # s
    "double_support_pct",  # % of the left stride
)

_NAME = re.compile(r"^(control|als|hunt|park)\d*$")
# Columns in seconds are written with 4 decimals, percentages with 2 (as in PhysioNet's files).
_PCT = {5, 6, 9, 10, 12}


def group_of(name: str) -> str:
    """The group of a subject from its name, e.g. ``"park3"`` -> ``"park"``."""
    m = _NAME.match(str(name))
    if m is None:
        raise ValueError(
            f"cannot tell the group of {name!r}: the name must be control<k>, als<k>, hunt<k> or park<k>")
    return m.group(1)


def _ts_path(path: str | Path) -> Path:
    path = Path(path)
    return path if path.suffix == ".ts" else path.with_name(path.name + ".ts")


def _parse_ts(path: Path) -> np.ndarray:
    if not path.is_file():
        raise FileNotFoundError(f"{path}: stride-interval file (.ts) missing")
    rows = []
    for lineno, line in enumerate(path.read_text(errors="replace").splitlines(), start=1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) != len(COLUMNS):
            raise ValueError(
                f"{path}, line {lineno}: {len(fields)} columns, expected {len(COLUMNS)} "
                f"(elapsed time, left/right stride, swing, stance and double-support intervals)")
        try:
            rows.append([float(x) for x in fields])
        except ValueError:
            raise ValueError(f"{path}, line {lineno}: not a number in {line.strip()!r}") from None
    if not rows:
        raise ValueError(f"{path}: no strides (empty file)")
    table = np.array(rows, dtype=np.float64)
    if not np.all(np.isfinite(table)):
        raise ValueError(f"{path}: non-finite values (nan or inf)")
    bad = np.flatnonzero(table[:, 1] <= 0)
    if bad.size:
        raise ValueError(f"{path}, line {bad[0] + 1}: stride interval must be positive, got {table[bad[0], 1]}")
    return table


def read_gait_record(path: str | Path) -> Recording:
    """Read one subject's ``.ts`` file.

    Parameters
    ----------
    path : str or Path
        The ``.ts`` file (the suffix may be left out), e.g. ``"data/gaitndd/park3.ts"``.

    Returns
    -------
    Recording
        ``intervals``: the left stride intervals (column 2, seconds), unfiltered;
        ``labels``: None; ``group``: from the name prefix; ``meta["table"]``: the whole
        table as a pandas DataFrame with the column names of ``COLUMNS``, and
        ``meta["path"]``.

    Raises
    ------
    FileNotFoundError
        When the file is missing.
    ValueError
        When a row has other than 13 columns or a value is not a number, or when the
        name does not tell the group.
    """
    path = _ts_path(path)
    name = path.stem
    group = group_of(name)
    table = _parse_ts(path)
    return Recording(
        record=name,
        intervals=table[:, 1].copy(),
        labels=None,
        group=group,
        meta={"path": str(path), "table": pd.DataFrame(table, columns=list(COLUMNS))},
    )


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None  # "MISSING"


def _read_subjects(path: Path) -> dict[str, dict]:
    """subject-description.txt as {subject: {age, height, weight, gender, speed, severity}}.

    The published file has quirks (ALS rows have GROUP "subjects", "MISSING" values,
    one row split over two lines); rows are glued back together by counting fields.
    """
    keys = ("age", "height", "weight", "gender", "speed", "severity")
    out: dict[str, dict] = {}
    pending: list[str] = []
    for line in path.read_text(errors="replace").splitlines()[1:]:  # skip the header
        fields = [f.strip() for f in line.split("\t")]
        if pending and fields[0] == "":
            pending += [f for f in fields[1:] if f]  # continuation of a split row
        else:
            pending = [f for f in fields if f]
        if len(pending) >= 8:
            sid, values = pending[0], pending[2:8]
            rec = {k: (_number(v) if k != "gender" else v) for k, v in zip(keys, values)}
            out[sid] = rec
            pending = []
    return out


def read_gaitndd(directory: str | Path) -> list[Recording]:
    """Read every subject of a gait database folder, sorted by name.

    The subjects are those listed in ``RECORDS``, or every ``*.ts`` file when there
    is no ``RECORDS`` file. When the folder has PhysioNet's ``subject-description.txt``,
    each recording's ``meta["subject"]`` holds age (years), height (m), weight (kg),
    gender, speed (gait speed, m/s) and severity (``None`` where missing). Age and
    speed differ between groups: keep them out of the model inputs.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"{directory}: no such folder (a gait database folder is expected)")
    listing = directory / "RECORDS"
    if listing.is_file():
        names = [ln.strip() for ln in listing.read_text().splitlines()]
        names = sorted({n for n in names if n and not n.startswith("#")})
    else:
        names = sorted(p.stem for p in directory.glob("*.ts"))
    if not names:
        raise FileNotFoundError(f"{directory}: no records (no RECORDS file and no *.ts files)")
    subjects: dict[str, dict] = {}
    description = directory / "subject-description.txt"
    if description.is_file():
        try:
            subjects = _read_subjects(description)
        except Exception as exc:  # the description is optional: never fail the data on it
            warnings.warn(f"{description}: not read ({exc})")
    recordings = [read_gait_record(directory / f"{name}.ts") for name in names]
    for rec in recordings:
        if rec.record in subjects:
            rec.meta["subject"] = subjects[rec.record]
    return recordings


def _default_swing(strides: np.ndarray) -> np.ndarray:
    # About 36 % of a normal stride is swing; on a turn or a stop the foot waits on
    # the ground, so the swing time is capped near its typical value.
    cap = 1.25 * float(np.median(strides))
    return 0.36 * np.minimum(strides, cap)


def write_gait_record(path: str | Path, strides_left: Sequence[float],
                      strides_right: Sequence[float] | None = None, start: float = 20.0, *,
                      swing_left: Sequence[float] | None = None,
                      swing_right: Sequence[float] | None = None) -> Path:
    """Write a 13-column ``.ts`` file in the format of the gait database.

    Parameters
    ----------
    path : str or Path
        Output file (``.ts`` is appended when missing); the name should be
        ``control<k>``, ``als<k>``, ``hunt<k>`` or ``park<k>`` so that it can be read back.
    strides_left : sequence of float
        Left stride intervals in seconds (column 2).
    strides_right : sequence of float, optional
        Right stride intervals; by default each is the mean of the two left strides
        it overlaps.
    start : float
        Elapsed time (s) before the first stride; column 1 is ``start`` plus the
        cumulative left strides.
    swing_left, swing_right : sequence of float, optional
        Swing intervals (s); by default about 36 % of the stride. Stance = stride -
        swing and double support = left stride - left swing - right swing.

    Values are written with 4 decimals (seconds) and 2 decimals (percent), so a
    stride reads back as ``round(stride, 4)``.
    """
    path = _ts_path(path)
    left = np.asarray(strides_left, dtype=np.float64)
    if left.ndim != 1 or left.size == 0:
        raise ValueError(f"{path}: strides_left must be a non-empty 1-D sequence")
    if not np.all(np.isfinite(left)) or np.any(left <= 0):
        raise ValueError(f"{path}: stride intervals must be positive and finite")
    if strides_right is None:
        right = np.append(0.5 * (left[:-1] + left[1:]), left[-1])
    else:
        right = np.asarray(strides_right, dtype=np.float64)
        if right.shape != left.shape or not np.all(np.isfinite(right)) or np.any(right <= 0):
            raise ValueError(f"{path}: strides_right must be positive, finite and as long as strides_left")

    def swing(values, strides, side):
        if values is None:
            return _default_swing(strides)
        values = np.asarray(values, dtype=np.float64)
        if values.shape != strides.shape or np.any(values <= 0) or np.any(values >= strides):
            raise ValueError(f"{path}: swing_{side} must be positive, shorter than the stride "
                             f"and as long as the strides")
        return values

    sw_l, sw_r = swing(swing_left, left, "left"), swing(swing_right, right, "right")
    double = left - sw_l - sw_r
    table = np.column_stack([
        start + np.cumsum(left), left, right, sw_l, sw_r,
        100 * sw_l / left, 100 * sw_r / right, left - sw_l, right - sw_r,
        100 * (left - sw_l) / left, 100 * (right - sw_r) / right,
        double, 100 * double / left,
    ])
    lines = ["\t".join(f"{v:.2f}" if j in _PCT else f"{v:.4f}" for j, v in enumerate(row))
             for row in table]
    path.parent.mkdir(parents=True, exist_ok=True)
    # Bytes, not text mode: "\n" line endings on every platform, as in the real files.
    path.write_bytes(("\n".join(lines) + "\n").encode("ascii"))
    return path
