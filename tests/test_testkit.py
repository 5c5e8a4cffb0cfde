"""The shipped dlcourse_testkit: strict about types, guards inputs, and says only safe things."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from autograder.shipped.dlcourse_testkit import (
    CheckFailed, call, expect_array, expect_bool, expect_int, expect_number, expect_raises, expect_sequence,
    expect_tensor,
    no_autograd,
)


class AlwaysEqual:
    def __eq__(self, other):
        return True

    shape = (3,)


class ArrayFunctionForger:
    def __array_function__(self, func, types, args, kwargs):
        return True

    def __array_ufunc__(self, *args, **kwargs):
        return True


class Sub(np.ndarray):
    pass


class FloatSub(float):
    def __eq__(self, other):
        return True

    __hash__ = float.__hash__


EXPECTED = np.array([0.1, 0.2, 0.3])


@pytest.mark.parametrize("forged", [AlwaysEqual(), ArrayFunctionForger(), torch.tensor(EXPECTED),
                                    EXPECTED.view(Sub), EXPECTED.tolist(), None],
                         ids=["always-equal", "array-function", "tensor", "ndarray-subclass", "list", "none"])
def test_expect_array_refuses_anything_but_an_exact_ndarray(forged):
    """Does expect_array give nothing to forged objects, tensors, subclasses or lists, even with the right values?"""
    with pytest.raises(CheckFailed, match="must be a numpy array"):
        expect_array(forged, EXPECTED, "f")


@pytest.mark.parametrize("forged", [FloatSub(0.5), torch.tensor(0.5), "0.5", True, AlwaysEqual()],
                         ids=["float-subclass", "tensor", "string", "bool", "always-equal"])
def test_expect_number_refuses_forged_numbers(forged):
    """Does expect_number refuse float subclasses, tensors, strings and bools?"""
    with pytest.raises(CheckFailed, match="must be a number"):
        expect_number(forged, 0.5, "loss")


@pytest.mark.parametrize("good", [0.5, np.float64(0.5), np.float32(0.5), np.array(0.5)])
def test_expect_number_accepts_plain_numbers(good):
    """Are Python floats, numpy scalars and 0-d arrays accepted as numbers?"""
    expect_number(good, 0.5, "loss")


def test_expect_array_accepts_valid_dtypes_and_float32_precision():
    """Are integer arrays and float32 arrays (at float32 precision) accepted when the values are right?"""
    expect_array(np.array([1, 2, 3]), [1.0, 2.0, 3.0], "f")
    expect_array((EXPECTED + 1e-7).astype(np.float32), EXPECTED, "f")
    with pytest.raises(CheckFailed, match="dtype"):
        expect_array(np.array([True, False, True]), [1.0, 0.0, 1.0], "f")


@pytest.mark.parametrize("got, message", [
    (-EXPECTED, "wrong sign"),
    (EXPECTED * 2, "is wrong"),
    (EXPECTED.reshape(3, 1), "shape"),
    (np.array([0.1, np.nan, 0.3]), "NaN"),
])
def test_expect_array_diagnoses_without_revealing_values(got, message):
    """Does a failure name the problem (sign, shape, NaN) without printing the expected values?"""
    with pytest.raises(CheckFailed, match=message) as info:
        expect_array(got, EXPECTED, "dW of layer 2")
    text = str(info.value)
    assert "dW of layer 2" in text
    assert "0.1" not in text and "0.2" not in text and "0.3" not in text


def test_call_catches_in_place_mutation_and_protects_the_callers_arrays():
    """Does call() fail a function that mutates its input, while the test's own array stays intact?"""
    def clip_in_place(z):
        z[z < 0] = 0
        return z

    z = np.array([-1.0, 2.0])
    with pytest.raises(CheckFailed, match="modifies its input"):
        call(clip_in_place, z)
    np.testing.assert_array_equal(z, [-1.0, 2.0])
    params = [np.ones(2)]
    with pytest.raises(CheckFailed, match="modifies"):
        call(lambda ps: ps[0].__isub__(1.0), params)


def test_call_reports_crashes_and_missing_functions_by_name():
    """Does call() turn a crash into a safe message naming the exception type, and a missing function into 'not defined'?"""
    def boom(z):
        raise ZeroDivisionError("secret expected value 0.731")

    with pytest.raises(CheckFailed) as info:
        call(boom, np.zeros(1))
    assert "ZeroDivisionError" in str(info.value) and "0.731" not in str(info.value)
    with pytest.raises(CheckFailed, match="not defined"):
        call(None, 1.0, name="sigmoid")


def test_scalar_and_sequence_checks():
    """Do expect_int, expect_bool and expect_sequence insist on the right kinds?"""
    expect_int(np.int64(3), 3, "n")
    for bad in (3.0, True, "3"):
        with pytest.raises(CheckFailed):
            expect_int(bad, 3, "n")
    expect_bool(np.bool_(True), True, "converged")
    with pytest.raises(CheckFailed):
        expect_bool(1, True, "converged")
    assert expect_sequence((1, 2), 2, "zs") == [1, 2]
    with pytest.raises(CheckFailed):
        expect_sequence(np.zeros(2), 2, "zs")


def test_expect_raises():
    """Does expect_raises pass only when the right exception is raised?"""
    def refuse(n):
        raise ValueError("no")

    expect_raises(ValueError, refuse, 1, what="f")
    with pytest.raises(CheckFailed, match="does not raise"):
        expect_raises(ValueError, lambda n: n, 1, what="f")
    with pytest.raises(CheckFailed, match="raises TypeError"):
        expect_raises(ValueError, lambda n: n + "x", 1, what="f")


def test_no_autograd_fails_code_that_uses_autograd():
    """Does no_autograd fail code that calls .backward() or torch.autograd.grad, and restore torch afterwards?"""
    def manual(x):
        return 2 * x

    def sneaky(x):
        t = torch.tensor(x, requires_grad=True)
        (t ** 2).sum().backward()
        return t.grad.numpy()

    with no_autograd("backward"):
        manual(np.ones(2))
    with pytest.raises(CheckFailed, match="autograd"):
        with no_autograd("backward"):
            sneaky(np.ones(2))
    t = torch.ones(2, requires_grad=True)
    (t * 3).sum().backward()
    assert t.grad.tolist() == [3.0, 3.0]


def test_no_autograd_cannot_be_silenced_by_catching():
    """Is autograd use detected even if the student's code swallows the exception?"""
    def swallowing(x):
        try:
            torch.autograd.grad(torch.ones(1, requires_grad=True).sum(), [])
        except Exception:
            pass
        return x

    with pytest.raises(CheckFailed, match="autograd"):
        with no_autograd("backward"):
            swallowing(1.0)


def test_no_autograd_covers_functional_apis_and_late_imports():
    """Are torch.func.grad and torch.autograd.functional refused too, and is torch guarded even if imported late?"""
    import sys

    def functional(x):
        import torch as late_import  # the student imports torch only inside the function
        return late_import.func.grad(lambda t: (t ** 2).sum())(late_import.tensor(x)).numpy()

    with pytest.raises(CheckFailed, match="autograd"):
        with no_autograd("backward"):
            functional(np.ones(2))
    with pytest.raises(CheckFailed, match="autograd"):
        with no_autograd("backward"):
            torch.autograd.functional.jacobian(lambda t: t * 2, torch.ones(2))
    assert torch.func.grad(lambda t: (t ** 2).sum())(torch.ones(2)).tolist() == [2.0, 2.0]
    assert "torch" in sys.modules


def test_expect_tensor_checks_type_dtype_shape_and_values():
    """Does expect_tensor accept a float tensor of the specified shape and refuse arrays, subclasses, ints and NaN?"""
    class TensorSub(torch.Tensor):
        pass

    expect_tensor(torch.zeros(4, 1), (4, 1), "logits")
    expect_tensor(torch.zeros(4, 1, device="meta"), (4, 1), "logits on meta")
    for bad, message in ((np.zeros((4, 1)), "torch.Tensor"), (torch.zeros(4, 1).as_subclass(TensorSub), "torch.Tensor"),
                         (torch.zeros(4, 1, dtype=torch.long), "dtype"), (torch.zeros(4), "shape"),
                         (torch.full((4, 1), float("nan")), "NaN")):
        with pytest.raises(CheckFailed, match=message):
            expect_tensor(bad, (4, 1), "logits")
