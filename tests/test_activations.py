"""Exercise 2: activations and derivatives against PyTorch autograd, and the lecture's z = 0 convention."""
from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, strategies as st

from autograder import torch_oracle
from solutions import activations as A
from tests.ledger import compare
from tests.strategies import away_from_zero, float_arrays

pytestmark = pytest.mark.activations

PAIRS = {
    "sigmoid": (A.sigmoid, A.sigmoid_grad),
    "tanh": (A.tanh, A.tanh_grad),
    "relu": (A.relu, A.relu_grad),
    "leaky_relu": (A.leaky_relu, A.leaky_relu_grad),
}


@pytest.mark.parametrize("name", sorted(PAIRS))
@given(z=float_arrays())
def test_activation_and_derivative_match_autograd(name, z, device):
    """Do σ and σ' equal torch's activation and its autograd derivative on random inputs (off z = 0)?"""
    z = away_from_zero(z)
    f, f_grad = PAIRS[name]
    value, grad = torch_oracle.activation_and_grad(name, z, device)
    compare("activations", f(z), value, atol=1e-12, rtol=1e-12, what=f"{name}({z.shape})")
    compare("activations", f_grad(z), grad, atol=1e-12, rtol=1e-12, what=f"{name}_grad")


@given(z=float_arrays(), alpha=st.floats(0.0, 0.5))
def test_leaky_relu_alpha_matches_autograd(z, alpha, device):
    """Is leaky_relu's alpha honoured, in the value and in the derivative?"""
    z = away_from_zero(z)
    value, grad = torch_oracle.activation_and_grad("leaky_relu", z, device, alpha=alpha)
    compare("activations", A.leaky_relu(z, alpha), value, atol=1e-12, rtol=1e-12)
    compare("activations", A.leaky_relu_grad(z, alpha), grad, atol=1e-12, rtol=1e-12)


def test_lecture_convention_at_zero(device):
    """Does relu'(0) = 1 and leaky_relu'(0) = 1, as the lecture says (autograd gives 0 and alpha)?"""
    zero = np.zeros(3)
    np.testing.assert_array_equal(A.relu_grad(zero), 1.0)
    np.testing.assert_array_equal(A.leaky_relu_grad(zero, alpha=0.2), 1.0)
    _, torch_relu = torch_oracle.activation_and_grad("relu", zero, device)
    _, torch_leaky = torch_oracle.activation_and_grad("leaky_relu", zero, device, alpha=0.2)
    # Pinning torch's choice too documents why the oracle comparisons avoid z = 0.
    np.testing.assert_array_equal(torch_relu, 0.0)
    np.testing.assert_array_equal(torch_leaky, 0.2)


def test_smooth_functions_at_zero():
    """Are sigmoid, tanh and their derivatives exact at z = 0 (1/2, 0, 1/4, 1)?"""
    assert A.sigmoid(0.0) == 0.5 and A.sigmoid_grad(0.0) == 0.25
    assert A.tanh(0.0) == 0.0 and A.tanh_grad(0.0) == 1.0


def test_sigmoid_is_stable_for_large_inputs(device):
    """Does sigmoid stay finite, exact in the limits and silent for |z| up to 1e3?"""
    z = np.array([-1e3, -745.0, -710.0, -50.0, 50.0, 710.0, 1e3])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s, ds = A.sigmoid(z), A.sigmoid_grad(z)
    assert np.all(np.isfinite(s)) and np.all(np.isfinite(ds))
    assert s[0] == 0.0 and s[-1] == 1.0
    value, grad = torch_oracle.activation_and_grad("sigmoid", z, device)
    compare("activations", s, value, atol=1e-300, rtol=1e-12, what="sigmoid, large |z|")
    compare("activations", ds, grad, atol=1e-300, rtol=1e-12, what="sigmoid_grad, large |z|")


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_accepts_scalars_lists_and_ints(name):
    """Do the functions accept Python scalars, lists and integer arrays, returning float64?"""
    f, f_grad = PAIRS[name]
    for z in (2, -3.0, [1, -2, 0], np.array([[1, -1], [2, 0]])):
        for out in (f(z), f_grad(z)):
            assert np.asarray(out).dtype == np.float64
            assert np.shape(out) == np.shape(z)


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_inputs_not_mutated(name):
    """Are the inputs left untouched?"""
    z = np.linspace(-3, 3, 7)
    z0 = z.copy()
    f, f_grad = PAIRS[name]
    f(z); f_grad(z)
    np.testing.assert_array_equal(z, z0)


@pytest.mark.erratum
@given(z=float_arrays(elements=st.floats(-5, 5)))
def test_erratum_tanh_derivative(z, device):
    """Is tanh' = 1 - tanh(z)^2 (autograd's), and not the slide's (1 - σ(z))^2?"""
    z = away_from_zero(z, margin=1e-3)
    _, grad = torch_oracle.activation_and_grad("tanh", z, device)
    compare("activations", A.tanh_grad(z), grad, atol=1e-12, rtol=1e-12, what="tanh_grad")
    slide = (1.0 - np.tanh(z)) ** 2
    assert not np.allclose(slide, grad), "the slide's formula should differ from the true derivative"
