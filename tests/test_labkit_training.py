"""labkit.training: the training loop on tiny synthetic problems (CPU; one test on CUDA)."""
from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from solutions.labkit import training
from solutions.labkit.training import History, default_device, predict_scores, seed_everything, train

L = 16


def separable(n=256, seed=0, classes=2):
    """Windows (n, L) float32; binary: sign of the first interval, else argmax of the first `classes`."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, L)).astype(np.float32)
    y = (X[:, 0] > 0).astype(np.int64) if classes == 2 else X[:, :classes].argmax(axis=1).astype(np.int64)
    return X, y


def tiny(out=1, seed=0):
    seed_everything(seed)
    return nn.Sequential(nn.Linear(L, 8), nn.ReLU(), nn.Linear(8, out))


def params(model):
    return [p.detach().cpu().clone() for p in model.parameters()]


def bce(model, X, y):
    with torch.no_grad():
        logits = model(torch.as_tensor(X))
    return nn.functional.binary_cross_entropy_with_logits(logits, torch.as_tensor(y, dtype=torch.float32)[:, None]).item()


class Spy(nn.Module):
    """Wraps a model and records what it receives."""

    def __init__(self, inner):
        super().__init__()
        self.inner, self.seen = inner, []

    def forward(self, x):
        self.seen.append((x.dtype, tuple(x.shape), x.device.type))
        return self.inner(x)


def test_train_lowers_the_loss_on_a_separable_problem():
    X, y = separable(400)
    model = tiny()
    before = bce(model, X[:320], y[:320])
    hist = train(model, X[:320], y[:320], X[320:], y[320:], epochs=20, lr=1e-2, device="cpu", progress=False)
    assert isinstance(hist, History)
    assert len(hist.train_loss) == len(hist.val_loss) <= 20
    assert hist.train_loss[-1] < 0.5 * hist.train_loss[0]
    assert bce(model, X[:320], y[:320]) < 0.5 * before
    accuracy = ((predict_scores(model, X[320:]) >= 0.5) == y[320:]).mean()
    assert accuracy > 0.9
    assert hist.device == "cpu" and 0 < hist.seconds < 30
    assert 1 <= hist.best_epoch <= len(hist.val_loss)
    assert hist.val_loss[hist.best_epoch - 1] == min(hist.val_loss)
    assert not model.training  # left in eval mode


def test_model_receives_float32_windows_on_the_device():
    X, y = separable(70)
    spy = Spy(tiny())
    train(spy, X.astype(np.float64), y, X, y, epochs=1, batch_size=32, device="cpu", progress=False)
    assert {s[0] for s in spy.seen} == {torch.float32}
    assert {s[2] for s in spy.seen} == {"cpu"}
    assert all(len(shape) == 2 and shape[1] == L for _, shape, _ in spy.seen)
    assert (torch.float32, (32, L), "cpu") in spy.seen


def test_targets_float_column_for_binary_and_long_for_multiclass(monkeypatch):
    seen = []

    class BCESpy(nn.BCEWithLogitsLoss):
        def forward(self, input, target):
            seen.append(("binary", target.dtype, tuple(target.shape)))
            return super().forward(input, target)

    class CESpy(nn.CrossEntropyLoss):
        def forward(self, input, target):
            seen.append(("multiclass", target.dtype, tuple(target.shape)))
            return super().forward(input, target)

    monkeypatch.setattr(training.nn, "BCEWithLogitsLoss", BCESpy)
    monkeypatch.setattr(training.nn, "CrossEntropyLoss", CESpy)
    X, y = separable(64)
    train(tiny(), X, y, X, y, epochs=1, batch_size=64, device="cpu", progress=False)
    assert seen[0] == ("binary", torch.float32, (64, 1))
    seen.clear()
    X, y = separable(64, classes=3)
    train(tiny(3), X, y, X, y, task="multiclass", epochs=1, batch_size=64, device="cpu", progress=False)
    assert seen[0] == ("multiclass", torch.int64, (64,))


def test_early_stopping_restores_the_best_weights(tmp_path):
    # validation labels are the training labels flipped: the better the fit, the higher the
    # validation loss, so the best epoch is the first one
    X, y = separable()
    model = tiny()
    hist = train(model, X, y, X, 1 - y, epochs=40, lr=1e-2, patience=3, device="cpu", progress=False)
    assert hist.best_epoch == 1
    assert len(hist.train_loss) == 1 + 3  # stopped after `patience` epochs without improvement
    assert hist.val_loss[1:] == sorted(hist.val_loss[1:]) and hist.val_loss[-1] > hist.val_loss[0]
    # the kept weights give the best validation loss ...
    assert bce(model, X, 1 - y) == pytest.approx(hist.val_loss[0], rel=1e-5)
    # ... and are exactly those of a run stopped after one epoch
    one = tiny()
    train(one, X, y, X, 1 - y, epochs=1, lr=1e-2, device="cpu", progress=False)
    for a, b in zip(params(model), params(one)):
        assert torch.equal(a, b)


def test_patience_none_runs_every_epoch():
    X, y = separable(64)
    hist = train(tiny(), X, y, X, 1 - y, epochs=6, lr=1e-2, patience=None, device="cpu", progress=False)
    assert len(hist.train_loss) == 6 and hist.best_epoch == 1


def test_checkpoint_is_written_and_loadable(tmp_path):
    X, y = separable()
    model = tiny()
    path = tmp_path / "runs" / "best.pt"
    train(model, X[:200], y[:200], X[200:], y[200:], epochs=5, lr=1e-2, device="cpu", checkpoint=path, progress=False)
    assert path.is_file() and path.stat().st_size > 0
    fresh = tiny(seed=123)
    fresh.load_state_dict(torch.load(path))
    np.testing.assert_array_equal(predict_scores(fresh, X), predict_scores(model, X))
    for a, b in zip(params(fresh), params(model)):
        assert torch.equal(a, b)


def test_without_validation_the_last_epoch_is_kept(tmp_path):
    X, y = separable(100)
    path = tmp_path / "last.pt"
    model = tiny()
    hist = train(model, X, y, epochs=4, device="cpu", checkpoint=path, progress=False)
    assert hist.val_loss == [] and len(hist.train_loss) == 4 and hist.best_epoch == 4
    state = torch.load(path)
    for k, v in model.state_dict().items():
        assert torch.equal(state[k], v)
    with pytest.raises(ValueError):
        train(model, X, y, X, None, epochs=1, device="cpu", progress=False)


def test_same_seed_gives_identical_weights():
    X, y = separable()
    runs = []
    for _ in range(2):
        model = tiny(seed=7)
        hist = train(model, X[:200], y[:200], X[200:], y[200:], epochs=4, seed=7, device="cpu", progress=False)
        runs.append((params(model), hist.train_loss, hist.val_loss))
    for a, b in zip(runs[0][0], runs[1][0]):
        assert torch.equal(a, b)  # bit-identical on the CPU
    assert runs[0][1] == runs[1][1] and runs[0][2] == runs[1][2]
    other = tiny(seed=7)
    train(other, X[:200], y[:200], X[200:], y[200:], epochs=4, seed=8, device="cpu", progress=False)
    assert not all(torch.equal(a, b) for a, b in zip(runs[0][0], params(other)))  # batch order differs


def test_multiclass_with_cross_entropy():
    X, y = separable(300, classes=3)
    model = tiny(3)
    hist = train(model, X[:240], y[:240], X[240:], y[240:], task="multiclass", epochs=20, lr=1e-2,
                 device="cpu", progress=False, class_weight="balanced")
    assert hist.train_loss[-1] < 0.7 * hist.train_loss[0]
    proba = predict_scores(model, X[240:], task="multiclass")
    assert proba.shape == (60, 3) and proba.dtype == np.float64
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-6)
    assert (proba.argmax(axis=1) == y[240:]).mean() > 0.6  # chance is 1/3


def test_predict_scores_binary_are_sigmoid_probabilities():
    X, _ = separable(1000)
    model = tiny()
    p = predict_scores(model, X, batch_size=128)
    assert p.shape == (1000,) and ((p >= 0) & (p <= 1)).all()
    with torch.no_grad():
        expected = torch.sigmoid(model(torch.as_tensor(X)))[:, 0].numpy()
    np.testing.assert_allclose(p, expected, rtol=1e-6)


def test_wrong_logit_shape_is_explained():
    X, y = separable(32)
    with pytest.raises(ValueError, match=r"\(N, 1\)"):
        train(tiny(2), X, y, X, y, epochs=1, device="cpu", progress=False)
    with pytest.raises(ValueError, match="task"):
        train(tiny(), X, y, X, y, task="regression", epochs=1, device="cpu", progress=False)


def test_class_weight_sets_pos_weight(monkeypatch):
    made = []

    class BCESpy(nn.BCEWithLogitsLoss):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(kwargs.get("pos_weight"))

    monkeypatch.setattr(training.nn, "BCEWithLogitsLoss", BCESpy)
    X, _ = separable(40)
    y = np.array([1] * 10 + [0] * 30)
    train(tiny(), X, y, X, y, epochs=1, device="cpu", progress=False, class_weight="balanced")
    train(tiny(), X, y, X, y, epochs=1, device="cpu", progress=False, class_weight=2.5)
    assert made[0].item() == pytest.approx(3.0) and made[1].item() == pytest.approx(2.5)


def test_batchnorm_model_survives_a_lone_last_sample():
    X, y = separable(65)
    seed_everything(0)
    model = nn.Sequential(nn.Linear(L, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 1))
    hist = train(model, X, y, X, y, epochs=2, batch_size=64, device="cpu", progress=False)
    assert len(hist.train_loss) == 2 and np.isfinite(hist.train_loss).all()


def test_progress_false_prints_nothing_and_true_shows_a_bar(capsys):
    X, y = separable(64)
    train(tiny(), X, y, X, y, epochs=2, device="cpu", progress=False)
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""
    train(tiny(), X, y, X, y, epochs=2, device="cpu", progress=True)
    out = capsys.readouterr()
    assert "epoch" in out.err + out.out


def test_seed_everything_repeats_random_draws():
    seed_everything(3)
    a = (np.random.rand(), torch.rand(2))
    seed_everything(3)
    b = (np.random.rand(), torch.rand(2))
    assert a[0] == b[0] and torch.equal(a[1], b[1])
    assert torch.backends.cudnn.deterministic and not torch.backends.cudnn.benchmark


def test_default_device_follows_env_and_cuda(monkeypatch):
    monkeypatch.setenv("DLCOURSE_DEVICE", "cpu")
    assert default_device() == torch.device("cpu")
    X, y = separable(32)
    assert train(tiny(), X, y, X, y, epochs=1, progress=False).device == "cpu"
    monkeypatch.delenv("DLCOURSE_DEVICE")
    assert default_device().type == ("cuda" if torch.cuda.is_available() else "cpu")
    if not torch.cuda.is_available():
        monkeypatch.setenv("DLCOURSE_DEVICE", "cuda")
        with pytest.raises(RuntimeError, match="DLCOURSE_DEVICE"):
            default_device()


@pytest.mark.gpu
def test_train_on_cuda(monkeypatch):
    monkeypatch.delenv("DLCOURSE_DEVICE", raising=False)
    assert default_device().type == "cuda"
    X, y = separable(400)
    spy = Spy(tiny())
    hist = train(spy, X[:320], y[:320], X[320:], y[320:], epochs=20, lr=1e-2, progress=False)
    assert hist.device.startswith("cuda")
    assert {s[2] for s in spy.seen} == {"cuda"} and {s[0] for s in spy.seen} == {torch.float32}
    assert next(spy.parameters()).device.type == "cuda"
    assert hist.train_loss[-1] < 0.5 * hist.train_loss[0]
    p = predict_scores(spy, X[320:])
    assert p.shape == (80,) and ((p >= 0.5) == y[320:]).mean() > 0.9
    again = Spy(tiny())
    train(again, X[:320], y[:320], X[320:], y[320:], epochs=20, lr=1e-2, progress=False)
    for a, b in zip(params(spy), params(again)):
        torch.testing.assert_close(a, b, rtol=1e-5, atol=1e-6)
