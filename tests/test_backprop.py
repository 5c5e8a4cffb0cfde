"""Exercise 4: manual backprop dW and db against PyTorch autograd over many random MLPs."""
from __future__ import annotations

import ast
import inspect

import numpy as np
import pytest
import torch
from hypothesis import given, settings, strategies as st

from autograder import torch_oracle
from solutions import activations as A, backprop, losses as Lo
from tests.ledger import compare

pytestmark = pytest.mark.backprop

ACT = {"sigmoid": (A.sigmoid, A.sigmoid_grad), "tanh": (A.tanh, A.tanh_grad), "relu": (A.relu, A.relu_grad)}
LOSS = {"mse": Lo.mse_grad, "binary_cross_entropy": Lo.binary_cross_entropy_grad}


@st.composite
def mlps(draw):
    depth = draw(st.integers(1, 5))
    widths = [draw(st.integers(1, 16)) for _ in range(depth + 1)]
    batch = draw(st.integers(1, 32))
    activation = draw(st.sampled_from(sorted(ACT)))
    # BCE needs outputs in (0, 1), which only the sigmoid output layer guarantees.
    loss = draw(st.sampled_from(sorted(LOSS))) if activation == "sigmoid" else "mse"
    seed = draw(st.integers(0, 2**32 - 1))
    return widths, batch, activation, loss, seed


def make_network(widths, batch, loss, seed):
    rng = np.random.default_rng(seed)
    W = [rng.normal(scale=1 / np.sqrt(n_in), size=(n_out, n_in)) for n_in, n_out in zip(widths, widths[1:])]
    b = [rng.normal(scale=0.1, size=n_out) for n_out in widths[1:]]
    X = rng.normal(size=(batch, widths[0]))
    y = (rng.random((batch, widths[-1])) > 0.5).astype(float) if loss != "mse" else rng.normal(size=(batch, widths[-1]))
    return X, y, W, b


@settings(max_examples=400)
@given(net=mlps())
def test_gradients_match_autograd(net, device):
    """Do the manual dW and db equal autograd's for random MLPs (depth 1-5, widths 1-16, batch 1-32)?"""
    widths, batch, activation, loss, seed = net
    X, y, W, b = make_network(widths, batch, loss, seed)
    f, f_grad = ACT[activation]
    zs, activations = backprop.forward(X, W, b, f)
    deltas, dW, db = backprop.backward(y, zs, activations, W, f_grad, LOSS[loss])
    dW_torch, db_torch = torch_oracle.mlp_gradients(X, y, W, b, activation, loss, device)
    assert len(dW) == len(db) == len(deltas) == len(W)
    for layer, (ours, theirs) in enumerate(zip(dW + db, dW_torch + db_torch)):
        compare("backprop", ours, theirs, atol=1e-8, rtol=1e-8, what=f"{activation}/{loss}, gradient {layer}")


@given(net=mlps())
def test_forward_matches_torch(net, device):
    """Does forward return z(l) and a(l) as torch computes them, with a(0) = X?"""
    widths, batch, activation, loss, seed = net
    X, y, W, b = make_network(widths, batch, loss, seed)
    zs, activations = backprop.forward(X, W, b, ACT[activation][0])
    assert len(zs) == len(W) and len(activations) == len(W) + 1
    np.testing.assert_array_equal(activations[0], X)
    a = torch_oracle.tensor(X, device)
    for l, (w, v) in enumerate(zip(W, b)):
        z = a @ torch_oracle.tensor(w, device).T + torch_oracle.tensor(v, device)
        a = torch_oracle.ACTIVATIONS[activation](z)
        compare("backprop", zs[l], torch_oracle.numpy(z), atol=1e-12, rtol=1e-12, what=f"z({l + 1})")
        compare("backprop", activations[l + 1], torch_oracle.numpy(a), atol=1e-12, rtol=1e-12, what=f"a({l + 1})")


def test_deltas_are_dloss_dz(device):
    """Is δ(l) = dL/dz(l), checked on the last layer where it is dL/da(L) ⊙ σ'(z(L))?"""
    X, y, W, b = make_network([3, 4, 2], 5, "mse", 1)
    zs, acts = backprop.forward(X, W, b, A.tanh)
    deltas, _, _ = backprop.backward(y, zs, acts, W, A.tanh_grad, Lo.mse_grad)
    z = torch_oracle.tensor(zs[-1], device, requires_grad=True)
    loss = ((torch.tanh(z) - torch_oracle.tensor(y, device)) ** 2).mean()
    (grad,) = torch.autograd.grad(loss, z)
    compare("backprop", deltas[-1], torch_oracle.numpy(grad), atol=1e-12, what="delta(L)")


def test_inputs_are_not_mutated():
    """Are X, W and b left untouched by forward and backward?"""
    X, y, W, b = make_network([4, 3, 1], 6, "mse", 3)
    copies = [X.copy()] + [w.copy() for w in W] + [v.copy() for v in b]
    zs, acts = backprop.forward(X, W, b, A.sigmoid)
    backprop.backward(y, zs, acts, W, A.sigmoid_grad, Lo.mse_grad)
    for before, after in zip(copies, [X] + W + b):
        np.testing.assert_array_equal(before, after)


def test_reference_does_not_use_autograd():
    """Does the reference compute gradients by hand, importing neither torch nor any autograd library?"""
    tree = ast.parse(inspect.getsource(backprop))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
                for alias in node.names} | {node.module.split(".")[0] for node in ast.walk(tree)
                                            if isinstance(node, ast.ImportFrom) and node.module}
    assert not imported & {"torch", "jax", "autograd", "tensorflow"}

