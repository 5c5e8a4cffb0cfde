"""``dlcourse verify``: prove the reference solutions against PyTorch on fresh random inputs.

A quick, self-contained version of what the test-suite proves exhaustively, for an
instructor who wants to see on their own machine (CPU or GPU) that the references
behind the grades are right before a term starts.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import torch

from autograder import torch_oracle as T
from solutions import activations as A, backprop, convolution as C, losses as Lo, optimizers as O, perceptron as P


@dataclass
class Check:
    exercise: str
    tolerance: float
    comparisons: int = 0
    max_error: float = 0.0
    failures: list[str] = field(default_factory=list)

    def compare(self, what: str, ours, theirs) -> None:
        ours, theirs = np.asarray(ours, dtype=np.float64), np.asarray(theirs, dtype=np.float64)
        self.comparisons += 1
        if ours.shape != theirs.shape:
            self.failures.append(f"{what}: shape {ours.shape} != {theirs.shape}")
            self.max_error = float("inf")
            return
        err = float(np.max(np.abs(ours - theirs))) if ours.size else 0.0
        self.max_error = max(self.max_error, err)
        if not err <= self.tolerance:
            self.failures.append(f"{what}: error {err:.3g} > {self.tolerance:g}")

    def expect(self, what: str, ok: bool) -> None:
        self.comparisons += 1
        if not ok:
            self.failures.append(what)

    @property
    def passed(self) -> bool:
        return not self.failures


def _perceptron(rng, device, check: Check) -> None:
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    check.expect("AND with b=-0.8", np.array_equal(P.perceptron_predict(X, [0.5, 0.5], -0.8), [0, 0, 0, 1]))
    check.expect("OR with b=-0.3", np.array_equal(P.perceptron_predict(X, [0.5, 0.5], -0.3), [0, 1, 1, 1]))
    check.expect("AND converges", P.perceptron_train(X, np.array([0, 0, 0, 1.0]))[2])
    check.expect("XOR does not converge", not P.perceptron_train(X, np.array([0, 1, 1, 0.0]))[2])


def _activations(rng, device, check: Check) -> None:
    z = rng.normal(scale=4, size=1000)
    z[np.abs(z) < 1e-6] = 1e-6  # autograd's kink convention differs from the lecture's at 0
    for name in T.ACTIVATIONS:
        value, grad = T.activation_and_grad(name, z, device)
        check.compare(name, getattr(A, name)(z), value)
        check.compare(f"{name}_grad", getattr(A, f"{name}_grad")(z), grad)


def _losses(rng, device, check: Check) -> None:
    y, y_hat = rng.normal(size=(64, 3)), rng.normal(size=(64, 3))
    for name in ("mse", "mae", "smooth_l1"):
        check.compare(name, getattr(Lo, name)(y, y_hat), T.loss_and_grad(name, y, y_hat, device)[0])
    check.compare("mse_grad", Lo.mse_grad(y, y_hat), T.loss_and_grad("mse", y, y_hat, device)[1])
    t, p = (rng.random((64, 1)) > 0.5).astype(float), rng.uniform(0.01, 0.99, size=(64, 1))
    loss, grad = T.loss_and_grad("binary_cross_entropy", t, p, device)
    check.compare("binary_cross_entropy", Lo.binary_cross_entropy(t, p), loss)
    check.compare("binary_cross_entropy_grad", Lo.binary_cross_entropy_grad(t, p), grad)
    onehot, probs = np.eye(5)[rng.integers(0, 5, 64)], Lo.softmax(rng.normal(scale=3, size=(64, 5)))
    check.compare("cross_entropy", Lo.cross_entropy(onehot, probs), T.loss_and_grad("cross_entropy", onehot, probs, device)[0])


def _backprop(rng, device, check: Check) -> None:
    for trial in range(20):
        widths = list(rng.integers(1, 17, size=rng.integers(2, 7)))
        W = [rng.normal(size=(o, i)) / np.sqrt(i) for i, o in zip(widths, widths[1:])]
        b = [rng.normal(scale=0.1, size=o) for o in widths[1:]]
        X = rng.normal(size=(int(rng.integers(1, 33)), widths[0]))
        y = rng.normal(size=(X.shape[0], widths[-1]))
        name = ("sigmoid", "tanh", "relu")[trial % 3]
        zs, acts = backprop.forward(X, W, b, getattr(A, name))
        _, dW, db = backprop.backward(y, zs, acts, W, getattr(A, f"{name}_grad"), Lo.mse_grad)
        dW_t, db_t = T.mlp_gradients(X, y, W, b, name, "mse", device)
        for layer, (ours, theirs) in enumerate(zip(dW + db, dW_t + db_t)):
            check.compare(f"{name} net {trial}, gradient {layer}", ours, theirs)


def _convolution(rng, device, check: Check) -> None:
    x = [3, 1, 0, 3, -1, 3, 0, 2, 1, -1, 0, 4]
    check.compare("lecture conv example", C.conv1d(x, [2, 0, 1, 1]), [9, 4, 2, 9, 0, 9, 0, 3, 6])
    check.compare("lecture max-pool example", C.max_pool1d(x, 2), [3, 3, 3, 2, 1, 4])
    for _ in range(50):
        L, k, s, p, d = (int(v) for v in (rng.integers(8, 40), rng.integers(1, 6), rng.integers(1, 4),
                                          rng.integers(0, 3), rng.integers(1, 3)))
        x, kernel = rng.normal(size=L), rng.normal(size=k)
        check.compare("conv1d", C.conv1d(x, kernel, s, p, d), T.conv1d(x, kernel, device, s, p, d))
        layer = torch.nn.Conv1d(1, 1, k, s, p, d)
        check.expect("conv1d_out_len", C.conv1d_out_len(L, k, s, p, d) == T.layer_output_len(layer, L, device))
        check.compare("max_pool1d", C.max_pool1d(x, k, s), T.max_pool1d(x, k, device, s))
        check.compare("avg_pool1d", C.avg_pool1d(x, k, s), T.avg_pool1d(x, k, device, s))


def _optimizers(rng, device, check: Check) -> None:
    A_, target = rng.normal(size=(6, 4)), rng.normal(size=6)

    def grads(params):
        w, c = params
        r = A_ @ w + c - target
        return [2 * A_.T @ r / len(r), np.array(2 * r.mean())]

    cases = [("sgd", O.SGD(lr=0.05), {"lr": 0.05}),
             ("sgd", O.Momentum(lr=0.05, momentum=0.9), {"lr": 0.05, "momentum": 0.9}),
             ("adam", O.Adam(lr=0.01), {"lr": 0.01})]
    for name, ours, hyper in cases:
        params0 = [rng.normal(size=4), np.array(0.3)]
        theirs = T.optimizer_trajectory(name, params0, grads, 50, device, **hyper)
        params = [p.copy() for p in params0]
        for t, expected in enumerate(theirs):
            ours.step(params, grads(params))
            for p, e in zip(params, expected):
                check.compare(f"{type(ours).__name__} step {t + 1}", p, e)


EXERCISES: list[tuple[str, float, Callable]] = [
    ("1 perceptron", 0.0, _perceptron),
    ("2 activations", 1e-12, _activations),
    ("3 losses", 1e-10, _losses),
    ("4 backprop", 1e-8, _backprop),
    ("5 convolution", 1e-10, _convolution),
    ("6 optimizers", 1e-10, _optimizers),
]


def verify(seed: int = 0, device: torch.device | None = None) -> list[Check]:
    """Run every exercise's checks; return one :class:`Check` per exercise."""
    from solutions.device import default_device

    device = device or default_device()
    rng = np.random.default_rng(seed)
    results = []
    for name, tolerance, run in EXERCISES:
        check = Check(name, tolerance)
        try:
            run(rng, device, check)
        except Exception as exc:  # a crash is a failed verification, reported, not a traceback
            check.failures.append(f"crashed: {type(exc).__name__}: {exc}")
        results.append(check)
    return results
