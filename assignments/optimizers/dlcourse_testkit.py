"""Strict checks for dlcourse tests: plain numbers and exact ndarrays only, inputs guarded.

Public and hidden tests call these helpers instead of ``==`` or ``np.allclose`` on
whatever a student returned, so that an object with a forged ``__eq__``,
``__array_function__`` or ``__torch_function__``, or a Tensor or ndarray subclass,
earns nothing. Every message is safe to show a student: it names the function and
what is wrong, never the inputs or the expected values.

This file holds no expected values and no reference code; it is shipped to students.
"""
from __future__ import annotations

import copy
import contextlib
import sys

import numpy as np

NUMBER_TYPES = (int, float, np.float64, np.float32, np.float16, np.int64, np.int32, np.int16, np.int8,
                np.uint64, np.uint32, np.uint16, np.uint8)
BOOL_TYPES = (bool, np.bool_)


class CheckFailed(AssertionError):
    """A test failure whose message is safe to show a student."""


def _kind(value) -> str:
    # type(value).__name__ is read from the class, which a student object cannot
    # hide behind a forged __getattr__.
    return type(value).__name__


def _snapshot(value):
    if type(value) is np.ndarray:
        return value.copy()
    if isinstance(value, (list, tuple, dict)):
        return copy.deepcopy(value)
    return value


def _same(a, b) -> bool:
    if type(a) is np.ndarray:
        return type(b) is np.ndarray and a.shape == b.shape and a.dtype == b.dtype and \
            bool(np.array_equal(a, b, equal_nan=True))
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return type(b) is dict and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return True


def call(fn, *args, name: str | None = None, **kwargs):
    """Call a student's ``fn`` on copies of the arguments; fail if it crashes or mutates them.

    The copies, not the caller's arrays, go to the student, so the test's own inputs
    stay intact for computing the expected answer.
    """
    name = name or getattr(fn, "__name__", "the function")
    if not callable(fn):
        raise CheckFailed(f"{name} is not defined (or is not a function)")
    given = [_snapshot(a) for a in args]
    given_kw = {k: _snapshot(v) for k, v in kwargs.items()}
    try:
        result = fn(*given, **given_kw)
    except CheckFailed:
        raise
    except Exception as exc:  # the student's exception type is safe to name; its message may not be
        raise CheckFailed(f"{name} raised {_kind(exc)}") from None
    for before, after in list(zip(args, given)) + [(kwargs[k], given_kw[k]) for k in kwargs]:
        if not _same(before, after):
            raise CheckFailed(f"{name} modifies its input arrays in place; it must leave them unchanged")
    return result


def expect_array(got, expected, what: str, *, rtol: float = 1e-6, atol: float = 1e-9, kinds: str = "fiu"):
    """``got`` must be an exact ``np.ndarray`` of dtype kind in ``kinds``, the right shape, close to ``expected``."""
    if type(got) is not np.ndarray:
        raise CheckFailed(f"{what} must be a numpy array (np.ndarray), not {_kind(got)}")
    if got.dtype.kind not in kinds:
        raise CheckFailed(f"{what} has dtype {got.dtype}, which is not a real-number dtype")
    expected = np.asarray(expected, dtype=np.float64)
    if got.shape != expected.shape:
        raise CheckFailed(f"{what} has shape {got.shape}, which is not the expected shape")
    values = got.astype(np.float64)
    if got.dtype.kind == "f" and got.dtype.itemsize < 8:
        # float32 arithmetic is a legitimate choice; compare at its own precision.
        rtol, atol = max(rtol, 1e-5), max(atol, 1e-6)
    if np.allclose(values, expected, rtol=rtol, atol=atol, equal_nan=True):
        return
    finite = np.isfinite(expected)
    if not np.isfinite(values[finite]).all():
        raise CheckFailed(f"{what} contains NaN or infinity where a finite value is expected")
    if expected.size and np.any(expected != 0) and np.allclose(values, -expected, rtol=rtol, atol=atol):
        raise CheckFailed(f"{what} has the wrong sign")
    raise CheckFailed(f"{what} is wrong")


def expect_number(got, expected, what: str, *, rtol: float = 1e-6, atol: float = 1e-9):
    """``got`` must be a plain number (Python or numpy scalar, or a 0-d array) close to ``expected``."""
    if type(got) is np.ndarray and got.shape == ():
        got = got[()]
    if type(got) not in NUMBER_TYPES:
        raise CheckFailed(f"{what} must be a number, not {_kind(got)}")
    if type(got) in (np.float32, np.float16):
        rtol, atol = max(rtol, 1e-5), max(atol, 1e-6)  # float32 arithmetic, judged at its precision
    value = float(got)
    if np.isclose(value, float(expected), rtol=rtol, atol=atol, equal_nan=True):
        return
    if not np.isfinite(value) and np.isfinite(expected):
        raise CheckFailed(f"{what} is NaN or infinite")
    if expected != 0 and np.isclose(value, -float(expected), rtol=rtol, atol=atol):
        raise CheckFailed(f"{what} has the wrong sign")
    raise CheckFailed(f"{what} is wrong")


def expect_int(got, expected: int, what: str):
    """``got`` must be an integer (not a bool, not a float) equal to ``expected``."""
    if type(got) not in NUMBER_TYPES or isinstance(got, (float, np.floating)):
        raise CheckFailed(f"{what} must be an int, not {_kind(got)}")
    if int(got) != int(expected):
        raise CheckFailed(f"{what} is wrong")


def expect_bool(got, expected: bool, what: str):
    if type(got) not in BOOL_TYPES:
        raise CheckFailed(f"{what} must be True or False, not {_kind(got)}")
    if bool(got) != bool(expected):
        raise CheckFailed(f"{what} is wrong")


def expect_sequence(got, length: int, what: str):
    """``got`` must be a list or tuple of ``length`` items; returns it as a list."""
    if type(got) not in (list, tuple):
        raise CheckFailed(f"{what} must be a list or a tuple, not {_kind(got)}")
    if len(got) != length:
        raise CheckFailed(f"{what} has {len(got)} items, which is not the expected number")
    return list(got)


def expect_tensor(got, shape, what: str):
    """``got`` must be an exact ``torch.Tensor`` (no subclass) of a floating dtype, ``shape``, all finite."""
    torch = _torch()
    if torch is None or type(got) is not torch.Tensor:
        raise CheckFailed(f"{what} must be a torch.Tensor, not {_kind(got)}")
    if not got.dtype.is_floating_point:
        raise CheckFailed(f"{what} has dtype {got.dtype}; a floating-point tensor is expected")
    if tuple(got.shape) != tuple(shape):
        raise CheckFailed(f"{what} has shape {tuple(got.shape)}; the specification says {tuple(shape)}")
    if got.device.type != "meta" and not bool(torch.isfinite(got.detach()).all()):
        raise CheckFailed(f"{what} contains NaN or infinity")


def expect_raises(exception, fn, *args, what: str, **kwargs):
    """``fn(*args)`` must raise ``exception`` (for example ValueError for a refused size)."""
    try:
        fn(*[_snapshot(a) for a in args], **kwargs)
    except exception:
        return
    except Exception as exc:
        raise CheckFailed(f"{what} raises {_kind(exc)} where {exception.__name__} is expected") from None
    raise CheckFailed(f"{what} does not raise {exception.__name__} for an invalid combination")


AUTOGRAD_ENTRY_POINTS = (
    ("autograd", "grad"), ("autograd", "backward"), ("Tensor", "backward"),
    ("autograd.functional", "jacobian"), ("autograd.functional", "vjp"), ("autograd.functional", "jvp"),
    ("autograd.functional", "hessian"), ("func", "grad"), ("func", "grad_and_value"), ("func", "vjp"),
    ("func", "jacrev"), ("func", "jacfwd"),
)


_FORBIDDEN = []  # one entry per open no_autograd block


def autograd_forbidden() -> bool:
    """Whether a ``no_autograd`` block is open (a grader that runs student code elsewhere
    applies the same rule there)."""
    return bool(_FORBIDDEN)


def _torch():
    """PyTorch if it is installed (imported now, so that code importing it later meets the guard)."""
    try:
        import torch
    except ImportError:
        return None
    return torch


@contextlib.contextmanager
def no_autograd(what: str):
    """Fail the check if the code inside uses PyTorch's autograd (manual backprop must not)."""
    _FORBIDDEN.append(what)
    try:
        with _no_autograd_here(what):
            yield
    finally:
        _FORBIDDEN.pop()


@contextlib.contextmanager
def _no_autograd_here(what: str):
    torch = _torch()
    if torch is None:
        yield  # no PyTorch, no autograd to misuse
        return
    used = []
    message = f"{what} uses PyTorch autograd; compute the gradients by hand with numpy"

    def refuse(*args, **kwargs):
        used.append(True)
        raise CheckFailed(message)

    saved = []
    for owner_path, name in AUTOGRAD_ENTRY_POINTS:
        owner = torch
        for part in owner_path.split("."):
            owner = getattr(owner, part, None)
        if owner is not None and hasattr(owner, name):
            saved.append((owner, name, getattr(owner, name)))
            setattr(owner, name, refuse)
    try:
        yield
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)
    if used:
        raise CheckFailed(message)
