# %% [markdown]
# # Lab 2: gait in neurodegenerative disease from stride intervals
#
# Amyotrophic lateral sclerosis (ALS), Huntington's disease (HD) and Parkinson's disease (PD) damage
# different parts of the nervous system, but all three disturb the control of movement, and walking, which
# a healthy adult does without thinking, becomes less regular. Gait is usually rated with clinical scales
# and a stopwatch; force sensors in a shoe measure the timing of every single stride, objectively, cheaply
# and for minutes on end. This lab asks whether a neural network can tell, **from the timing of the strides
# alone**, whether a person walks like a healthy control or like a patient.
#
# **The data.** PhysioNet's *Gait in Neurodegenerative Disease Database* (Hausdorff et al.) holds
# 5-minute walks of 16 healthy controls, 13 ALS, 20 HD and 15 PD subjects, who walked at their usual pace
# up and down a hallway with force-sensitive switches under their feet. Each **stride interval** is the
# time from one heel strike to the next heel strike of the same foot, about 1.1 s; a subject gives a series
# of roughly 120 to 310 of them. We use the left foot's series.
#
# **What the series shows.** In healthy walking the stride interval varies by only 2 to 3 % (its
# coefficient of variation), and the fluctuations are not independent from stride to stride: a stride
# slightly longer than average tends to be followed, tens of strides later still, by more long strides.
# Such long-range (fractal) correlations, measured by detrended fluctuation analysis as an exponent
# $\alpha$ near 1 (uncorrelated noise gives 0.5), are a mark of healthy, flexible control of the gait
# rhythm. In the three diseases the variability grows, most in HD, and the correlations weaken towards
# white noise; ALS patients also walk with longer, slower strides. A network that sees windows of
# consecutive strides can pick up both the size of the fluctuations and their structure in time.
#
# **Cleaning.** At each end of the hallway the subjects turned round, and a few stopped: those strides
# are much longer than the others and say nothing about the rhythm of walking. As is usual with this
# database, we drop the strides outside the subject's **median ± 3 standard deviations**.
#
# **Confounders.** The groups differ in more than their disease: the controls are younger on average, and
# the patients walk more slowly. A model given the age or the gait speed (both are in the database's
# subject table) would partly learn those instead of the disease, so they stay out of the inputs: the
# models see stride intervals only. (The mean stride interval still carries part of the speed information;
# report question R6 returns to this.)
#
# **Windows, and splits by subject.** Five minutes of walking is a short record, so each subject's
# series is cut into overlapping windows of 64 strides, one starting every 16 strides, and each window
# inherits its subject's label. Two consecutive windows share 48 strides, and all windows of a subject
# share that person's individual way of walking. If some windows of a subject were used for training and
# others for testing, the test would partly measure whether the model *recognises the person*: with such
# window-wise splits accuracy is inflated by several percentage points (the 98 to 99 % reported in some
# papers come from them). Every split here keeps all windows of a subject on the same side. The honest
# protocol, used by the course's benchmark, is **leave-one-subject-out** cross-validation (train on all
# subjects but one, test on that one, repeat for every subject); to keep the notebook fast we use
# 5-fold cross-validation **by subject**, which gives the same guarantee with fewer trainings.
#
# **What the lab measures.** You will write three networks, an MLP, the lecture's CNN and a GRU-based
# RNN, and train each to tell any of the three diseases from control (one logit per window). Every window
# is scored by the model of the fold in which its subject was held out; from these out-of-fold scores the
# notebook reports window-level accuracy, sensitivity, specificity, F1 and ROC AUC, and one decision per
# subject. A classical baseline (hand-made variability features and logistic regression) shows what the
# networks must beat, and an extension tries to tell the four groups apart. The report questions at the
# end ask you to interpret what you see.

# %% [markdown]
# ## 1. Data and configuration
#
# The notebook runs on either of two data sets, in the same file format and read by the same code:
#
# * **The real database**, for your report. Download it from PhysioNet,
#   <https://physionet.org/content/gaitndd/1.0.0/> (open access; cite the database and PhysioNet as that
#   page asks). You need the file `RECORDS`, the 64 stride-interval files `*.ts` (`control1.ts` to
#   `control16.ts`, `als1.ts` to `als13.ts`, `hunt1.ts` to `hunt20.ts`, `park1.ts` to `park15.ts`) and
#   `subject-description.txt`; the raw force signals (`.let`, `.rit`, `.hea`) are not used. Put these
#   files in a folder `data/gaitndd/` next to this notebook, so that `data/gaitndd/RECORDS` exists, and run
#   the notebook again. Either use the page's "Download the ZIP file" link and copy those files, or run
#   `wget -r -N -c -np https://physionet.org/files/gaitndd/1.0.0/` and copy them from the folder it makes.
# * **Synthetic data**, used when `data/gaitndd/RECORDS` is missing. `labkit.synthetic.synthetic_gaitndd`
#   writes 29 invented subjects (8 controls, 6 ALS, 8 HD, 7 PD) into `data/synthetic-gaitndd/`: a
#   physiological model with group-typical stride lengths, variability, correlations, turns and stops.
#   It lets you run and debug everything offline, but its numbers are not findings about patients.
#
# The given code comes with the notebook as the package `labkit`; its docstrings explain each step (for
# example `import labkit.preprocessing`, then `help(labkit.preprocessing)`).
# Change the settings below to explore; the report questions suggest what to try.

# %%
import os
import time
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import torch

# The course's test-suite sets LAB_QUICK=1: a few subjects and epochs, just to run every cell.
QUICK = os.environ.get("LAB_QUICK") == "1"

DATA_DIR = Path("data")
REAL_DIR = DATA_DIR / "gaitndd"                  # PhysioNet's files, once you have downloaded them
SYNTHETIC_DIR = DATA_DIR / "synthetic-gaitndd"   # written by labkit.synthetic otherwise
RESULTS_DIR = Path("results")                    # the figures for your report

WINDOW = 64            # strides per window
STEP = 16              # strides between the starts of successive windows
N_SD = 3.0             # a stride is an outlier beyond the subject's median ± N_SD standard deviations
DISEASE = None         # None: any disease vs control; "als", "hunt" or "park": that disease vs control
N_FOLDS = 3 if QUICK else 5
EPOCHS = 3 if QUICK else 60
PATIENCE = 10          # early stopping: epochs without a lower validation loss
BATCH_SIZE = 32
LEARNING_RATE = 1e-3
WEIGHT_DECAY = 1e-4    # Adam's L2 penalty on the weights
CLASS_WEIGHT = "balanced"   # counters the class imbalance (more patients than controls); try None
SEED = 0
QUICK_SUBJECTS = 3     # subjects per group when QUICK

CPU_THREADS = 1        # the models are tiny: more CPU threads gain little, and slow down on a busy machine

GROUP_NAMES = {"control": "control", "als": "ALS", "hunt": "Huntington's", "park": "Parkinson's"}
RESULTS_DIR.mkdir(exist_ok=True)
torch.set_num_threads(CPU_THREADS)

# %%
from labkit.gaitndd import GROUPS, read_gaitndd
from labkit.synthetic import synthetic_gaitndd

if (REAL_DIR / "RECORDS").is_file():
    DATA_SOURCE, folder = "PhysioNet gaitndd 1.0.0", REAL_DIR
else:
    DATA_SOURCE, folder = "synthetic (labkit.synthetic)", SYNTHETIC_DIR
    if not (SYNTHETIC_DIR / "RECORDS").is_file():
        synthetic_gaitndd(SYNTHETIC_DIR, seed=SEED)
recordings = read_gaitndd(folder)
if QUICK:
    recordings = [r for g in GROUPS for r in [s for s in recordings if s.group == g][:QUICK_SUBJECTS]]
print(f"Data: {DATA_SOURCE}, from {folder}/: {len(recordings)} subjects")

# %% [markdown]
# ## 2. Cleaning, and a first look
#
# `clean_strides` drops each subject's outlying strides (turns and stops). The table gives, per group, the
# number of subjects, the strides kept per subject and the strides dropped, and two numbers from the
# introduction: the mean stride interval and the coefficient of variation (SD / mean, computed per subject,
# then averaged). The figure shows one subject of each group with the band that is kept. A long stop
# inflates the SD itself, so in some subjects the band is wide and lets a turn stride through: the simple
# rule has its limits.

# %%
from labkit.preprocessing import clean_strides

cleaned = [clean_strides(r, n_sd=N_SD) for r in recordings]

per_subject = pd.DataFrame([
    {"group": GROUP_NAMES[c.group], "strides": len(c), "dropped": len(r) - len(c),
     "stride": c.intervals.mean(), "cv": 100 * c.intervals.std(ddof=1) / c.intervals.mean()}
    for g in GROUPS for r, c in zip(recordings, cleaned) if r.group == g])
per_subject.groupby("group", sort=False).agg(
    subjects=("strides", "size"), strides_per_subject=("strides", "mean"), strides_dropped=("dropped", "sum"),
    mean_stride_s=("stride", "mean"), cv_percent=("cv", "mean")).round(3)

# %%
examples = [next(r for r in recordings if r.group == g) for g in GROUPS if any(r.group == g for r in recordings)]
fig, axes = plt.subplots(len(examples), 1, figsize=(10, 2.1 * len(examples)), sharex=True)
for ax, rec in zip(np.atleast_1d(axes), examples):
    x = rec.intervals
    centre, spread = np.median(x), np.std(x, ddof=1)
    low, high = 0.7 * centre, 1.6 * centre
    dropped = np.abs(x - centre) > N_SD * spread
    ax.axhspan(centre - N_SD * spread, centre + N_SD * spread, color="grey", alpha=0.15,
               label=f"median ± {N_SD:g} SD (kept)")
    ax.plot(np.clip(x, low, high), lw=0.8)
    ax.plot(np.flatnonzero(dropped), np.clip(x[dropped], low, high), "x", color="tab:red",
            label="dropped (turn or stop; clipped to the axis)")
    ax.set_ylim(low, high)
    ax.set_ylabel("stride (s)")
    ax.set_title(f"{rec.record}: {GROUP_NAMES[rec.group]}", loc="left", fontsize=10)
np.atleast_1d(axes)[0].legend(loc="upper right", fontsize=8)
np.atleast_1d(axes)[-1].set_xlabel("stride number")
fig.tight_layout()
fig.savefig(RESULTS_DIR / "stride_series.png", dpi=120)
plt.show()

# %% [markdown]
# ## 3. Windows, folds and standardisation
#
# `make_windows` cuts every cleaned series into windows of `WINDOW` strides, starting every `STEP` strides;
# each window takes its subject's class. `windows` holds the binary task (0 = control, 1 = disease),
# `windows4` the four groups (0 = control, 1 = ALS, 2 = HD, 3 = PD) for the extension in section 8.
# The class balance matters for the metrics (report question R4).

# %%
from labkit.preprocessing import Standardizer, make_windows

CLASS_NAMES = ["control", "disease"] if DISEASE is None else ["control", GROUP_NAMES[DISEASE]]
GROUP_CLASS = {"control": 0, "als": 1, "hunt": 2, "park": 3}

binary_subjects = [c for c in cleaned if DISEASE is None or c.group in ("control", DISEASE)]
windows = make_windows(binary_subjects, WINDOW, STEP, label="record",
                       class_of=lambda rec: int(rec.group != "control"))
windows4 = make_windows(cleaned, WINDOW, STEP, label="record", class_of=GROUP_CLASS)

print(f"{len(windows)} windows of {WINDOW} strides (step {STEP}) from "
      f"{len(np.unique(windows.groups))} subjects")
for label, name in enumerate(CLASS_NAMES):
    mine = windows.y == label
    print(f"  {name:>12}: {mine.sum():4d} windows ({100 * mine.mean():.0f} %), "
          f"{len(np.unique(windows.groups[mine]))} subjects")

fig, axes = plt.subplots(1, 2, figsize=(10, 3))
names4 = [GROUP_NAMES[g] for g in GROUP_CLASS]
axes[0].bar(names4, [len(np.unique(windows4.groups[windows4.y == k])) for k in range(4)])
axes[0].set_title("subjects per group")
axes[1].bar(names4, np.bincount(windows4.y, minlength=4))
axes[1].set_title(f"windows per group ({WINDOW} strides, step {STEP})")
fig.tight_layout()
fig.savefig(RESULTS_DIR / "class_balance.png", dpi=120)
plt.show()

# %% [markdown]
# The folds are made **by subject** with `labkit.splits.record_folds`, stratified so that every fold holds
# about the same share of each class. (The course's benchmark uses `leave_one_subject_out` from the same
# module: one fold per subject.) Inside each training part, `validation_split` holds out a few more whole
# subjects for early stopping. The `Standardizer` is fitted on the fitting windows only, then applied to
# the validation and test windows with the same mean and SD: fitting it on test windows would leak
# information about them.

# %%
from labkit.splits import record_folds, validation_split

folds = record_folds(windows.groups, y=windows.y, n_splits=N_FOLDS, seed=SEED)
folds4 = record_folds(windows4.groups, y=windows4.y, n_splits=N_FOLDS, seed=SEED)

for k, (train_idx, test_idx) in enumerate(folds):
    shared = set(windows.groups[train_idx]) & set(windows.groups[test_idx])
    assert not shared, "a subject on both sides of a split"
    print(f"fold {k + 1}: train {len(train_idx)} windows, test {len(test_idx)} windows from "
          f"{', '.join(sorted(set(windows.groups[test_idx])))}")


def fold_data(k, data=windows, splits=folds):
    """Fit, validation and test sets of fold ``k``: (X, y, subjects), standardised on the fit windows."""
    train_idx, test_idx = splits[k]
    fit_pos, val_pos = validation_split(data.groups[train_idx], fraction=0.2, seed=SEED + k)
    parts = {"fit": train_idx[fit_pos], "val": train_idx[val_pos], "test": test_idx}
    scaler = Standardizer().fit(data.X[parts["fit"]])
    return {name: (scaler.transform(data.X[idx]), data.y[idx], data.groups[idx]) for name, idx in parts.items()}


# %% [markdown]
# ## 4. The three models
#
# Each model maps a batch of standardised windows, a float tensor of shape (N, L), to **logits** of shape
# (N, n_outputs): one logit for the binary task (the training loop's `BCEWithLogitsLoss` applies the
# sigmoid), four for the four-class extension (cross-entropy). No sigmoid or softmax at the end.
#
# Write device-independent code: the training loop moves your model to the GPU when there is one, so
# any tensor you create inside `forward` must be created on the input's device (`device=x.device`), never
# on the CPU by default. The hidden tests run your models on another device than the CPU.

# %%
import torch
from torch import nn

# %% [raw]
# # BEGIN QUESTION
# name: q1
# points: 4

# %% [markdown]
# **Question 1 (MLP).** Complete `MLP`, a fully connected network on the flattened window. For each size
# `h` in `hidden_sizes`, add `Linear(previous width, h)` followed by `ReLU`, starting from a width of
# `window * in_channels`; finish with `Linear(last width, n_outputs)` and no activation. `forward` takes a
# batch of shape (N, window), or (N, in_channels, window), and returns logits of shape (N, n_outputs).
# For the gait windows, `MLP(window=64)` is Linear(64, 64) - ReLU - Linear(64, 32) - ReLU - Linear(32, 1).
#
# The hidden tests check the output shape for several window lengths, `hidden_sizes`, `n_outputs` and
# `in_channels`; the number of parameters (so the layers must be exactly these); that the network is not
# linear; that every parameter receives a finite gradient; that a few Adam steps on a small, easy
# batch lower the loss clearly; and that the model runs on the device it is moved to.

# %%
# dlcourse: solution MLP

# %% [raw]
# # BEGIN TESTS

# %%
def test_mlp_gives_logits_for_a_batch(MLP):
    import torch
    from dlcourse_testkit import call, expect_tensor
    torch.manual_seed(0)
    model = call(MLP, window=64, name="MLP(window=64)")
    out = call(model, torch.randn(5, 64), name="MLP's forward")
    expect_tensor(out, (5, 1), "MLP(window=64) on a batch of 5 windows")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: MLP does not return logits of shape (N, n_outputs) for some window, hidden_sizes or in_channels
""" # END TEST CONFIG
def test_mlp_output_shapes(MLP):
    import torch
    from dlcourse_testkit import call, expect_tensor
    cases = [(dict(window=64), (7, 64), 1), (dict(window=32, n_outputs=4), (3, 32), 4),
             (dict(window=100, hidden_sizes=(16,), n_outputs=2), (2, 100), 2),
             (dict(window=20, hidden_sizes=(8, 8, 8)), (4, 20), 1),
             (dict(window=20, in_channels=2), (4, 2, 20), 1), (dict(window=64), (6, 1, 64), 1)]
    for kwargs, shape, n_outputs in cases:
        torch.manual_seed(1)
        model = call(MLP, name="MLP", **kwargs)
        out = call(model, torch.randn(*shape), name="MLP's forward")
        expect_tensor(out, (shape[0], n_outputs), "MLP's output")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: MLP's layers differ from the specification (its number of parameters is wrong for some arguments)
""" # END TEST CONFIG
def test_mlp_parameter_count(MLP):
    import torch
    from dlcourse_testkit import call, expect_int, expect_tensor
    from solutions import lab_gait as ref
    for kwargs in (dict(), dict(window=64), dict(window=64, hidden_sizes=(16,)),
                   dict(window=48, hidden_sizes=(32, 16, 8), n_outputs=4), dict(window=20, in_channels=2)):
        torch.manual_seed(2)
        model = call(MLP, name="MLP", **kwargs)
        window, channels = kwargs.get("window", 128), kwargs.get("in_channels", 1)
        x = torch.randn(3, window) if channels == 1 else torch.randn(3, channels, window)
        expect_tensor(call(model, x, name="MLP's forward"), (3, kwargs.get("n_outputs", 1)), "MLP's output")
        expect_int(sum(p.numel() for p in model.parameters()),
                   sum(p.numel() for p in ref.MLP(**kwargs).parameters()), "MLP's number of parameters")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: MLP is linear in its input (a ReLU must follow every hidden Linear layer)
""" # END TEST CONFIG
def test_mlp_is_not_linear(MLP):
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    torch.manual_seed(3)
    model = call(MLP, window=64, name="MLP(window=64)")
    model.eval()
    a, b = torch.randn(8, 64), torch.randn(8, 64)
    outs = []
    with torch.no_grad():
        for x in (a, b, a + b, torch.zeros(8, 64)):
            out = call(model, x, name="MLP's forward")
            expect_tensor(out, (8, 1), "MLP's output")
            outs.append(out)
    # f(a + b) - f(a) - f(b) + f(0) is 0 for every affine map f
    if not (outs[2] - outs[0] - outs[1] + outs[3]).abs().max().item() > 1e-4:
        raise CheckFailed("MLP is an affine function of its input")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: MLP's parameters do not all receive a finite gradient from its output
""" # END TEST CONFIG
def test_mlp_gradients_reach_every_parameter(MLP):
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    torch.manual_seed(4)
    model = call(MLP, window=64, name="MLP(window=64)")
    out = call(model, torch.randn(6, 64), name="MLP's forward")
    expect_tensor(out, (6, 1), "MLP's output")
    if not out.requires_grad:
        raise CheckFailed("MLP's output is detached from its parameters")
    torch.nn.functional.binary_cross_entropy_with_logits(out, torch.ones(6, 1)).backward()
    params = list(model.parameters())
    if not params or any(p.grad is None or not bool(torch.isfinite(p.grad).all()) for p in params):
        raise CheckFailed("some parameter of MLP gets no finite gradient")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: MLP does not learn a small, easy training batch (its loss does not drop clearly)
""" # END TEST CONFIG
def test_mlp_learns_an_easy_batch(MLP):
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    torch.manual_seed(5)
    y = (torch.arange(32) % 2).float().unsqueeze(1)
    x = torch.randn(32, 16) + 1.5 * (2 * y - 1)
    model = call(MLP, window=16, name="MLP(window=16)")
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    losses, threads = [], torch.get_num_threads()
    torch.set_num_threads(1)  # tiny tensors: one thread is fastest, and never waits for a busy core
    try:
        for _ in range(15):
            out = call(model, x, name="MLP's forward")
            expect_tensor(out, (32, 1), "MLP's output")
            loss = torch.nn.functional.binary_cross_entropy_with_logits(out, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    finally:
        torch.set_num_threads(threads)
    if not min(losses[-5:]) < 0.5 * losses[0]:
        raise CheckFailed("MLP's training loss does not drop")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: MLP does not run on the device it is moved to (a tensor is created on a fixed device)
""" # END TEST CONFIG
def test_mlp_runs_where_it_is_moved(MLP):
    import os
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    for device in (torch.device("meta"), torch.device(os.environ.get("DLCOURSE_DEVICE", "cpu"))):
        torch.manual_seed(6)
        model = call(MLP, window=64, name="MLP(window=64)").to(device)
        out = call(model, torch.randn(4, 64, device=device), name="MLP's forward")
        expect_tensor(out, (4, 1), "MLP's output")
        if out.device.type != device.type:
            raise CheckFailed("MLP's output is not on the device of its input")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: q2
# points: 4.5

# %% [markdown]
# **Question 2 (CNN).** Complete `CNN`, the lecture's network with a head that fits any window length.
# Three blocks `Conv1d(c_in, c_out, kernel_size=3, stride=1, padding=1)` - `ReLU` - `MaxPool1d(2)`, with
# channels `in_channels` → 8 → 16 → 32 (in general: the entries of `channels`, kernel `kernel_size` with
# padding `kernel_size // 2`, pooling `pool`), then flatten and one `Linear(32 · L3, n_outputs)`, where L3
# is the length after the third block. Compute L3 from `window`, with the exercise-5 formulas
# ($L_{out} = \lfloor (L_{in} + 2p - k) / s \rfloor + 1$ for a convolution,
# $\lfloor L_{in} / \text{pool} \rfloor$ for max pooling) or with a dummy forward pass through the blocks:
# never hard-code it. The lecture's `Linear(512, 1)` fits 128-interval windows only; with 64 strides the
# network would crash. `forward` accepts (N, window), to which it adds the channel dimension (N, 1,
# window), or (N, in_channels, window), and returns logits of shape (N, n_outputs).
#
# The hidden tests check the output shape for windows of 64, 100 and 128 strides and other `n_outputs`
# and `in_channels`; the number of parameters (the layers as specified, also with other `channels`,
# `kernel_size` and `pool`); the gradients; a short training run; and the device, as for the MLP.

# %%
# dlcourse: solution CNN

# %% [raw]
# # BEGIN TESTS

# %%
def test_cnn_gives_logits_for_a_batch(CNN):
    import torch
    from dlcourse_testkit import call, expect_tensor
    torch.manual_seed(0)
    model = call(CNN, window=64, name="CNN(window=64)")
    out = call(model, torch.randn(5, 64), name="CNN's forward")
    expect_tensor(out, (5, 1), "CNN(window=64) on a batch of 5 windows")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: CNN does not return (N, n_outputs) logits for some window length (is its head sized from the window?)
""" # END TEST CONFIG
def test_cnn_output_shapes(CNN):
    import torch
    from dlcourse_testkit import call, expect_tensor
    cases = [(dict(window=64), (7, 64), 1), (dict(window=128), (3, 128), 1),
             (dict(window=100, n_outputs=4), (2, 100), 4),
             (dict(window=64), (4, 1, 64), 1), (dict(window=48, in_channels=2, n_outputs=2), (3, 2, 48), 2)]
    for kwargs, shape, n_outputs in cases:
        torch.manual_seed(1)
        model = call(CNN, name="CNN", **kwargs)
        out = call(model, torch.randn(*shape), name="CNN's forward")
        expect_tensor(out, (shape[0], n_outputs), "CNN's output")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: CNN's layers differ from the specification (its number of parameters is wrong for some arguments)
""" # END TEST CONFIG
def test_cnn_parameter_count(CNN):
    import torch
    from dlcourse_testkit import call, expect_int, expect_tensor
    from solutions import lab_gait as ref
    for kwargs in (dict(window=64), dict(window=128), dict(window=100), dict(window=64, n_outputs=4),
                   dict(window=48, in_channels=2)):
        torch.manual_seed(2)
        model = call(CNN, name="CNN", **kwargs)
        channels = kwargs.get("in_channels", 1)
        x = torch.randn(3, kwargs["window"]) if channels == 1 else torch.randn(3, channels, kwargs["window"])
        expect_tensor(call(model, x, name="CNN's forward"), (3, kwargs.get("n_outputs", 1)), "CNN's output")
        expect_int(sum(p.numel() for p in model.parameters()),
                   sum(p.numel() for p in ref.CNN(**kwargs).parameters()), "CNN's number of parameters")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: CNN ignores channels, kernel_size or pool (or the padding is not kernel_size // 2)
""" # END TEST CONFIG
def test_cnn_block_options(CNN):
    import torch
    from dlcourse_testkit import call, expect_int, expect_tensor
    from solutions import lab_gait as ref
    for kwargs in (dict(window=90, channels=(4, 8), kernel_size=5, pool=3), dict(window=64, channels=(8, 16, 32, 64)),
                   dict(window=50, kernel_size=7, n_outputs=3)):
        torch.manual_seed(3)
        model = call(CNN, name="CNN", **kwargs)
        out = call(model, torch.randn(2, kwargs["window"]), name="CNN's forward")
        expect_tensor(out, (2, kwargs.get("n_outputs", 1)), "CNN's output")
        expect_int(sum(p.numel() for p in model.parameters()),
                   sum(p.numel() for p in ref.CNN(**kwargs).parameters()), "CNN's number of parameters")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: CNN's parameters do not all receive a finite gradient from its output
""" # END TEST CONFIG
def test_cnn_gradients_reach_every_parameter(CNN):
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    torch.manual_seed(4)
    model = call(CNN, window=64, name="CNN(window=64)")
    out = call(model, torch.randn(6, 64), name="CNN's forward")
    expect_tensor(out, (6, 1), "CNN's output")
    if not out.requires_grad:
        raise CheckFailed("CNN's output is detached from its parameters")
    torch.nn.functional.binary_cross_entropy_with_logits(out, torch.ones(6, 1)).backward()
    params = list(model.parameters())
    if not params or any(p.grad is None or not bool(torch.isfinite(p.grad).all()) for p in params):
        raise CheckFailed("some parameter of CNN gets no finite gradient")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: CNN does not learn a small, easy training batch (its loss does not drop clearly)
""" # END TEST CONFIG
def test_cnn_learns_an_easy_batch(CNN):
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    torch.manual_seed(5)
    y = (torch.arange(32) % 2).float().unsqueeze(1)
    x = torch.randn(32, 16) + 1.5 * (2 * y - 1)
    model = call(CNN, window=16, name="CNN(window=16)")
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    losses, threads = [], torch.get_num_threads()
    torch.set_num_threads(1)  # tiny tensors: one thread is fastest, and never waits for a busy core
    try:
        for _ in range(15):
            out = call(model, x, name="CNN's forward")
            expect_tensor(out, (32, 1), "CNN's output")
            loss = torch.nn.functional.binary_cross_entropy_with_logits(out, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    finally:
        torch.set_num_threads(threads)
    if not min(losses[-5:]) < 0.5 * losses[0]:
        raise CheckFailed("CNN's training loss does not drop")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: CNN does not run on the device it is moved to (a tensor is created on a fixed device)
""" # END TEST CONFIG
def test_cnn_runs_where_it_is_moved(CNN):
    import os
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    for device in (torch.device("meta"), torch.device(os.environ.get("DLCOURSE_DEVICE", "cpu"))):
        torch.manual_seed(6)
        model = call(CNN, window=64, name="CNN(window=64)").to(device)
        out = call(model, torch.randn(4, 64, device=device), name="CNN's forward")
        expect_tensor(out, (4, 1), "CNN's output")
        if out.device.type != device.type:
            raise CheckFailed("CNN's output is not on the device of its input")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: q3
# points: 6

# %% [markdown]
# **Question 3 (RNN).** Complete `RNN`: an `nn.GRU` (or an `nn.LSTM` when `cell="lstm"`; any other
# `cell` raises `ValueError`) built with the given `input_size`, `hidden_size`, `num_layers` and
# `bidirectional`, and `batch_first=True`, followed by `Linear(D · hidden_size, n_outputs)` applied to the
# recurrent layer's output at the **last time step** (D = 2 if bidirectional, else 1). `forward` takes
# windows of shape (N, L), one feature per time step (add that feature dimension: (N, L, 1)), or
# (N, L, input_size), and returns logits of shape (N, n_outputs). `initial_state(batch_size, like)`
# returns the zero initial state with the dtype and device of the tensor `like`: a tensor h0 of shape
# (D · num_layers, batch_size, hidden_size) for a GRU, a pair (h0, c0) of such tensors for an LSTM.
#
# The lecture's `RnnModel` slide has two errors that you must not copy: it builds its GRU with
# `input_size=1`, ignoring its own `input_size` argument, and it gives h0 the shape
# (D · num_layers, H_out), without the batch dimension N that PyTorch requires for batched input.
#
# The hidden tests check the output shape; that `input_size` is honoured, with (N, L, 3) inputs; the shape,
# values, dtype and device of `initial_state` for GRU and LSTM, with one or two directions and two layers;
# that the output depends on the last time step; the LSTM and bidirectional variants; the number of
# parameters; the `ValueError`; the gradients; a short training run; and the device, as for the MLP.

# %%
# dlcourse: solution RNN

# %% [raw]
# # BEGIN TESTS

# %%
def test_rnn_gives_logits_for_a_batch(RNN):
    import torch
    from dlcourse_testkit import call, expect_tensor
    torch.manual_seed(0)
    model = call(RNN, name="RNN()")
    out = call(model, torch.randn(5, 64), name="RNN's forward")
    expect_tensor(out, (5, 1), "RNN() on a batch of 5 windows")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: RNN does not return logits of shape (N, n_outputs) for (N, L) and (N, L, 1) windows
""" # END TEST CONFIG
def test_rnn_output_shapes(RNN):
    import torch
    from dlcourse_testkit import call, expect_tensor
    cases = [(dict(), (7, 64), 1), (dict(n_outputs=4), (3, 40), 4), (dict(), (5, 30, 1), 1),
             (dict(hidden_size=16, num_layers=2), (2, 10), 1)]
    for kwargs, shape, n_outputs in cases:
        torch.manual_seed(1)
        model = call(RNN, name="RNN", **kwargs)
        out = call(model, torch.randn(*shape), name="RNN's forward")
        expect_tensor(out, (shape[0], n_outputs), "RNN's output")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: RNN ignores its input_size argument (the lecture slide's error)
""" # END TEST CONFIG
def test_rnn_honours_input_size(RNN):
    import torch
    from dlcourse_testkit import call, expect_int, expect_tensor
    from solutions import lab_gait as ref
    for kwargs, shape, n_outputs in ((dict(input_size=3), (5, 20, 3), 1),
                                     (dict(input_size=2, hidden_size=8, n_outputs=3), (4, 12, 2), 3)):
        torch.manual_seed(2)
        model = call(RNN, name="RNN", **kwargs)
        out = call(model, torch.randn(*shape), name="RNN's forward")
        expect_tensor(out, (shape[0], n_outputs), "RNN's output for several features per step")
        expect_int(sum(p.numel() for p in model.parameters()),
                   sum(p.numel() for p in ref.RNN(**kwargs).parameters()), "RNN's number of parameters")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: initial_state is not zeros of shape (D * num_layers, batch_size, hidden_size) on like's dtype and device
""" # END TEST CONFIG
def test_rnn_initial_state(RNN):
    import itertools
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_sequence, expect_tensor
    for cell, bidirectional in itertools.product(("gru", "lstm"), (False, True)):
        torch.manual_seed(3)
        model = call(RNN, hidden_size=16, num_layers=2, cell=cell, bidirectional=bidirectional, name="RNN")
        for like in (torch.randn(5, 30, 1), torch.zeros(5, 7, 1, dtype=torch.float64)):
            state = call(model.initial_state, 5, like, name="initial_state")
            parts = expect_sequence(state, 2, "an LSTM's initial state (h0, c0)") if cell == "lstm" else [state]
            for h in parts:
                expect_tensor(h, (4 if bidirectional else 2, 5, 16), "the initial state")
                if h.dtype != like.dtype or h.device != like.device or bool((h != 0).any()):
                    raise CheckFailed("the initial state must be zeros with the dtype and device of like")
        out = call(model, torch.randn(5, 30, 1), name="RNN's forward")
        expect_tensor(out, (5, 1), "RNN's output")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: RNN's output does not come from the last time step
""" # END TEST CONFIG
def test_rnn_uses_the_last_time_step(RNN):
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    torch.manual_seed(4)
    model = call(RNN, name="RNN()")
    model.eval()
    x = torch.randn(6, 40)
    changed = x.clone()
    changed[:, -1] += 2.0
    with torch.no_grad():
        before = call(model, x, name="RNN's forward")
        expect_tensor(before, (6, 1), "RNN's output")
        after = call(model, changed, name="RNN's forward")
        expect_tensor(after, (6, 1), "RNN's output")
    if not (before - after).abs().min().item() > 1e-7:
        raise CheckFailed("changing the last stride of a window does not change RNN's output")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: RNN's LSTM or bidirectional variant is wrong (shape or number of parameters)
""" # END TEST CONFIG
def test_rnn_lstm_and_bidirectional_variants(RNN):
    import torch
    from dlcourse_testkit import call, expect_int, expect_tensor
    from solutions import lab_gait as ref
    for kwargs in (dict(cell="lstm"), dict(bidirectional=True),
                   dict(cell="lstm", bidirectional=True, num_layers=2, hidden_size=32, n_outputs=4)):
        torch.manual_seed(5)
        model = call(RNN, name="RNN", **kwargs)
        out = call(model, torch.randn(3, 25), name="RNN's forward")
        expect_tensor(out, (3, kwargs.get("n_outputs", 1)), "RNN's output")
        expect_int(sum(p.numel() for p in model.parameters()),
                   sum(p.numel() for p in ref.RNN(**kwargs).parameters()), "RNN's number of parameters")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: RNN's layers differ from the specification (its number of parameters is wrong for some arguments)
""" # END TEST CONFIG
def test_rnn_parameter_count(RNN):
    import torch
    from dlcourse_testkit import call, expect_int, expect_tensor
    from solutions import lab_gait as ref
    for kwargs in (dict(), dict(hidden_size=32), dict(num_layers=2), dict(n_outputs=4)):
        torch.manual_seed(6)
        model = call(RNN, name="RNN", **kwargs)
        out = call(model, torch.randn(3, 20), name="RNN's forward")
        expect_tensor(out, (3, kwargs.get("n_outputs", 1)), "RNN's output")
        expect_int(sum(p.numel() for p in model.parameters()),
                   sum(p.numel() for p in ref.RNN(**kwargs).parameters()), "RNN's number of parameters")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: RNN accepts an unknown cell (only gru and lstm are valid) instead of raising ValueError
""" # END TEST CONFIG
def test_rnn_rejects_an_unknown_cell(RNN):
    import torch
    from dlcourse_testkit import call, expect_raises, expect_tensor
    torch.manual_seed(7)
    out = call(call(RNN, name="RNN()"), torch.randn(2, 16), name="RNN's forward")
    expect_tensor(out, (2, 1), "RNN's output")
    expect_raises(ValueError, RNN, cell="transformer", what="RNN with an unknown cell")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: RNN's parameters do not all receive a finite gradient from its output
""" # END TEST CONFIG
def test_rnn_gradients_reach_every_parameter(RNN):
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    for kwargs in (dict(), dict(cell="lstm", bidirectional=True, num_layers=2, hidden_size=16)):
        torch.manual_seed(8)
        model = call(RNN, name="RNN", **kwargs)
        out = call(model, torch.randn(6, 20), name="RNN's forward")
        expect_tensor(out, (6, 1), "RNN's output")
        if not out.requires_grad:
            raise CheckFailed("RNN's output is detached from its parameters")
        torch.nn.functional.binary_cross_entropy_with_logits(out, torch.ones(6, 1)).backward()
        params = list(model.parameters())
        if not params or any(p.grad is None or not bool(torch.isfinite(p.grad).all()) for p in params):
            raise CheckFailed("some parameter of RNN gets no finite gradient")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: RNN does not learn a small, easy training batch (its loss does not drop clearly)
""" # END TEST CONFIG
def test_rnn_learns_an_easy_batch(RNN):
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    torch.manual_seed(9)
    y = (torch.arange(32) % 2).float().unsqueeze(1)
    x = torch.randn(32, 16) + 1.5 * (2 * y - 1)
    model = call(RNN, name="RNN()")
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    losses, threads = [], torch.get_num_threads()
    torch.set_num_threads(1)  # tiny tensors: one thread is fastest, and never waits for a busy core
    try:
        for _ in range(15):
            out = call(model, x, name="RNN's forward")
            expect_tensor(out, (32, 1), "RNN's output")
            loss = torch.nn.functional.binary_cross_entropy_with_logits(out, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
    finally:
        torch.set_num_threads(threads)
    if not min(losses[-5:]) < 0.5 * losses[0]:
        raise CheckFailed("RNN's training loss does not drop")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: RNN does not run on the device it is moved to (is h0 created on a fixed device?)
""" # END TEST CONFIG
def test_rnn_runs_where_it_is_moved(RNN):
    import os
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    for device in (torch.device("meta"), torch.device(os.environ.get("DLCOURSE_DEVICE", "cpu"))):
        for kwargs in (dict(), dict(cell="lstm", bidirectional=True)):
            torch.manual_seed(10)
            model = call(RNN, name="RNN", **kwargs).to(device)
            out = call(model, torch.randn(4, 20, device=device), name="RNN's forward")
            expect_tensor(out, (4, 1), "RNN's output")
            if out.device.type != device.type:
                raise CheckFailed("RNN's output is not on the device of its input")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## 5. Three numbers to work out
#
# These answers are numbers that you set in a variable; they are checked automatically. Work them out by
# hand first (show the steps in your report), then check them with code.

# %% [raw]
# # BEGIN QUESTION
# name: q4
# points: 1

# %% [markdown]
# **Question 4 (the CNN's head).** The docstring of `CNN` gives the head's size for 64-stride windows.
# What is it for windows of **100** strides? Follow the length through the three blocks with the
# exercise-5 formulas (mind the rounding), and set `cnn_head_features_100` to the number of input features
# of the `Linear` head (an int). How would a hard-coded head fail for this window?

# %%
# dlcourse: solution cnn_head_features_100

# %% [raw]
# # BEGIN TESTS

# %%
def test_cnn_head_features_is_a_multiple_of_the_channels(cnn_head_features_100):
    import numpy as np
    from dlcourse_testkit import CheckFailed
    if type(cnn_head_features_100) not in (int, np.int64, np.int32):
        raise CheckFailed("cnn_head_features_100 must be an int")
    if cnn_head_features_100 <= 0 or cnn_head_features_100 % 32 != 0:
        raise CheckFailed("cnn_head_features_100 must be a positive multiple of 32, the last block's channels")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: cnn_head_features_100 is not the input size of the CNN's head for 100-stride windows
""" # END TEST CONFIG
def test_cnn_head_features_value(cnn_head_features_100):
    from dlcourse_testkit import expect_int
    from solutions import lab_gait as ref
    expect_int(cnn_head_features_100, ref.cnn_head_features_100, "cnn_head_features_100")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: q5
# points: 2

# %% [markdown]
# **Question 5 (model sizes).** How many trainable parameters (every weight and every bias) do
# `MLP(window=WINDOW)` and the default `RNN()` have? The default RNN is a GRU with input size 1, hidden
# size 64 and one layer, plus its `Linear` head. Set `mlp_parameters` and `gru_parameters` (ints). For the
# GRU, read the equations in PyTorch's documentation of `nn.GRU`: how many weight matrices and bias
# vectors does one layer have? (The lecture's "2 gates" are not the whole story.) Then check your counts
# with `sum(p.numel() for p in model.parameters())`. In your report: which of the two is larger, and how
# would each count change for 128-stride windows?

# %%
# dlcourse: solution mlp_parameters, gru_parameters

# %% [raw]
# # BEGIN TESTS

# %%
def test_parameter_counts_are_positive_ints(mlp_parameters, gru_parameters):
    import numpy as np
    from dlcourse_testkit import CheckFailed
    for name, value in (("mlp_parameters", mlp_parameters), ("gru_parameters", gru_parameters)):
        if type(value) not in (int, np.int64, np.int32) or value <= 0:
            raise CheckFailed(f"{name} must be a positive int")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: mlp_parameters is not the number of parameters of MLP(window=64)
""" # END TEST CONFIG
def test_mlp_parameters_value(mlp_parameters):
    from dlcourse_testkit import expect_int
    from solutions import lab_gait as ref
    expect_int(mlp_parameters, ref.mlp_parameters, "mlp_parameters")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: gru_parameters is not the number of parameters of the default RNN (GRU and head)
""" # END TEST CONFIG
def test_gru_parameters_value(gru_parameters):
    from dlcourse_testkit import expect_int
    from solutions import lab_gait as ref
    expect_int(gru_parameters, ref.gru_parameters, "gru_parameters")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: q6
# points: 1

# %% [markdown]
# **Question 6 (windows per subject).** After cleaning, a subject's series has 250 strides. How many
# windows does `make_windows` cut from it with `WINDOW = 64` and `STEP = 16`? Read its docstring (where do
# the windows start, and what happens to the tail?) and set `windows_per_record` (an int).

# %%
# dlcourse: solution windows_per_record

# %% [raw]
# # BEGIN TESTS

# %%
def test_windows_per_record_is_a_positive_int(windows_per_record):
    import numpy as np
    from dlcourse_testkit import CheckFailed
    if type(windows_per_record) not in (int, np.int64, np.int32) or windows_per_record <= 0:
        raise CheckFailed("windows_per_record must be a positive int")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: windows_per_record is not the number of windows make_windows cuts from 250 strides
""" # END TEST CONFIG
def test_windows_per_record_value(windows_per_record):
    from dlcourse_testkit import expect_int
    from solutions import lab_gait as ref
    expect_int(windows_per_record, ref.windows_per_record, "windows_per_record")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## 6. Training and evaluation
#
# `cross_validate` trains a fresh model in every fold with `labkit.training.train` (Adam, mini-batches,
# early stopping on the validation subjects, the weights of the best validation epoch kept), then scores the
# fold's test windows. Each window's score therefore comes from the one model that never saw its subject.
# Everything is seeded, so a run repeats exactly on the same machine.

# %%
from labkit.training import default_device, predict_scores, seed_everything, train

DEVICE = default_device()
print(f"Training on {DEVICE}")


def cross_validate(make_model, name, data=windows, splits=folds, task="binary", n_classes=2):
    """Train ``make_model()`` once per fold; return the out-of-fold scores and each fold's History."""
    scores = np.zeros(len(data)) if task == "binary" else np.zeros((len(data), n_classes))
    histories = []
    for k, (_, test_idx) in enumerate(splits):
        sets = fold_data(k, data, splits)
        seed_everything(SEED + k)  # the same initial weights on every run
        model = make_model()
        history = train(model, *sets["fit"][:2], *sets["val"][:2], task=task, epochs=EPOCHS,
                        batch_size=BATCH_SIZE, lr=LEARNING_RATE, weight_decay=WEIGHT_DECAY, patience=PATIENCE,
                        device=DEVICE, seed=SEED + k, progress=False, class_weight=CLASS_WEIGHT)
        scores[test_idx] = predict_scores(model, sets["test"][0], task=task)
        histories.append(history)
        print(f"{name}, fold {k + 1}/{len(splits)}: {len(history.train_loss)} epochs, best {history.best_epoch} "
              f"(validation loss {history.val_loss[history.best_epoch - 1]:.3f}), {history.seconds:.1f} s")
    return scores, histories


MODELS = {
    "MLP": lambda: MLP(window=WINDOW),
    "CNN": lambda: CNN(window=WINDOW),
    "RNN": lambda: RNN(),
}
results = {}
for name, make_model in MODELS.items():
    started = time.perf_counter()
    scores, histories = cross_validate(make_model, name)
    results[name] = {"scores": scores, "histories": histories, "seconds": time.perf_counter() - started}

# %% [markdown]
# The metrics are computed on the pooled out-of-fold scores: a window is called "disease" when its score
# (the predicted probability) is at least 0.5. For the subject-level decision, `subject_decisions` averages
# the scores of each subject's windows, and the same threshold applies to that mean.

# %%
from labkit.metrics import binary_metrics, subject_decisions

METRICS = ["accuracy", "sensitivity", "specificity", "f1", "roc_auc"]


def evaluate(scores, data=windows):
    """Window-level and subject-level metrics of out-of-fold scores, as one row of the comparison table."""
    by_window = binary_metrics(data.y, scores)
    subjects, subject_scores, subject_labels = subject_decisions(data.groups, scores, data.y)
    by_subject = binary_metrics(subject_labels, subject_scores)
    row = {f"window {m}": by_window[m] for m in METRICS}
    row.update({f"subject {m}": by_subject[m] for m in ("accuracy", "sensitivity", "specificity")})
    wrong = subjects[(subject_scores >= 0.5) != (subject_labels == 1)]
    return row, wrong


table = {}
for name, result in results.items():
    table[name], wrong = evaluate(result["scores"])
    table[name]["seconds"] = result["seconds"]
    print(f"{name}: subjects misclassified: {', '.join(wrong) if len(wrong) else 'none'}")
pd.DataFrame(table).T.round(3)

# %% [markdown]
# The figures for your report: for each model the learning curves of fold 1 (all folds are in
# `results[name]["histories"]`), the confusion matrix of the windows and the ROC curve. They are saved in
# `results/`.

# %%
from IPython.display import Image, display

from labkit.plots import plot_confusion_matrix, plot_learning_curves, plot_roc

for name, result in results.items():
    stem = RESULTS_DIR / name.lower()
    predicted = (result["scores"] >= 0.5).astype(int)
    paths = [plot_learning_curves(result["histories"][0], f"{stem}_learning_curves.png"),
             plot_confusion_matrix(windows.y, predicted, CLASS_NAMES, f"{stem}_confusion.png"),
             plot_roc(windows.y, result["scores"], f"{stem}_roc.png")]
    print(name)
    for path in paths:
        display(Image(filename=str(path), width=360))

# %% [markdown]
# ## 7. Baseline: hand-made features and logistic regression
#
# Before a network is worth its complexity, it must beat a simple model. `interval_features` computes,
# per window, the classical measures of gait variability (mean, SD, coefficient of variation, RMS of
# successive differences, the share of large successive changes, robust spreads...) on the raw windows in
# seconds, and a logistic regression classifies them, in the same folds.

# %%
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from labkit.features import FEATURE_NAMES, interval_features

features = interval_features(windows.X, pnn_threshold=0.05, relative=True)  # 5 % of the mean stride
baseline_scores = np.zeros(len(windows))
started = time.perf_counter()
for train_idx, test_idx in folds:
    classifier = make_pipeline(StandardScaler(),
                               LogisticRegression(max_iter=1000, class_weight="balanced" if CLASS_WEIGHT else None))
    classifier.fit(features[train_idx], windows.y[train_idx])
    baseline_scores[test_idx] = classifier.predict_proba(features[test_idx])[:, 1]
table["features + LR"], wrong = evaluate(baseline_scores)
table["features + LR"]["seconds"] = time.perf_counter() - started
print("Logistic-regression weights of the last fold (standardised features):")
print(pd.Series(classifier[-1].coef_[0], index=FEATURE_NAMES).round(2).to_string())
comparison = pd.DataFrame(table).T
comparison.to_csv(RESULTS_DIR / "comparison.csv")
comparison.round(3)

# %% [markdown]
# ## 8. Extension: the four groups
#
# Can the network also tell the diseases apart? The same CNN with `n_outputs=4` gives one logit per group;
# `train` then uses the cross-entropy loss (`task="multiclass"`), and `predict_scores` returns the softmax
# probabilities. The folds are stratified on the four groups. With a few subjects per group, expect much
# lower scores than for the binary task, and look at which groups are confused.

# %%
from labkit.metrics import multiclass_metrics

scores4, histories4 = cross_validate(lambda: CNN(window=WINDOW, n_outputs=4), "CNN, 4 groups", data=windows4,
                                     splits=folds4, task="multiclass", n_classes=4)
by_window4 = multiclass_metrics(windows4.y, scores4)
subjects4, subject_scores4, subject_labels4 = subject_decisions(windows4.groups, scores4, windows4.y)
by_subject4 = multiclass_metrics(subject_labels4, subject_scores4)
print(f"windows:  accuracy {by_window4['accuracy']:.3f}, macro F1 {by_window4['macro_f1']:.3f}")
print(f"subjects: accuracy {by_subject4['accuracy']:.3f}, macro F1 {by_subject4['macro_f1']:.3f} "
      f"(chance is about {np.bincount(subject_labels4).max() / len(subject_labels4):.2f})")
path = plot_confusion_matrix(windows4.y, scores4.argmax(axis=1), [GROUP_NAMES[g] for g in GROUP_CLASS],
                             RESULTS_DIR / "cnn_4groups_confusion.png")
display(Image(filename=str(path), width=420))

# %% [markdown]
# ## 9. Report questions
#
# Answer these in your PDF report, with the figures from `results/` and the numbers above. They are not
# graded automatically. Say which data set (PhysioNet or synthetic) each result comes from.
#
# **R1 (learning curves, bias and variance).** Describe the learning curves of the three models. Where is
# the kept (best) epoch? Do you see under-fitting (training and validation losses both high), over-fitting
# (the training loss keeps falling while the validation loss rises), or neither? Relate what you see to
# bias and variance, and to the number of parameters of each model (question 5). Why are the validation
# curves so irregular here (how many subjects does a validation split hold)?
#
# **R2 (which model does best, and why).** Which model does best at window level, and at subject level? Is
# the difference larger than what changes when you rerun with another `SEED`? Explain the ranking by what
# each architecture can exploit: the MLP sees a window as 64 unrelated numbers, the CNN applies the same
# small filters along the window and pools them, the RNN reads the strides in order with a memory. Do the
# networks beat the feature baseline? What does the four-class confusion matrix say about which diseases
# resemble each other, or resemble healthy walking?
#
# **R3 (window length).** Rerun with `WINDOW = 32` and `WINDOW = 128` (adapt `STEP`). What changes: the
# number of windows, the subjects that still give at least one window (records have 120 to 310 strides),
# how much of the variability and of its long-range correlations one window can show, the CNN's head, the
# training time, and the metrics? Which length would you choose, and why?
#
# **R4 (class imbalance).** How many windows and subjects does each class have? What accuracy,
# sensitivity and specificity would a model get that always answers "disease"? Which metrics does the
# imbalance mislead, and which not? Rerun with `CLASS_WEIGHT = None` and describe what changes, at window
# and at subject level.
#
# **R5 (windows and subjects).** Compare window-level and subject-level results. Why can averaging a
# subject's windows help? Which subjects are misclassified by all three models? Why is the subject-level
# result the one that matters clinically, and why is it statistically fragile with this many subjects?
#
# **R6 (what the models may really use).** The windows are standardised with one mean and SD for all
# strides, so the models still see each window's mean stride interval, which depends on cadence and
# therefore on walking speed, one of the confounders. Look at the baseline's weights: which features does
# it rely on? Propose an experiment to measure how much the networks rely on the mean stride (for example,
# dividing each window by its own mean). Finally, explain what would happen to the scores with a split by
# window instead of by subject, and why that number would not be honest.
