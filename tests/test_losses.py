"""Exercise 3: each loss against torch.nn.functional (mean reduction), gradients against autograd."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

from autograder import torch_oracle
from solutions import losses as Lo
from tests.ledger import compare

pytestmark = pytest.mark.losses

shapes = hnp.array_shapes(min_dims=1, max_dims=2, max_side=10)
values = st.floats(-20, 20)
probs = st.floats(1e-6, 1 - 1e-6)


@st.composite
def regression_pair(draw):
    shape = draw(shapes)
    return (draw(hnp.arrays(np.float64, shape, elements=values)),
            draw(hnp.arrays(np.float64, shape, elements=values)))


@st.composite
def classification(draw):
    n, k = draw(st.integers(1, 12)), draw(st.integers(2, 6))
    logits = draw(hnp.arrays(np.float64, (n, k), elements=st.floats(-15, 15)))
    labels = draw(hnp.arrays(np.int64, (n,), elements=st.integers(0, k - 1)))
    return np.eye(k)[labels], Lo.softmax(logits)


@pytest.mark.parametrize("name", ["mse", "mae"])
@given(pair=regression_pair())
def test_regression_losses_match_torch(name, pair, device):
    """Do mse and mae equal F.mse_loss and F.l1_loss (mean reduction) to 1e-10?"""
    y, y_hat = pair
    expected, _ = torch_oracle.loss_and_grad(name, y, y_hat, device)
    compare("losses", getattr(Lo, name)(y, y_hat), expected, atol=1e-10, rtol=1e-12, what=name)


@given(pair=regression_pair(), beta=st.sampled_from([0.0, 0.1, 0.5, 1.0, 2.5, 10.0]))
def test_smooth_l1_matches_torch(pair, beta, device):
    """Does smooth_l1 equal F.smooth_l1_loss for every beta, beta = 0 (plain L1) included?"""
    y, y_hat = pair
    expected, _ = torch_oracle.loss_and_grad("smooth_l1", y, y_hat, device, beta=beta)
    compare("losses", Lo.smooth_l1(y, y_hat, beta=beta), expected, atol=1e-10, rtol=1e-12, what=f"beta={beta}")


@given(pair=regression_pair())
def test_mse_grad_matches_autograd(pair, device):
    """Is mse_grad the autograd gradient of the mean loss with respect to the prediction?"""
    y, y_hat = pair
    _, grad = torch_oracle.loss_and_grad("mse", y, y_hat, device)
    compare("losses", Lo.mse_grad(y, y_hat), grad, atol=1e-12, rtol=1e-12, what="mse_grad")


@st.composite
def binary(draw):
    shape = draw(shapes)
    y = draw(hnp.arrays(np.float64, shape, elements=st.sampled_from([0.0, 1.0])))
    return y, draw(hnp.arrays(np.float64, shape, elements=probs))


@given(pair=binary())
def test_binary_cross_entropy_and_grad_match_torch(pair, device):
    """Do BCE and its gradient equal F.binary_cross_entropy and autograd for p inside (0, 1)?"""
    y, p = pair
    expected, grad = torch_oracle.loss_and_grad("binary_cross_entropy", y, p, device)
    compare("losses", Lo.binary_cross_entropy(y, p), expected, atol=1e-10, rtol=1e-12, what="bce")
    compare("losses", Lo.binary_cross_entropy_grad(y, p), grad, atol=1e-10, rtol=1e-10, what="bce_grad")


@given(pair=binary(), soft=st.floats(0.0, 1.0))
def test_binary_cross_entropy_soft_targets(pair, soft, device):
    """Does BCE also match torch for soft targets y in [0, 1] (label smoothing)?"""
    y, p = pair
    y = np.abs(y - soft)
    expected, grad = torch_oracle.loss_and_grad("binary_cross_entropy", y, p, device)
    compare("losses", Lo.binary_cross_entropy(y, p), expected, atol=1e-10, rtol=1e-12)
    compare("losses", Lo.binary_cross_entropy_grad(y, p), grad, atol=1e-10, rtol=1e-10)


def test_cross_entropies_clip_probabilities():
    """Do BCE and CE clip p to [1e-12, 1 - 1e-12], staying finite at p = 0 and p = 1?"""
    bound = -np.log(1e-12)
    assert Lo.binary_cross_entropy(np.array([1.0]), np.array([0.0])) == pytest.approx(bound)
    assert Lo.binary_cross_entropy(np.array([0.0]), np.array([1.0])) == pytest.approx(bound, rel=1e-4)
    assert Lo.cross_entropy(np.array([[0.0, 1.0]]), np.array([[1.0, 0.0]])) == pytest.approx(bound)
    assert np.all(np.isfinite(Lo.binary_cross_entropy_grad(np.array([1.0, 0.0]), np.array([0.0, 1.0]))))


@given(case=classification())
def test_cross_entropy_matches_torch(case, device):
    """Does cross_entropy(y_onehot, p) equal F.cross_entropy on log p (mean over samples)?"""
    y, p = case
    p = np.clip(p, 1e-9, None)
    p = p / p.sum(axis=1, keepdims=True)
    expected, _ = torch_oracle.loss_and_grad("cross_entropy", y, p, device)
    compare("losses", Lo.cross_entropy(y, p), expected, atol=1e-10, rtol=1e-12, what="cross_entropy")


@given(z=hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=2, max_side=8),
                    elements=st.floats(-1e3, 1e3)))
def test_softmax_matches_torch_and_is_stable(z, device):
    """Does softmax equal torch.softmax on the last axis, rows summing to 1, for logits up to 1e3?"""
    expected = torch_oracle.numpy(torch_oracle.tensor(z, device).softmax(dim=-1))
    s = Lo.softmax(z)
    compare("losses", s, expected, atol=1e-12, what="softmax")
    np.testing.assert_allclose(s.sum(axis=-1), 1.0, atol=1e-12)


def test_shape_mismatch_is_refused():
    """Is a prediction of a different shape from the truth refused instead of broadcast?"""
    with pytest.raises(ValueError, match="same shape"):
        Lo.mse(np.zeros((4, 1)), np.zeros(4))


def test_negative_beta_is_refused():
    """Is a negative smooth-L1 beta refused, as torch refuses it?"""
    with pytest.raises(ValueError, match="beta"):
        Lo.smooth_l1(np.zeros(2), np.ones(2), beta=-1.0)


@pytest.mark.erratum
def test_erratum_cross_entropy_sign(device):
    """Is cross-entropy -Σ y log p, a positive number (the slide drops the minus sign)?"""
    y, p = np.array([[0.0, 1.0, 0.0]]), np.array([[0.2, 0.7, 0.1]])
    assert Lo.cross_entropy(y, p) == pytest.approx(-np.log(0.7))
    assert Lo.cross_entropy(y, p) > 0
    expected, _ = torch_oracle.loss_and_grad("cross_entropy", y, p, device)
    compare("losses", Lo.cross_entropy(y, p), expected, atol=1e-12)


@pytest.mark.erratum
@given(n=st.integers(1, 20), seed=st.integers(0, 1000))
def test_erratum_empirical_loss_averages_n_terms(n, seed, device):
    """Is the empirical loss (1/n) Σ_{i=1..n} l_i, the mean of exactly n terms (the slide starts at i = 0)?"""
    rng = np.random.default_rng(seed)
    y, y_hat = rng.normal(size=n), rng.normal(size=n)
    per_sample = (y - y_hat) ** 2
    assert Lo.mse(y, y_hat) == pytest.approx(per_sample.sum() / n, rel=1e-12)
    # Summing from i = 0 to n would need n + 1 samples; with n of them it can only mean dividing by n + 1.
    assert Lo.mse(y, y_hat) != pytest.approx(per_sample.sum() / (n + 1), rel=1e-9)
    expected, _ = torch_oracle.loss_and_grad("mse", y, y_hat, device)
    compare("losses", Lo.mse(y, y_hat), expected, atol=1e-10, rtol=1e-12)
