"""Exercise 4: manual backpropagation through an MLP (numpy, no autograd).

Weights ``W[l]`` have shape (n_out, n_in) and biases ``b[l]`` shape (n_out,), as
in ``torch.nn.Linear``; the batch is in rows:

    a(0) = X,  z(l) = a(l-1) @ W(l).T + b(l),  a(l) = σ(z(l)).

Backward pass, with dL/da(L) already carrying the 1/n of the mean loss:

    δ(L) = dL/da(L) ⊙ σ'(z(L)),   δ(l) = (δ(l+1) @ W(l+1)) ⊙ σ'(z(l)),
    dW(l) = δ(l).T @ a(l-1),       db(l) = Σ_batch δ(l).
"""
from __future__ import annotations

import numpy as np

from solutions._arrays import as_float


def forward(X, W, b, activation):
    """Return ``(zs, activations)``: zs[l-1] = z(l) for l = 1..L, activations[l] = a(l), a(0) = X."""
    a = as_float(X)
    if len(W) != len(b):
        raise ValueError(f"W and b must have one entry per layer; got {len(W)} and {len(b)}")
    zs, activations = [], [a]
    for W_l, b_l in zip(W, b):
        z = a @ as_float(W_l).T + as_float(b_l)
        a = activation(z)
        zs.append(z)
        activations.append(a)
    return zs, activations


def backward(y, zs, activations, W, activation_grad, loss_grad):
    """Return ``(deltas, dW, db)``, one entry per layer in forward order.

    ``loss_grad(y, a_L)`` gives dL/da(L) of the *mean* loss, so no extra 1/n here.
    """
    L = len(zs)
    deltas, dW, db = [None] * L, [None] * L, [None] * L
    delta = as_float(loss_grad(y, activations[-1])) * activation_grad(zs[-1])
    for l in reversed(range(L)):
        if l < L - 1:
            # δ(l) flows back through the weights of the layer above it, W(l+1).
            delta = (deltas[l + 1] @ as_float(W[l + 1])) * activation_grad(zs[l])
        deltas[l] = delta
        dW[l] = delta.T @ activations[l]
        db[l] = delta.sum(axis=0)
    return deltas, dW, db
