"""Exercise 5: convolution and pooling on 1-D signals, and the output sizes of PyTorch's layers.

The size functions reproduce the shapes that ``torch.nn.Conv1d/Conv2d``, ``MaxPool1d/MaxPool2d`` and
``AvgPool1d/AvgPool2d`` produce, and raise ValueError for exactly the integer combinations that PyTorch
refuses (checked by sweeping the real layers, see tests/test_convolution.py):

* kernel_size, stride and dilation must be >= 1, padding >= 0, and the input length >= 1;
* the output length must be >= 1 (the padded input must hold one dilated kernel);
* convolution: ``padding='same'`` needs every stride to be 1; ``'valid'`` means padding 0;
* pooling: padding <= kernel_size // 2, the *undilated* kernel (PyTorch's pooling checks
  ``kernel_size / 2 >= padding`` on top of the effective-kernel check, so the stricter one wins).

Beyond PyTorch, bools and floats are refused wherever an int is needed (``nn.Conv1d`` would take
``kernel_size=True`` as 1), so that a swapped or mistyped argument fails loudly.

The operations ``conv1d``, ``max_pool1d`` and ``avg_pool1d`` work on one 1-D signal (one batch item,
one channel) and take their output length from the size formulas above.
"""
from __future__ import annotations

import numbers

import numpy as np

from solutions._arrays import as_float

PADDING_MODES = ("valid", "same")


def _check_int(name: str, value, minimum: int) -> int:
    # numbers.Integral admits numpy integers; bool is an int subclass but never a size.
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be an int, got {value!r} of type {type(value).__name__}")
    if value < minimum:
        what = "positive" if minimum == 1 else "non-negative"
        raise ValueError(f"{name} must be {what} (>= {minimum}), got {value}")
    return int(value)


def _pair(name: str, value) -> tuple:
    """An int (or a padding string) stands for both dimensions; a pair gives (height, width)."""
    if isinstance(value, (tuple, list)):
        if len(value) != 2:
            raise ValueError(f"{name} must be an int or a pair, got {len(value)} values: {value!r}")
        if any(isinstance(v, str) for v in value):
            # PyTorch takes 'same'/'valid' only for the whole padding, never per dimension.
            raise ValueError(f"{name} strings apply to both dimensions at once, got {value!r}")
        return tuple(value)
    return (value, value)


def _at_least_one(L_out: int, L_in: int, k: int, p: int, d: int, dim: str) -> int:
    if L_out < 1:
        raise ValueError(
            f"output size{dim} would be {L_out}: the padded input ({L_in} + 2·{p}) is shorter than "
            f"the dilated kernel ({d}·({k} - 1) + 1)"
        )
    return L_out


def _conv_len(L_in, kernel_size, stride, padding, dilation, dim: str = "") -> int:
    """L_out = floor((L_in + 2·padding - dilation·(kernel_size - 1) - 1) / stride) + 1."""
    L_in = _check_int(f"input length{dim}", L_in, 1)
    k = _check_int(f"kernel_size{dim}", kernel_size, 1)
    s = _check_int(f"stride{dim}", stride, 1)
    d = _check_int(f"dilation{dim}", dilation, 1)
    if isinstance(padding, str):
        if padding not in PADDING_MODES:
            raise ValueError(f"padding string must be one of {PADDING_MODES}, got {padding!r}")
        if padding == "same":
            if s != 1:
                raise ValueError(f"padding='same' needs stride 1 (as in PyTorch), got stride{dim}={s}")
            return L_in
        padding = 0
    p = _check_int(f"padding{dim}", padding, 0)
    L_out = (L_in + 2 * p - d * (k - 1) - 1) // s + 1
    return _at_least_one(L_out, L_in, k, p, d, dim)


def _pool_len(L_in, kernel_size, stride, padding, dilation, ceil_mode, dim: str = "") -> int:
    """L_out = floor_or_ceil((L_in + 2·padding - dilation·(kernel_size - 1) - 1) / stride) + 1.

    With ceil_mode the last window must still start inside the input or the left padding:
    if (L_out - 1)·stride >= L_in + padding, that window is dropped.
    """
    L_in = _check_int(f"input length{dim}", L_in, 1)
    k = _check_int(f"kernel_size{dim}", kernel_size, 1)
    s = k if stride is None else _check_int(f"stride{dim}", stride, 1)
    p = _check_int(f"padding{dim}", padding, 0)
    d = _check_int(f"dilation{dim}", dilation, 1)
    if not isinstance(ceil_mode, (bool, np.bool_)):
        raise ValueError(f"ceil_mode must be a bool, got {ceil_mode!r}")
    if p > k // 2:
        raise ValueError(
            f"padding{dim}={p} must be at most half of kernel_size{dim}={k} (PyTorch's pooling rule)"
        )
    # Floor division rounds towards -inf, as PyTorch's div_rtn, also for a negative numerator.
    L_out = (L_in + 2 * p - d * (k - 1) - 1 + (s - 1 if ceil_mode else 0)) // s + 1
    if ceil_mode and (L_out - 1) * s >= L_in + p:
        L_out -= 1
    return _at_least_one(L_out, L_in, k, p, d, dim)


def conv1d_out_len(L_in, kernel_size, stride=1, padding=0, dilation=1) -> int:
    """Output length of ``torch.nn.Conv1d``:

    L_out = floor((L_in + 2·padding - dilation·(kernel_size - 1) - 1) / stride) + 1

    Raises ValueError where PyTorch refuses the layer: kernel_size, stride or dilation
    below 1, negative padding, L_in below 1, or an output shorter than 1.
    (padding may also be PyTorch's 'valid' (0) or 'same' (L_out = L_in, stride 1 only).)
    """
    return _conv_len(L_in, kernel_size, stride, padding, dilation)


def conv2d_out_shape(H_in, W_in, kernel_size, stride=1, padding=0, dilation=1) -> tuple[int, int]:
    """(H_out, W_out) of ``torch.nn.Conv2d``: the 1-D formula per dimension, both ending in "+ 1".

    Each of kernel_size, stride, padding and dilation is an int (both dimensions) or an
    (height, width) pair. Raises ValueError as conv1d_out_len does, in either dimension.
    """
    k, s, p, d = (_pair(n, v) for n, v in
                  (("kernel_size", kernel_size), ("stride", stride), ("padding", padding), ("dilation", dilation)))
    return tuple(_conv_len(L, k[i], s[i], p[i], d[i], dim=f"[{i}]") for i, L in enumerate((H_in, W_in)))


def pool1d_out_len(L_in, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False) -> int:
    """Output length of ``torch.nn.MaxPool1d`` (and ``AvgPool1d`` with dilation 1); stride None means kernel_size.

    L_out = floor_or_ceil((L_in + 2·padding - dilation·(kernel_size - 1) - 1) / stride) + 1,
    minus one in ceil_mode when the last window would start in the right padding.

    Raises ValueError where PyTorch refuses the layer: kernel_size, stride or dilation
    below 1, negative padding, padding above kernel_size // 2, L_in below 1, or an
    output shorter than 1.
    """
    return _pool_len(L_in, kernel_size, stride, padding, dilation, ceil_mode)


def pool2d_out_shape(H_in, W_in, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False) -> tuple[int, int]:
    """(H_out, W_out) of ``torch.nn.MaxPool2d`` / ``AvgPool2d``: the 1-D pooling formula per dimension.

    Each argument is an int (both dimensions) or an (height, width) pair; raises ValueError
    as pool1d_out_len does, in either dimension.
    """
    k = _pair("kernel_size", kernel_size)
    s = (None, None) if stride is None else _pair("stride", stride)
    p, d = _pair("padding", padding), _pair("dilation", dilation)
    return tuple(_pool_len(L, k[i], s[i], p[i], d[i], ceil_mode, dim=f"[{i}]") for i, L in enumerate((H_in, W_in)))


def _signal(name: str, values) -> np.ndarray:
    array = as_float(values)
    if array.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {array.shape}")
    return array


def _windows(x: np.ndarray, L_out: int, kernel_size: int, stride: int, dilation: int) -> np.ndarray:
    """The (L_out, kernel_size) matrix of window values, gathered in one fancy-indexing step."""
    starts = np.arange(L_out)[:, None] * stride
    taps = np.arange(kernel_size)[None, :] * dilation
    return x[starts + taps]


def conv1d(x, kernel, stride=1, padding=0, dilation=1) -> np.ndarray:
    """Cross-correlation with zero padding, as ``torch.nn.functional.conv1d``:

    y[i] = Σ_j x_padded[i·stride + j·dilation] · kernel[j]
    """
    x, w = _signal("x", x), _signal("kernel", kernel)
    L_out = conv1d_out_len(x.size, w.size, stride, padding, dilation)
    if padding == "same":
        # An odd total padding puts the extra zero on the right, as PyTorch does.
        total = dilation * (w.size - 1)
        left, right = total // 2, total - total // 2
    elif padding == "valid":
        left = right = 0
    else:
        left = right = padding
    return _windows(np.pad(x, (left, right)), L_out, w.size, stride, dilation) @ w


def max_pool1d(x, kernel_size, stride=None) -> np.ndarray:
    """y[i] = max_j x[i·stride + j], j < kernel_size; stride None means kernel_size."""
    x = _signal("x", x)
    L_out = pool1d_out_len(x.size, kernel_size, stride)
    return _windows(x, L_out, kernel_size, kernel_size if stride is None else stride, 1).max(axis=1)


def avg_pool1d(x, kernel_size, stride=None) -> np.ndarray:
    """y[i] = mean_j x[i·stride + j], j < kernel_size; stride None means kernel_size."""
    x = _signal("x", x)
    L_out = pool1d_out_len(x.size, kernel_size, stride)
    return _windows(x, L_out, kernel_size, kernel_size if stride is None else stride, 1).mean(axis=1)


def _lecture_cnn_features(L_in: int) -> int:
    """Flattened size after the lecture CNN's three Conv1d(k=3, p=1) + MaxPool1d(2) blocks (32 channels)."""
    length = L_in
    for _ in range(3):
        length = pool1d_out_len(conv1d_out_len(length, 3, padding=1), 2)
    return 32 * length


# The answer to the notebook's last question: the shortest window that the lecture's CNN,
# whose head is Linear(512, 1), accepts (course.md: "a question asks for that number").
window_length = next(L for L in range(8, 1024) if _lecture_cnn_features(L) == 512)
