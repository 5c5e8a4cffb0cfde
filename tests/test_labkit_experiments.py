"""labkit.experiments: the AF and gait protocols on tiny synthetic data, and the benchmark's quick mode."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
import torch

from solutions.labkit import experiments
from solutions.labkit.afdb import read_afdb
from solutions.labkit.experiments import BASELINE, af_cross_validation, feature_baseline, gait_loso
from solutions.labkit.features import interval_features
from solutions.labkit.gaitndd import read_gaitndd
from solutions.labkit.preprocessing import clean_rr, clean_strides, make_windows
from solutions.labkit.synthetic import synthetic_afdb, synthetic_gaitndd
from solutions.models import CNN, MLP

ROOT = Path(__file__).resolve().parents[1]
TINY = {"epochs": 1, "patience": None}
AF_COLUMNS = {"model", "accuracy", "sensitivity", "specificity", "f1", "roc_auc", "seconds_total",
              "seconds_per_fold", "seconds_max", "device"} | {
    f"{m}_{s}" for m in ("accuracy", "sensitivity", "specificity", "f1", "roc_auc") for s in ("mean", "sd")}


@pytest.fixture(scope="module")
def af_recs(tmp_path_factory):
    folder = synthetic_afdb(tmp_path_factory.mktemp("afdb"), n_records=6, hours=0.25, seed=3)
    return [clean_rr(r) for r in read_afdb(folder)]


@pytest.fixture(scope="module")
def gait_recs(tmp_path_factory):
    folder = synthetic_gaitndd(tmp_path_factory.mktemp("gait"), {"control": 2, "als": 2, "hunt": 2, "park": 2},
                               seed=3)
    return [clean_strides(r) for r in read_gaitndd(folder)]


@pytest.fixture
def spy(monkeypatch):
    """Records what each fold's preparation and each training run receive."""
    seen = {"folds": [], "train": []}
    original_fold_data, original_train = experiments._fold_data, experiments.train

    def fold_data(train_windows, test_windows, **kw):
        out = original_fold_data(train_windows, test_windows, **kw)
        seen["folds"].append((train_windows, test_windows, kw, out))
        return out

    def train(model, X_train, y_train, X_val=None, y_val=None, **kw):
        seen["train"].append((np.asarray(X_train).copy(), np.asarray(X_val).copy(), kw))
        return original_train(model, X_train, y_train, X_val, y_val, **kw)

    monkeypatch.setattr(experiments, "_fold_data", fold_data)
    monkeypatch.setattr(experiments, "train", train)
    return seen


def _rows(X) -> set:
    return {row.tobytes() for row in np.asarray(X, dtype=np.float32)}


# --------------------------------------------------------------------------- AF

def test_af_folds_keep_records_apart_and_fit_the_scaler_on_training_only(af_recs, spy):
    """No record on both sides; the scaler's statistics are those of the training windows alone."""
    res = af_cross_validation(af_recs, {"MLP": lambda: MLP(window=128)}, n_splits=3, train_kwargs=TINY,
                              device="cpu", baseline=False)
    assert len(spy["folds"]) == 3 and len(spy["train"]) == 3
    for (train_w, test_w, kw, (fit, val, test_std, scaler)), (X_fit, X_val, _) in zip(spy["folds"], spy["train"]):
        train_recs, test_recs = set(train_w.groups), set(test_w.groups)
        assert train_recs and test_recs and not train_recs & test_recs
        assert set(fit.groups) | set(val.groups) == train_recs and not set(fit.groups) & set(val.groups)
        # standardisation: the relative training windows' mean and SD, not the test windows'
        rel_train = experiments.relative_windows(train_w).X.astype(np.float64)
        assert scaler.mean_ == pytest.approx(rel_train.mean()) and scaler.sd_ == pytest.approx(rel_train.std())
        both = np.concatenate([rel_train, experiments.relative_windows(test_w).X])
        assert scaler.sd_ != pytest.approx(both.std(), rel=1e-9)  # (a relative window's mean is 1 anyway)
        # what the network was trained and early-stopped on contains no test window
        assert not (_rows(X_fit) | _rows(X_val)) & _rows(test_std.X)
        assert len(X_fit) == len(fit) and len(X_val) == len(val)
    folds = res.folds
    assert list(folds.fold) == [1, 2, 3]
    assert np.allclose(folds.scaler_mean, [s[3][3].mean_ for s in spy["folds"]])


def test_af_tables_have_one_row_per_model_fold_and_window(af_recs):
    models = {"MLP": lambda: MLP(window=128), "CNN": lambda: CNN(window=128)}
    res = af_cross_validation(af_recs, models, n_splits=3, train_kwargs=TINY, device="cpu", seed=1)
    names = ["MLP", "CNN", BASELINE]
    assert list(res.summary.model) == names
    assert AF_COLUMNS <= set(res.summary.columns)
    assert len(res.folds) == 3 * len(names)
    assert {"fold", "test_records", "n_train", "n_test", "scaler_mean", "scaler_sd", "seconds", "best_epoch",
            "accuracy", "roc_auc"} <= set(res.folds.columns)
    # every test window once per model, every record in exactly one test fold
    n_windows = len(make_windows(af_recs, 128, 64))
    assert res.predictions.groupby("model").size().to_dict() == {n: n_windows for n in names}
    per_record = res.predictions[res.predictions.model == "MLP"].groupby("record").fold.nunique()
    assert (per_record == 1).all() and set(per_record.index) == {r.record for r in af_recs}
    assert res.summary.accuracy.between(0, 1).all()
    assert (res.folds.seconds >= 0).all() and set(res.folds.device) == {"cpu"}


def test_af_baseline_alone_and_absolute_inputs(af_recs, spy):
    """The baseline runs without any network; relative=False standardises the raw intervals."""
    res = af_cross_validation(af_recs, {}, n_splits=3, device="cpu")
    assert list(res.summary.model) == [BASELINE] and res.summary.roc_auc.iloc[0] > 0.5
    af_cross_validation(af_recs, {"MLP": lambda: MLP(window=128)}, n_splits=3, train_kwargs=TINY,
                        relative=False, baseline=False, device="cpu")
    train_w, _, _, (_, _, _, scaler) = spy["folds"][-1]
    assert scaler.mean_ == pytest.approx(train_w.X.astype(np.float64).mean())


def test_feature_baseline_and_name_clash():
    rng = np.random.default_rng(0)
    X = np.abs(0.8 + 0.05 * rng.standard_normal((60, 32)))
    X[30:] += 0.2 * rng.standard_normal((30, 32)) ** 2  # irregular half
    y = np.r_[np.zeros(30), np.ones(30)].astype(int)
    clf = feature_baseline(X, y)
    p = clf.predict_proba(interval_features(X))[:, 1]
    assert p[30:].mean() > p[:30].mean()
    with pytest.raises(ValueError, match="baseline"):
        af_cross_validation([], {BASELINE: lambda: MLP()})


# --------------------------------------------------------------------------- gait

@pytest.mark.parametrize("task, n_out", [("disease", 1), ("four_class", 4)])
def test_gait_loso_one_subject_out_and_tables(gait_recs, spy, task, n_out):
    models = {"MLP": lambda: MLP(window=64, n_outputs=n_out)}
    res = gait_loso(gait_recs, models, task=task, train_kwargs=TINY, device="cpu")
    subjects = {r.record for r in gait_recs}
    assert len(spy["folds"]) == len(subjects)
    for (train_w, test_w, kw, (fit, val, test_std, scaler)), (X_fit, X_val, _) in zip(spy["folds"], spy["train"]):
        assert len(set(test_w.groups)) == 1
        assert set(train_w.groups) == subjects - set(test_w.groups)
        rel_train = experiments.relative_windows(train_w).X.astype(np.float64)
        assert scaler.mean_ == pytest.approx(rel_train.mean())
        assert not (_rows(X_fit) | _rows(X_val)) & _rows(test_std.X)
    f = res.folds
    assert len(f) == 2 * len(subjects) and set(f.model) == {"MLP", BASELINE}
    assert (f.groupby("model").subject.nunique() == len(subjects)).all()
    assert {"subject", "group", "label", "decision", "correct", "score", "seconds", "best_epoch"} <= set(f.columns)
    s = res.summary
    assert list(s.model) == ["MLP", BASELINE] and (s.n_subjects == len(subjects)).all()
    assert {"accuracy", "balanced_accuracy", "window_accuracy", "seconds_total", "seconds_per_fold"} <= set(s.columns)
    extra = {"sensitivity", "specificity", "roc_auc"} if n_out == 1 else {"macro_f1"}
    assert extra <= set(s.columns)
    # the summary's accuracy is the share of correct subject decisions
    for name, group in f.groupby("model"):
        assert s.set_index("model").accuracy[name] == pytest.approx(group.correct.mean())
    if task == "four_class":
        assert set(f.label) == {0, 1, 2, 3}


def test_gait_one_disease_task_keeps_its_subjects_only(gait_recs):
    res = gait_loso(gait_recs, {}, task="als", device="cpu")
    assert set(res.folds.group) == {"control", "als"}
    with pytest.raises(ValueError, match="task"):
        gait_loso(gait_recs, {}, task="stroke")


# --------------------------------------------------------------------------- benchmark

def _benchmark():
    spec = importlib.util.spec_from_file_location("labs_benchmark", ROOT / "benchmarks" / "labs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_quick_runs_end_to_end(tmp_path, capsys):
    threads = torch.get_num_threads()
    try:
        assert _benchmark().main(["--synthetic", "--quick", "--threads", "1", "--out", str(tmp_path)]) == 0
    finally:
        torch.set_num_threads(threads)
    out = capsys.readouterr().out
    assert "SYNTHETIC" in out and "seed 0" in out and "torch" in out and "device cpu" in out
    assert out.count("| task | model |") == 1  # one table
    for label in ("AF, windows, 3-fold by record", "gait disease vs control", "gait 4 classes"):
        assert sum(line.startswith(f"| {label}") for line in out.splitlines()) == 4
    for name in ("MLP", "CNN", "RNN (GRU)", "baseline (features + LR)"):
        assert f"| {name} |" in out
    assert (tmp_path / "labs-synthetic-quick.md").read_text(encoding="utf-8") in out
    assert (tmp_path / "labs-synthetic-quick.csv").is_file()
    assert (tmp_path / "labs-synthetic-quick-af-folds.csv").is_file()
