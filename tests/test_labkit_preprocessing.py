"""labkit.preprocessing: cleaning, windowing and standardisation (small in-memory data)."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from solutions.labkit.preprocessing import Standardizer, Windows, clean_rr, clean_strides, make_windows
from solutions.labkit.records import Recording


def af(record, intervals, labels):
    return Recording(record, np.asarray(intervals, float), np.asarray(labels, np.int64), "afdb", {})


def gait(record, intervals, group="control"):
    return Recording(record, np.asarray(intervals, float), None, group, {})


# --- clean_rr -----------------------------------------------------------------------------

def test_clean_rr_drop_removes_intervals_and_their_labels():
    rec = af("r1", [0.8, 0.1, 0.9, 3.5, np.nan, 1.0, 0.2, 3.0], [0, 1, 1, 0, 1, 1, 0, 1])
    out = clean_rr(rec)
    np.testing.assert_array_equal(out.intervals, [0.8, 0.9, 1.0, 0.2, 3.0])  # bounds are inclusive
    np.testing.assert_array_equal(out.labels, [0, 1, 1, 0, 1])
    assert out.record == "r1" and out.group == "afdb"
    assert out.meta["cleaning"][-1]["n_changed"] == 3
    # the input is left untouched
    assert len(rec.intervals) == 8 and "cleaning" not in rec.meta


def test_clean_rr_clip_keeps_every_label_and_drops_only_non_finite():
    rec = af("r1", [0.8, 0.1, 0.9, 14.4, np.inf, 1.0], [0, 1, 1, 0, 1, 1])
    out = clean_rr(rec, low=0.25, high=2.5, mode="clip")
    np.testing.assert_array_equal(out.intervals, [0.8, 0.25, 0.9, 2.5, 1.0])
    np.testing.assert_array_equal(out.labels, [0, 1, 1, 0, 1])
    assert out.meta["cleaning"][-1]["mode"] == "clip"


def test_clean_rr_without_labels_and_bad_arguments():
    out = clean_rr(gait("g", [0.1, 1.0, 1.1]))
    assert out.labels is None
    np.testing.assert_array_equal(out.intervals, [1.0, 1.1])
    with pytest.raises(ValueError):
        clean_rr(out, mode="median")
    with pytest.raises(ValueError):
        clean_rr(out, low=2.0, high=1.0)


def test_clean_rr_leaves_plausible_record_unchanged():
    rng = np.random.default_rng(0)
    rr = rng.uniform(0.4, 1.5, 500)
    labels = rng.integers(0, 2, 500)
    out = clean_rr(af("ok", rr, labels))
    np.testing.assert_array_equal(out.intervals, rr)
    np.testing.assert_array_equal(out.labels, labels)


# --- clean_strides ------------------------------------------------------------------------

def test_clean_strides_drops_turns_and_stops():
    rng = np.random.default_rng(1)
    x = 1.1 + 0.02 * rng.standard_normal(200)
    x[[10, 150]] = [2.5, 0.3]  # a stop and a half stride at a turn
    out = clean_strides(gait("control1", x))
    assert len(out) == 198
    assert out.intervals.max() < 1.3 and out.intervals.min() > 0.9
    assert out.meta["cleaning"][-1]["n_changed"] == 2


def test_clean_strides_rule_is_median_plus_minus_n_sd():
    x = np.array([1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.4])
    med, sd = np.median(x), np.std(x, ddof=1)  # 1.0 and 0.1265
    assert 1.4 > med + 3 * sd
    assert len(clean_strides(gait("s", x), n_sd=3.0)) == 9
    assert 1.4 < med + 4 * sd
    assert len(clean_strides(gait("s", x), n_sd=4.0)) == 10


def test_clean_strides_short_or_constant_records_survive():
    assert len(clean_strides(gait("s", [1.0, 1.2]))) == 2
    assert len(clean_strides(gait("s", [1.0] * 20))) == 20


# --- make_windows -------------------------------------------------------------------------

def test_windows_never_cross_records():
    a = af("a", np.arange(10) + 100.0, np.zeros(10))
    b = af("b", np.arange(7) + 200.0, np.ones(7))
    w = make_windows([a, b], length=4, step=2)
    # a: starts 0, 2, 4, 6; b: starts 0, 2 (the last 1 interval of b is unused)
    assert w.X.shape == (6, 4) and len(w) == 6
    assert list(w.groups) == ["a"] * 4 + ["b"] * 2
    for x, g in zip(w.X, w.groups):
        assert (x // 100 == (1 if g == "a" else 2)).all()  # every value from its own record
    np.testing.assert_array_equal(w.X[3], [106, 107, 108, 109])
    np.testing.assert_array_equal(w.X[4], [200, 201, 202, 203])
    assert w.X.dtype == np.float32 and w.y.dtype == np.int64 and w.groups.dtype == object


def test_majority_label_needs_strictly_more_than_half():
    labels = [1, 1, 0, 0,   1, 1, 1, 0,   0, 0, 0, 1,   1, 1, 1, 1]
    w = make_windows([af("r", np.ones(16), labels)], length=4, step=4)
    np.testing.assert_array_equal(w.y, [0, 1, 0, 1])  # 2 of 4 is not a majority
    odd = make_windows([af("r", np.ones(10), [1, 1, 1, 0, 0, 1, 1, 0, 0, 0])], length=5, step=5)
    np.testing.assert_array_equal(odd.y, [1, 0])  # 3 of 5 is, 2 of 5 is not


def test_record_label_from_function_or_mapping():
    recs = [gait("control1", np.ones(70)), gait("park1", np.ones(80), "park"), gait("hunt2", np.ones(64), "hunt")]
    w = make_windows(recs, 64, 16, label="record", class_of=lambda r: int(r.group != "control"))
    assert list(w.groups) == ["control1", "park1", "park1", "hunt2"]
    np.testing.assert_array_equal(w.y, [0, 1, 1, 1])
    w4 = make_windows(recs, 64, 16, label="record", class_of={"control": 0, "als": 1, "hunt": 2, "park": 3})
    np.testing.assert_array_equal(w4.y, [0, 3, 3, 2])


def test_label_errors():
    with pytest.raises(ValueError, match="class_of"):
        make_windows([gait("g", np.ones(10))], 4, 4, label="record")
    with pytest.raises(ValueError, match="no labels"):
        make_windows([gait("g", np.ones(10))], 4, 4, label="majority")
    with pytest.raises(ValueError):
        make_windows([gait("g", np.ones(10))], 4, 4, label="window")
    with pytest.raises(ValueError):
        make_windows([gait("g", np.ones(10))], 0, 4, label="record", class_of=lambda r: 0)
    with pytest.raises(ValueError):
        make_windows([gait("g", np.ones(10))], 4, 0, label="record", class_of=lambda r: 0)


def test_short_records_give_no_windows():
    short = af("short", np.ones(5), np.ones(5))
    long = af("long", np.ones(8), np.ones(8))
    w = make_windows([short, long], length=8, step=4)
    assert list(w.groups) == ["long"]  # exactly one window when the record is exactly L long
    empty = make_windows([short], length=8, step=4)
    assert empty.X.shape == (0, 8) and empty.X.dtype == np.float32
    assert empty.y.shape == (0,) and empty.y.dtype == np.int64
    assert empty.groups.shape == (0,)
    assert make_windows([], 8, 4).X.shape == (0, 8)


def test_step_larger_than_length_skips_intervals():
    w = make_windows([af("r", np.arange(20.0), np.zeros(20))], length=3, step=7)
    np.testing.assert_array_equal(w.X, [[0, 1, 2], [7, 8, 9], [14, 15, 16]])
    big = make_windows([af("r", np.arange(20.0), np.zeros(20))], length=3, step=100)
    np.testing.assert_array_equal(big.X, [[0, 1, 2]])


def test_windows_are_copies_and_subset_works():
    rec = af("r", np.arange(12.0), np.zeros(12))
    w = make_windows([rec], 4, 4)
    w.X[0, 0] = -1.0
    assert rec.intervals[0] == 0.0
    sub = w.subset(np.array([2, 0]))
    assert isinstance(sub, Windows)
    np.testing.assert_array_equal(sub.X, [[8, 9, 10, 11], [-1, 1, 2, 3]])
    assert len(sub) == 2


@given(n=st.integers(0, 60), length=st.integers(1, 20), step=st.integers(1, 25), seed=st.integers(0, 2**16))
def test_windows_match_slices(n, length, step, seed):
    rng = np.random.default_rng(seed)
    x, labels = rng.uniform(0.3, 2.0, n), rng.integers(0, 2, n)
    w = make_windows([af("r", x, labels)], length, step)
    starts = list(range(0, n - length + 1, step)) if n >= length else []
    assert len(w) == len(starts) == (max(0, (n - length) // step + 1) if n >= length else 0)
    for row, s in enumerate(starts):
        np.testing.assert_array_equal(w.X[row], x[s:s + length].astype(np.float32))
        assert w.y[row] == int(labels[s:s + length].sum() * 2 > length)


# --- Standardizer -------------------------------------------------------------------------

def test_standardizer_uses_training_statistics_only():
    rng = np.random.default_rng(2)
    train = rng.normal(0.8, 0.1, (50, 16)).astype(np.float32)
    test = rng.normal(1.2, 0.3, (20, 16)).astype(np.float32)
    s = Standardizer().fit(train)
    assert s.mean_ == pytest.approx(train.astype(np.float64).mean())
    assert s.sd_ == pytest.approx(train.astype(np.float64).std())
    out = s.transform(test)
    assert out.dtype == np.float32 and out.shape == test.shape
    np.testing.assert_allclose(out, (test - train.mean()) / train.std(), rtol=1e-5, atol=1e-5)
    # the test windows are NOT centred: their own statistics were not used
    assert out.mean() > 2.0
    fitted = Standardizer().fit_transform(train)
    assert abs(fitted.mean()) < 1e-5 and fitted.std() == pytest.approx(1.0, abs=1e-5)


def test_standardizer_one_mean_for_all_positions():
    X = np.array([[1.0, 3.0], [1.0, 3.0]])
    out = Standardizer().fit_transform(X)
    np.testing.assert_allclose(out, [[-1, 1], [-1, 1]])  # per-position scaling would give zeros


def test_standardizer_edge_cases():
    with pytest.raises(RuntimeError):
        Standardizer().transform(np.ones((2, 3)))
    with pytest.raises(ValueError):
        Standardizer().fit(np.empty((0, 3)))
    const = Standardizer().fit(np.full((4, 3), 0.9))
    assert const.sd_ == 1.0
    np.testing.assert_allclose(const.transform(np.full((1, 3), 1.0)), 0.1, rtol=1e-5)
