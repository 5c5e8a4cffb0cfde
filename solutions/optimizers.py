"""Exercise 6: gradient-descent variants (numpy).

Each optimiser updates a list of numpy arrays in place, keeping its state per
position in the list, like ``torch.optim`` keeps it per parameter:

- SGD:       p <- p - lr * g
- Momentum:  b <- g at the first step, then b <- m * b + g;  p <- p - lr * b
- Adam:      m <- b1 m + (1 - b1) g,  v <- b2 v + (1 - b2) g^2,
             p <- p - lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps),  t = 1, 2, ...

Batch GD, SGD and mini-batch GD differ only in how many samples feed each step:
``minibatches`` shuffles the indices once per epoch and ``fit`` steps once per batch.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from numbers import Integral

import numpy as np


class Optimizer(ABC):
    """Common checks and per-position state for the optimisers below."""

    def __init__(self, lr: float):
        # ``not x >= 0`` also rejects NaN
        if not lr >= 0.0:
            raise ValueError(f"invalid learning rate: {lr} (must be >= 0)")
        self.lr = float(lr)
        self.state: list[dict] | None = None

    def _check(self, params, grads) -> list[np.ndarray]:
        params, grads = list(params), list(grads)
        if len(params) != len(grads):
            raise ValueError(f"got {len(params)} params but {len(grads)} grads")
        grads = [np.asarray(g) for g in grads]
        for i, (p, g) in enumerate(zip(params, grads)):
            if not isinstance(p, np.ndarray) or not np.issubdtype(p.dtype, np.floating):
                raise TypeError(f"params[{i}] must be a floating numpy array (it is updated in place)")
            if p.shape != g.shape:
                raise ValueError(f"params[{i}] has shape {p.shape} but grads[{i}] has shape {g.shape}")
        if self.state is None:
            self.state = [{} for _ in params]
        elif len(self.state) != len(params):
            # state is kept per position, so a different list would silently mix histories
            raise ValueError(f"this optimiser was used with {len(self.state)} params, now got {len(params)}")
        return grads

    @abstractmethod
    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        """Update every array of ``params`` in place from the matching gradient in ``grads``.

        State (buffers, moments, step count) is kept per position in the list. The gradient
        arrays are never changed, and may be integer arrays.
        """


class SGD(Optimizer):
    """Plain gradient descent: p <- p - lr * g."""

    def step(self, params, grads):
        grads = self._check(params, grads)
        for p, g in zip(params, grads):
            p -= self.lr * g


class Momentum(Optimizer):
    """Heavy ball as torch.optim.SGD(momentum=m, dampening=0): b <- g, then b <- m b + g; p <- p - lr b."""

    def __init__(self, lr: float, momentum: float = 0.9):
        super().__init__(lr)
        if not momentum >= 0.0:
            raise ValueError(f"invalid momentum: {momentum} (must be >= 0)")
        self.momentum = float(momentum)

    def step(self, params, grads):
        grads = self._check(params, grads)
        for p, g, s in zip(params, grads, self.state):
            if "buf" not in s:
                # torch starts the buffer at g, not at (1 - dampening) g nor at 0
                s["buf"] = np.array(g, dtype=p.dtype, copy=True)
            else:
                s["buf"] *= self.momentum
                s["buf"] += g
            p -= self.lr * s["buf"]


class Adam(Optimizer):
    """Adam with bias correction, in torch.optim.Adam's order of operations.

    m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2;
    p <- p - lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps),  t = 1 at the first step.
    """

    def __init__(self, lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8):
        super().__init__(lr)
        if len(betas) != 2:
            raise ValueError(f"betas must be a pair (beta1, beta2), got {betas!r}")
        for k, beta in enumerate(betas):
            if not 0.0 <= beta < 1.0:
                raise ValueError(f"invalid beta{k + 1}: {beta} (must be in [0, 1))")
        if not eps >= 0.0:
            raise ValueError(f"invalid eps: {eps} (must be >= 0)")
        self.betas = (float(betas[0]), float(betas[1]))
        self.eps = float(eps)
        self.t = 0

    def step(self, params, grads):
        grads = self._check(params, grads)
        beta1, beta2 = self.betas
        self.t += 1
        step_size = self.lr / (1 - beta1**self.t)
        bias_correction2_sqrt = (1 - beta2**self.t) ** 0.5
        weight = 1 - beta1
        for p, g, s in zip(params, grads, self.state):
            if not s:
                s["m"], s["v"] = np.zeros_like(p), np.zeros_like(p)
            m, v = s["m"], s["v"]
            # torch's lerp switches formula at weight 0.5 to stay accurate near both ends
            if abs(weight) < 0.5:
                m += weight * (g - m)
            else:
                m[...] = g - (g - m) * (1 - weight)
            v *= beta2
            v += (1 - beta2) * g * g
            denom = np.sqrt(v) / bias_correction2_sqrt + self.eps
            p += -step_size * m / denom


def minibatches(n: int, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """One epoch of shuffled index batches: rng.permutation(n) cut into runs of batch_size.

    Returns a list of 1-D integer arrays. Every index 0..n-1 appears exactly once;
    every batch holds batch_size indices except the last, which holds the rest.
    batch_size = n is batch GD, 1 is SGD; batch_size > n gives a single batch.
    """
    for name, value in (("n", n), ("batch_size", batch_size)):
        if not isinstance(value, Integral) or isinstance(value, bool):
            raise TypeError(f"{name} must be an integer, got {value!r}")
    if n < 1:
        raise ValueError(f"n must be >= 1, got {n}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size}")
    if not isinstance(rng, np.random.Generator):
        raise TypeError("rng must be a numpy Generator, e.g. np.random.default_rng(seed)")
    order = rng.permutation(n)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def fit(X, y, model_grad, params, optimizer, batch_size, epochs, seed) -> np.ndarray:
    """Train ``params`` in place; return the full-training-set loss before training and after each epoch.

    ``model_grad(params, X, y) -> (loss, grads)``. One generator, ``np.random.default_rng(seed)``,
    made once, gives ``minibatches(len(X), batch_size, rng)`` every epoch, and the optimizer makes
    one ``step`` per batch. Returns a float64 array of length epochs + 1. X and y are not changed.
    """
    X, y = np.asarray(X), np.asarray(y)
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} samples but y has {len(y)}")
    if not isinstance(epochs, Integral) or isinstance(epochs, bool) or epochs < 0:
        raise ValueError(f"epochs must be an integer >= 0, got {epochs!r}")
    rng = np.random.default_rng(seed)
    history = [model_grad(params, X, y)[0]]
    for _ in range(epochs):
        for idx in minibatches(len(X), batch_size, rng):
            _, grads = model_grad(params, X[idx], y[idx])
            optimizer.step(params, grads)
        history.append(model_grad(params, X, y)[0])
    return np.asarray(history, dtype=np.float64)


def _logits(params, X, y) -> np.ndarray:
    w, b = params
    z = X @ w + b
    # a column y of shape (n, 1) would broadcast against z into an (n, n) loss without an error
    if np.shape(y) != z.shape:
        raise ValueError(f"y must have shape {z.shape} (one target per row of X), got {np.shape(y)}")
    return z


def linear_regression_grad(params, X, y):
    """MSE of y_hat = X w + b: L = mean((y_hat - y)^2); dL/dw = 2/n X^T r, dL/db = 2/n sum(r), r = y_hat - y."""
    r = _logits(params, X, y) - y
    n = len(y)
    return float(np.mean(r**2)), [2.0 / n * (X.T @ r), np.asarray(2.0 / n * r.sum())]


def logistic_regression_grad(params, X, y):
    """Mean binary cross-entropy of sigmoid(z), z = X w + b, y in {0, 1}.

    From logits, L = mean(log(1 + e^z) - y z) (no log of a rounded probability, no overflow);
    dL/dz = (sigmoid(z) - y) / n, so dL/dw = X^T dL/dz and dL/db = sum(dL/dz).
    """
    z = _logits(params, X, y)
    n = len(y)
    loss = np.mean(np.logaddexp(0.0, z) - y * z)
    # sigmoid(z) = exp(-log(1 + e^-z)), which neither overflows nor warns for large |z|
    dz = (np.exp(-np.logaddexp(0.0, -z)) - y) / n
    return float(loss), [X.T @ dz, np.asarray(dz.sum())]
