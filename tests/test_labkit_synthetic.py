"""labkit.synthetic: the built-in data are files of the real formats, repeatable, fast and plausible.

The statistical checks are seeded, so they are deterministic; their bounds come from
the physiology the generators model (and were compared with the real databases).
"""
from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold

from solutions.labkit.afdb import read_afdb, read_afdb_record, write_afdb_record
from solutions.labkit.gaitndd import COLUMNS, read_gait_record, read_gaitndd, write_gait_record
from solutions.labkit.synthetic import _af_record, _gait_subject, fgn, synthetic_afdb, synthetic_gaitndd
import wfdb  # noqa: E402  (after labkit, which silences wfdb's import-time warnings)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

WINDOW = 128


# --------------------------------------------------------------------------- helpers

def af_windows(recs, length=WINDOW, step=64):
    """Windows of cleaned RR (0.2-3 s), majority label, record of each window."""
    X, y, g = [], [], []
    for r in recs:
        keep = (r.intervals >= 0.2) & (r.intervals <= 3.0)
        rr, lab = r.intervals[keep], r.labels[keep]
        for s in range(0, len(rr) - length + 1, step):
            X.append(rr[s:s + length])
            y.append(int(lab[s:s + length].mean() > 0.5))
            g.append(r.record)
    return np.array(X), np.array(y), np.array(g)


def rr_features(X):
    d = np.diff(X, axis=1)
    mean, sd = X.mean(1), X.std(1)
    q10, q25, q50, q75, q90 = np.percentile(X, [10, 25, 50, 75, 90], axis=1)
    xc = X - mean[:, None]
    ac1 = (xc[:, 1:] * xc[:, :-1]).sum(1) / np.maximum((xc ** 2).sum(1), 1e-12)
    feats = {
        "mean": mean, "sd": sd, "cv": sd / mean,
        "rmssd": np.sqrt((d ** 2).mean(1)), "nrmssd": np.sqrt((d ** 2).mean(1)) / mean,
        "pnn50": (np.abs(d) > 0.05).mean(1), "madd": np.median(np.abs(d), 1),
        "nmadd": np.median(np.abs(d), 1) / mean, "iqr": (q75 - q25) / q50,
        "p90_10": (q90 - q10) / q50, "ac1": ac1,
    }
    return np.column_stack(list(feats.values())), list(feats)


def normal_beats(x, tol=0.2):
    """Intervals within 20 % of the window median: the usual filter before HRV indices."""
    return np.abs(x - np.median(x)) < tol * np.median(x)


def nn_rmssd(x):
    ok = normal_beats(x)
    both = ok[1:] & ok[:-1]
    return np.sqrt(np.mean(np.diff(x)[both] ** 2))


def lag1(x):
    x = x - x.mean()
    return (x[1:] * x[:-1]).sum() / (x * x).sum()


def dfa_alpha(x):
    """Detrended fluctuation analysis exponent (first order), box sizes 4 .. n/4."""
    y = np.cumsum(x - x.mean())
    n = len(x)
    scales = np.unique(np.floor(np.logspace(np.log10(4), np.log10(n // 4), 12)).astype(int))
    flucts = []
    for s in scales:
        seg = y[:(n // s) * s].reshape(-1, s)
        t = np.arange(s)
        coef = np.polyfit(t, seg.T, 1)
        trend = np.outer(coef[0], t) + coef[1][:, None]
        flucts.append(np.sqrt(((seg - trend) ** 2).mean()))
    return np.polyfit(np.log(scales), np.log(flucts), 1)[0]


def without_outliers(s, n_sd=3.0):
    return s[np.abs(s - np.median(s)) <= n_sd * s.std()]


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# --------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def af_dir(tmp_path_factory):
    return synthetic_afdb(tmp_path_factory.mktemp("afdb"))


@pytest.fixture(scope="module")
def af(af_dir):
    return read_afdb(af_dir)


@pytest.fixture(scope="module")
def af_win(af):
    return af_windows(af)


@pytest.fixture(scope="module")
def gait_dir(tmp_path_factory):
    return synthetic_gaitndd(tmp_path_factory.mktemp("gait"))


@pytest.fixture(scope="module")
def gait_large(tmp_path_factory):
    """20 subjects per group, for group statistics with less sampling noise."""
    folder = synthetic_gaitndd(tmp_path_factory.mktemp("gait20"),
                               n_per_group={"control": 20, "als": 20, "hunt": 20, "park": 20}, seed=0)
    recs = read_gaitndd(folder)
    stats = {}
    for r in recs:
        s = without_outliers(r.intervals)
        stats.setdefault(r.group, []).append(
            {"cv": s.std() / s.mean(), "dfa": dfa_alpha(s), "mean": s.mean(), "n": len(r)})
    return recs, {g: {k: np.array([d[k] for d in v]) for k in v[0]} for g, v in stats.items()}


# --------------------------------------------------------------------------- repeatable, fast

def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path, af_dir, gait_dir):
    again_af = folder_bytes(synthetic_afdb(tmp_path / "af_again"))
    again_gait = folder_bytes(synthetic_gaitndd(tmp_path / "gait_again"))
    assert again_af == folder_bytes(af_dir)
    assert again_gait == folder_bytes(gait_dir)
    other_af = folder_bytes(synthetic_afdb(tmp_path / "af_other", seed=1))
    other_gait = folder_bytes(synthetic_gaitndd(tmp_path / "gait_other", seed=1))
    assert other_af.keys() == again_af.keys() and other_gait.keys() == again_gait.keys()
    for name in ("s01.qrs", "s05.atr"):
        assert other_af[name] != again_af[name]
    assert all(other_gait[n] != again_gait[n] for n in other_gait if n.endswith(".ts"))


def test_generation_is_fast(tmp_path):
    t0 = time.perf_counter()
    synthetic_afdb(tmp_path / "af")
    synthetic_gaitndd(tmp_path / "gait")
    assert time.perf_counter() - t0 < 5.0


def test_parameters_are_checked(tmp_path):
    with pytest.raises(ValueError, match="n_records"):
        synthetic_afdb(tmp_path, n_records=0)
    with pytest.raises(ValueError, match="unknown group"):
        synthetic_gaitndd(tmp_path, n_per_group={"stroke": 3})


def test_small_sets(tmp_path):
    recs = read_afdb(synthetic_afdb(tmp_path / "a", n_records=2, hours=0.1, seed=5))
    assert [r.record for r in recs] == ["s01", "s02"]
    assert all(300 < r.intervals.sum() < 370 for r in recs)
    gait = read_gaitndd(synthetic_gaitndd(tmp_path / "g", n_per_group={"park": 2}))
    assert [r.record for r in gait] == ["park1", "park2"]


def test_generated_series_round_trip_exactly(tmp_path):
    rng = np.random.default_rng(7)
    samples, changes = _af_record(1800.0, 0.5, True, True, rng)
    rec = read_afdb_record(write_afdb_record(tmp_path, "s01", samples, changes))
    np.testing.assert_array_equal(rec.meta["beat_samples"], samples)
    assert rec.meta["rhythm_changes"] == changes
    idx = np.searchsorted([s for s, _ in changes], samples[1:], side="right") - 1
    expected = np.array([changes[max(i, 0)][1] == "(AFIB" for i in idx], dtype=int)
    np.testing.assert_array_equal(rec.labels, expected)
    s = _gait_subject("hunt", rng)
    rec = read_gait_record(write_gait_record(tmp_path / "hunt1.ts", s["left"], s["right"], start=s["start"],
                                             swing_left=s["swing_left"], swing_right=s["swing_right"]))
    np.testing.assert_allclose(rec.intervals, np.round(s["left"], 4), rtol=0, atol=1e-12)
    np.testing.assert_allclose(rec.intervals, s["left"], rtol=0, atol=5e-5)   # 1/300 s ticks


def test_fgn_has_unit_variance_and_its_hurst_exponent():
    rng = np.random.default_rng(0)
    for hurst in (0.5, 0.75, 0.9):
        x = fgn(4096, hurst, rng)
        assert x.std() == pytest.approx(1.0, abs=0.1)
        assert dfa_alpha(x) == pytest.approx(hurst, abs=0.07)


# --------------------------------------------------------------------------- AF: format

def test_af_files_have_the_real_structure(af_dir, af):
    names = (af_dir / "RECORDS").read_text().split()
    assert names == [f"s{i:02d}" for i in range(1, 13)] == [r.record for r in af]
    for name in names:
        assert (af_dir / f"{name}.hea").read_bytes() == f"{name} 0 250\n".encode()
        for ext in ("qrs", "atr"):
            data = (af_dir / f"{name}.{ext}").read_bytes()
            assert len(data) % 2 == 0 and data.endswith(b"\x00\x00")
    q = wfdb.rdann(str(af_dir / "s03"), "qrs")
    a = wfdb.rdann(str(af_dir / "s03"), "atr")
    assert set(q.symbol) == {"N"} and set(a.symbol) == {"+"}
    assert set(a.aux_note) <= {"(N", "(AFIB"} and a.sample[0] < q.sample[0]
    assert "Synthetic" in (af_dir / "SYNTHETIC.txt").read_text()


@pytest.mark.parametrize("name", ["s01", "s07"])
def test_readme_snippet_agrees_on_synthetic(af_dir, name):
    q = wfdb.rdann(str(af_dir / name), "qrs")
    a = wfdb.rdann(str(af_dir / name), "atr")
    rhythm = np.array([s.strip("\x00") for s in a.aux_note])
    idx = np.searchsorted(a.sample, q.sample[1:], side="right") - 1
    label = rhythm[np.clip(idx, 0, None)]
    rec = read_afdb_record(af_dir / name)
    np.testing.assert_array_equal(rec.intervals, np.diff(q.sample) / 250.0)
    np.testing.assert_array_equal(rec.labels, (label == "(AFIB").astype(int))


# --------------------------------------------------------------------------- AF: physiology

def test_af_burden_is_spread_like_the_real_database(af):
    share = np.array([r.labels.mean() for r in af])
    overall = np.concatenate([r.labels for r in af]).mean()
    assert 0.30 < overall < 0.55                                  # real: 42.6 %
    assert (share >= 0.99).sum() >= 1                             # real: 2 records all AF
    assert (share <= 0.02).sum() >= 2                             # real: 4 records under 2 %
    assert ((share > 0.05) & (share < 0.95)).sum() >= 5
    hours = np.array([r.intervals.sum() / 3600 for r in af])
    assert np.all(np.abs(hours - 1.0) < 0.01)


def test_sinus_rhythm_has_realistic_heart_rate_variability(af_win):
    X, y, _ = af_win
    sinus = X[y == 0]
    rmssd = np.array([nn_rmssd(x) for x in sinus])
    assert 0.020 < np.median(rmssd) < 0.060                       # RMSSD of normal beats, 20-60 ms
    assert 0.010 < np.percentile(rmssd, 10) and np.percentile(rmssd, 90) < 0.100
    assert 0.65 < np.median(sinus.mean(1)) < 1.0                  # 60-90 beats per minute
    # Oscillations and drift make successive normal intervals strongly correlated.
    assert np.median([lag1(x[normal_beats(x)]) for x in sinus]) > 0.4


def test_af_is_fast_irregular_and_unstructured(af_win):
    X, y, _ = af_win
    fib = X[y == 1]
    assert 0.5 < np.median(fib.mean(1)) < 0.8
    cv = fib.std(1) / fib.mean(1)
    assert 0.15 < np.median(cv) < 0.35 and np.percentile(cv, 10) > 0.08
    assert abs(np.median([lag1(x) for x in fib])) < 0.15         # irregularly irregular
    sinus = X[y == 0]
    sinus_cv = np.array([x[normal_beats(x)].std() / x[normal_beats(x)].mean() for x in sinus])
    assert np.median(cv) > 3 * np.median(sinus_cv)


def test_ectopic_beats_and_detector_artefacts(af, af_win):
    X, y, _ = af_win
    sinus = X[y == 0]
    premature = np.array([(x < 0.8 * np.median(x)).any() for x in sinus])
    assert 0.2 < premature.mean() < 0.9                           # real: 56 % of non-AF windows
    rr = np.concatenate([r.intervals for r in af])
    implausible = (rr < 0.2) | (rr > 3.0)
    assert 5 <= implausible.sum() and implausible.mean() < 0.005   # rare, as in the real .qrs
    assert (rr < 0.2).any() and (rr > 3.0).any()


def test_af_windows_are_learnable_but_no_single_feature_is_perfect(af_win):
    X, y, g = af_win
    assert 0.3 < y.mean() < 0.6 and len(y) > 600
    F, names = rr_features(X)
    best_auc, best_acc = 0.0, 0.0
    for f in F.T:
        auc = roc_auc_score(y, f)
        best_auc = max(best_auc, auc, 1 - auc)
        for t in np.quantile(f, np.linspace(0, 1, 201)):
            best_acc = max(best_acc, ((f > t) == y).mean(), ((f <= t) == y).mean())
    assert 0.90 < best_auc < 0.995
    assert best_acc < 0.98
    scores = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=4).split(F, y, g):
        model = HistGradientBoostingClassifier(max_iter=100, random_state=0).fit(F[train], y[train])
        scores[test] = model.predict_proba(F[test])[:, 1]
    assert roc_auc_score(y, scores) > 0.93                        # record-wise, unseen records


# --------------------------------------------------------------------------- gait: format

def test_gait_files_have_the_real_structure(gait_dir):
    recs = read_gaitndd(gait_dir)
    assert Counter(r.group for r in recs) == {"control": 8, "als": 6, "hunt": 8, "park": 7}
    assert (gait_dir / "RECORDS").read_text().split() == sorted(r.record for r in recs)
    for r in recs:
        t = r.meta["table"]
        assert list(t.columns) == list(COLUMNS)
        assert 150 <= len(r) <= 300
        assert 20 < t["elapsed"][0] - r.intervals[0] < 22.5 and t["elapsed"].iloc[-1] < 301
        ticks = r.intervals * 300                                 # 300 Hz sensors
        assert np.abs(ticks - np.round(ticks)).max() < 0.02
        np.testing.assert_allclose(np.diff(t["elapsed"]), r.intervals[1:], atol=2e-4)
        normal = np.abs(r.intervals - np.median(r.intervals)) < 0.2 * np.median(r.intervals)
        assert t["swing_left_pct"][normal].between(25, 45).all()
        assert t["double_support_pct"][normal].between(10, 50).all()
    line = (gait_dir / "control1.ts").read_bytes().split(b"\n")[0]
    assert len(line.split(b"\t")) == 13


# --------------------------------------------------------------------------- gait: physiology

def test_gait_stride_variability_by_group(gait_large):
    _, st = gait_large
    cv = {g: np.median(v["cv"]) * 100 for g, v in st.items()}
    assert 2.0 <= cv["control"] <= 3.2                            # healthy: 2-3 %
    for group in ("als", "hunt", "park"):
        assert 3.5 <= cv[group] <= 10.0 and cv[group] > cv["control"] + 1.0
    assert cv["hunt"] == max(cv.values())                         # HD the most variable
    assert cv["park"] < cv["als"]                                 # PD moderately variable


def test_gait_long_range_correlation_by_group(gait_large):
    _, st = gait_large
    dfa = {g: v["dfa"].mean() for g, v in st.items()}
    assert 0.8 <= dfa["control"] <= 1.0
    for group in ("als", "hunt", "park"):
        assert dfa[group] < dfa["control"] - 0.1
    assert dfa["hunt"] == min(dfa.values())                       # HD the least correlated


def test_gait_stride_time_by_group(gait_large):
    recs, st = gait_large
    mean = {g: v["mean"].mean() for g, v in st.items()}
    assert 1.0 <= mean["control"] <= 1.2
    assert mean["als"] > mean["control"] + 0.15                   # ALS slower
    assert mean["park"] < min(mean["als"], mean["hunt"], mean["control"])  # PD shorter strides
    for r in recs:
        assert (r.intervals > 1.1 * np.median(r.intervals)).any()   # turn outliers everywhere
    assert sum(r.intervals.max() > 4.0 for r in recs) >= 2           # and a few stops


def test_gait_disease_is_detectable_but_not_trivially(gait_large):
    recs, _ = gait_large
    feats, labels = [], []
    for r in recs:
        s = without_outliers(r.intervals)
        for start in range(0, len(s) - 63, 16):
            w = s[start:start + 64]
            feats.append(w.std() / w.mean())
            labels.append(r.group != "control")
    auc = roc_auc_score(labels, feats)
    assert 0.75 < auc < 0.99
