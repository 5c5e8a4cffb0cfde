# %% [markdown]
# # Lab 1: detecting atrial fibrillation from RR intervals
#
# **The clinical problem.** Atrial fibrillation (AF) is the most common sustained heart-rhythm disorder:
# it affects about 2 to 4 % of adults, and more than one in ten beyond the age of 80. Instead of the
# orderly wave that the sinus node starts at every beat, the atria are activated chaotically, several
# hundred times a minute; they quiver instead of contracting. Blood then pools in the atria and may clot,
# which makes AF a major cause of stroke (about five times the risk of a person without AF). AF often
# comes and goes in episodes (*paroxysmal* AF) and many patients feel nothing, so it is found by long
# recordings: 24-hour Holter ECGs, implanted loop recorders, and more and more often smartwatches.
# Nobody can read days of ECG by eye: the detection has to be automatic.
#
# **What RR intervals reveal.** The ventricles contract when the atrioventricular (AV) node lets an
# impulse from the atria through. The time between two successive heartbeats is the *RR interval* (from
# one R peak of the ECG to the next). In sinus rhythm it changes smoothly: it follows breathing, slower
# rhythms of the autonomic nervous system, and activity. In AF the AV node is bombarded by disorganised
# impulses and passes them on at random, so the RR intervals become **irregularly irregular**: no pattern
# links one interval to the next. This shows in the intervals alone, without the ECG waveform (the other
# sign of AF, the missing P wave, needs the ECG itself). Premature beats also make the rhythm irregular,
# but in a patterned way (a short interval followed by a pause), which is what makes the task harder than
# a threshold on variability.

# %%
# dlcourse: figure rr_sinus_af RR intervals of sinus rhythm and of AF, as a series and as Poincaré plots (synthetic record)
import tempfile

import matplotlib.pyplot as plt
import numpy as np
from solutions.labkit.afdb import read_afdb_record
from solutions.labkit.preprocessing import clean_rr
from solutions.labkit.synthetic import synthetic_afdb

with tempfile.TemporaryDirectory() as tmp:
    rec = clean_rr(read_afdb_record(synthetic_afdb(tmp, n_records=12, hours=1.0, seed=0) / "s03"))
rr, af = rec.intervals, rec.labels.astype(bool)
onset = int(np.flatnonzero(np.diff(af.astype(int)) == 1)[0]) + 1
part = slice(onset - 240, onset + 240)
minutes = np.cumsum(rr)[part] / 60
minutes -= minutes[0]
rhythms = ((False, "tab:blue", "sinus rhythm"), (True, "tab:red", "AF"))
fig = plt.figure(figsize=(10, 3.2))
grid = fig.add_gridspec(1, 4)
ax = fig.add_subplot(grid[0, :2])
ax.plot(minutes, rr[part], color="0.6", linewidth=0.6)
for flag, colour, name in rhythms:
    m = af[part] == flag
    ax.plot(minutes[m], rr[part][m], ".", ms=3, color=colour, label=name, rasterized=True)
ax.set_xlabel("time (min)")
ax.set_ylabel("RR interval (s)")
ax.set_title("RR intervals around the onset of AF")
ax.legend(loc="upper left")
for k, (flag, colour, name) in enumerate(rhythms):
    ax = fig.add_subplot(grid[0, 2 + k])
    pairs = np.flatnonzero((af[:-1] == flag) & (af[1:] == flag))[:600]
    ax.plot(rr[pairs], rr[pairs + 1], ".", ms=2, color=colour, alpha=0.5, rasterized=True)
    ax.set_xlim(0.3, 1.7)
    ax.set_ylim(0.3, 1.7)
    ax.set_aspect("equal")
    ax.set_xlabel("RR$_n$ (s)")
    ax.set_ylabel("RR$_{n+1}$ (s)" if k == 0 else "")
    ax.set_title(f"Poincaré plot, {name}")
fig.tight_layout()
fig.set_dpi(150)  # for the point clouds, drawn as an image inside the SVG (a smaller file)

# %% [markdown]
# Left: a few minutes of RR intervals in which AF starts. Right: each interval plotted against the next
# one (a *Poincaré plot*). In sinus rhythm successive intervals are alike and the points hug the diagonal;
# in AF the next interval is almost unrelated to the current one and the points form a cloud.
#
# **The data.** The [MIT-BIH Atrial Fibrillation Database](https://physionet.org/content/afdb/1.0.0/)
# (Moody and Mark, 1983) holds 25 long-term ECG recordings of about 10 hours each, from patients with
# (mostly paroxysmal) AF. Two annotation files of each record are used here:
#
# * `NNNNN.atr`: the reference rhythm annotations, made by hand by experts: where each episode of
#   `(N` (normal and other rhythms), `(AFIB` (atrial fibrillation), `(AFL` (atrial flutter) or `(J`
#   (junctional rhythm) starts. An RR interval gets label 1 (AF) when the rhythm in force at its end is
#   `(AFIB`, else 0; flutter counts as *not AF*.
# * `NNNNN.qrs`: the time of every heartbeat, found by an automatic QRS detector that nobody checked
#   (*unaudited*): a missed beat leaves one interval twice too long, a spurious one two intervals too
#   short. Intervals outside 0.2 to 3 s (heart rates above 300 or below 20 per minute) cannot be real,
#   so they are dropped with their labels before anything else.
#
# **Windows and splits.** A network needs inputs of a fixed size, so each record's series of intervals is
# cut into *windows* of 128 consecutive intervals (about one to two minutes of heartbeats), starting every
# 64 intervals (so successive windows overlap by half). A window is labelled AF when **more than half** of
# its intervals are AF. Windows of one record are very much alike (the same patient, the same heart, the
# same detector errors; overlapping windows even share intervals). If some are used for training and
# others for testing, the test measures how well the model *remembers that patient*, not how it does on a
# new one: such window-wise splits inflate the accuracy by several points (many published 98-99 % results
# come from them). Here every split is **by record**: all windows of a record are on the same side.
#
# **What the lab measures.** You will define three networks (an MLP, the lecture's CNN and a recurrent
# network), train each with the same given training loop, and compare them on records they never saw, with
# a classical baseline (logistic regression on hand-made variability features) as the bar to clear:
# accuracy, sensitivity (the share of AF windows found), specificity (the share of non-AF windows left
# alone), F1 and the area under the ROC curve. You will then interpret the learning curves and the
# results in a short report.
#
# **How to work.** The code of this notebook is given, except the three model classes (questions 1 to 3)
# and three numbers (questions 4 to 6), which are graded automatically: after each of them, run its
# `grader.check` cell (public tests only; the grade comes from hidden tests that try much more). The
# report questions of part 7 are answered in a PDF (one per group, named `name1_name2_name3_lab_01.pdf`,
# uploaded by every member), together with the figures the notebook saves in `results/`.

# %% [markdown]
# ## 1. Set-up
#
# Everything you may want to change is in the next cell. The given code lives in the folder `labkit/`
# next to this notebook (open its files to read how each step works).
#
# **Data.** If a folder `data/afdb/` with the database's `RECORDS` file exists next to this notebook,
# the real database is used. To get it, download from
# [physionet.org/content/afdb/1.0.0](https://physionet.org/content/afdb/1.0.0/) the file `RECORDS` and,
# for every record it lists, the three files `NNNNN.atr`, `NNNNN.qrs` and `NNNNN.hea` (about 10 MB in all;
# the large `.dat` ECG signals are not needed), into `data/afdb/`. With the `wfdb` package (installed with
# the requirements) that is:
#
# ```python
# import wfdb
# records = wfdb.get_record_list("afdb")
# wfdb.dl_files("afdb", "data/afdb", ["RECORDS"] + [f"{r}.{ext}" for r in records for ext in ("atr", "qrs", "hea")])
# ```
#
# Without it, the notebook writes a **synthetic** database in the same file format into
# `data/synthetic-afdb/` (with `labkit.synthetic`) and reads it with the same code. The synthetic records
# come from a physiological model of sinus rhythm, premature beats, AF and detector errors, not from
# patients: everything works the same, but the numbers differ from the real ones. Say in your report
# which data you used.

# %%
import os
from pathlib import Path

import numpy as np
import pandas as pd
from IPython.display import Image, display
import torch
from matplotlib.figure import Figure

from labkit.afdb import read_afdb
from labkit.features import interval_features
from labkit.metrics import binary_metrics
from labkit.plots import plot_confusion_matrix, plot_learning_curves, plot_roc
from labkit.preprocessing import Standardizer, clean_rr, make_windows
from labkit.splits import record_folds, validation_split
from labkit.synthetic import synthetic_afdb
from labkit.training import default_device, predict_scores, seed_everything, train

QUICK = os.environ.get("LAB_QUICK") == "1"  # set by the course's automatic tests: tiny data, few epochs

DATA_DIR = Path("data")
REAL_DIR = DATA_DIR / "afdb"                 # the PhysioNet database, if you downloaded it
SYNTHETIC_DIR = DATA_DIR / "synthetic-afdb"  # written when there is no real database
RESULTS_DIR = Path("results")                # the figures and model weights this notebook saves

RR_RANGE = (0.2, 3.0)  # plausible RR intervals (s); the others are dropped
WINDOW = 128           # RR intervals per window
STEP = 64              # distance between the starts of successive windows
N_FOLDS = 5            # record-wise folds; one of them is the test set here
TEST_FOLD = 0          # which fold is held out for testing
VAL_FRACTION = 0.2     # share of the training records held out for early stopping
RELATIVE_RR = True     # divide each window by its own mean interval before standardising (part 3)
EPOCHS = 30            # at most; training stops earlier when the validation loss stops improving
PATIENCE = 5           # epochs without a better validation loss before stopping
BATCH_SIZE = 64
LEARNING_RATE = 1e-3
CLASS_WEIGHT = None    # or "balanced": the loss of each AF window counts n_not_AF / n_AF times (part 6)
SEED = 0               # the same seed gives the same split, initial weights and results
SYNTHETIC_RECORDS, SYNTHETIC_HOURS = 20, 1.0
CPU_THREADS = 1        # PyTorch threads on a CPU: these small models are no faster on more, and a
                       # busy machine slows several threads down a lot

if QUICK:
    SYNTHETIC_DIR = DATA_DIR / "synthetic-afdb-quick"
    SYNTHETIC_RECORDS, SYNTHETIC_HOURS = 8, 0.25
    EPOCHS, PATIENCE = 3, 2

DEVICE = default_device()  # CUDA when available, else the CPU
if DEVICE.type == "cpu":
    torch.set_num_threads(CPU_THREADS)
RESULTS_DIR.mkdir(exist_ok=True)
print(f"device: {DEVICE}" + ("  (quick mode: tiny synthetic data, few epochs)" if QUICK else ""))

# %% [markdown]
# ## 2. The data
#
# Read every record, then drop the implausible intervals (`clean_rr`). The table shows, per record, how
# many intervals were dropped and which share of the remaining ones is AF.

# %%
if (REAL_DIR / "RECORDS").is_file() and not QUICK:
    DATA_SOURCE = "MIT-BIH Atrial Fibrillation Database (PhysioNet)"
    raw = read_afdb(REAL_DIR)
else:
    DATA_SOURCE = "synthetic records (labkit.synthetic), not real patients"
    if not (SYNTHETIC_DIR / "RECORDS").is_file():
        synthetic_afdb(SYNTHETIC_DIR, n_records=SYNTHETIC_RECORDS, hours=SYNTHETIC_HOURS, seed=SEED)
    raw = read_afdb(SYNTHETIC_DIR)
recordings = [clean_rr(r, low=RR_RANGE[0], high=RR_RANGE[1], mode="drop") for r in raw]

record_table = pd.DataFrame({
    "intervals": [len(r) for r in recordings],
    "dropped": [r.meta["cleaning"][-1]["n_changed"] for r in recordings],
    "hours": [r.intervals.sum() / 3600 for r in recordings],
    "AF share": [r.labels.mean() for r in recordings],
}, index=pd.Index([r.record for r in recordings], name="record"))
print(f"data: {DATA_SOURCE}; {len(recordings)} records, {record_table['intervals'].sum()} intervals, "
      f"{record_table['dropped'].sum()} dropped as implausible")
record_table.round(3)

# %% [markdown]
# A quick look: three records with both rhythms, over their whole length, and the share of AF in every
# record. Note how unequal the records are: some have no AF at all, some are AF throughout, so a test set
# of a few records can be almost one class.

# %%
def af_share_figure(table, path):
    fig = Figure(figsize=(10, 2.8))
    ax = fig.add_subplot()
    ax.bar(table.index, table["AF share"], color="tab:red")
    ax.set_ylabel("AF share of intervals")
    ax.set_ylim(0, 1)
    ax.tick_params(axis="x", rotation=90)
    ax.set_title("AF share per record")
    fig.savefig(path, dpi=110, bbox_inches="tight")
    return path


def series_figure(recs, path):
    fig = Figure(figsize=(10, 2.2 * len(recs)))
    axes = fig.subplots(len(recs), 1, squeeze=False)[:, 0]
    for ax, rec in zip(axes, recs):
        hours = np.cumsum(rec.intervals) / 3600
        is_af = rec.labels == 1
        ax.plot(hours[~is_af], rec.intervals[~is_af], ".", ms=1, color="tab:blue", label="not AF")
        ax.plot(hours[is_af], rec.intervals[is_af], ".", ms=1, color="tab:red", label="AF")
        ax.set_ylabel("RR (s)")
        ax.set_title(f"record {rec.record}", fontsize=10)
    axes[0].legend(loc="upper right", markerscale=8)
    axes[-1].set_xlabel("time (h)")
    fig.tight_layout()
    fig.savefig(path, dpi=110, bbox_inches="tight")
    return path


mixed = [r for r in recordings if 0.1 < r.labels.mean() < 0.9] or recordings
display(Image(filename=str(series_figure(mixed[:3], RESULTS_DIR / "rr_series.png"))))
display(Image(filename=str(af_share_figure(record_table, RESULTS_DIR / "af_share.png"))))

# %% [markdown]
# ## 3. Windows, a record-wise split, standardisation
#
# Cut the windows, then split **by record** with `record_folds`: five folds, each record in exactly one
# test fold, AF and non-AF balanced across folds as far as whole records allow. A complete evaluation
# trains five times (once per fold) and averages the five test results; this notebook uses one held-out
# fold to stay short. Inside the training records, `validation_split` holds out a few more *records*
# for early stopping.

# %%
windows = make_windows(recordings, length=WINDOW, step=STEP, label="majority")
folds = record_folds(windows.groups, windows.y, n_splits=N_FOLDS, seed=SEED)
train_idx, test_idx = folds[TEST_FOLD]
fit_pos, val_pos = validation_split(windows.groups[train_idx], fraction=VAL_FRACTION, seed=SEED)
fit_idx, val_idx = train_idx[fit_pos], train_idx[val_pos]
parts = {"training": fit_idx, "validation": val_idx, "test": test_idx}

for part, idx in parts.items():
    records = sorted(set(windows.groups[idx]))
    print(f"{part:>10}: {len(idx):5d} windows, AF share {windows.y[idx].mean():5.1%}, "
          f"{len(records)} records: {', '.join(records)}")
groups_of = {part: set(windows.groups[idx]) for part, idx in parts.items()}
assert not (groups_of["training"] & groups_of["test"] or groups_of["validation"] & groups_of["test"]
            or groups_of["training"] & groups_of["validation"]), "a record is on two sides of the split"

# %% [markdown]
# Two steps prepare the inputs of the networks.
#
# * **Relative intervals** (`RELATIVE_RR = True`): each window is divided by its own mean interval. Heart
#   rates differ far more between patients than between the rhythms of one patient, and a network given
#   intervals in seconds readily learns "this patient's heart rate" instead of "this rhythm is
#   irregular", a shortcut that does not carry over to new patients. Divided by its mean, a window keeps
#   the pattern of its intervals (how irregular they are) and loses the rate. This uses nothing but the
#   window itself, so it cannot leak anything between the sets. (The baseline below computes its features
#   on the intervals in seconds.)
# * **Standardisation**: networks train best on inputs of about zero mean and unit spread. `Standardizer`
#   subtracts one mean and divides by one standard deviation, both computed on the **training windows
#   only**: computing them on the test windows too would let information about the test set into the
#   model.

# %%
inputs = windows.X / windows.X.mean(axis=1, keepdims=True) if RELATIVE_RR else windows.X
scaler = Standardizer().fit(inputs[fit_idx])
X_fit, X_val, X_test = (scaler.transform(inputs[idx]) for idx in (fit_idx, val_idx, test_idx))
y_fit, y_val, y_test = (windows.y[idx] for idx in (fit_idx, val_idx, test_idx))
print(f"inputs: {'intervals / window mean' if RELATIVE_RR else 'intervals (s)'}, standardised with mean "
      f"{scaler.mean_:.3f} and SD {scaler.sd_:.3f}; X_fit {X_fit.shape}, X_val {X_val.shape}, X_test {X_test.shape}")

# %% [markdown]
# ## 4. The models
#
# Each model takes a batch of standardised windows, a float32 tensor of shape `(N, L)` (N windows of L
# intervals), and returns **logits** of shape `(N, n_outputs)`: `(N, 1)` here, one number per window,
# positive for AF. No sigmoid at the end: the training loop uses `BCEWithLogitsLoss`, which applies the
# sigmoid itself (in a numerically stable way), and `predict_scores` applies it to report probabilities.
#
# Rules for the three classes:
#
# * keep the class names, the arguments of `__init__` and their defaults; call `super().__init__()` first
#   and create every layer in `__init__` (as attributes, so that `model.parameters()` finds them);
# * build exactly the layers the docstring describes: the hidden tests count the parameters and compare
#   your outputs with those of the specified network given the same weights;
# * the training loop moves your model to the GPU when there is one (`model.to(device)`) and gives it
#   tensors there: any tensor you create in `forward` must be created on `x.device` (the hidden tests run
#   your model on a special "meta" device, so a tensor made on the CPU fails there too).

# %%
import torch
from torch import nn

# %% [raw]
# # BEGIN QUESTION
# name: q1
# points: 4

# %% [markdown]
# **Question 1 (MLP).** Implement `MLP`, a fully connected network on the flattened window: for each
# width h in `hidden_sizes`, a `nn.Linear` from the previous width to h followed by a ReLU, starting from
# `window * in_channels` inputs; then a last `nn.Linear` to `n_outputs`, without activation. With the
# defaults: Linear(128, 64), ReLU, Linear(64, 32), ReLU, Linear(32, 1). `forward` accepts `(N, window)`
# or `(N, in_channels, window)` and flattens each window first.
#
# The hidden tests check the output (an exact float `torch.Tensor` of shape `(N, n_outputs)`) for other
# window lengths, widths and output counts, the number of parameters, your outputs given the specified
# weights, that the network is not linear, that every parameter gets a finite gradient, that a few steps
# of Adam learn an easy problem, and that the model runs on the device it is moved to.

# %%
# dlcourse: solution MLP

# %% [raw]
# # BEGIN TESTS

# %%
def test_mlp_output_shape(MLP):
    import torch
    from dlcourse_testkit import call, expect_tensor
    torch.manual_seed(0)
    model = call(MLP)
    out = call(model, torch.randn(4, 128), name="MLP's forward")
    expect_tensor(out, (4, 1), "MLP()'s output for a batch of 4 windows of 128 intervals")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: MLP's output does not have the shape (N, n_outputs) for every window length, width and batch size
""" # END TEST CONFIG
def test_mlp_hidden_shapes(MLP):
    import torch
    from dlcourse_testkit import call, expect_tensor
    torch.manual_seed(11)
    cases = [({}, (7, 128), 1), ({}, (1, 128), 1), ({"window": 64, "n_outputs": 4}, (5, 64), 4),
             ({"window": 30, "hidden_sizes": (16,), "n_outputs": 2}, (3, 30), 2),
             ({"window": 32, "in_channels": 2}, (6, 2, 32), 1)]
    for kwargs, shape, n_outputs in cases:
        model = call(MLP, **kwargs)
        out = call(model, torch.randn(shape), name="MLP's forward")
        expect_tensor(out, (shape[0], n_outputs), "MLP's output")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: MLP does not have the documented layers (its number of parameters differs from the specification)
""" # END TEST CONFIG
def test_mlp_hidden_parameter_count(MLP):
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    from solutions import lab_af as ref
    torch.manual_seed(12)
    cases = [{}, {"window": 64, "hidden_sizes": (128, 64, 32)}, {"window": 20, "hidden_sizes": ()},
             {"window": 16, "hidden_sizes": (8,), "n_outputs": 3, "in_channels": 3}]
    for kwargs in cases:
        model = call(MLP, **kwargs)
        window, channels = kwargs.get("window", 128), kwargs.get("in_channels", 1)
        x = torch.randn(2, window) if channels == 1 else torch.randn(2, channels, window)
        expect_tensor(call(model, x, name="MLP's forward"), (2, kwargs.get("n_outputs", 1)), "MLP's output")
        if ref.count_parameters(model) != ref.count_parameters(ref.MLP(**kwargs)):
            raise CheckFailed("MLP has the wrong number of parameters for some hidden_sizes, window or in_channels")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: MLP does not compute the documented layers (Linear, ReLU, ..., Linear, no final activation)
""" # END TEST CONFIG
def test_mlp_hidden_same_function(MLP):
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_array, expect_tensor
    from solutions import lab_af as ref
    cases = [({}, 6), ({"window": 40, "hidden_sizes": (24, 12, 6), "n_outputs": 3}, 5),
             ({"window": 16, "hidden_sizes": ()}, 4)]
    for seed, (kwargs, n) in enumerate(cases):
        torch.manual_seed(seed + 20)
        model, reference = call(MLP, **kwargs), ref.MLP(**kwargs)
        if not ref.load_reference_weights(model, reference):
            raise CheckFailed("MLP's layers do not have the documented shapes")
        x = torch.randn(n, kwargs.get("window", 128))
        out = call(model, x.clone(), name="MLP's forward")
        expect_tensor(out, (n, kwargs.get("n_outputs", 1)), "MLP's output")
        expect_array(out.detach().double().numpy(), reference(x).detach().double().numpy(),
                     "MLP's output given the specified weights", rtol=1e-4, atol=1e-5)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: MLP is a linear (affine) function of its input; the ReLUs between the layers are missing
""" # END TEST CONFIG
def test_mlp_hidden_is_not_linear(MLP):
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    torch.manual_seed(13)
    model = call(MLP)
    a, b = torch.randn(8, 128), torch.randn(8, 128)
    outs = []
    for x in (a, b, a + b, torch.zeros(8, 128)):
        out = call(model, x, name="MLP's forward")
        expect_tensor(out, (8, 1), "MLP's output")
        outs.append(out.detach().double())
    # an affine map f has f(a) + f(b) = f(a + b) + f(0)
    gap = float((outs[0] + outs[1] - outs[2] - outs[3]).abs().max())
    scale = float(max(o.abs().max() for o in outs))
    if not gap > 1e-3 * (1.0 + scale):
        raise CheckFailed("MLP behaves like one linear layer")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: MLP's output does not carry a finite gradient back to every parameter
""" # END TEST CONFIG
def test_mlp_hidden_gradients(MLP):
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    torch.manual_seed(14)
    model = call(MLP, window=32, n_outputs=2)
    params = list(model.parameters())
    if not params:
        raise CheckFailed("MLP has no parameters: create its layers as attributes in __init__")
    out = call(model, torch.randn(6, 32), name="MLP's forward")
    expect_tensor(out, (6, 2), "MLP's output")
    if not out.requires_grad:
        raise CheckFailed("MLP's output is detached from the computation graph")
    torch.nn.functional.binary_cross_entropy_with_logits(out, torch.rand(6, 2)).backward()
    if any(p.grad is None or not bool(torch.isfinite(p.grad).all()) for p in params):
        raise CheckFailed("some parameters of MLP get no finite gradient")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: MLP does not learn an easy, separable problem in a few dozen steps of Adam
""" # END TEST CONFIG
def test_mlp_hidden_learns(MLP):
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    from solutions import lab_af as ref
    torch.manual_seed(15)
    x, y = ref.separable_batch(32, 24, seed=15)
    model = call(MLP, window=24)
    params = list(model.parameters())
    if not params:
        raise CheckFailed("MLP has no parameters to train")
    optimizer = torch.optim.Adam(params, lr=1e-2)
    losses = []
    for _ in range(15):
        optimizer.zero_grad()
        out = call(model, x, name="MLP's forward")
        expect_tensor(out, (32, 1), "MLP's output")
        loss = torch.nn.functional.binary_cross_entropy_with_logits(out, y)
        if not loss.requires_grad:
            raise CheckFailed("MLP's output is detached from the computation graph")
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    if not losses[-1] < 0.5 * losses[0]:
        raise CheckFailed("MLP's training loss does not go down")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: MLP does not run on the device it is moved to (create every tensor on the input's device)
""" # END TEST CONFIG
def test_mlp_hidden_device(MLP):
    import os
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    torch.manual_seed(16)
    devices = [torch.device("meta")]
    wanted = torch.device(os.environ.get("DLCOURSE_DEVICE", "cpu"))
    if wanted.type != "cuda" or torch.cuda.is_available():
        devices.append(wanted)
    for device in devices:
        model = call(MLP, window=64)
        try:
            model = model.to(device)
        except Exception as exc:
            raise CheckFailed(f"MLP cannot be moved with .to(device) ({type(exc).__name__})") from None
        out = call(model, torch.randn(3, 64, device=device), name="MLP's forward")
        expect_tensor(out, (3, 1), "MLP's output")
        if out.device.type != device.type:
            raise CheckFailed("MLP's output is not on the device of its input")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: q2
# points: 5

# %% [markdown]
# **Question 2 (CNN).** Implement `CNN`, the lecture's convolutional network, with a head that fits any
# window length. Three blocks, each `nn.Conv1d(c_in, c_out, kernel_size, stride=1,
# padding=kernel_size // 2)`, ReLU, `nn.MaxPool1d(pool)`, with `c_out` taken from `channels` in turn
# (by default in_channels → 8 → 16 → 32, kernel 3, padding 1, pooling 2); then flatten and one
# `nn.Linear(C · L3, n_outputs)`, where C is the last block's number of channels (32 by default) and L3
# the length left after the third block. `forward` accepts `(N, window)` (one channel: add the channel
# dimension) or `(N, in_channels, window)`.
#
# The lecture's `nn.Linear(512, 1)` is right for windows of 128 intervals only. Compute L3 from `window`
# with the size formulas of exercise 5 (a convolution of length L with kernel k, stride 1 and padding p
# gives L + 2p - k + 1; a max-pooling of size q gives ⌊L / q⌋), or by running a dummy window through the
# blocks in `__init__`. Do not hard-code it.
#
# The hidden tests check the output shape for windows of several lengths (64, 100, 128, 256, ...), with one
# or several input channels and outputs, the number of parameters (so the head's size), that `channels`,
# `kernel_size` and `pool` are honoured, your outputs given the specified weights, the gradients, a short
# training run and the device.

# %%
# dlcourse: solution CNN

# %% [raw]
# # BEGIN TESTS

# %%
def test_cnn_output_shape(CNN):
    import torch
    from dlcourse_testkit import call, expect_tensor
    torch.manual_seed(0)
    model = call(CNN)
    out = call(model, torch.randn(4, 128), name="CNN's forward")
    expect_tensor(out, (4, 1), "CNN()'s output for a batch of 4 windows of 128 intervals")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: CNN's output does not have the shape (N, n_outputs) for every input shape, batch size and output count
""" # END TEST CONFIG
def test_cnn_hidden_shapes(CNN):
    import torch
    from dlcourse_testkit import call, expect_tensor
    torch.manual_seed(31)
    cases = [({}, (7, 128), 1), ({}, (1, 128), 1), ({}, (3, 1, 128), 1), ({"n_outputs": 4}, (5, 128), 4),
             ({"window": 64, "in_channels": 2, "n_outputs": 2}, (3, 2, 64), 2)]
    for kwargs, shape, n_outputs in cases:
        model = call(CNN, **kwargs)
        out = call(model, torch.randn(shape), name="CNN's forward")
        expect_tensor(out, (shape[0], n_outputs), "CNN's output")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: CNN's head is not sized from the window length (it must work for windows other than 128)
""" # END TEST CONFIG
def test_cnn_hidden_head_follows_window(CNN):
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    from solutions import lab_af as ref
    torch.manual_seed(32)
    for window in (64, 100, 256, 37):
        model = call(CNN, window=window)
        out = call(model, torch.randn(3, window), name="CNN's forward")
        expect_tensor(out, (3, 1), "CNN's output for another window length")
        if ref.count_parameters(model) != ref.count_parameters(ref.CNN(window=window)):
            raise CheckFailed("CNN's head has the wrong size for some window lengths")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: CNN does not have the documented layers (its number of parameters differs from the specification)
""" # END TEST CONFIG
def test_cnn_hidden_parameter_count(CNN):
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    from solutions import lab_af as ref
    torch.manual_seed(33)
    for kwargs in ({}, {"n_outputs": 3}, {"window": 64, "in_channels": 2}):
        model = call(CNN, **kwargs)
        window, channels = kwargs.get("window", 128), kwargs.get("in_channels", 1)
        out = call(model, torch.randn(2, channels, window), name="CNN's forward")
        expect_tensor(out, (2, kwargs.get("n_outputs", 1)), "CNN's output")
        if ref.count_parameters(model) != ref.count_parameters(ref.CNN(**kwargs)):
            raise CheckFailed("CNN has the wrong number of parameters")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: CNN ignores its channels, kernel_size or pool argument
""" # END TEST CONFIG
def test_cnn_hidden_block_arguments(CNN):
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    from solutions import lab_af as ref
    torch.manual_seed(34)
    for kwargs in ({"window": 96, "channels": (4, 6, 10)}, {"window": 96, "kernel_size": 5},
                   {"window": 81, "pool": 3}, {"window": 60, "channels": (2, 4, 8), "kernel_size": 7}):
        model = call(CNN, **kwargs)
        out = call(model, torch.randn(3, kwargs["window"]), name="CNN's forward")
        expect_tensor(out, (3, 1), "CNN's output")
        if ref.count_parameters(model) != ref.count_parameters(ref.CNN(**kwargs)):
            raise CheckFailed("CNN's layers do not follow channels, kernel_size and pool")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: CNN does not compute the documented blocks (Conv1d with padding kernel_size // 2, ReLU, MaxPool1d) and head
""" # END TEST CONFIG
def test_cnn_hidden_same_function(CNN):
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_array, expect_tensor
    from solutions import lab_af as ref
    for seed, (kwargs, shape) in enumerate((({}, (5, 128)), ({"window": 100, "n_outputs": 2}, (4, 100)),
                                            ({"window": 48, "in_channels": 2}, (3, 2, 48)))):
        torch.manual_seed(seed + 40)
        model, reference = call(CNN, **kwargs), ref.CNN(**kwargs)
        if not ref.load_reference_weights(model, reference):
            raise CheckFailed("CNN's layers do not have the documented shapes")
        x = torch.randn(shape)
        out = call(model, x.clone(), name="CNN's forward")
        expect_tensor(out, (shape[0], kwargs.get("n_outputs", 1)), "CNN's output")
        expect_array(out.detach().double().numpy(), reference(x).detach().double().numpy(),
                     "CNN's output given the specified weights", rtol=1e-4, atol=1e-5)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: CNN's output does not carry a finite gradient back to every parameter
""" # END TEST CONFIG
def test_cnn_hidden_gradients(CNN):
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    torch.manual_seed(35)
    model = call(CNN, window=64)
    params = list(model.parameters())
    if not params:
        raise CheckFailed("CNN has no parameters: create its layers as attributes in __init__")
    out = call(model, torch.randn(6, 64), name="CNN's forward")
    expect_tensor(out, (6, 1), "CNN's output")
    if not out.requires_grad:
        raise CheckFailed("CNN's output is detached from the computation graph")
    torch.nn.functional.binary_cross_entropy_with_logits(out, torch.rand(6, 1)).backward()
    if any(p.grad is None or not bool(torch.isfinite(p.grad).all()) for p in params):
        raise CheckFailed("some parameters of CNN get no finite gradient")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: CNN does not learn an easy, separable problem in a few dozen steps of Adam
""" # END TEST CONFIG
def test_cnn_hidden_learns(CNN):
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    from solutions import lab_af as ref
    torch.manual_seed(36)
    x, y = ref.separable_batch(32, 32, seed=36)
    model = call(CNN, window=32)
    params = list(model.parameters())
    if not params:
        raise CheckFailed("CNN has no parameters to train")
    optimizer = torch.optim.Adam(params, lr=1e-2)
    losses = []
    for _ in range(15):
        optimizer.zero_grad()
        out = call(model, x, name="CNN's forward")
        expect_tensor(out, (32, 1), "CNN's output")
        loss = torch.nn.functional.binary_cross_entropy_with_logits(out, y)
        if not loss.requires_grad:
            raise CheckFailed("CNN's output is detached from the computation graph")
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    if not losses[-1] < 0.5 * losses[0]:
        raise CheckFailed("CNN's training loss does not go down")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: CNN does not run on the device it is moved to (create every tensor on the input's device)
""" # END TEST CONFIG
def test_cnn_hidden_device(CNN):
    import os
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    torch.manual_seed(37)
    devices = [torch.device("meta")]
    wanted = torch.device(os.environ.get("DLCOURSE_DEVICE", "cpu"))
    if wanted.type != "cuda" or torch.cuda.is_available():
        devices.append(wanted)
    for device in devices:
        model = call(CNN, window=64)
        try:
            model = model.to(device)
        except Exception as exc:
            raise CheckFailed(f"CNN cannot be moved with .to(device) ({type(exc).__name__})") from None
        out = call(model, torch.randn(3, 64, device=device), name="CNN's forward")
        expect_tensor(out, (3, 1), "CNN's output")
        if out.device.type != device.type:
            raise CheckFailed("CNN's output is not on the device of its input")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: q3
# points: 8

# %% [markdown]
# **Question 3 (RNN).** Implement `RNN`: a recurrent layer over the window, then a linear head.
#
# * The recurrent layer is `nn.GRU` (the lecture's choice, `cell="gru"`) or `nn.LSTM` (`cell="lstm"`;
#   any other value raises `ValueError`), built with the given `input_size`, `hidden_size`, `num_layers`
#   and `bidirectional`, and `batch_first=True`, so that it reads `(N, L, input_size)`.
# * Its output at the **last time step**, of size D · hidden_size (D = 2 when bidirectional, else 1), goes
#   through `nn.Linear(D · hidden_size, n_outputs)` to give the logits.
# * `forward` accepts `(N, L)` (one feature per step: add the feature dimension) or `(N, L, input_size)`;
#   L may be any length.
# * `initial_state(batch_size, like)` returns the zero initial state: a tensor of shape
#   `(D · num_layers, batch_size, hidden_size)` with the dtype and device of the tensor `like`, or a pair
#   `(h0, c0)` of them for an LSTM. Passing it to the recurrent layer in `forward` is optional (PyTorch
#   starts from zeros when you give none), but if you create h0 yourself, create it on `x.device`.
#
# Two errata of the lecture's `RnnModel` slide: its GRU ignores the `input_size` argument (it hard-codes
# `input_size=1`), and its h0 shape `(D · num_layers, H_out)` lacks the batch dimension that PyTorch needs
# for batched input. Your class must honour `input_size` and use the right shape.
#
# The hidden tests check the output shape (any window length, several outputs, several input features),
# the number of parameters for GRU and LSTM, one or two layers, one or two directions, `initial_state`,
# your outputs given the specified weights, that the output depends on the last time step, the
# `ValueError`, the gradients, a short training run and the device.

# %%
# dlcourse: solution RNN

# %% [raw]
# # BEGIN TESTS

# %%
def test_rnn_output_shape(RNN):
    import torch
    from dlcourse_testkit import call, expect_tensor
    torch.manual_seed(0)
    model = call(RNN)
    out = call(model, torch.randn(4, 128), name="RNN's forward")
    expect_tensor(out, (4, 1), "RNN()'s output for a batch of 4 windows of 128 intervals")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: RNN's output does not have the shape (N, n_outputs) for every sequence length, batch size and output count
""" # END TEST CONFIG
def test_rnn_hidden_shapes(RNN):
    import torch
    from dlcourse_testkit import call, expect_tensor
    torch.manual_seed(51)
    cases = [({}, (5, 128), 1), ({}, (1, 40), 1), ({"hidden_size": 16, "n_outputs": 4}, (3, 30), 4),
             ({"hidden_size": 8}, (2, 7, 1), 1)]
    for kwargs, shape, n_outputs in cases:
        model = call(RNN, **kwargs)
        out = call(model, torch.randn(shape), name="RNN's forward")
        expect_tensor(out, (shape[0], n_outputs), "RNN's output")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: RNN ignores its input_size argument (the slide's erratum) or cannot read several features per step
""" # END TEST CONFIG
def test_rnn_hidden_input_size(RNN):
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    from solutions import lab_af as ref
    torch.manual_seed(52)
    for kwargs in ({"input_size": 3, "hidden_size": 16}, {"input_size": 2, "cell": "lstm", "hidden_size": 8}):
        model = call(RNN, **kwargs)
        out = call(model, torch.randn(4, 25, kwargs["input_size"]), name="RNN's forward")
        expect_tensor(out, (4, 1), "RNN's output for several features per step")
        if ref.count_parameters(model) != ref.count_parameters(ref.RNN(**kwargs)):
            raise CheckFailed("RNN's recurrent layer does not take input_size features per step")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: RNN does not have the documented layers (its number of parameters differs from the specification)
""" # END TEST CONFIG
def test_rnn_hidden_parameter_count(RNN):
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    from solutions import lab_af as ref
    torch.manual_seed(53)
    for kwargs in ({}, {"hidden_size": 32, "num_layers": 2}, {"cell": "lstm"},
                   {"cell": "lstm", "hidden_size": 16, "n_outputs": 3}):
        model = call(RNN, **kwargs)
        out = call(model, torch.randn(2, 20), name="RNN's forward")
        expect_tensor(out, (2, kwargs.get("n_outputs", 1)), "RNN's output")
        if ref.count_parameters(model) != ref.count_parameters(ref.RNN(**kwargs)):
            raise CheckFailed("RNN has the wrong number of parameters for some cell, hidden_size or num_layers")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: "RNN.initial_state is wrong: it must give zeros of shape (D·num_layers, N, hidden_size) with the dtype and device of like, a pair for an LSTM"
""" # END TEST CONFIG
def test_rnn_hidden_initial_state(RNN):
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_sequence, expect_tensor
    torch.manual_seed(54)
    for cell in ("gru", "lstm"):
        for bidirectional in (False, True):
            model = call(RNN, hidden_size=16, num_layers=2, cell=cell, bidirectional=bidirectional)
            expect_tensor(call(model, torch.randn(5, 30), name="RNN's forward"), (5, 1), "RNN's output")
            shape = (4 if bidirectional else 2, 5, 16)
            for like in (torch.randn(5, 30, 1, dtype=torch.float64), torch.randn(5, 30, 1, device="meta")):
                state = call(model.initial_state, 5, like)
                parts = expect_sequence(state, 2, "initial_state of an LSTM") if cell == "lstm" else [state]
                for h in parts:
                    expect_tensor(h, shape, "the initial state")
                    if h.dtype != like.dtype or h.device.type != like.device.type:
                        raise CheckFailed("initial_state does not use the dtype and device of like")
                    if h.device.type != "meta" and bool(h.any()):
                        raise CheckFailed("initial_state is not all zeros")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: RNN does not compute the documented network (the recurrent layer's output at the last time step, then the linear head)
""" # END TEST CONFIG
def test_rnn_hidden_same_function(RNN):
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_array, expect_tensor
    from solutions import lab_af as ref
    cases = [({"hidden_size": 16}, (4, 30)), ({"hidden_size": 8, "num_layers": 2, "cell": "lstm"}, (3, 20)),
             ({"input_size": 2, "hidden_size": 8, "n_outputs": 2}, (3, 15, 2)), ({}, (2, 128))]
    for seed, (kwargs, shape) in enumerate(cases):
        torch.manual_seed(seed + 60)
        model, reference = call(RNN, **kwargs), ref.RNN(**kwargs)
        if not ref.load_reference_weights(model, reference):
            raise CheckFailed("RNN's layers do not have the documented shapes")
        x = torch.randn(shape)
        out = call(model, x.clone(), name="RNN's forward")
        expect_tensor(out, (shape[0], kwargs.get("n_outputs", 1)), "RNN's output")
        expect_array(out.detach().double().numpy(), reference(x).detach().double().numpy(),
                     "RNN's output given the specified weights", rtol=1e-4, atol=1e-5)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: RNN's output does not depend on the last interval of the window (use the output at the last time step)
""" # END TEST CONFIG
def test_rnn_hidden_last_step(RNN):
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    torch.manual_seed(55)
    for cell in ("gru", "lstm"):
        model = call(RNN, hidden_size=16, cell=cell)
        x = torch.randn(4, 50)
        changed = x.clone()
        changed[:, -1] += 2.0
        before = call(model, x, name="RNN's forward")
        after = call(model, changed, name="RNN's forward")
        expect_tensor(before, (4, 1), "RNN's output")
        expect_tensor(after, (4, 1), "RNN's output")
        if not float((after - before).abs().min()) > 1e-6:
            raise CheckFailed("changing the last interval does not change RNN's output")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: RNN does not work when bidirectional (two directions double the features the head receives)
""" # END TEST CONFIG
def test_rnn_hidden_bidirectional(RNN):
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    from solutions import lab_af as ref
    torch.manual_seed(56)
    for kwargs in ({"bidirectional": True, "hidden_size": 16},
                   {"bidirectional": True, "hidden_size": 8, "num_layers": 2, "cell": "lstm", "n_outputs": 2}):
        model = call(RNN, **kwargs)
        out = call(model, torch.randn(3, 40), name="RNN's forward")
        expect_tensor(out, (3, kwargs.get("n_outputs", 1)), "RNN's output when bidirectional")
        if ref.count_parameters(model) != ref.count_parameters(ref.RNN(**kwargs)):
            raise CheckFailed("RNN has the wrong number of parameters when bidirectional")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: RNN must raise ValueError for a cell other than gru or lstm
""" # END TEST CONFIG
def test_rnn_hidden_unknown_cell(RNN):
    import torch
    from dlcourse_testkit import call, expect_raises, expect_tensor
    torch.manual_seed(57)
    expect_tensor(call(call(RNN, hidden_size=8), torch.randn(2, 10), name="RNN's forward"), (2, 1), "RNN's output")
    expect_raises(ValueError, RNN, what="RNN with an unknown cell", cell="rnn")
    expect_raises(ValueError, RNN, what="RNN with an unknown cell", cell="transformer")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: RNN's output does not carry a finite gradient back to every parameter
""" # END TEST CONFIG
def test_rnn_hidden_gradients(RNN):
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    torch.manual_seed(58)
    for kwargs in ({"hidden_size": 16}, {"hidden_size": 8, "cell": "lstm", "bidirectional": True}):
        model = call(RNN, **kwargs)
        params = list(model.parameters())
        if not params:
            raise CheckFailed("RNN has no parameters: create its layers as attributes in __init__")
        out = call(model, torch.randn(6, 20), name="RNN's forward")
        expect_tensor(out, (6, 1), "RNN's output")
        if not out.requires_grad:
            raise CheckFailed("RNN's output is detached from the computation graph")
        torch.nn.functional.binary_cross_entropy_with_logits(out, torch.rand(6, 1)).backward()
        if any(p.grad is None or not bool(torch.isfinite(p.grad).all()) for p in params):
            raise CheckFailed("some parameters of RNN get no finite gradient")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: RNN does not learn an easy, separable problem in a few dozen steps of Adam
""" # END TEST CONFIG
def test_rnn_hidden_learns(RNN):
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    from solutions import lab_af as ref
    torch.manual_seed(59)
    x, y = ref.separable_batch(32, 16, seed=59)
    model = call(RNN, hidden_size=16)
    params = list(model.parameters())
    if not params:
        raise CheckFailed("RNN has no parameters to train")
    optimizer = torch.optim.Adam(params, lr=1e-2)
    losses = []
    for _ in range(30):
        optimizer.zero_grad()
        out = call(model, x, name="RNN's forward")
        expect_tensor(out, (32, 1), "RNN's output")
        loss = torch.nn.functional.binary_cross_entropy_with_logits(out, y)
        if not loss.requires_grad:
            raise CheckFailed("RNN's output is detached from the computation graph")
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    if not losses[-1] < 0.5 * losses[0]:
        raise CheckFailed("RNN's training loss does not go down")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: RNN does not run on the device it is moved to (create h0 and every other tensor on the input's device)
""" # END TEST CONFIG
def test_rnn_hidden_device(RNN):
    import os
    import torch
    from dlcourse_testkit import CheckFailed, call, expect_tensor
    torch.manual_seed(50)
    devices = [torch.device("meta")]
    wanted = torch.device(os.environ.get("DLCOURSE_DEVICE", "cpu"))
    if wanted.type != "cuda" or torch.cuda.is_available():
        devices.append(wanted)
    for device in devices:
        for kwargs in ({"hidden_size": 16}, {"hidden_size": 8, "cell": "lstm", "bidirectional": True}):
            model = call(RNN, **kwargs)
            try:
                model = model.to(device)
            except Exception as exc:
                raise CheckFailed(f"RNN cannot be moved with .to(device) ({type(exc).__name__})") from None
            out = call(model, torch.randn(3, 20, device=device), name="RNN's forward")
            expect_tensor(out, (3, 1), "RNN's output")
            if out.device.type != device.type:
                raise CheckFailed("RNN's output is not on the device of its input")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## 5. Numbers from the architectures
#
# Three numbers to work out from the specifications above. Derive them by hand (the formulas are in the
# lecture and in exercise 5) and check them with your classes; set each variable to a plain Python `int`.
# A `nn.Linear(a, b)` has a·b weights and b biases; a `nn.Conv1d(c_in, c_out, k)` has c_out·c_in·k weights
# and c_out biases; a GRU layer has three gates, each with weights for the input (hidden_size ×
# input_size), weights for the previous hidden state (hidden_size × hidden_size) and two bias vectors of
# size hidden_size.

# %% [raw]
# # BEGIN QUESTION
# name: q4
# points: 1

# %% [markdown]
# **Question 4.** How many input features does the head (the final `nn.Linear`) of `CNN(window=100)` have?
# Set `head_features_100` to that number. (Careful: what does a max-pooling of size 2 do with an odd
# length?)

# %%
# dlcourse: solution head_features_100

# %% [raw]
# # BEGIN TESTS

# %%
def test_head_features_100_is_an_int(head_features_100):
    from dlcourse_testkit import CheckFailed
    if type(head_features_100) is not int:
        raise CheckFailed("head_features_100 must be a Python int")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: head_features_100 is not the number of inputs of CNN(window=100)'s head
""" # END TEST CONFIG
def test_head_features_100_value(head_features_100):
    from dlcourse_testkit import expect_int
    from solutions import lab_af as ref
    expect_int(head_features_100, ref.head_features_100, "head_features_100")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: q5
# points: 1

# %% [markdown]
# **Question 5.** How many trainable parameters (weights and biases, every element counted) does `CNN()`
# have, for windows of 128 intervals? Set `cnn_parameters`.

# %%
# dlcourse: solution cnn_parameters

# %% [raw]
# # BEGIN TESTS

# %%
def test_cnn_parameters_is_an_int(cnn_parameters):
    from dlcourse_testkit import CheckFailed
    if type(cnn_parameters) is not int:
        raise CheckFailed("cnn_parameters must be a Python int")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: cnn_parameters is not the number of trainable parameters of CNN()
""" # END TEST CONFIG
def test_cnn_parameters_value(cnn_parameters):
    from dlcourse_testkit import expect_int
    from solutions import lab_af as ref
    expect_int(cnn_parameters, ref.cnn_parameters, "cnn_parameters")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: q6
# points: 1

# %% [markdown]
# **Question 6.** How many trainable parameters does `RNN()` have (the lecture's GRU with one input
# feature and 64 hidden units, and its head)? Set `gru_parameters`. Compare with the MLP and the CNN: which
# model is the largest?

# %%
# dlcourse: solution gru_parameters

# %% [raw]
# # BEGIN TESTS

# %%
def test_gru_parameters_is_an_int(gru_parameters):
    from dlcourse_testkit import CheckFailed
    if type(gru_parameters) is not int:
        raise CheckFailed("gru_parameters must be a Python int")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: gru_parameters is not the number of trainable parameters of RNN()
""" # END TEST CONFIG
def test_gru_parameters_value(gru_parameters):
    from dlcourse_testkit import expect_int
    from solutions import lab_af as ref
    expect_int(gru_parameters, ref.gru_parameters, "gru_parameters")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## 6. Training and evaluation
#
# First the bar to clear: a **baseline** that needs no deep learning. `interval_features` computes nine
# classical measures of each window (mean RR, its standard deviation, RMSSD, pNN50, ...) on the raw
# intervals in seconds, and a logistic regression combines them. It is trained on all training records
# (it needs no validation set) and tested on the same held-out records as the networks. The table also
# shows a trivial rule, "never AF", whose accuracy is just the share of non-AF windows in the test set:
# any useful model must do better than that.

# %%
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

results, test_scores, histories = {}, {}, {}

baseline = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
baseline.fit(interval_features(windows.X[train_idx]), windows.y[train_idx])
test_scores["baseline (features + logistic regression)"] = baseline.predict_proba(
    interval_features(windows.X[test_idx]))[:, 1]
test_scores['trivial rule "never AF"'] = np.zeros(len(y_test))
for name in test_scores:
    results[name] = binary_metrics(y_test, test_scores[name])
print(f"test set: {len(y_test)} windows, AF share {y_test.mean():.1%}")
pd.DataFrame(results).T[["accuracy", "sensitivity", "specificity", "f1", "roc_auc"]].round(3)

# %% [markdown]
# Now the networks. `train` (in `labkit/training.py`) runs Adam on mini-batches of the training windows,
# computes the validation loss after every epoch, stops when it has not improved for `PATIENCE` epochs
# and keeps the weights of the best epoch (marked on the learning curves). The seed is set before each
# model is built, so every run starts from the same weights and gives the same results. On a CPU the RNN
# takes longest: a recurrent layer reads the 128 intervals one after the other.

# %%
def count_trainable(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def train_and_evaluate(name, build):
    """Train the model that ``build()`` returns, evaluate it on the test records, save its figures."""
    seed_everything(SEED)
    model = build()
    slug = name.split()[0].lower()
    history = train(model, X_fit, y_fit, X_val, y_val, epochs=EPOCHS, batch_size=BATCH_SIZE, lr=LEARNING_RATE,
                    patience=PATIENCE, device=DEVICE, seed=SEED, class_weight=CLASS_WEIGHT,
                    checkpoint=RESULTS_DIR / f"{slug}.pt", progress=not QUICK)
    scores = predict_scores(model, X_test)
    histories[name], test_scores[name] = history, scores
    results[name] = binary_metrics(y_test, scores)
    results[name]["parameters"] = count_trainable(model)
    print(f"{name}: {count_trainable(model)} parameters, best epoch {history.best_epoch} of "
          f"{len(history.train_loss)}, {history.seconds:.1f} s on {history.device}")
    paths = [plot_learning_curves(history, RESULTS_DIR / f"{slug}_learning_curves.png"),
             plot_confusion_matrix(y_test, (scores >= 0.5).astype(int), ["not AF", "AF"],
                                   RESULTS_DIR / f"{slug}_confusion.png"),
             plot_roc(y_test, scores, RESULTS_DIR / f"{slug}_roc.png")]
    for path in paths:
        display(Image(filename=str(path), width=360))
    return model


# %%
mlp = train_and_evaluate("MLP", lambda: MLP(window=WINDOW))

# %%
cnn = train_and_evaluate("CNN", lambda: CNN(window=WINDOW))

# %%
rnn = train_and_evaluate("RNN (GRU)", lambda: RNN())

# %% [markdown]
# The comparison on the held-out records. Remember what the test set is: a few records, so a handful of
# windows changes a percentage, and another fold (`TEST_FOLD`) may rank the models differently.

# %%
comparison = pd.DataFrame(results).T[["accuracy", "sensitivity", "specificity", "f1", "roc_auc", "parameters"]]
comparison.to_csv(RESULTS_DIR / "comparison.csv")
comparison.round(3)

# %% [markdown]
# **Class imbalance.** The share of AF differs widely between records (see the bar chart in part 2) and
# between the training and test sets (printed in part 3). Accuracy mixes both classes in the proportions
# of the test set, so a model that leans towards the majority class can look good on it; sensitivity and
# specificity look at each class separately, and the ROC AUC does not depend on the 0.5 threshold at all.
# `train` can weigh the classes differently: with `CLASS_WEIGHT = "balanced"` in the set-up cell, the loss
# of every AF window counts n_not_AF / n_AF times (computed on the training windows). Try it if your
# models miss many AF windows.

# %%
shares = pd.DataFrame({part: {"windows": len(idx), "AF share": windows.y[idx].mean()}
                       for part, idx in parts.items()}).T
shares.round(3)

# %% [markdown]
# ## 7. Report questions
#
# Answer in your PDF report, with the figures from `results/` where they help. Short, precise answers
# are best; say which data (real or synthetic) and which settings you used.
#
# 1. **Learning curves.** For each network, describe the training and validation curves. Is there
#    under-fitting (both losses high) or over-fitting (the validation loss turns up while the training
#    loss keeps falling)? Relate what you see to the bias-variance trade-off of the lecture, and say what
#    early stopping did.
# 2. **The best model.** Which model does best on the held-out records, on which metrics, and by how much
#    compared with the baseline? Explain why, from what each architecture can see in a window: the MLP
#    treats the 128 positions as unrelated inputs, the CNN looks at local patterns of a few successive
#    intervals wherever they occur, the RNN reads the intervals in order. Use your answers to questions 5
#    and 6: is the largest model the best one? Would a different test fold change your conclusion?
# 3. **Window length.** Train again with shorter and longer windows (for example `WINDOW = 32`, 64 and
#    256, with `STEP = WINDOW // 2`) and report what changes: the number of windows, how quickly a short
#    AF episode is detected, how many windows mix both rhythms, and the metrics. Which of the three
#    classes needed no change for a new window length, and which part of the CNN had to adapt (question 4)?
# 4. **Class imbalance.** What is the share of AF windows in your training and test sets? Compare the
#    accuracy of the trivial rule "never AF" with your models. Which metrics are misleading under imbalance
#    and which are not? Run the networks again with `CLASS_WEIGHT = "balanced"` and report what happens
#    to sensitivity and specificity.
# 5. **Relative intervals.** Set `RELATIVE_RR = False` (the networks then see the intervals in seconds,
#    standardised) and run the notebook again. What changes for each network, and why? Look at the
#    learning curves as well as the test metrics.
# 6. **Optional: the split.** Replace the record-wise split by a random split of the windows (for
#    example with `sklearn.model_selection.train_test_split`) and compare the test results. Why is the
#    record-wise estimate the one to report for a detector meant for new patients?
