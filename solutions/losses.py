"""Exercise 3: loss functions, with the empirical loss as a mean.

Argument order is the lecture's l(y, ŷ): truth first, prediction second. Each
loss equals the matching ``torch.nn.functional`` loss with ``reduction="mean"``:
regression losses average over every element, the cross-entropies over samples.
The empirical loss is L = (1/n) Σ_{i=1..n} l(y_i, ŷ_i) (the slide's i = 0 is an
erratum: that would be n + 1 terms).
"""
from __future__ import annotations

import numpy as np

from solutions._arrays import as_float

EPS = 1e-12


def _pair(y, y_hat):
    y, y_hat = as_float(y), as_float(y_hat)
    if y.shape != y_hat.shape:
        raise ValueError(f"y and y_hat must have the same shape; got {y.shape} and {y_hat.shape}")
    return y, y_hat


def _clip(p):
    return np.clip(as_float(p), EPS, 1.0 - EPS)


def mse(y, y_hat):
    """Mean squared error: mean of (y - ŷ)^2."""
    y, y_hat = _pair(y, y_hat)
    return float(np.mean((y - y_hat) ** 2))


def mse_grad(y, y_hat):
    """dMSE/dŷ = 2 (ŷ - y) / N, N the number of elements (the mean's 1/N included)."""
    y, y_hat = _pair(y, y_hat)
    return 2.0 * (y_hat - y) / y.size


def mae(y, y_hat):
    """Mean absolute error (L1): mean of |y - ŷ|."""
    y, y_hat = _pair(y, y_hat)
    return float(np.mean(np.abs(y - y_hat)))


def smooth_l1(y, y_hat, beta=1.0):
    """Smooth L1: 0.5 d^2 / β where |d| < β, else |d| - 0.5 β; β = 0 is plain L1."""
    if beta < 0:
        raise ValueError(f"beta must be non-negative; got {beta}")
    y, y_hat = _pair(y, y_hat)
    d = np.abs(y - y_hat)
    if beta == 0:
        # The quadratic branch would divide by zero; torch also falls back to L1.
        return float(np.mean(d))
    return float(np.mean(np.where(d < beta, 0.5 * d * d / beta, d - 0.5 * beta)))


def binary_cross_entropy(y, p):
    """Mean of -[y log p + (1 - y) log(1 - p)], p clipped to [1e-12, 1 - 1e-12]."""
    y, p = _pair(y, p)
    p = _clip(p)
    return float(np.mean(-(y * np.log(p) + (1.0 - y) * np.log(1.0 - p))))


def binary_cross_entropy_grad(y, p):
    """dBCE/dp = (p - y) / (p (1 - p)) / N, N the number of elements, p clipped to [1e-12, 1 - 1e-12] as in the loss."""
    y, p = _pair(y, p)
    p = _clip(p)
    return (p - y) / (p * (1.0 - p)) / y.size


def softmax(z):
    """Softmax along the last axis; subtracting the row maximum keeps large logits finite."""
    z = as_float(z)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def cross_entropy(y_onehot, p):
    """Mean over samples of l_i = -Σ_j y_ij log p_ij (the slide drops the minus sign).

    ``y_onehot`` and ``p`` are (n, k); p holds probabilities (not logits), clipped
    to [1e-12, 1 - 1e-12]. A single sample may be given as a (k,) vector.
    """
    y, p = _pair(y_onehot, p)
    p = _clip(p)
    per_sample = -np.sum(y * np.log(p), axis=-1)
    return float(np.mean(per_sample))
