"""Exercise 5 catalogue: how students get convolution and pooling wrong, and right in other ways."""
from solutions.catalogue._hostile import forgeries

WRONG = {
    "conv2d W_out from the slide, without the + 1 (erratum)": '''
def conv2d_out_shape(H_in, W_in, kernel_size, stride=1, padding=0, dilation=1):
    pair = lambda v: tuple(v) if isinstance(v, (tuple, list)) else (v, v)
    k, s, p, d = pair(kernel_size), pair(stride), pair(padding), pair(dilation)
    H_out = conv1d_out_len(H_in, k[0], s[0], p[0], d[0])
    W_out = (W_in + 2 * p[1] - d[1] * (k[1] - 1) - 1) // s[1]
    return H_out, W_out
''',
    "conv2d_out_shape uses the height's kernel for both dimensions": '''
def conv2d_out_shape(H_in, W_in, kernel_size, stride=1, padding=0, dilation=1):
    pair = lambda v: tuple(v) if isinstance(v, (tuple, list)) else (v, v)
    k, s, p, d = pair(kernel_size), pair(stride), pair(padding), pair(dilation)
    return (conv1d_out_len(H_in, k[0], s[0], p[0], d[0]), conv1d_out_len(W_in, k[0], s[1], p[1], d[1]))
''',
    "conv1d_out_len with the slide's true division (returns a float)": '''
def conv1d_out_len(L_in, kernel_size, stride=1, padding=0, dilation=1):
    L_out = (L_in + 2 * padding - dilation * (kernel_size - 1) - 1) / stride + 1
    if kernel_size < 1 or stride < 1 or dilation < 1 or padding < 0 or L_in < 1 or L_out < 1:
        raise ValueError("invalid")
    return L_out
''',
    "conv1d_out_len ignoring dilation": '''
def conv1d_out_len(L_in, kernel_size, stride=1, padding=0, dilation=1):
    if kernel_size < 1 or stride < 1 or dilation < 1 or padding < 0 or L_in < 1:
        raise ValueError("invalid")
    L_out = (L_in + 2 * padding - kernel_size) // stride + 1
    if L_out < 1:
        raise ValueError("kernel too long")
    return L_out
''',
    "conv1d_out_len with a dilated span of d*K instead of d*(K - 1) + 1": '''
def conv1d_out_len(L_in, kernel_size, stride=1, padding=0, dilation=1):
    if kernel_size < 1 or stride < 1 or dilation < 1 or padding < 0 or L_in < 1:
        raise ValueError("invalid")
    L_out = (L_in + 2 * padding - dilation * kernel_size) // stride + 1
    if L_out < 1:
        raise ValueError("kernel too long")
    return L_out
''',
    "conv1d_out_len with int() truncation instead of floor (accepts a kernel slightly too long)": '''
def conv1d_out_len(L_in, kernel_size, stride=1, padding=0, dilation=1):
    if kernel_size < 1 or stride < 1 or dilation < 1 or padding < 0 or L_in < 1:
        raise ValueError("invalid")
    L_out = int((L_in + 2 * padding - dilation * (kernel_size - 1) - 1) / stride) + 1
    if L_out < 1:
        raise ValueError("kernel too long")
    return L_out
''',
    "conv1d_out_len without any ValueError (returns 0 or less)": '''
def conv1d_out_len(L_in, kernel_size, stride=1, padding=0, dilation=1):
    return (L_in + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1
''',
    "conv1d_out_len checking only the output length, not the arguments": '''
def conv1d_out_len(L_in, kernel_size, stride=1, padding=0, dilation=1):
    L_out = (L_in + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1
    if L_out < 1:
        raise ValueError("kernel too long")
    return L_out
''',
    "pool1d_out_len rounding down in ceil_mode (ceil_mode ignored)": '''
def pool1d_out_len(L_in, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    return _pool_len(L_in, kernel_size, stride, padding, dilation, False)
''',
    "pool1d_out_len ignoring the ceil_mode rule that drops a window starting in the padding": '''
def pool1d_out_len(L_in, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    k, s, p, d = kernel_size, kernel_size if stride is None else stride, padding, dilation
    if k < 1 or s < 1 or d < 1 or p < 0 or L_in < 1 or p > k // 2:
        raise ValueError("invalid")
    span = L_in + 2 * p - d * (k - 1) - 1
    L_out = (-(-span // s) if ceil_mode else span // s) + 1
    if L_out < 1:
        raise ValueError("window too long")
    return L_out
''',
    "pool1d_out_len with stride defaulting to 1 instead of kernel_size": '''
def pool1d_out_len(L_in, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    return _pool_len(L_in, kernel_size, 1 if stride is None else stride, padding, dilation, ceil_mode)
''',
    "pool1d_out_len without the padding <= kernel_size // 2 check": '''
def pool1d_out_len(L_in, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    k = kernel_size
    s = k if stride is None else stride
    if k < 1 or s < 1 or dilation < 1 or padding < 0 or L_in < 1:
        raise ValueError("invalid")
    span = L_in + 2 * padding - dilation * (k - 1) - 1
    L_out = (span + (s - 1 if ceil_mode else 0)) // s + 1
    if ceil_mode and (L_out - 1) * s >= L_in + padding:
        L_out -= 1
    if L_out < 1:
        raise ValueError("window too long")
    return L_out
''',
    "pool1d_out_len checking padding against half the dilated kernel": '''
def pool1d_out_len(L_in, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    k = kernel_size
    s = k if stride is None else stride
    if k < 1 or s < 1 or dilation < 1 or padding < 0 or L_in < 1:
        raise ValueError("invalid")
    if padding > (dilation * (k - 1) + 1) // 2:
        raise ValueError("padding over half the effective kernel")
    span = L_in + 2 * padding - dilation * (k - 1) - 1
    L_out = (span + (s - 1 if ceil_mode else 0)) // s + 1
    if ceil_mode and (L_out - 1) * s >= L_in + padding:
        L_out -= 1
    if L_out < 1:
        raise ValueError("window too long")
    return L_out
''',
    "pool1d_out_len refusing padding equal to half the kernel (off by one)": '''
def pool1d_out_len(L_in, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    if padding > 0 and padding >= kernel_size / 2:
        raise ValueError("padding too large")
    return _pool_len(L_in, kernel_size, stride, padding, dilation, ceil_mode)
''',
    "pool2d_out_shape reading the kernel pair as (width, height)": '''
def pool2d_out_shape(H_in, W_in, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    pair = lambda v: tuple(v) if isinstance(v, (tuple, list)) else (v, v)
    k, p, d = pair(kernel_size)[::-1], pair(padding), pair(dilation)
    s = (None, None) if stride is None else pair(stride)
    return tuple(pool1d_out_len(L, k[i], s[i], p[i], d[i], ceil_mode) for i, L in enumerate((H_in, W_in)))
''',
    "conv1d as a true convolution (kernel flipped)": '''
def conv1d(x, kernel, stride=1, padding=0, dilation=1):
    x, w = np.asarray(x, dtype=float), np.asarray(kernel, dtype=float)
    L_out = conv1d_out_len(x.size, w.size, stride, padding, dilation)
    xp = np.pad(x, padding)
    w = w[::-1]
    return np.array([sum(xp[i * stride + j * dilation] * w[j] for j in range(w.size)) for i in range(L_out)])
''',
    "conv1d padding on the left only": '''
def conv1d(x, kernel, stride=1, padding=0, dilation=1):
    x, w = np.asarray(x, dtype=float), np.asarray(kernel, dtype=float)
    L_out = conv1d_out_len(x.size, w.size, stride, padding, dilation)
    xp = np.concatenate([np.zeros(2 * padding), x])
    return np.array([sum(xp[i * stride + j * dilation] * w[j] for j in range(w.size)) for i in range(L_out)])
''',
    "conv1d ignoring dilation": '''
def conv1d(x, kernel, stride=1, padding=0, dilation=1):
    x, w = np.asarray(x, dtype=float), np.asarray(kernel, dtype=float)
    L_out = conv1d_out_len(x.size, w.size, stride, padding, dilation)
    xp = np.pad(x, padding)
    return np.array([xp[i * stride:i * stride + w.size] @ w for i in range(L_out)])
''',
    "conv1d moving the window by 1 whatever the stride": '''
def conv1d(x, kernel, stride=1, padding=0, dilation=1):
    x, w = np.asarray(x, dtype=float), np.asarray(kernel, dtype=float)
    L_out = conv1d_out_len(x.size, w.size, stride, padding, dilation)
    xp = np.pad(x, padding)
    return np.array([sum(xp[i + j * dilation] * w[j] for j in range(w.size)) for i in range(L_out)])
''',
    "max_pool1d ignoring stride (always kernel_size)": '''
def max_pool1d(x, kernel_size, stride=None):
    x = np.asarray(x, dtype=float)
    L_out = pool1d_out_len(x.size, kernel_size)
    return x[:L_out * kernel_size].reshape(L_out, kernel_size).max(axis=1)
''',
    "max_pool1d with stride defaulting to 1": '''
def max_pool1d(x, kernel_size, stride=None):
    x = np.asarray(x, dtype=float)
    s = 1 if stride is None else stride
    L_out = pool1d_out_len(x.size, kernel_size, s)
    return np.array([x[i * s:i * s + kernel_size].max() for i in range(L_out)])
''',
    "max_pool1d keeping a last, incomplete window": '''
def max_pool1d(x, kernel_size, stride=None):
    x = np.asarray(x, dtype=float)
    s = kernel_size if stride is None else stride
    L_out = pool1d_out_len(x.size, kernel_size, s, ceil_mode=True)
    return np.array([x[i * s:i * s + kernel_size].max() for i in range(L_out)])
''',
    "max_pool1d starting each maximum at 0": '''
def max_pool1d(x, kernel_size, stride=None):
    x = np.asarray(x, dtype=float)
    s = kernel_size if stride is None else stride
    L_out = pool1d_out_len(x.size, kernel_size, s)
    out = np.zeros(L_out)
    for i in range(L_out):
        for j in range(kernel_size):
            out[i] = max(out[i], x[i * s + j])
    return out
''',
    "avg_pool1d returning sums": '''
def avg_pool1d(x, kernel_size, stride=None):
    x = np.asarray(x, dtype=float)
    s = kernel_size if stride is None else stride
    L_out = pool1d_out_len(x.size, kernel_size, s)
    return np.array([x[i * s:i * s + kernel_size].sum() for i in range(L_out)])
''',
    "avg_pool1d with integer division for integer input": '''
def avg_pool1d(x, kernel_size, stride=None):
    x = np.asarray(x)
    s = kernel_size if stride is None else stride
    L_out = pool1d_out_len(x.size, kernel_size, s)
    sums = np.array([x[i * s:i * s + kernel_size].sum() for i in range(L_out)])
    return sums // kernel_size if sums.dtype.kind in "iu" else sums / kernel_size
''',
    "avg_pool1d with a running sum computed in place in x": '''
def avg_pool1d(x, kernel_size, stride=None):
    s = kernel_size if stride is None else stride
    L_out = pool1d_out_len(len(x), kernel_size, s)
    c = np.concatenate([[0], np.cumsum(x, out=x)])
    starts = np.arange(L_out) * s
    return (c[starts + kernel_size] - c[starts]) / kernel_size
''',
    "window_length set to the head's 512 features": '''
window_length = 512
''',
    "window_length one pooling short (64)": '''
window_length = 64
''',
}

CORRECT = {
    "explicit Python loops": '''
def conv1d(x, kernel, stride=1, padding=0, dilation=1):
    L_out = conv1d_out_len(len(x), len(kernel), stride, padding, dilation)
    xp = [0.0] * padding + [float(v) for v in x] + [0.0] * padding
    out = np.zeros(L_out)
    for i in range(L_out):
        total = 0.0
        for j in range(len(kernel)):
            total += xp[i * stride + j * dilation] * float(kernel[j])
        out[i] = total
    return out
def max_pool1d(x, kernel_size, stride=None):
    s = kernel_size if stride is None else stride
    L_out = pool1d_out_len(len(x), kernel_size, s)
    out = np.empty(L_out)
    for i in range(L_out):
        best = x[i * s]
        for j in range(1, kernel_size):
            if x[i * s + j] > best:
                best = x[i * s + j]
        out[i] = best
    return out
def avg_pool1d(x, kernel_size, stride=None):
    s = kernel_size if stride is None else stride
    L_out = pool1d_out_len(len(x), kernel_size, s)
    out = np.empty(L_out)
    for i in range(L_out):
        total = 0.0
        for j in range(kernel_size):
            total += float(x[i * s + j])
        out[i] = total / kernel_size
    return out
''',
    "conv1d with np.correlate on a dilated kernel, every stride-th output": '''
def conv1d(x, kernel, stride=1, padding=0, dilation=1):
    x, kernel = np.asarray(x), np.asarray(kernel)
    conv1d_out_len(x.size, kernel.size, stride, padding, dilation)  # raises if it does not fit
    dilated = np.zeros(dilation * (kernel.size - 1) + 1, dtype=kernel.dtype)
    dilated[::dilation] = kernel
    return np.correlate(np.pad(x, padding), dilated, mode="valid")[::stride]
''',
    "conv1d with np.convolve and the kernel flipped back": '''
def conv1d(x, kernel, stride=1, padding=0, dilation=1):
    x, kernel = np.asarray(x, dtype=float), np.asarray(kernel, dtype=float)
    L_out = conv1d_out_len(x.size, kernel.size, stride, padding, dilation)
    dilated = np.zeros(dilation * (kernel.size - 1) + 1)
    dilated[::dilation] = kernel
    full = np.convolve(np.pad(x, padding), dilated[::-1], mode="valid")
    return full[::stride][:L_out]
''',
    "math.floor / math.ceil sizes with explicit checks first, lists for 2-D": '''
import math
def _check(kernel_size, stride, padding, dilation, L_in):
    if kernel_size < 1 or stride < 1 or dilation < 1:
        raise ValueError("kernel_size, stride and dilation must be >= 1")
    if padding < 0 or L_in < 1:
        raise ValueError("padding must be >= 0 and the input non-empty")
    if dilation * (kernel_size - 1) + 1 > L_in + 2 * padding:
        raise ValueError("the dilated kernel does not fit in the padded input")
def conv1d_out_len(L_in, kernel_size, stride=1, padding=0, dilation=1):
    _check(kernel_size, stride, padding, dilation, L_in)
    return math.floor((L_in + 2 * padding - dilation * (kernel_size - 1) - 1) / stride) + 1
def pool1d_out_len(L_in, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    stride = kernel_size if stride is None else stride
    _check(kernel_size, stride, padding, dilation, L_in)
    if 2 * padding > kernel_size:
        raise ValueError("padding must be at most half the kernel size")
    ratio = (L_in + 2 * padding - dilation * (kernel_size - 1) - 1) / stride
    if not ceil_mode:
        return math.floor(ratio) + 1
    L_out = math.ceil(ratio) + 1
    if (L_out - 1) * stride >= L_in + padding:
        L_out -= 1
    return L_out
def _pairs(*values):
    return [list(v) if isinstance(v, (tuple, list)) else [v, v] for v in values]
def conv2d_out_shape(H_in, W_in, kernel_size, stride=1, padding=0, dilation=1):
    k, s, p, d = _pairs(kernel_size, stride, padding, dilation)
    return [conv1d_out_len(L, k[i], s[i], p[i], d[i]) for i, L in enumerate([H_in, W_in])]
def pool2d_out_shape(H_in, W_in, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    k, p, d = _pairs(kernel_size, padding, dilation)
    s = [None, None] if stride is None else _pairs(stride)[0]
    return [pool1d_out_len(L, k[i], s[i], p[i], d[i], ceil_mode) for i, L in enumerate([H_in, W_in])]
''',
    "sliding_window_view for all three operations": '''
from numpy.lib.stride_tricks import sliding_window_view
def conv1d(x, kernel, stride=1, padding=0, dilation=1):
    x, kernel = np.asarray(x, dtype=float), np.asarray(kernel, dtype=float)
    L_out = conv1d_out_len(x.size, kernel.size, stride, padding, dilation)
    span = dilation * (kernel.size - 1) + 1
    windows = sliding_window_view(np.pad(x, padding), span)[::stride][:L_out, ::dilation]
    return windows @ kernel
def max_pool1d(x, kernel_size, stride=None):
    x = np.asarray(x)
    s = kernel_size if stride is None else stride
    L_out = pool1d_out_len(x.size, kernel_size, s)
    return sliding_window_view(x, kernel_size)[::s][:L_out].max(axis=1)
def avg_pool1d(x, kernel_size, stride=None):
    x = np.asarray(x)
    s = kernel_size if stride is None else stride
    L_out = pool1d_out_len(x.size, kernel_size, s)
    return sliding_window_view(x, kernel_size)[::s][:L_out].mean(axis=1)
''',
    "integer arithmetic kept for integer input, lists accepted": '''
def conv1d(x, kernel, stride=1, padding=0, dilation=1):
    x, kernel = np.asarray(list(x)), np.asarray(list(kernel))
    L_out = conv1d_out_len(len(x), len(kernel), stride, padding, dilation)
    xp = np.concatenate([np.zeros(padding, dtype=x.dtype), x, np.zeros(padding, dtype=x.dtype)])
    out = np.zeros(L_out, dtype=np.result_type(x, kernel))
    for j in range(len(kernel)):
        start = j * dilation
        out = out + kernel[j] * xp[start:start + (L_out - 1) * stride + 1:stride]
    return out
def max_pool1d(x, kernel_size, stride=None):
    x = np.asarray(list(x))
    s = kernel_size if stride is None else stride
    L_out = pool1d_out_len(len(x), kernel_size, s)
    index = np.arange(L_out)[:, None] * s + np.arange(kernel_size)
    return x[index].max(axis=1)
''',
    "avg_pool1d from a cumulative sum; stride-1 windows subsampled": '''
def avg_pool1d(x, kernel_size, stride=None):
    x = np.asarray(x, dtype=float)
    s = kernel_size if stride is None else stride
    L_out = pool1d_out_len(x.size, kernel_size, s)
    c = np.concatenate([[0.0], np.cumsum(x)])
    starts = np.arange(L_out) * s
    return (c[starts + kernel_size] - c[starts]) / kernel_size
def max_pool1d(x, kernel_size, stride=None):
    x = np.asarray(x, dtype=float)
    s = kernel_size if stride is None else stride
    L_out = pool1d_out_len(x.size, kernel_size, s)
    every = np.max([x[j:x.size - kernel_size + 1 + j] for j in range(kernel_size)], axis=0)
    return every[::s][:L_out]
''',
    "sizes counted with numpy integers and a while loop": '''
def conv1d_out_len(L_in, kernel_size, stride=1, padding=0, dilation=1):
    if min(kernel_size, stride, dilation, L_in) < 1 or padding < 0:
        raise ValueError("invalid argument")
    span = dilation * (kernel_size - 1) + 1
    count, start = np.int64(0), 0
    while start + span <= L_in + 2 * padding:
        count += 1
        start += stride
    if count < 1:
        raise ValueError("the kernel does not fit")
    return count
def pool1d_out_len(L_in, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    s = np.int64(kernel_size if stride is None else stride)
    if min(kernel_size, s, dilation, L_in) < 1 or padding < 0 or padding > kernel_size // 2:
        raise ValueError("invalid argument")
    numerator = np.int64(L_in + 2 * padding - dilation * (kernel_size - 1) - 1)
    L_out = (np.floor_divide(numerator + s - 1, s) if ceil_mode else np.floor_divide(numerator, s)) + 1
    if ceil_mode and (L_out - 1) * s >= L_in + padding:
        L_out -= 1
    if L_out < 1:
        raise ValueError("the window does not fit")
    return L_out
''',
    "float32 arithmetic for float32 input": '''
def conv1d(x, kernel, stride=1, padding=0, dilation=1):
    dtype = np.result_type(np.asarray(x).dtype, np.asarray(kernel).dtype, np.float32)
    x, kernel = np.asarray(x, dtype=dtype), np.asarray(kernel, dtype=dtype)
    L_out = conv1d_out_len(x.size, kernel.size, stride, padding, dilation)
    xp = np.pad(x, padding)
    index = np.arange(L_out)[:, None] * stride + np.arange(kernel.size) * dilation
    return xp[index] @ kernel
def avg_pool1d(x, kernel_size, stride=None):
    x = np.asarray(x)
    x = x.astype(np.result_type(x.dtype, np.float32))
    s = kernel_size if stride is None else stride
    L_out = pool1d_out_len(x.size, kernel_size, s)
    index = np.arange(L_out)[:, None] * s + np.arange(kernel_size)
    return x[index].mean(axis=1)
''',
    "window_length searched with the size functions": '''
window_length = 1
while True:
    length = window_length
    try:
        for _ in range(3):
            length = pool1d_out_len(conv1d_out_len(length, 3, 1, 1), 2)
    except ValueError:
        length = 0
    if 32 * length == 512:
        break
    window_length += 1
''',
}

_RETURNING = ["conv1d_out_len", "conv2d_out_shape", "pool1d_out_len", "pool2d_out_shape",
              "conv1d", "max_pool1d", "avg_pool1d"]
HOSTILE = forgeries(_RETURNING)
