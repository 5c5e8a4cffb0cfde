"""Exercise 1: Rosenblatt's perceptron and its learning algorithm.

The lecture's algorithm, exactly: start from w = 0, b = 0; visit the samples in
the given order; error = y_j - ŷ_j; update w += η·error·x_j and b += η·error only
when the error is non-zero; stop as soon as a full pass makes no update.
"""
from __future__ import annotations

import numpy as np

from solutions._arrays import as_float


def step(z):
    """Heaviside step: 1 where z > 0, else 0 (z = 0 maps to 0, as in the lecture)."""
    return (as_float(z) > 0).astype(np.float64)


def sign(z):
    """1 where z > 0, else -1. Not ``np.sign``, which returns 0 at z = 0."""
    return np.where(as_float(z) > 0, 1.0, -1.0)


def perceptron_predict(X, w, b):
    """ŷ = step(X @ w + b): X of shape (n, m), w of shape (m,), b a number; returns n zeros and ones, shape (n,)."""
    return step(as_float(X) @ as_float(w) + float(b))


def perceptron_train(X, y, lr=1.0, max_epochs=100):
    """Train a perceptron on labels y ∈ {0, 1}; return ``(w, b, converged)``.

    Start from w = 0 (shape (m,)) and b = 0. Visit the samples in the given order;
    for each, error = y_j - step(x_j · w + b), and only when error != 0 update
    w <- w + lr·error·x_j and b <- b + lr·error. ``converged`` is True as soon as
    one full pass over the data makes no update; after ``max_epochs`` passes with
    updates it is False (for example on XOR, which no line separates).
    """
    X = as_float(X)
    y = as_float(y)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError(f"X must have shape (n, m) and y shape (n,); got X {X.shape} and y {y.shape}")
    w = np.zeros(X.shape[1])
    b = 0.0
    for _ in range(int(max_epochs)):
        updated = False
        # The update of sample j changes the prediction for sample j+1, so this
        # loop is sequential by nature and cannot be vectorised.
        for x_j, y_j in zip(X, y):
            error = y_j - (1.0 if x_j @ w + b > 0 else 0.0)
            if error != 0:
                w = w + lr * error * x_j
                b = b + lr * error
                updated = True
        if not updated:
            return w, float(b), True
    return w, float(b), False
