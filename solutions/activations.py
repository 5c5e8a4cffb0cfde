"""Exercise 2: activation functions and their derivatives (elementwise, numpy).

Each ``*_grad`` returns dσ/dz evaluated at z. At exactly z = 0 the lecture's
convention holds: relu'(0) = 1 and leaky_relu'(0) = 1 (PyTorch's autograd picks
0 and alpha there; both are valid subgradients, the course follows the lecture).
"""
from __future__ import annotations

import numpy as np

from solutions._arrays import as_float


def sigmoid(z):
    """σ(z) = 1 / (1 + e^{-z}), computed without overflow for any |z|."""
    z = as_float(z)
    # exp(-|z|) is at most 1, so neither branch can overflow; np.exp(-z) alone
    # overflows (and warns) for z < -709.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_grad(z):
    """σ'(z) = σ(z)(1 - σ(z))."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z):
    """tanh(z) = (1 - e^{-2z}) / (1 + e^{-2z})."""
    return np.tanh(as_float(z))


def tanh_grad(z):
    """tanh'(z) = 1 - tanh(z)^2 (the slide's (1 - σ(z))^2 is an erratum)."""
    t = np.tanh(as_float(z))
    return 1.0 - t * t


def relu(z):
    """max(0, z)."""
    return np.maximum(as_float(z), 0.0)


def relu_grad(z):
    """1 where z >= 0, else 0 (the lecture's convention at z = 0)."""
    return np.where(as_float(z) >= 0, 1.0, 0.0)


def leaky_relu(z, alpha=0.01):
    """z where z >= 0, else alpha·z."""
    z = as_float(z)
    return np.where(z >= 0, z, alpha * z)


def leaky_relu_grad(z, alpha=0.01):
    """1 where z >= 0, else alpha (the lecture's convention at z = 0)."""
    return np.where(as_float(z) >= 0, 1.0, float(alpha))
