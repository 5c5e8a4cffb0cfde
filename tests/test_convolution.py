"""Exercise 5 against PyTorch: output sizes, refusals, convolution and pooling values.

Sizes are checked against the shapes that real ``torch.nn`` layers produce on a tiny zero input,
over exhaustive grids (refused combinations included: there ``solutions.convolution`` must raise
ValueError exactly when PyTorch raises anything) and hypothesis draws. Values are checked in float64
against ``torch.nn.functional``. Every oracle comparison is counted in the ledger.
"""
from __future__ import annotations

import itertools

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from torch import nn

from solutions.convolution import (
    avg_pool1d,
    conv1d,
    conv1d_out_len,
    conv2d_out_shape,
    max_pool1d,
    pool1d_out_len,
    pool2d_out_shape,
)
from tests.ledger import compare, record_exact

pytestmark = [
    pytest.mark.convolution,
    # The sweeps build layers PyTorch then warns about (empty kernels, even kernels with 'same').
    pytest.mark.filterwarnings("ignore:Initializing zero-element tensors:UserWarning"),
    pytest.mark.filterwarnings("ignore:Using padding='same':UserWarning"),
]

FAMILY = "convolution"
F64 = torch.float64

# The lecture's worked example (slides "CNN - Convolutional layer" and "CNN - Maxpooling layer").
LECTURE_X = [3, 1, 0, 3, -1, 3, 0, 2, 1, -1, 0, 4]
LECTURE_KERNEL = [2, 0, 1, 1]
LECTURE_CONV = [9, 4, 2, 9, 0, 9, 0, 3, 6]
LECTURE_MAXPOOL = [3, 3, 3, 2, 1, 4]


# --------------------------------------------------------------------------- oracle helpers

def torch_shape(build, in_shape, device):
    """Spatial output shape of ``build()`` applied to zeros of ``in_shape``, or None if PyTorch refuses.

    Any exception counts as a refusal: PyTorch raises RuntimeError, ValueError or TypeError depending
    on where the check lives, and only whether it refuses matters here.
    """
    try:
        with torch.no_grad():
            out = build()(torch.zeros(in_shape, dtype=F64, device=device))
    except Exception:  # noqa: BLE001
        return None
    return tuple(out.shape[2:])


def our_shape(fn, *args, **kwargs):
    """Our size as a tuple, or None where we raise ValueError (any other exception fails the test)."""
    try:
        size = fn(*args, **kwargs)
    except ValueError:
        return None
    return size if isinstance(size, tuple) else (size,)


def assert_sweep(cases, ours, theirs, *, all_refused=False):
    """Compare ours(case) with theirs(case) for every case; record each comparison in the ledger."""
    mismatches, accepted = [], 0
    for case in cases:
        mine, oracle = ours(case), theirs(case)
        record_exact(FAMILY, mine == oracle)
        if mine != oracle:
            mismatches.append(f"{case}: ours {mine}, torch {oracle}")
        accepted += oracle is not None
    assert not mismatches, f"{len(mismatches)} of {len(cases)} differ, e.g.\n" + "\n".join(mismatches[:10])
    # Guards against a broken oracle that refuses (or accepts) everything.
    assert accepted == 0 if all_refused else 0 < accepted < len(cases)


def grid(**axes):
    """Every combination of the given axes, as a list of keyword dicts."""
    names = list(axes)
    return [dict(zip(names, values)) for values in itertools.product(*axes.values())]


def as_tensor(x, device):
    return torch.as_tensor(np.asarray(x, dtype=np.float64), device=device).view(1, 1, -1)


# --------------------------------------------------------------------------- 1-D sizes: exhaustive sweeps

L_GRID = range(0, 13)  # 0 is refused by every layer
CONV_PADDINGS = [-1, 0, 1, 2, 3, "valid", "same"]


@pytest.mark.parametrize("kernel_size", range(0, 7), ids=lambda k: f"k={k}")
def test_conv1d_out_len_sweep_matches_conv1d(kernel_size, device):
    """Does conv1d_out_len give Conv1d's output length over the whole grid, and refuse exactly what Conv1d refuses?"""
    cases = grid(L=L_GRID, s=range(0, 5), p=CONV_PADDINGS, d=range(0, 4))
    assert_sweep(
        cases,
        lambda c: our_shape(conv1d_out_len, c["L"], kernel_size, c["s"], c["p"], c["d"]),
        lambda c: torch_shape(
            lambda: nn.Conv1d(1, 1, kernel_size, c["s"], c["p"], c["d"], bias=False, device=device, dtype=F64),
            (1, 1, c["L"]), device),
        all_refused=kernel_size == 0,
    )


@pytest.mark.parametrize("kernel_size", range(0, 7), ids=lambda k: f"k={k}")
def test_pool1d_out_len_sweep_matches_maxpool1d(kernel_size, device):
    """Does pool1d_out_len give MaxPool1d's output length (dilation, both ceil modes) and refuse exactly what it refuses?"""
    cases = grid(L=L_GRID, s=[None, 0, 1, 2, 3, 4], p=range(-1, 4), d=range(0, 4), ceil=(False, True))
    assert_sweep(
        cases,
        lambda c: our_shape(pool1d_out_len, c["L"], kernel_size, c["s"], c["p"], c["d"], c["ceil"]),
        lambda c: torch_shape(lambda: nn.MaxPool1d(kernel_size, c["s"], c["p"], c["d"], ceil_mode=c["ceil"]),
                              (1, 1, c["L"]), device),
        all_refused=kernel_size == 0,
    )


@pytest.mark.parametrize("kernel_size", range(0, 7), ids=lambda k: f"k={k}")
def test_pool1d_out_len_sweep_matches_avgpool1d(kernel_size, device):
    """Does pool1d_out_len with dilation 1 give AvgPool1d's output length and refuse exactly what it refuses?"""
    cases = grid(L=L_GRID, s=[None, 0, 1, 2, 3, 4], p=range(-1, 4), ceil=(False, True))
    assert_sweep(
        cases,
        lambda c: our_shape(pool1d_out_len, c["L"], kernel_size, c["s"], c["p"], 1, c["ceil"]),
        lambda c: torch_shape(lambda: nn.AvgPool1d(kernel_size, c["s"], c["p"], ceil_mode=c["ceil"]),
                              (1, 1, c["L"]), device),
        all_refused=kernel_size == 0,
    )


@given(L=st.integers(1, 300), k=st.integers(1, 40), s=st.integers(1, 40), p=st.integers(0, 25),
       d=st.integers(1, 10), ceil=st.booleans())
def test_1d_sizes_match_layers_beyond_the_grid(device, L, k, s, p, d, ceil):
    """Do the 1-D size formulas still match Conv1d and MaxPool1d (inference and autograd paths) for larger values?"""
    x = torch.zeros(1, 1, L, dtype=F64, device=device)
    checks = [
        (our_shape(conv1d_out_len, L, k, s, p, d),
         torch_shape(lambda: nn.Conv1d(1, 1, k, s, p, d, bias=False, device=device, dtype=F64), (1, 1, L), device)),
        (our_shape(pool1d_out_len, L, k, s, p, d, ceil),
         torch_shape(lambda: nn.MaxPool1d(k, s, p, d, ceil_mode=ceil), (1, 1, L), device)),
    ]
    # On the CPU, max_pool1d checks its arguments in another function (via max_pool1d_with_indices)
    # when the input needs a gradient; both paths must agree with us.
    try:
        grad_path = (nn.MaxPool1d(k, s, p, d, ceil_mode=ceil)(x.requires_grad_()).shape[-1],)
    except Exception:  # noqa: BLE001
        grad_path = None
    checks.append((our_shape(pool1d_out_len, L, k, s, p, d, ceil), grad_path))
    for mine, oracle in checks:
        record_exact(FAMILY, mine == oracle)
        assert mine == oracle, (L, k, s, p, d, ceil, mine, oracle)


# Named ceil_mode edge cases: (L_in, kernel_size, stride, padding, dilation, expected floor, expected ceil).
CEIL_CASES = {
    "last-window-starts-inside-input-and-runs-past-it-is-counted": (5, 2, 2, 0, 1, 2, 3),
    "last-window-starts-on-last-input-element-is-counted": (6, 3, 5, 0, 1, 1, 2),
    "last-window-would-start-in-right-padding-is-dropped": (5, 2, 2, 1, 1, 3, 3),
    "last-window-would-start-past-input-without-padding-is-dropped": (4, 1, 3, 0, 1, 2, 2),
    "dilated-last-window-starts-inside-and-runs-past-is-counted": (7, 2, 2, 0, 3, 2, 3),
    "dilated-last-window-would-start-in-right-padding-is-dropped": (3, 2, 4, 1, 2, 1, 1),
    "stride-divides-exactly-so-ceil-equals-floor": (6, 2, 2, 0, 1, 3, 3),
}


@pytest.mark.parametrize("case", list(CEIL_CASES.values()), ids=list(CEIL_CASES))
def test_pool1d_out_len_ceil_mode_edge_cases(case, device):
    """Does pool1d_out_len count a ceil_mode window that starts in the input and drop one that would start in the right padding, as MaxPool1d/AvgPool1d do?"""
    L, k, s, p, d, floor_len, ceil_len = case
    assert pool1d_out_len(L, k, s, p, d, ceil_mode=False) == floor_len
    assert pool1d_out_len(L, k, s, p, d, ceil_mode=True) == ceil_len
    layers = [lambda c: nn.MaxPool1d(k, s, p, d, ceil_mode=c)]
    if d == 1:
        layers.append(lambda c: nn.AvgPool1d(k, s, p, ceil_mode=c))
    for make, ceil in itertools.product(layers, (False, True)):
        oracle = torch_shape(lambda: make(ceil), (1, 1, L), device)
        mine = our_shape(pool1d_out_len, L, k, s, p, d, ceil)
        record_exact(FAMILY, mine == oracle)
        assert mine == oracle


# --------------------------------------------------------------------------- 2-D sizes

HW_GRID = [(1, 6), (6, 1), (5, 8), (9, 4)]
KERNELS_2D = [1, (1, 3), (3, 1), (2, 4), (4, 2), (0, 2)]


@pytest.mark.parametrize("hw", HW_GRID, ids=lambda hw: f"{hw[0]}x{hw[1]}")
def test_conv2d_out_shape_sweep_matches_conv2d(hw, device):
    """Does conv2d_out_shape give Conv2d's (H_out, W_out) for asymmetric pairs and 'same'/'valid', refusing what Conv2d refuses?"""
    cases = grid(k=KERNELS_2D, s=[1, (1, 2), (3, 1), (2, 3), (1, 0)],
                 p=[0, (0, 1), (2, 0), (1, 3), (-1, 0), "same", "valid"], d=[1, (1, 2), (2, 1), (0, 1)])
    assert_sweep(
        cases,
        lambda c: our_shape(conv2d_out_shape, *hw, c["k"], c["s"], c["p"], c["d"]),
        lambda c: torch_shape(
            lambda: nn.Conv2d(1, 1, c["k"], c["s"], c["p"], c["d"], bias=False, device=device, dtype=F64),
            (1, 1, *hw), device),
    )


@pytest.mark.parametrize("hw", HW_GRID, ids=lambda hw: f"{hw[0]}x{hw[1]}")
def test_pool2d_out_shape_sweep_matches_maxpool2d_and_avgpool2d(hw, device):
    """Does pool2d_out_shape give MaxPool2d's and AvgPool2d's (H_out, W_out) for asymmetric pairs, refusing what they refuse?"""
    axes = dict(k=KERNELS_2D, s=[None, 1, (1, 2), (3, 1), (2, 3), (1, 0)],
                p=[0, (0, 1), (1, 0), (1, 2), (2, 1), (-1, 0)], ceil=(False, True))
    assert_sweep(
        grid(**axes, d=[1, (1, 2), (2, 1), (0, 1)]),
        lambda c: our_shape(pool2d_out_shape, *hw, c["k"], c["s"], c["p"], c["d"], c["ceil"]),
        lambda c: torch_shape(lambda: nn.MaxPool2d(c["k"], c["s"], c["p"], c["d"], ceil_mode=c["ceil"]),
                              (1, 1, *hw), device),
    )
    assert_sweep(
        grid(**axes),
        lambda c: our_shape(pool2d_out_shape, *hw, c["k"], c["s"], c["p"], 1, c["ceil"]),
        lambda c: torch_shape(lambda: nn.AvgPool2d(c["k"], c["s"], c["p"], ceil_mode=c["ceil"]),
                              (1, 1, *hw), device),
    )


pairs = st.tuples
small = st.integers


@given(hw=pairs(small(1, 12), small(1, 12)), k=pairs(small(1, 5), small(1, 5)),
       s=pairs(small(1, 4), small(1, 4)), p=st.one_of(pairs(small(0, 3), small(0, 3)), st.sampled_from(["same", "valid"])),
       d=pairs(small(1, 3), small(1, 3)))
def test_conv2d_out_shape_matches_conv2d_on_random_pairs(device, hw, k, s, p, d):
    """Does conv2d_out_shape agree with Conv2d (result or refusal) on random asymmetric pairs?"""
    mine = our_shape(conv2d_out_shape, *hw, k, s, p, d)
    oracle = torch_shape(lambda: nn.Conv2d(1, 1, k, s, p, d, bias=False, device=device, dtype=F64), (1, 1, *hw), device)
    record_exact(FAMILY, mine == oracle)
    assert mine == oracle


@given(hw=pairs(small(1, 12), small(1, 12)), k=pairs(small(1, 5), small(1, 5)),
       s=st.one_of(st.none(), pairs(small(1, 4), small(1, 4))), p=pairs(small(0, 2), small(0, 2)),
       d=pairs(small(1, 3), small(1, 3)), ceil=st.booleans())
def test_pool2d_out_shape_matches_pool2d_on_random_pairs(device, hw, k, s, p, d, ceil):
    """Does pool2d_out_shape agree with MaxPool2d (with dilation) and AvgPool2d (result or refusal) on random pairs?"""
    for layer, dilation in ((lambda: nn.MaxPool2d(k, s, p, d, ceil_mode=ceil), d),
                            (lambda: nn.AvgPool2d(k, s, p, ceil_mode=ceil), 1)):
        mine = our_shape(pool2d_out_shape, *hw, k, s, p, dilation, ceil)
        oracle = torch_shape(layer, (1, 1, *hw), device)
        record_exact(FAMILY, mine == oracle)
        assert mine == oracle


def test_lecture_cnn_needs_128_sample_windows_for_linear_512(device):
    """Do three Conv1d(k=3, p=1) + MaxPool1d(2) blocks turn a 128-sample window into 32 x 16 = 512 features, as Linear(512, 1) needs?"""
    length = 128
    for _ in range(3):
        length = pool1d_out_len(conv1d_out_len(length, 3, padding=1), 2)
    blocks = []
    for c_in, c_out in ((1, 8), (8, 16), (16, 32)):
        blocks += [nn.Conv1d(c_in, c_out, 3, padding=1), nn.ReLU(), nn.MaxPool1d(2)]
    oracle = torch_shape(lambda: nn.Sequential(*blocks).to(device, F64), (1, 1, 128), device)
    record_exact(FAMILY, (length,) == oracle)
    assert (length,) == oracle and 32 * length == 512


# --------------------------------------------------------------------------- refusals

REFUSALS = {
    "kernel-zero": (conv1d_out_len, (5, 0), {}, "kernel_size"),
    "stride-zero": (conv1d_out_len, (5, 2), {"stride": 0}, "stride"),
    "stride-negative": (pool1d_out_len, (5, 2), {"stride": -1}, "stride"),
    "padding-negative": (conv1d_out_len, (5, 2), {"padding": -1}, "padding"),
    "dilation-zero": (conv1d_out_len, (5, 2), {"dilation": 0}, "dilation"),
    "empty-input": (conv1d_out_len, (0, 1), {}, "input length"),
    "kernel-longer-than-padded-input": (conv1d_out_len, (3, 4), {}, "kernel"),
    "dilated-kernel-longer-than-input": (pool1d_out_len, (4, 2), {"dilation": 4}, "kernel"),
    "same-padding-with-stride": (conv1d_out_len, (5, 3), {"stride": 2, "padding": "same"}, "same.*stride"),
    "unknown-padding-string": (conv1d_out_len, (5, 3), {"padding": "full"}, "padding"),
    "pool-padding-over-half-kernel": (pool1d_out_len, (5, 2), {"padding": 2}, "padding.*half"),
    "pool-padding-over-half-kernel-despite-dilation": (pool1d_out_len, (9, 2), {"padding": 2, "dilation": 3}, "padding.*half"),
    "bool-kernel": (conv1d_out_len, (5, True), {}, "kernel_size"),
    "float-stride": (conv1d_out_len, (5, 2), {"stride": 2.0}, "stride"),
    "float-padding": (pool1d_out_len, (5, 2), {"padding": 1.0}, "padding"),
    "int-ceil-mode": (pool1d_out_len, (5, 2), {"ceil_mode": 1}, "ceil_mode"),
    "2d-kernel-of-three": (conv2d_out_shape, (5, 6, (2, 3, 4)), {}, "kernel_size"),
    "2d-zero-stride-in-width": (conv2d_out_shape, (5, 6, 2), {"stride": (1, 0)}, r"stride\[1\]"),
    "2d-same-with-stride-in-width": (conv2d_out_shape, (5, 6, 3), {"stride": (1, 2), "padding": "same"}, "same.*stride"),
    "2d-padding-string-per-dimension": (conv2d_out_shape, (5, 6, 3), {"padding": ("same", 0)}, "padding"),
    "2d-pool-width-too-small": (pool2d_out_shape, (5, 2, (2, 3)), {}, r"size\[1\]"),
    "conv1d-2d-signal": (conv1d, (np.zeros((2, 5)), [1.0]), {}, "x must be 1-D"),
    "conv1d-empty-kernel": (conv1d, ([1.0, 2.0], []), {}, "kernel_size"),
    "max-pool-window-longer-than-signal": (max_pool1d, ([1.0, 2.0], 3), {}, "kernel"),
    "avg-pool-stride-zero": (avg_pool1d, ([1.0, 2.0], 1, 0), {}, "stride"),
}


@pytest.mark.parametrize("fn, args, kwargs, match", list(REFUSALS.values()), ids=list(REFUSALS))
def test_refusals_raise_specific_value_errors(fn, args, kwargs, match):
    """Does each refused combination raise ValueError naming the argument at fault?"""
    with pytest.raises(ValueError, match=match):
        fn(*args, **kwargs)


def test_conv1d_layer_accepts_a_bool_kernel_that_we_refuse(device):
    """Is refusing kernel_size=True a deliberate tightening (Conv1d takes it as 1), not a mismatch with PyTorch?"""
    assert torch_shape(lambda: nn.Conv1d(1, 1, True, device=device, dtype=F64), (1, 1, 5), device) == (5,)
    assert our_shape(conv1d_out_len, 5, True) is None


# --------------------------------------------------------------------------- values against torch.nn.functional

values = st.floats(-5, 5, allow_nan=False, allow_infinity=False)


@st.composite
def conv_cases(draw):
    k, d = draw(st.integers(1, 6)), draw(st.integers(1, 3))
    padding = draw(st.one_of(st.integers(0, 3), st.sampled_from(["valid", "same"])))
    stride = 1 if padding == "same" else draw(st.integers(1, 4))
    pad = padding if isinstance(padding, int) else 0
    shortest = 1 if padding == "same" else max(1, d * (k - 1) + 1 - 2 * pad)
    L = draw(st.integers(shortest, shortest + 30))
    return draw(arrays(np.float64, L, elements=values)), draw(arrays(np.float64, k, elements=values)), stride, padding, d


@given(case=conv_cases())
def test_conv1d_matches_torch_functional(device, case):
    """Does conv1d equal F.conv1d for random signals, kernels, strides, paddings ('same'/'valid' too) and dilations?"""
    x, w, stride, padding, dilation = case
    oracle = F.conv1d(as_tensor(x, device), as_tensor(w, device), stride=stride, padding=padding, dilation=dilation)
    compare(FAMILY, conv1d(x, w, stride, padding, dilation), oracle.view(-1), atol=1e-12,
            what=f"conv1d stride={stride} padding={padding!r} dilation={dilation}")


@st.composite
def pool_cases(draw):
    k = draw(st.integers(1, 6))
    stride = draw(st.one_of(st.none(), st.integers(1, 4)))
    L = draw(st.integers(k, k + 30))
    return draw(arrays(np.float64, L, elements=values)), k, stride


@given(case=pool_cases())
def test_pooling_matches_torch_functional(device, case):
    """Do max_pool1d and avg_pool1d equal F.max_pool1d and F.avg_pool1d, stride None meaning kernel_size?"""
    x, k, stride = case
    t = as_tensor(x, device)
    compare(FAMILY, max_pool1d(x, k, stride), F.max_pool1d(t, k, stride).view(-1), atol=1e-12, what="max_pool1d")
    compare(FAMILY, avg_pool1d(x, k, stride), F.avg_pool1d(t, k, stride).view(-1), atol=1e-12, what="avg_pool1d")


# --------------------------------------------------------------------------- the lecture and its errata

def test_lecture_convolution_example(device):
    """Does conv1d reproduce the lecture's output row 9 4 2 9 0 9 0 3 6, as F.conv1d does?"""
    out = conv1d(LECTURE_X, LECTURE_KERNEL)
    assert out.tolist() == LECTURE_CONV
    compare(FAMILY, out, F.conv1d(as_tensor(LECTURE_X, device), as_tensor(LECTURE_KERNEL, device)).view(-1), atol=1e-12)


def test_lecture_max_pooling_example(device):
    """Does max_pool1d with size 2 reproduce the lecture's output row 3 3 3 2 1 4, as F.max_pool1d does?"""
    out = max_pool1d(LECTURE_X, 2)
    assert out.tolist() == LECTURE_MAXPOOL
    compare(FAMILY, out, F.max_pool1d(as_tensor(LECTURE_X, device), 2).view(-1), atol=0)


@pytest.mark.erratum
def test_erratum_convolution_example_last_output_is_6(device):
    """Is the lecture convolution's last output 1·2 + (-1)·0 + 0·1 + 4·1 = 6, not the slide's printed 2?"""
    last_window = LECTURE_X[-4:]
    assert last_window == [1, -1, 0, 4]
    assert sum(a * b for a, b in zip(last_window, LECTURE_KERNEL)) == 6
    out = conv1d(LECTURE_X, LECTURE_KERNEL)
    assert out[-1] == 6 != 2
    oracle = F.conv1d(as_tensor(LECTURE_X, device), as_tensor(LECTURE_KERNEL, device)).view(-1)[-1:]
    compare(FAMILY, out[-1:], oracle, atol=0, what="last convolution output")


@pytest.mark.erratum
def test_erratum_max_pooling_first_window_is_max_of_3_and_1(device):
    """Is max pooling's first window (3, 1), so max(3, 1) = 3, not the slide's max(3, 0)?"""
    assert LECTURE_X[:2] == [3, 1]
    out = max_pool1d(LECTURE_X, 2)
    assert out[0] == max(3, 1) == 3
    # The slide's (3, 0) is not a window at all: 0 is the third sample, in the second window.
    assert LECTURE_X.index(0) == 2
    compare(FAMILY, out[:1], F.max_pool1d(as_tensor(LECTURE_X, device), 2).view(-1)[:1], atol=0)


@pytest.mark.erratum
def test_erratum_conv2d_w_out_ends_in_plus_one(device):
    """Does Conv2d's W_out end in "+ 1" like H_out, which the slide omits, on an asymmetric case where it matters?"""
    H_in, W_in, kernel, stride, padding, dilation = 5, 9, (3, 2), (1, 2), (0, 1), (1, 2)
    H_out, W_out = conv2d_out_shape(H_in, W_in, kernel, stride, padding, dilation)
    slide_W_out = (W_in + 2 * padding[1] - dilation[1] * (kernel[1] - 1) - 1) // stride[1]  # no "+ 1"
    assert (H_out, W_out) == (3, slide_W_out + 1) == (3, 5)
    assert H_out != W_out  # asymmetric: a swapped H/W formula would not pass either
    oracle = torch_shape(lambda: nn.Conv2d(1, 1, kernel, stride, padding, dilation, device=device, dtype=F64),
                         (1, 1, H_in, W_in), device)
    record_exact(FAMILY, oracle == (H_out, W_out))
    assert oracle == (H_out, W_out) != (H_out, slide_W_out)


# --------------------------------------------------------------------------- inputs

def test_inputs_are_not_mutated(rng):
    """Do conv1d, max_pool1d and avg_pool1d leave their inputs untouched and return fresh arrays?"""
    x, w = rng.normal(size=11), rng.normal(size=3)
    x_copy, w_copy = x.copy(), w.copy()
    x.setflags(write=False)  # any in-place write would now raise
    w.setflags(write=False)
    results = [conv1d(x, w, stride=2, padding=2, dilation=2), conv1d(x, w, padding="same"),
               max_pool1d(x, 1, 1), avg_pool1d(x, 1, 1), max_pool1d(x, 3), avg_pool1d(x, 2, 1)]
    np.testing.assert_array_equal(x, x_copy)
    np.testing.assert_array_equal(w, w_copy)
    for out in results:
        assert not np.shares_memory(out, x)


@pytest.mark.parametrize("kind", ["list", "int-array"])
def test_integer_and_list_inputs_give_float64(kind, device):
    """Are lists and integer arrays accepted and turned into float64 results equal to torch's?"""
    convert = list if kind == "list" else (lambda v: np.asarray(v, dtype=np.int64))
    x, w = convert(LECTURE_X), convert(LECTURE_KERNEL)
    t = as_tensor(LECTURE_X, device)
    for mine, oracle in [
        (conv1d(x, w, stride=2, padding=1), F.conv1d(t, as_tensor(LECTURE_KERNEL, device), stride=2, padding=1)),
        (max_pool1d(x, 3, 2), F.max_pool1d(t, 3, 2)),
        (avg_pool1d(x, 3), F.avg_pool1d(t, 3)),
    ]:
        assert mine.dtype == np.float64
        compare(FAMILY, mine, oracle.view(-1), atol=1e-12)


def test_numpy_integer_sizes_are_accepted():
    """Do the size functions take numpy integers like Python ints (and return Python ints)?"""
    n = conv1d_out_len(np.int64(10), np.int32(3), stride=np.int64(2))
    assert n == 4 and type(n) is int
    assert pool2d_out_shape(np.int64(7), 7, (np.int16(2), 3)) == (3, 2)
