"""A small, repeatable training loop for any ``torch.nn.Module`` on interval windows.

Typical use::

    seed_everything(0)                 # before building the model: repeatable initial weights
    model = MyCNN()
    hist = train(model, X_fit, y_fit, X_val, y_val, epochs=30, patience=5)
    p_test = predict_scores(model, X_test)          # probabilities of class 1

The model receives float32 tensors of the windows' shape, (batch, L), on the chosen
device, and must return logits: (batch, 1) for ``task="binary"``, (batch, C) for
``task="multiclass"``.
"""
from __future__ import annotations

import os
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
from torch import nn

__all__ = ["ENV_VAR", "default_device", "seed_everything", "History", "train", "predict_scores"]

ENV_VAR = "DLCOURSE_DEVICE"


def default_device() -> torch.device:
    """CUDA when available, else the CPU; the environment variable ``DLCOURSE_DEVICE``
    (e.g. ``cpu``, ``cuda``, ``cuda:1``) overrides.

    Asking for ``cuda`` on a machine without a GPU raises instead of silently using the CPU.
    """
    requested = os.environ.get(ENV_VAR, "").strip()
    if requested:
        device = torch.device(requested)
        if device.type == "cuda" and not torch.cuda.is_available():
            raise RuntimeError(f"{ENV_VAR}={requested!r} but no CUDA device is available")
        return device
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def seed_everything(seed: int) -> None:
    """Seed Python, NumPy and PyTorch (CPU and every GPU), and make cuDNN deterministic.

    On the CPU, the same seed then gives bit-identical results; on a GPU, results are
    repeatable up to the few non-deterministic CUDA kernels.
    """
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.cuda.manual_seed_all(seed)
    # cuDNN's autotuner may pick a different (and non-deterministic) algorithm per run
    torch.backends.cudnn.deterministic = True
    torch.backends.cudnn.benchmark = False


@dataclass
class History:
    """What happened during ``train``.

    ``train_loss[e]`` and ``val_loss[e]`` are the mean losses of epoch ``e + 1``;
    ``best_epoch`` counts from 1 (the epoch whose weights were kept, so its validation
    loss is ``val_loss[best_epoch - 1]``); ``seconds`` is the wall time; ``device`` where
    it ran. Without validation data, ``val_loss`` is empty and the last epoch is kept.
    """

    train_loss: list = field(default_factory=list)
    val_loss: list = field(default_factory=list)
    best_epoch: int = 0
    seconds: float = 0.0
    device: str = "cpu"


def _inputs(X, device) -> torch.Tensor:
    X = np.asarray(X, dtype=np.float32)
    if X.ndim < 2:
        raise ValueError(f"windows must have shape (N, L), got {X.shape}")
    return torch.as_tensor(X).to(device)


def _targets(y, n: int, task: str, device) -> torch.Tensor:
    y = np.asarray(y)
    if y.shape != (n,) and y.shape != (n, 1):
        raise ValueError(f"expected {n} labels, got an array of shape {y.shape}")
    y = y.reshape(n)
    if task == "binary":
        return torch.as_tensor(y.astype(np.float32).reshape(n, 1)).to(device)
    return torch.as_tensor(y.astype(np.int64)).to(device)


def _criterion(task: str, class_weight, y_train: np.ndarray, n_classes: int, device) -> nn.Module:
    """The loss; ``class_weight`` counters class imbalance (see ``train``)."""
    y = np.asarray(y_train).reshape(-1).astype(np.int64)
    if task == "binary":
        if class_weight is None:
            return nn.BCEWithLogitsLoss()
        if isinstance(class_weight, str):
            if class_weight != "balanced":
                raise ValueError(f"class_weight must be None, 'balanced' or a number, not {class_weight!r}")
            n_pos = int(y.sum())
            pos_weight = (len(y) - n_pos) / max(n_pos, 1)
        else:
            pos_weight = float(class_weight)
        return nn.BCEWithLogitsLoss(pos_weight=torch.tensor([pos_weight], dtype=torch.float32, device=device))
    if class_weight is None:
        return nn.CrossEntropyLoss()
    if isinstance(class_weight, str):
        if class_weight != "balanced":
            raise ValueError(f"class_weight must be None, 'balanced' or one weight per class, not {class_weight!r}")
        counts = np.bincount(y, minlength=n_classes)[:n_classes]
        weight = len(y) / (n_classes * np.maximum(counts, 1))
    else:
        weight = np.asarray(class_weight, dtype=np.float64)
        if weight.shape != (n_classes,):
            raise ValueError(f"class_weight needs one weight per class ({n_classes}), got shape {weight.shape}")
    return nn.CrossEntropyLoss(weight=torch.tensor(weight, dtype=torch.float32, device=device))


def _check_logits(out: torch.Tensor, task: str, n: int) -> None:
    if task == "binary" and tuple(out.shape) != (n, 1):
        raise ValueError(f"for task='binary' the model must return logits of shape (N, 1); got {tuple(out.shape)}")
    if task == "multiclass" and (out.ndim != 2 or out.shape[0] != n or out.shape[1] < 2):
        raise ValueError(f"for task='multiclass' the model must return logits of shape (N, C); got {tuple(out.shape)}")


def _mean_loss(model, criterion, X, y, batch_size) -> float:
    """Mean loss over a whole set, in eval mode (no dropout, BatchNorm's running statistics)."""
    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for start in range(0, len(X), batch_size):
            xb, yb = X[start:start + batch_size], y[start:start + batch_size]
            total += criterion(model(xb), yb).item() * len(xb)
            count += len(xb)
    return total / count


def train(
    model: nn.Module,
    X_train,
    y_train,
    X_val=None,
    y_val=None,
    *,
    task: str = "binary",
    epochs: int = 30,
    batch_size: int = 64,
    lr: float = 1e-3,
    weight_decay: float = 0.0,
    patience: int | None = 5,
    device=None,
    seed: int = 0,
    checkpoint=None,
    progress: bool = True,
    class_weight=None,
) -> History:
    """Train ``model`` with Adam and mini-batches; keep the weights of the best validation epoch.

    Parameters
    ----------
    model : nn.Module
        Maps a float32 tensor (batch, L) to logits: (batch, 1) for ``"binary"``,
        (batch, C) for ``"multiclass"``. It is moved to ``device`` and trained in place.
    X_train, y_train : arrays (N, L) and (N,)
        Windows (already standardised) and labels (0/1, or 0..C-1).
    X_val, y_val : arrays, optional
        Validation windows (other records than the training ones!). Their loss drives
        early stopping and the choice of the weights kept. Without them, all ``epochs``
        run and the last weights are kept.
    task : "binary" or "multiclass"
        ``BCEWithLogitsLoss`` on (N, 1) logits, or ``CrossEntropyLoss`` on (N, C) logits.
    epochs, batch_size, lr, weight_decay
        Training length, mini-batch size, Adam's learning rate and L2 penalty.
    patience : int or None
        Stop after this many epochs without a lower validation loss; None never stops early.
    device : str or torch.device, optional
        Defaults to ``default_device()``.
    seed : int
        Seeds everything (``seed_everything``) and the order of the mini-batches. Seed
        also before building the model, so that its initial weights repeat too.
    checkpoint : path, optional
        Where to save the best weights (``model.state_dict()``, on the CPU), each time
        they improve; reload with ``model.load_state_dict(torch.load(path))``.
    progress : bool
        Show a tqdm progress bar over the epochs; False prints nothing.
    class_weight : None, "balanced", a number or a sequence
        Counter class imbalance. Binary: a number is BCE's ``pos_weight`` (weight of
        the positive class), ``"balanced"`` uses n_negative / n_positive of ``y_train``.
        Multiclass: one weight per class, or ``"balanced"`` (n / (C · n_c)).
        The same weighted loss is used for validation, so both curves are comparable.

    Returns
    -------
    History
        Per-epoch losses, ``best_epoch`` (from 1), seconds, device. On return the model
        holds the best weights and is in eval mode.
    """
    if task not in ("binary", "multiclass"):
        raise ValueError(f"task must be 'binary' or 'multiclass', not {task!r}")
    if epochs < 1 or batch_size < 1:
        raise ValueError("epochs and batch_size must be positive")
    if (X_val is None) != (y_val is None):
        raise ValueError("give both X_val and y_val, or neither")
    device = default_device() if device is None else torch.device(device)
    t0 = time.perf_counter()
    seed_everything(seed)
    model.to(device)

    Xt = _inputs(X_train, device)
    yt = _targets(y_train, len(Xt), task, device)
    has_val = X_val is not None and len(X_val) > 0
    if has_val:
        Xv = _inputs(X_val, device)
        yv = _targets(y_val, len(Xv), task, device)
    n = len(Xt)
    if n == 0:
        raise ValueError("no training windows")

    # one forward pass (eval mode, no gradient) to check the output shape before training
    model.eval()
    with torch.no_grad():
        probe = model(Xt[: min(n, 2)])
    _check_logits(probe, task, min(n, 2))
    n_classes = probe.shape[1]

    criterion = _criterion(task, class_weight, np.asarray(y_train), n_classes, device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=weight_decay)
    generator = torch.Generator().manual_seed(seed)  # the batch order, independent of the model's RNG use

    hist = History(device=str(device))
    best_loss, best_state, since_best = float("inf"), None, 0
    epoch_iter = range(1, epochs + 1)
    bar = None
    if progress:
        from tqdm import tqdm  # imported here: progress=False works without tqdm

        bar = tqdm(epoch_iter, desc="training", unit="epoch")
        epoch_iter = bar

    for epoch in epoch_iter:
        model.train()
        order = torch.randperm(n, generator=generator).to(device)
        total, seen = torch.zeros((), device=device), 0  # summed on the device: no sync per batch
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            if len(idx) == 1 and n > 1:
                continue  # a lone last sample would break BatchNorm; it is seen in other epochs
            optimizer.zero_grad()
            loss = criterion(model(Xt[idx]), yt[idx])
            loss.backward()
            optimizer.step()
            total += loss.detach() * len(idx)
            seen += len(idx)
        hist.train_loss.append(total.item() / seen)  # mean over the epoch, while the weights change

        current = _mean_loss(model, criterion, Xv, yv, batch_size) if has_val else hist.train_loss[-1]
        if has_val:
            hist.val_loss.append(current)
        # without validation every epoch is "best", so the last weights are kept;
        # a NaN loss never counts as an improvement (but the first epoch is always kept)
        if not has_val or best_state is None or current < best_loss:
            best_loss = current if np.isfinite(current) else float("inf")
            since_best, hist.best_epoch = 0, epoch
            best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
            if checkpoint is not None and has_val:
                _save(best_state, checkpoint)
        else:
            since_best += 1
        if bar is not None:
            post = {"train": f"{hist.train_loss[-1]:.4f}"}
            if has_val:
                post["val"] = f"{current:.4f}"
            bar.set_postfix(post)
        if has_val and patience is not None and since_best >= patience:
            break
    if bar is not None:
        bar.close()

    model.load_state_dict(best_state)
    model.eval()
    if checkpoint is not None and not has_val:
        _save(best_state, checkpoint)
    hist.seconds = time.perf_counter() - t0
    return hist


def _save(state: dict, path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save({k: v.detach().cpu() for k, v in state.items()}, path)


def predict_scores(model: nn.Module, X, *, task: str = "binary", device=None, batch_size: int = 512) -> np.ndarray:
    """Predicted probabilities for windows X (N, L), in eval mode and without gradients.

    Returns a float64 array: (N,) probabilities of class 1 for ``"binary"`` (sigmoid of
    the logit), (N, C) class probabilities for ``"multiclass"`` (softmax; rows sum to 1).
    ``device`` defaults to where the model's parameters already are.
    """
    if task not in ("binary", "multiclass"):
        raise ValueError(f"task must be 'binary' or 'multiclass', not {task!r}")
    if device is None:
        param = next(model.parameters(), None)
        device = param.device if param is not None else default_device()
    device = torch.device(device)
    model.to(device)
    model.eval()
    Xt = _inputs(X, "cpu")
    out = []
    with torch.no_grad():
        for start in range(0, len(Xt), batch_size):
            xb = Xt[start:start + batch_size].to(device)
            logits = model(xb)
            _check_logits(logits, task, len(xb))
            p = torch.sigmoid(logits[:, 0]) if task == "binary" else torch.softmax(logits, dim=1)
            out.append(p.double().cpu().numpy())
    if not out:
        return np.empty((0,) if task == "binary" else (0, 0), dtype=np.float64)
    return np.concatenate(out)
