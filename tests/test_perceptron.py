"""Exercise 1: the perceptron's facts from the lecture, convergence, and determinism."""
from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, strategies as st

from solutions.perceptron import perceptron_predict, perceptron_train, sign, step

pytestmark = pytest.mark.perceptron

X_GATE = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
AND = np.array([0, 0, 0, 1.0])
OR = np.array([0, 1, 1, 1.0])
XOR = np.array([0, 1, 1, 0.0])


def test_step_and_sign_at_zero():
    """Do step and sign map z = 0 to 0 and -1 (unlike np.sign, which gives 0)?"""
    z = np.array([-2.0, -0.0, 0.0, 1e-300, 3.0])
    np.testing.assert_array_equal(step(z), [0, 0, 0, 1, 1])
    np.testing.assert_array_equal(sign(z), [-1, -1, -1, 1, 1])
    assert step(z).dtype == np.float64 and sign(z).dtype == np.float64


@pytest.mark.parametrize("b, truth", [(-0.8, AND), (-0.3, OR)], ids=["AND", "OR"])
def test_lecture_gate_weights(b, truth):
    """Do the lecture's weights w = (0.5, 0.5) with b = -0.8 / -0.3 give the AND / OR truth tables?"""
    np.testing.assert_array_equal(perceptron_predict(X_GATE, np.array([0.5, 0.5]), b), truth)


@pytest.mark.parametrize("truth", [AND, OR], ids=["AND", "OR"])
def test_training_converges_on_separable_gates(truth):
    """Does training converge on AND and OR, to weights that classify every sample?"""
    w, b, converged = perceptron_train(X_GATE, truth)
    assert converged
    np.testing.assert_array_equal(perceptron_predict(X_GATE, w, b), truth)


def test_training_does_not_converge_on_xor():
    """Does training report non-convergence on XOR, where no line separates the classes?"""
    w, b, converged = perceptron_train(X_GATE, XOR, max_epochs=1000)
    assert not converged
    assert not np.array_equal(perceptron_predict(X_GATE, w, b), XOR)


def test_and_trace_matches_hand_computation():
    """Does training on AND follow the lecture's update rule step by step (hand-computed result)?"""
    # Worked by hand with η = 1, (w, b) at the end of each pass:
    # 1: (1, 1), 1   2: (2, 1), 0   3: (2, 1), -1   4: (2, 2), -1   5: (2, 1), -2
    # 6: no update, so converged at w = (2, 1), b = -2.
    w, b, converged = perceptron_train(X_GATE, AND, lr=1.0)
    assert converged
    np.testing.assert_array_equal(w, [2.0, 1.0])
    assert b == -2.0
    assert _replay(X_GATE, AND, 1.0) == ([2.0, 1.0], -2.0, True)


def _replay(X, y, lr):
    """The lecture's pseudo-code transcribed literally (scalar loops), as an independent oracle."""
    w = [0.0] * X.shape[1]
    b = 0.0
    for _ in range(100):
        changed = False
        for j in range(len(y)):
            z = sum(w[i] * X[j, i] for i in range(len(w))) + b
            error = y[j] - (1.0 if z > 0 else 0.0)
            if error != 0:
                w = [w[i] + lr * error * X[j, i] for i in range(len(w))]
                b = b + lr * error
                changed = True
        if not changed:
            return w, b, True
    return w, b, False


@given(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 40), m=st.integers(1, 5),
       lr=st.sampled_from([0.1, 0.5, 1.0, 2.0]))
def test_matches_literal_pseudocode(seed, n, m, lr):
    """Does the reference agree with a literal transcription of the lecture's pseudo-code on random data?"""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, m)).round(3)
    y = (rng.random(n) > 0.5).astype(float)
    w, b, converged = perceptron_train(X, y, lr=lr, max_epochs=20)
    w_ref, b_ref, conv_ref = _replay_capped(X, y, lr, 20)
    np.testing.assert_allclose(w, w_ref, rtol=0, atol=1e-12)
    assert b == pytest.approx(b_ref, abs=1e-12) and converged == conv_ref


def _replay_capped(X, y, lr, epochs):
    w = np.zeros(X.shape[1]); b = 0.0
    for _ in range(epochs):
        changed = False
        for j in range(len(y)):
            error = y[j] - (1.0 if float(X[j] @ w) + b > 0 else 0.0)
            if error != 0:
                w = w + lr * error * X[j]; b += lr * error; changed = True
        if not changed:
            return w, b, True
    return w, b, False


@given(seed=st.integers(0, 2**32 - 1), n=st.integers(5, 60), m=st.integers(1, 4))
def test_converges_on_linearly_separable_data(seed, n, m):
    """Does training converge (perceptron convergence theorem) on data separated with a margin?"""
    rng = np.random.default_rng(seed)
    w_true, b_true = rng.normal(size=m), rng.normal()
    X = rng.normal(size=(n, m))
    margin = X @ w_true + b_true
    X = X[np.abs(margin) > 0.2]
    y = (X @ w_true + b_true > 0).astype(float)
    w, b, converged = perceptron_train(X, y, max_epochs=10_000)
    assert converged
    np.testing.assert_array_equal(perceptron_predict(X, w, b), y)


def test_reruns_are_bit_identical():
    """Do two runs on the same inputs give bit-identical weights, even without convergence?"""
    rng = np.random.default_rng(7)
    X, y = rng.normal(size=(50, 3)), (rng.random(50) > 0.5).astype(float)
    first, second = perceptron_train(X, y, lr=0.37, max_epochs=30), perceptron_train(X, y, lr=0.37, max_epochs=30)
    assert first[0].tobytes() == second[0].tobytes()
    assert first[1:] == second[1:]


def test_visit_order_matters():
    """Are samples visited in the given order (a reordered set may end at other weights)?"""
    outcomes = {tuple(perceptron_train(X_GATE[list(p)], AND[list(p)])[0])
                for p in itertools.permutations(range(4))}
    assert len(outcomes) > 1


def test_inputs_are_not_mutated_and_ints_accepted():
    """Does training leave its inputs untouched and accept integer arrays?"""
    X, y = X_GATE.astype(int), AND.astype(int)
    X0, y0 = X.copy(), y.copy()
    w, b, converged = perceptron_train(X, y)
    assert converged and w.dtype == np.float64
    np.testing.assert_array_equal(X, X0); np.testing.assert_array_equal(y, y0)


def test_rejects_mismatched_shapes():
    """Is a label vector of the wrong length refused with a clear message?"""
    with pytest.raises(ValueError, match="shape"):
        perceptron_train(X_GATE, AND[:3])
