"""The labs' evaluation protocols: record-wise cross-validation (AF) and leave-one-subject-out (gait).

Both protocols follow the same rules, so that the scores say how well a model does
on a **new patient**:

* splits are by record or subject, never by window (``splits.py``): no window of a
  test record or subject is ever seen in training;
* the standardisation (``Standardizer``) is fitted on the training windows of each fold
  only, and early stopping watches a validation split of the *training* records or
  subjects, never the test ones;
* by default (``relative=True``) each window is first divided by its own mean interval,
  so that the networks learn the rhythm's irregularity rather than the heart rate or
  the walking cadence (see ``relative_windows``);
* a classical baseline, logistic regression on hand-made interval features
  (``features.py``), runs in the same folds, so every network is compared with it
  on exactly the same test windows.

Typical use (AF lab)::

    recs = [clean_rr(r) for r in read_afdb(folder)]
    models = {"MLP": lambda: MLP(window=128), "CNN": lambda: CNN(window=128), "RNN": lambda: RNN()}
    res = af_cross_validation(recs, models, progress=True)
    res.summary            # one row per model: pooled metrics, mean and SD over folds, time
    res.folds              # one row per model and fold
    res.predictions        # one row per model and test window (for ROC curves, confusion matrices)

Gait lab: ``gait_loso([clean_strides(r) for r in read_gaitndd(folder)], models,
task="disease")``; for ``task="four_class"`` the models must return 4 logits, e.g.
``lambda: CNN(window=64, n_outputs=4)``.

Each entry of ``model_factories`` is a function without arguments that returns a
**new, untrained** model; it is called once per fold, after seeding, so every fold
starts from the same initial weights.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import torch
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from .features import interval_features
from .metrics import binary_metrics, multiclass_metrics, subject_decisions
from .preprocessing import Standardizer, Windows, make_windows
from .splits import leave_one_subject_out, record_folds, validation_split
from .training import default_device, predict_scores, seed_everything, train

__all__ = ["AF_TRAINING", "GAIT_TRAINING", "BASELINE", "GAIT_TASKS", "Results",
           "af_cross_validation", "gait_loso", "feature_baseline", "relative_windows"]

# Default training settings (keyword arguments of ``training.train``), chosen so that
# each model trains in well under two minutes on two CPU cores. Override any of them
# with ``train_kwargs``, e.g. ``train_kwargs={"epochs": 5}`` for a quick try.
# The GRU is the slowest (about 2-3 s per AF epoch on one core) and needs the most
# epochs; the MLP and the CNN stop early well before.
AF_TRAINING = dict(epochs=40, batch_size=128, lr=3e-3, weight_decay=0.0, patience=8, class_weight=None)
# Gait: few windows (about 700), so many short epochs; with 30 epochs the best
# validation epoch was often the last one, hence 60 and a patient early stop.
GAIT_TRAINING = dict(epochs=60, batch_size=64, lr=1e-3, weight_decay=1e-4, patience=15,
                     class_weight="balanced")

BASELINE = "baseline"  # name of the feature + logistic-regression model in the result tables

# Gait tasks: the class of each group. Groups missing from a mapping are left out
# (e.g. "als" is ALS vs control only).
GAIT_TASKS = {
    "disease": {"control": 0, "als": 1, "hunt": 1, "park": 1},
    "four_class": {"control": 0, "als": 1, "hunt": 2, "park": 3},
    "als": {"control": 0, "als": 1},
    "hunt": {"control": 0, "hunt": 1},
    "park": {"control": 0, "park": 1},
}
GAIT_CLASS_NAMES = {
    "disease": ["control", "disease"],
    "four_class": ["control", "als", "hunt", "park"],
    "als": ["control", "als"],
    "hunt": ["control", "hunt"],
    "park": ["control", "park"],
}
_BINARY_METRICS = ["accuracy", "sensitivity", "specificity", "f1", "roc_auc"]


@dataclass
class Results:
    """What a protocol returns: three tidy tables (pandas DataFrames).

    summary
        One row per model (the baseline last): the metrics of all test windows (AF)
        or subjects (gait) pooled over the folds, their mean and SD across folds (AF),
        and the training time (total and per fold, seconds) and device.
    folds
        One row per model and fold (AF) or per model and test subject (gait).
    predictions
        One row per model and test window: fold, record/subject, true label, scores.
    """

    summary: pd.DataFrame
    folds: pd.DataFrame
    predictions: pd.DataFrame


# --------------------------------------------------------------------------- helpers

def _logger(progress) -> Callable[[str], None]:
    """``progress``: False (silent), True (print) or a function taking one line of text."""
    if progress is True:
        return lambda line: print(line, flush=True)
    if callable(progress):
        return progress
    return lambda line: None


def feature_baseline(X_train, y_train, *, relative: bool = False, seed: int = 0):
    """Fit the classical baseline on raw windows (seconds): interval features, then
    standardisation and a class-balanced logistic regression (all fitted on these
    training windows only). Returns the fitted scikit-learn pipeline; use it with
    ``predict_proba(interval_features(X_test, ...))``.

    ``relative=True`` makes the pNN threshold 5 % of the window's mean interval (gait).
    """
    model = make_pipeline(StandardScaler(),
                          LogisticRegression(class_weight="balanced", max_iter=2000, random_state=seed))
    return model.fit(_features(X_train, relative), np.asarray(y_train))


def _features(X, relative: bool) -> np.ndarray:
    F = interval_features(X, pnn_threshold=0.05, relative=relative)
    return np.nan_to_num(F, nan=0.0, posinf=0.0, neginf=0.0)


def _fit_and_score(name, factory, fit: Windows, val: Windows, test: Windows, *, raw_train: Windows,
                   task: str, settings: dict, device, seed: int, relative_pnn: bool):
    """Train one model (or the baseline) in one fold; return (test scores, seconds, best epoch)."""
    if name == BASELINE:
        # The baseline has no early stopping: it learns from all training windows (fit + validation).
        t0 = time.perf_counter()
        clf = feature_baseline(raw_train.X, raw_train.y, relative=relative_pnn, seed=seed)
        proba = clf.predict_proba(_features(test.X, relative_pnn))
        seconds = time.perf_counter() - t0
        # columns of predict_proba follow clf.classes_; put them at the class numbers
        scores = np.zeros((len(test), int(max(clf.classes_.max(), test.y.max(initial=0))) + 1))
        scores[:, clf.classes_] = proba
        return (scores[:, 1] if task == "binary" else scores), seconds, 0
    seed_everything(seed)  # the same initial weights in every fold
    model = factory()
    hist = train(model, fit.X, fit.y, val.X, val.y, task=task, device=device, seed=seed,
                 progress=False, **settings)
    scores = predict_scores(model, test.X, task=task, device=device)
    return scores, hist.seconds, hist.best_epoch


def relative_windows(w: Windows) -> Windows:
    """Each window divided by its own mean interval: the rhythm without the rate
    (heart rate for AF, cadence for gait). Unitless, about 1."""
    return Windows((w.X / w.X.mean(axis=1, keepdims=True)).astype(np.float32), w.y, w.groups)


def _standardise(scaler: Standardizer, w: Windows) -> Windows:
    return Windows(scaler.transform(w.X), w.y, w.groups)


def _fold_data(train_windows: Windows, test_windows: Windows, *, val_fraction: float, seed: int,
               relative: bool = False):
    """Validation split by record inside the training part, and standardisation fitted on
    the training part only. Returns (fit, val, test) standardised, and the scaler."""
    fit_idx, val_idx = validation_split(train_windows.groups, fraction=val_fraction, seed=seed)
    if relative:
        train_windows, test_windows = relative_windows(train_windows), relative_windows(test_windows)
    scaler = Standardizer().fit(train_windows.X)  # training windows of this fold only
    return (_standardise(scaler, train_windows.subset(fit_idx)), _standardise(scaler, train_windows.subset(val_idx)),
            _standardise(scaler, test_windows), scaler)


def _check_factories(model_factories: Mapping[str, Callable]) -> None:
    if BASELINE in model_factories:
        raise ValueError(f"{BASELINE!r} is the name of the feature baseline; give your model another name")
    for name, factory in model_factories.items():
        if not callable(factory):
            raise TypeError(f"model_factories[{name!r}] must be a function returning a new model")


# --------------------------------------------------------------------------- AF

def af_cross_validation(
    recordings,
    model_factories: Mapping[str, Callable[[], torch.nn.Module]],
    *,
    window: int = 128,
    step: int = 64,
    train_step: int | None = None,
    n_splits: int = 5,
    train_kwargs: dict | None = None,
    val_fraction: float = 0.2,
    relative: bool = True,
    baseline: bool = True,
    device=None,
    seed: int = 0,
    progress=False,
) -> Results:
    """Record-wise k-fold cross-validation of AF detection on RR-interval windows.

    Parameters
    ----------
    recordings : list of Recording
        AF records, already cleaned (``clean_rr``), with one label per interval.
    model_factories : dict name -> function
        Each function returns a new model with logits of shape (N, 1).
    window, step : int
        Window length and step of the test windows (a window is AF when more than half
        of its intervals are).
    train_step : int, optional
        Step of the training windows; default ``window`` (training windows that do not
        overlap: half-overlapping ones would double the training time for little gain).
        Test windows always use ``step``, so every test interval is scored.
    n_splits : int
        Folds, by record (``record_folds``, stratified on the window labels so that
        each fold gets some AF).
    train_kwargs : dict, optional
        Overrides of ``AF_TRAINING`` (epochs, batch_size, lr, patience, class_weight...).
    val_fraction : float
        Share of the training records held out for early stopping.
    relative : bool
        True (default): the networks get each window divided by its own mean interval
        (``relative_windows``), then standardised, so they see the irregularity and not
        the heart rate (a fast sinus rhythm is not AF). False: the raw intervals, only
        standardised. The baseline always gets the raw windows (its features include
        the mean interval).
    baseline : bool
        Also fit the feature baseline (named ``BASELINE``) in the same folds.
    device : str or torch.device, optional
        Default ``default_device()``.
    seed : int
        Seeds the folds, the validation splits, the initial weights and the batches.
    progress : bool or function
        True prints one line per model and fold; a function receives those lines.

    Returns
    -------
    Results
        ``summary`` columns: model, then the pooled ``accuracy``, ``sensitivity``,
        ``specificity``, ``f1``, ``roc_auc`` (all test windows of all folds together),
        ``<metric>_mean`` and ``<metric>_sd`` across folds (folds where a metric is
        undefined, e.g. ROC AUC of a one-class fold, are skipped), ``seconds_total``,
        ``seconds_per_fold``, ``seconds_max``, ``device``. ``folds``: one row per model
        and fold with the test records, window counts, the scaler's mean and SD, the
        metrics, seconds and best epoch. ``predictions``: model, fold, record, y, score.
    """
    _check_factories(model_factories)
    settings = {**AF_TRAINING, **(train_kwargs or {})}
    device = default_device() if device is None else torch.device(device)
    log = _logger(progress)
    recordings = list(recordings)
    test_all = make_windows(recordings, window, step, label="majority")
    train_step = window if train_step is None else train_step
    train_all = test_all if train_step == step else make_windows(recordings, window, train_step, "majority")
    folds = record_folds(test_all.groups, test_all.y, n_splits=n_splits, seed=seed)
    names = list(model_factories) + ([BASELINE] if baseline else [])

    fold_rows, pred_frames = [], []
    for k, (_, test_idx) in enumerate(folds, start=1):
        test = test_all.subset(test_idx)
        test_records = np.unique(test.groups)
        train_raw = train_all.subset(~np.isin(train_all.groups, test_records))  # no test record
        fit, val, test_std, scaler = _fold_data(train_raw, test, val_fraction=val_fraction, seed=seed + k,
                                                relative=relative)
        for name in names:
            scores, seconds, best_epoch = _fit_and_score(
                name, model_factories.get(name), fit, val, test_std if name != BASELINE else test,
                raw_train=train_raw, task="binary", settings=settings, device=device, seed=seed, relative_pnn=False)
            m = binary_metrics(test.y, scores)
            fold_rows.append({
                "model": name, "fold": k, "test_records": " ".join(test_records),
                "n_train": len(train_raw), "n_fit": len(fit), "n_val": len(val), "n_test": len(test),
                "test_af_share": float(test.y.mean()),
                "scaler_mean": scaler.mean_, "scaler_sd": scaler.sd_,
                **{key: m[key] for key in _BINARY_METRICS},
                "seconds": seconds, "best_epoch": best_epoch,
                "device": "cpu" if name == BASELINE else str(device),
            })
            pred_frames.append(pd.DataFrame({"model": name, "fold": k, "record": test.groups,
                                             "y": test.y, "score": scores}))
            log(f"AF fold {k}/{len(folds)} {name:<10} acc {m['accuracy']:.3f} "
                f"AUC {m['roc_auc']:.3f} ({seconds:.1f} s)")

    folds_df = pd.DataFrame(fold_rows)
    predictions = pd.concat(pred_frames, ignore_index=True)
    rows = []
    for name in names:
        p = predictions[predictions.model == name]
        f = folds_df[folds_df.model == name]
        pooled = binary_metrics(p.y.to_numpy(), p.score.to_numpy())
        row = {"model": name, **{key: pooled[key] for key in _BINARY_METRICS}}
        for key in _BINARY_METRICS:
            row[f"{key}_mean"] = f[key].mean()  # pandas skips NaN (undefined in one-class folds)
            row[f"{key}_sd"] = f[key].std()
        row.update(seconds_total=f.seconds.sum(), seconds_per_fold=f.seconds.mean(),
                   seconds_max=f.seconds.max(), device=f.device.iloc[0])
        rows.append(row)
    return Results(pd.DataFrame(rows), folds_df, predictions)


# --------------------------------------------------------------------------- gait

def gait_loso(
    recordings,
    model_factories: Mapping[str, Callable[[], torch.nn.Module]],
    *,
    task: str = "disease",
    window: int = 64,
    step: int = 16,
    train_step: int | None = None,
    train_kwargs: dict | None = None,
    val_fraction: float = 0.2,
    relative: bool = True,
    baseline: bool = True,
    device=None,
    seed: int = 0,
    progress=False,
) -> Results:
    """Leave-one-subject-out evaluation of gait classification, one decision per subject.

    Each subject in turn is the test set; the model is trained on the others (early
    stopping on ``val_fraction`` of them), and the subject's decision is the class of
    its **mean window score** (binary: mean probability >= 0.5; four classes: the
    largest mean probability).

    Parameters
    ----------
    recordings : list of Recording
        Gait subjects, already cleaned (``clean_strides``).
    model_factories : dict name -> function
        Each returns a new model: 1 logit for the binary tasks, 4 for ``"four_class"``.
    task : str
        ``"disease"`` (any disease vs control), ``"four_class"`` (control, ALS, HD, PD),
        or ``"als"``, ``"hunt"``, ``"park"`` (that disease vs control; the other
        subjects are left out). See ``GAIT_TASKS``.
    window, step : int
        Window length and step of the test windows, in strides.
    train_step : int, optional
        Step of the training windows (default ``step``); a smaller step gives more,
        shifted copies of the training strides.
    train_kwargs : dict, optional
        Overrides of ``GAIT_TRAINING``.
    Other parameters as in :func:`af_cross_validation`.

    Returns
    -------
    Results
        ``summary`` columns: model, task, ``accuracy`` and ``balanced_accuracy`` of the
        subject decisions, ``sensitivity`` and ``specificity`` (binary tasks) or
        ``macro_f1`` (four classes), ``window_accuracy``, ``n_subjects``,
        ``seconds_total``, ``seconds_per_fold``, ``seconds_max``, device. ``folds``: one
        row per model and test subject (group, label, decision, correct, ``score`` = the
        mean probability of disease (binary) or of the true class (four classes),
        seconds, best epoch, scaler). ``predictions``: one row per model and test window.
    """
    if task not in GAIT_TASKS:
        raise ValueError(f"task must be one of {sorted(GAIT_TASKS)}, not {task!r}")
    _check_factories(model_factories)
    classes = GAIT_TASKS[task]
    n_classes = len(set(classes.values()))
    kind = "binary" if n_classes == 2 else "multiclass"
    settings = {**GAIT_TRAINING, **(train_kwargs or {})}
    device = default_device() if device is None else torch.device(device)
    log = _logger(progress)
    recordings = [r for r in recordings if r.group in classes]
    group_of = {r.record: r.group for r in recordings}
    windows = make_windows(recordings, window, step, label="record", class_of=classes)
    train_all = windows if train_step in (None, step) else make_windows(recordings, window, train_step,
                                                                         label="record", class_of=classes)
    names = list(model_factories) + ([BASELINE] if baseline else [])

    fold_rows, pred_frames = [], []
    splits = leave_one_subject_out(windows.groups)
    for k, (_, test_idx) in enumerate(splits, start=1):
        test = windows.subset(test_idx)
        subject = str(test.groups[0])
        train_raw = train_all.subset(train_all.groups != subject)  # every other subject
        fit, val, test_std, scaler = _fold_data(train_raw, test, val_fraction=val_fraction, seed=seed + k,
                                                relative=relative)
        for name in names:
            scores, seconds, best_epoch = _fit_and_score(
                name, model_factories.get(name), fit, val, test_std if name != BASELINE else test,
                raw_train=train_raw, task=kind, settings=settings, device=device, seed=seed, relative_pnn=True)
            proba = scores if kind == "multiclass" else np.column_stack([1 - scores, scores])
            mean = proba.mean(axis=0)
            decision = int(mean.argmax()) if kind == "multiclass" else int(mean[1] >= 0.5)
            fold_rows.append({
                "model": name, "fold": k, "subject": subject, "group": group_of[subject],
                "label": int(test.y[0]), "decision": decision, "correct": decision == int(test.y[0]),
                "score": float(mean[1]) if kind == "binary" else float(mean[int(test.y[0])]),
                "window_accuracy": float(np.mean(proba.argmax(axis=1) == test.y)),
                "n_train": len(train_raw), "n_test": len(test),
                "scaler_mean": scaler.mean_, "scaler_sd": scaler.sd_,
                "seconds": seconds, "best_epoch": best_epoch,
                "device": "cpu" if name == BASELINE else str(device),
            })
            frame = pd.DataFrame({"model": name, "fold": k, "subject": test.groups, "y": test.y})
            for c in range(proba.shape[1]):
                frame[f"p{c}"] = proba[:, c]
            pred_frames.append(frame)
        log(f"gait {task} subject {k}/{len(splits)} {subject:<10} " + " ".join(
            f"{r['model']}:{'ok' if r['correct'] else 'x'}" for r in fold_rows[-len(names):]))

    folds_df = pd.DataFrame(fold_rows)
    predictions = pd.concat(pred_frames, ignore_index=True)
    rows = []
    for name in names:
        f = folds_df[folds_df.model == name]
        p = predictions[predictions.model == name]
        # one decision per subject from the mean window probabilities (subject_decisions)
        ids, subj_scores, subj_labels = subject_decisions(p.subject, p[[f"p{c}" for c in range(n_classes)]], p.y)
        if kind == "binary":  # decision: mean probability of disease >= 0.5
            bm = binary_metrics(subj_labels, subj_scores[:, 1])
            row = {"model": name, "task": task, "accuracy": bm["accuracy"],
                   "balanced_accuracy": (bm["sensitivity"] + bm["specificity"]) / 2,
                   "sensitivity": bm["sensitivity"], "specificity": bm["specificity"], "roc_auc": bm["roc_auc"]}
        else:  # decision: the class of the largest mean probability
            mc = multiclass_metrics(subj_labels, subj_scores)
            cm = mc["confusion_matrix"]
            recalls = np.diag(cm)[cm.sum(axis=1) > 0] / cm.sum(axis=1)[cm.sum(axis=1) > 0]
            row = {"model": name, "task": task, "accuracy": mc["accuracy"],
                   "balanced_accuracy": float(recalls.mean()), "macro_f1": mc["macro_f1"]}
        row.update(window_accuracy=float(np.mean(p[[f"p{c}" for c in range(n_classes)]].to_numpy().argmax(axis=1)
                                                 == p.y.to_numpy())),
                   n_subjects=len(ids), seconds_total=f.seconds.sum(), seconds_per_fold=f.seconds.mean(),
                   seconds_max=f.seconds.max(), device=f.device.iloc[0])
        rows.append(row)
    return Results(pd.DataFrame(rows), folds_df, predictions)
