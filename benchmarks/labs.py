"""Benchmark of the two PyTorch labs: one command, one run, one table.

    python benchmarks/labs.py [--data DIR] [--synthetic] [--device cpu|cuda] [--quick] [--out DIR]

* AF (MIT-BIH AF Database, RR intervals): record-wise 5-fold cross-validation of the
  reference MLP, CNN and RNN (GRU) and of the feature baseline (interval features +
  logistic regression), windows of 128 RR intervals; accuracy, sensitivity,
  specificity, F1 and ROC AUC pooled over the folds (mean ± SD across folds in
  brackets), training time per fold and in total.
* Gait (Gait in Neurodegenerative Disease Database, stride intervals): leave-one-
  subject-out, one decision per subject (mean window score), for disease vs control
  and for the four classes, same models and baseline.

Data: ``--data DIR`` (a folder with ``afdb/`` and ``gaitndd/``); otherwise the real
copies in ``<repo>/../shared/data/physionet`` or ``<repo>/data/physionet`` (where
``dlcourse data fetch`` puts them) when present; otherwise, or with ``--synthetic``,
synthetic data generated into a temporary folder (``labkit.synthetic``).

The table is printed and written, with the per-fold and per-subject tables, to
``--out`` (default ``benchmarks/results/``; ignored by git). ``--quick`` is a smoke
test (two epochs, three AF folds, small synthetic sets): its numbers mean nothing.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere: `python benchmarks/labs.py`
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import torch  # noqa: E402

from solutions.labkit.afdb import read_afdb  # noqa: E402
from solutions.labkit.experiments import (AF_TRAINING, BASELINE, GAIT_TRAINING,  # noqa: E402
                                          af_cross_validation, gait_loso)
from solutions.labkit.gaitndd import read_gaitndd  # noqa: E402
from solutions.labkit.preprocessing import clean_rr, clean_strides  # noqa: E402
from solutions.labkit.synthetic import synthetic_afdb, synthetic_gaitndd  # noqa: E402
from solutions.models import CNN, MLP, RNN  # noqa: E402

AF_WINDOW, AF_STEP, AF_TRAIN_STEP, AF_FOLDS = 128, 64, 128, 5
GAIT_WINDOW, GAIT_STEP = 64, 16
REAL_CANDIDATES = (ROOT.parent / "shared" / "data" / "physionet", ROOT / "data" / "physionet")
DEFAULT_OUT = ROOT / "benchmarks" / "results"
MODEL_NAMES = {"MLP": "MLP", "CNN": "CNN", "RNN": "RNN (GRU)"}


def af_models(window: int = AF_WINDOW) -> dict:
    """The course's reference models for AF windows (one logit)."""
    return {"MLP": lambda: MLP(window=window), "CNN": lambda: CNN(window=window), "RNN": lambda: RNN()}


def gait_models(n_outputs: int, window: int = GAIT_WINDOW) -> dict:
    """The same model classes for gait windows, with 1 (binary) or 4 (four-class) logits."""
    return {"MLP": lambda: MLP(window=window, n_outputs=n_outputs),
            "CNN": lambda: CNN(window=window, n_outputs=n_outputs),
            "RNN": lambda: RNN(n_outputs=n_outputs)}


def _has_data(folder: Path) -> bool:
    return (folder / "afdb" / "RECORDS").is_file() and (folder / "gaitndd" / "RECORDS").is_file()


def find_data(data: str | None, synthetic: bool, quick: bool, tmp: Path, seed: int) -> tuple[Path, str]:
    """The data folder and a description: given, real when found, else synthetic (written to tmp)."""
    if data and not synthetic:
        folder = Path(data)
        if not _has_data(folder):
            raise SystemExit(f"{folder}: expected afdb/RECORDS and gaitndd/RECORDS inside")
        return folder, f"data from {folder}"
    if not synthetic:
        for folder in REAL_CANDIDATES:
            if _has_data(folder):
                return folder, f"real PhysioNet data from {folder.resolve()}"
    if quick:
        synthetic_afdb(tmp / "afdb", n_records=6, hours=0.25, seed=seed)
        synthetic_gaitndd(tmp / "gaitndd", {"control": 2, "als": 2, "hunt": 2, "park": 2}, seed=seed)
    else:
        synthetic_afdb(tmp / "afdb", seed=seed)
        synthetic_gaitndd(tmp / "gaitndd", seed=seed)
    return tmp, f"SYNTHETIC data (labkit.synthetic, seed {seed}), not real patients"


def machine(device: torch.device) -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    text = (f"{platform.system()} {platform.machine()}, {cpu}, {cores} CPU cores usable "
            f"(torch threads {torch.get_num_threads()}), Python {platform.python_version()}, "
            f"torch {torch.__version__}, device {device}")
    if device.type == "cuda":
        text += f" ({torch.cuda.get_device_name(device)})"
    if hasattr(os, "getloadavg"):
        text += f"; load average at start {os.getloadavg()[0]:.1f}"
    return text


def _fmt(x, digits: int = 3) -> str:
    return "—" if x is None or (isinstance(x, float) and not np.isfinite(x)) else f"{x:.{digits}f}"


def _pm(row, key: str) -> str:
    """Pooled value, then mean ± SD across folds."""
    return f"{_fmt(row[key])} ({_fmt(row[key + '_mean'], 2)} ± {_fmt(row[key + '_sd'], 2)})"


def _name(model: str) -> str:
    return "baseline (features + LR)" if model == BASELINE else MODEL_NAMES.get(model, model)


def build_table(af, gait_binary, gait_four, n_folds: int) -> pd.DataFrame:
    """One table: a row per task and model. AF metrics: pooled (mean ± SD over folds)."""
    rows = []
    for _, r in af.summary.iterrows():
        rows.append({
            "task": f"AF, windows, {n_folds}-fold by record", "model": _name(r.model),
            "accuracy": _pm(r, "accuracy"), "sensitivity": _pm(r, "sensitivity"),
            "specificity": _pm(r, "specificity"), "F1": _pm(r, "f1"), "ROC AUC": _pm(r, "roc_auc"),
            "bal. acc.": _fmt((r.sensitivity + r.specificity) / 2),
            "train s/run (max)": f"{r.seconds_per_fold:.1f} ({r.seconds_max:.1f})",
            "train s total": f"{r.seconds_total:.1f}",
        })
    for res, label in ((gait_binary, "gait disease vs control, subjects, LOSO"),
                       (gait_four, "gait 4 classes, subjects, LOSO")):
        for _, r in res.summary.iterrows():
            binary = "sensitivity" in r and pd.notna(r.get("sensitivity"))
            rows.append({
                "task": label, "model": _name(r.model), "accuracy": _fmt(r.accuracy),
                "sensitivity": _fmt(r.sensitivity) if binary else "—",
                "specificity": _fmt(r.specificity) if binary else "—",
                "F1": "—" if binary else f"{_fmt(r.macro_f1)} (macro)",
                "ROC AUC": _fmt(r.roc_auc) if binary else "—",
                "bal. acc.": _fmt(r.balanced_accuracy),
                "train s/run (max)": f"{r.seconds_per_fold:.2f} ({r.seconds_max:.2f})",
                "train s total": f"{r.seconds_total:.1f}",
            })
    return pd.DataFrame(rows)


def to_markdown(table: pd.DataFrame) -> str:
    cols = list(table.columns)
    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in table.itertuples(index=False)]
    return "\n".join(lines)


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python benchmarks/labs.py", description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default=None, help="folder with afdb/ and gaitndd/ (default: the real data if present)")
    p.add_argument("--synthetic", action="store_true", help="use synthetic data even when the real data is present")
    p.add_argument("--device", default="cpu", choices=["cpu", "cuda"],
                   help="where the networks train (default cpu: the timings are CPU timings)")
    p.add_argument("--quick", action="store_true", help="smoke test: 2 epochs, 3 AF folds, small synthetic sets")
    p.add_argument("--out", default=str(DEFAULT_OUT), help=f"results folder (default {DEFAULT_OUT.relative_to(ROOT)}/)")
    p.add_argument("--seed", type=int, default=0, help="seed of folds, splits, weights and batches (default 0)")
    p.add_argument("--threads", type=int, default=None, help="torch CPU threads (default: torch's choice)")
    p.add_argument("--absolute", action="store_true",
                   help="give the networks the standardised raw intervals instead of each window divided "
                        "by its mean interval (relative=False)")
    p.add_argument("--progress", action="store_true", help="print a line per fold while running")
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.device == "cuda" and not torch.cuda.is_available():
        print("--device cuda: no CUDA device is available", file=sys.stderr)
        return 2
    if args.threads:
        torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    t_start = time.perf_counter()
    started = _dt.datetime.now().astimezone()
    af_kwargs = {"epochs": 2, "patience": None} if args.quick else {}
    gait_kwargs = {"epochs": 2, "patience": None} if args.quick else {}
    n_folds = 3 if args.quick else AF_FOLDS
    log = print if args.progress else False
    relative = not args.absolute

    with tempfile.TemporaryDirectory(prefix="labs-bench-") as tmp:
        folder, source = find_data(args.data, args.synthetic, args.quick, Path(tmp), args.seed)
        af_recs = [clean_rr(r) for r in read_afdb(folder / "afdb")]
        gait_recs = [clean_strides(r) for r in read_gaitndd(folder / "gaitndd")]

    t0 = time.perf_counter()
    af = af_cross_validation(af_recs, af_models(), window=AF_WINDOW, step=AF_STEP, train_step=AF_TRAIN_STEP,
                             n_splits=n_folds, train_kwargs=af_kwargs, relative=relative, device=device,
                             seed=args.seed, progress=log)
    t_af = time.perf_counter() - t0
    t0 = time.perf_counter()
    g2 = gait_loso(gait_recs, gait_models(1), task="disease", window=GAIT_WINDOW, step=GAIT_STEP,
                   train_kwargs=gait_kwargs, relative=relative, device=device, seed=args.seed, progress=log)
    g4 = gait_loso(gait_recs, gait_models(4), task="four_class", window=GAIT_WINDOW, step=GAIT_STEP,
                   train_kwargs=gait_kwargs, relative=relative, device=device, seed=args.seed, progress=log)
    t_gait = time.perf_counter() - t0

    table = build_table(af, g2, g4, n_folds)
    n_af = int(af.predictions[af.predictions.model == BASELINE].shape[0])
    n_gait = int(g2.predictions[g2.predictions.model == BASELINE].shape[0])
    groups = pd.Series([r.group for r in gait_recs]).value_counts().to_dict()
    header = [
        f"# Lab benchmark{' (QUICK smoke test: numbers mean nothing)' if args.quick else ''}",
        "",
        f"- date: {started:%Y-%m-%d %H:%M %Z}; seed {args.seed}; {source}",
        f"- machine: {machine(device)}",
        f"- AF: {len(af_recs)} records, {n_af} test windows of {AF_WINDOW} RR intervals (step {AF_STEP}; "
        f"training windows step {AF_TRAIN_STEP}), {n_folds} folds by record (stratified), early stopping on 20 % "
        f"of the training records; training {AF_TRAINING | af_kwargs}",
        f"- gait: {len(gait_recs)} subjects {groups}, {n_gait} windows of {GAIT_WINDOW} strides "
        f"(step {GAIT_STEP}), leave-one-subject-out, decision = mean window score; training "
        f"{GAIT_TRAINING | gait_kwargs}",
        f"- network input: {'each window divided by its mean interval, then' if relative else 'raw intervals,'} "
        "standardised with the training windows' mean and SD; the baseline gets raw windows",
        "- AF cells: pooled over all test windows (mean ± SD across folds); gait cells: over subjects. "
        "Train s/run: seconds per training run (one fold), mean (max); baseline times are "
        "scikit-learn fit + predict on the CPU.",
        f"- wall time: AF {t_af:.0f} s, gait {t_gait:.0f} s, total {time.perf_counter() - t_start:.0f} s",
        "",
        "",  # a blank line: markdown would otherwise read the table as part of the list
    ]
    text = "\n".join(header) + to_markdown(table) + "\n"
    print(text, end="")

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stem = (f"labs-{'synthetic' if source.startswith('SYNTHETIC') else 'real'}"
            f"{'-absolute' if args.absolute else ''}{'-quick' if args.quick else ''}")
    (out / f"{stem}.md").write_text(text, encoding="utf-8")
    table.to_csv(out / f"{stem}.csv", index=False)
    af.summary.to_csv(out / f"{stem}-af-summary.csv", index=False)
    af.folds.to_csv(out / f"{stem}-af-folds.csv", index=False)
    pd.concat([g2.summary, g4.summary]).to_csv(out / f"{stem}-gait-summary.csv", index=False)
    pd.concat([g2.folds.assign(task="disease"), g4.folds.assign(task="four_class")]).to_csv(
        out / f"{stem}-gait-subjects.csv", index=False)
    print(f"\n(written to {out}/{stem}.md and .csv, with per-fold tables)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
