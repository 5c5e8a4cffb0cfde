# %% [markdown]
# # Exercise 5: convolution and pooling
#
# A **convolutional layer** does not connect every input to every output, as a fully connected layer
# does. It slides one small set of weights, the **kernel** $w = (w_0, \dots, w_{K-1})$, along the
# signal and computes the same weighted sum at every position:
#
# $$y_i = \sum_{j=0}^{K-1} x_{i+j}\, w_j, \qquad i = 0, 1, \dots, L_{in} - K.$$
#
# The same $K$ weights are used everywhere (*weight sharing*), so the layer finds a pattern wherever it
# occurs, and a 1-D signal stays a 1-D signal. Strictly speaking, this formula is a
# **cross-correlation**: a textbook convolution flips the kernel ($\sum_j x_{i-j} w_j$). Deep-learning
# libraries, PyTorch included, compute the cross-correlation and call it convolution; since the kernel
# is learnt, the flip makes no difference to what a network can learn, but it does change the
# numbers. In this exercise, *convolution* means what PyTorch computes: the formula above, kernel not
# flipped.
#
# Here is the lecture's example, $x = (3, 1, 0, 3, -1, 3, 0, 2, 1, -1, 0, 4)$ and $w = (2, 0, 1, 1)$,
# step by step. (The slide prints 2 for the last output; it is $1 \cdot 2 + (-1) \cdot 0 + 0 \cdot 1 +
# 4 \cdot 1 = 6$, as its output row says.)

# %%
# dlcourse: figure conv_steps The lecture's convolution: the kernel slides along x, one output per position
import matplotlib.pyplot as plt
import numpy as np
from solutions import convolution as ref

x = np.array([3, 1, 0, 3, -1, 3, 0, 2, 1, -1, 0, 4])
w = np.array([2, 0, 1, 1])
y = ref.conv1d(x, w)


def row(ax, values, top, colours, shown=None):
    for i, v in enumerate(values):
        ax.add_patch(plt.Rectangle((i, top), 1, -0.8, facecolor=colours[i], edgecolor="black", lw=0.8))
        if shown is None or shown[i]:
            ax.text(i + 0.5, top - 0.4, f"{v:g}", ha="center", va="center", fontsize=10)


steps = [0, 1, 2, len(y) - 1]
fig, axes = plt.subplots(len(steps), 1, figsize=(8, 1.75 * len(steps)))
for ax, i in zip(axes, steps):
    row(ax, x, 3, ["#ffd54f" if i <= j < i + len(w) else "white" for j in range(len(x))])
    for j, wj in enumerate(w):
        ax.text(i + j + 0.5, 1.95, f"×{wj}", ha="center", va="center", fontsize=9, color="#b45f06")
    row(ax, y, 1.4, ["#81c784" if j == i else ("#e8f5e9" if j < i else "white") for j in range(len(y))],
        shown=[j <= i for j in range(len(y))])
    ax.annotate("", xy=(i + 0.5, 1.42), xytext=(i + 0.5, 1.78), arrowprops=dict(arrowstyle="->", lw=0.8))
    terms = " + ".join(f"({xj})·{wj}" if xj < 0 else f"{xj}·{wj}" for xj, wj in zip(x[i:i + len(w)], w))
    last = " (the last; outputs 3 to 7 are computed alike)" if i == len(y) - 1 else ""
    ax.set_title(f"output {i}{last}:  {terms} = {y[i]:g}", fontsize=10, loc="left")
    ax.text(-0.3, 2.6, "x", ha="right", va="center", style="italic")
    ax.text(-0.3, 1.0, "y", ha="right", va="center", style="italic")
    ax.set_xlim(-1, len(x) + 0.2)
    ax.set_ylim(0.5, 3.1)
    ax.set_aspect("equal")
    ax.axis("off")
fig.tight_layout()

# %% [markdown]
# ## Stride, padding and dilation
#
# Three options change where the kernel goes (the lecture's slides "Padding", "Stride" and
# "Dilatation"):
#
# * **padding** $p$: add $p$ zeros at *each* end of the signal, so that the borders are seen as often as
#   the middle; with $K = 3$ and $p = 1$ the output is as long as the input;
# * **stride** $s$: move the kernel $s$ samples at a time instead of 1 (downsampling);
# * **dilation** $d$: leave $d - 1$ samples between the kernel's taps, so that $K$ weights see a span of
#   $d(K-1) + 1$ samples at the same cost.
#
# With $\tilde{x}$ the padded signal ($\tilde{x}_m = x_{m-p}$ for $p \le m < p + L_{in}$, and 0 in the
# padding), output $i$ is
#
# $$y_i = \sum_{j=0}^{K-1} \tilde{x}_{i s + j d}\, w_j .$$
#
# How many outputs are there? The padded signal has $L_{in} + 2p$ samples; a window spans
# $d(K-1) + 1$ of them; it starts at $0, s, 2s, \dots$ and must end inside the padded signal. Counting the
# possible starts gives PyTorch's formula for `torch.nn.Conv1d`:
#
# $$L_{out} = \left\lfloor \frac{L_{in} + 2p - d\,(K - 1) - 1}{s} \right\rfloor + 1 .$$
#
# The slide writes the fraction without the floor $\lfloor \cdot \rfloor$; PyTorch rounds down (a last
# window that would stick out of the padded signal is not computed). `torch.nn.Conv2d` applies the same
# formula to the height (with `kernel_size[0]`, `stride[0]`, ...) and to the width (index 1). **Erratum:**
# the slide's $W_{out}$ formula lacks the final "$+ 1$"; it ends in "$+ 1$" exactly like $H_{out}$.

# %%
# dlcourse: figure conv_options Padding, stride and dilation: which samples each output uses (dots)
import matplotlib.pyplot as plt
from solutions import convolution as ref

L, K = 7, 3
cases = [("padding = 1", dict(padding=1)), ("stride = 2", dict(stride=2)), ("dilation = 2", dict(dilation=2))]
colours = ["#1f77b4", "#d62728", "#2ca02c"]
fig, axes = plt.subplots(3, 1, figsize=(6.5, 6.2))
for ax, (title, options) in zip(axes, cases):
    s, p, d = options.get("stride", 1), options.get("padding", 0), options.get("dilation", 1)
    L_out = ref.conv1d_out_len(L, K, **options)
    for m in range(L + 2 * p):
        pad = m < p or m >= L + p
        ax.add_patch(plt.Rectangle((m, 0), 1, 0.8, facecolor="#eeeeee" if pad else "white",
                                   edgecolor="grey" if pad else "black", ls="--" if pad else "-", lw=0.8))
        ax.text(m + 0.5, 0.4, "0" if pad else f"x{m - p}", ha="center", va="center", fontsize=9,
                color="grey" if pad else "black")
    shown = [0, 1, L_out - 1] if L_out > 3 else range(L_out)
    for level, i in enumerate(shown):
        taps = [i * s + j * d + 0.5 for j in range(K)]
        c = colours[level % 3]
        ax.plot([taps[0], taps[-1]], [-0.5 - 0.55 * level] * 2, color=c, lw=1)
        ax.plot(taps, [-0.5 - 0.55 * level] * K, "o", color=c, ms=6)
        ax.text(taps[-1] + 0.3, -0.5 - 0.55 * level, f"y{i}", va="center", fontsize=9, color=c)
    hidden = f" (y2 to y{L_out - 2} not drawn)" if L_out > 3 else ""
    ax.set_title(f"{title}  (L_in = {L}, K = {K}):  L_out = {L_out}{hidden}", fontsize=10, loc="left")
    ax.set_xlim(-0.2, 10)
    ax.set_ylim(-0.5 - 0.55 * 3, 1.0)
    ax.set_aspect("equal")
    ax.axis("off")
fig.tight_layout()

# %% [markdown]
# ## Rules for this exercise
#
# **Size functions** (`conv1d_out_len`, `conv2d_out_shape`, `pool1d_out_len`, `pool2d_out_shape`) take
# integers and return an `int` (the 2-D ones a pair `(H_out, W_out)`, as a tuple or a list). They must
# give the shapes that the PyTorch layers produce, and **raise `ValueError`** for the combinations that
# PyTorch refuses:
#
# * `kernel_size`, `stride` and `dilation` below 1, `padding` below 0, or an input length below 1;
# * an output length below 1 (the padded input is shorter than one dilated kernel);
# * for pooling only: `padding` larger than `kernel_size // 2` (half the kernel size, **ignoring
#   dilation**: PyTorch's own rule for pooling layers).
#
# The docstrings also mention `padding='same'` and `'valid'` for convolutions, as PyTorch accepts them:
# you may support them, but they are not graded.
#
# **Operations** (`conv1d`, `max_pool1d`, `avg_pool1d`) take a 1-D numpy array `x` (floats or integers)
# and return a new 1-D numpy array. Never modify `x` or the kernel in place. Compute the output length
# with your size function, so that a kernel or window that does not fit raises `ValueError` too.
# Vectorise where numpy can do it: a loop over the $K$ kernel taps is fine, and
# `np.lib.stride_tricks.sliding_window_view` or fancy indexing can gather all windows at once.

# %%
import numpy as np

# %% [raw]
# # BEGIN QUESTION
# name: q1
# points: 3

# %% [markdown]
# **Question 1 (output length of a 1-D convolution).** Implement `conv1d_out_len(L_in, kernel_size,
# stride=1, padding=0, dilation=1)` with the formula above, rounding down, and the `ValueError`s of the
# rules. Use integer arithmetic (`//`): the result is an `int`, never a float.

# %%
# dlcourse: solution conv1d_out_len

# %% [raw]
# # BEGIN TESTS

# %%
def test_conv1d_out_len_examples(conv1d_out_len):
    from dlcourse_testkit import call, expect_int
    expect_int(call(conv1d_out_len, 12, 4), 9, "conv1d_out_len(12, 4), the lecture's example")
    expect_int(call(conv1d_out_len, 12, 3, padding=1), 12, "conv1d_out_len(12, 3, padding=1)")
    expect_int(call(conv1d_out_len, 12, 4, stride=2), 5, "conv1d_out_len(12, 4, stride=2)")
    expect_int(call(conv1d_out_len, 12, 4, dilation=2), 6, "conv1d_out_len(12, 4, dilation=2)")

# %%
def test_conv1d_out_len_kernel_that_just_fits_or_not(conv1d_out_len):
    from dlcourse_testkit import call, expect_int, expect_raises
    expect_int(call(conv1d_out_len, 4, 4), 1, "conv1d_out_len(4, 4)")
    expect_raises(ValueError, conv1d_out_len, 3, 4, what="conv1d_out_len(3, 4)")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: conv1d_out_len is wrong with the default stride, padding and dilation
""" # END TEST CONFIG
def test_conv1d_out_len_defaults(conv1d_out_len):
    import numpy as np
    from dlcourse_testkit import call, expect_int
    from solutions import convolution as ref
    rng = np.random.default_rng(101)
    for _ in range(30):
        k = int(rng.integers(1, 10))
        L = int(rng.integers(k, 80))
        expect_int(call(conv1d_out_len, L, k), ref.conv1d_out_len(L, k), "conv1d_out_len with the defaults")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: conv1d_out_len is wrong with a stride or with padding
""" # END TEST CONFIG
def test_conv1d_out_len_stride_and_padding(conv1d_out_len):
    import itertools
    from dlcourse_testkit import call, expect_int
    from solutions import convolution as ref
    for L, k, s, p in itertools.product([1, 2, 3, 5, 8, 13, 21], range(1, 6), range(1, 5), range(0, 4)):
        if L + 2 * p >= k:
            expect_int(call(conv1d_out_len, L, k, stride=s, padding=p), ref.conv1d_out_len(L, k, s, p),
                       "conv1d_out_len with a stride and padding")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: conv1d_out_len is wrong with dilation (a dilated kernel spans d·(K - 1) + 1 samples)
""" # END TEST CONFIG
def test_conv1d_out_len_dilation(conv1d_out_len):
    import itertools
    from dlcourse_testkit import call, expect_int
    from solutions import convolution as ref
    for L, k, s, p, d in itertools.product([5, 9, 16, 30], range(1, 5), [1, 2, 3], [0, 1, 2], [2, 3, 4]):
        if L + 2 * p >= d * (k - 1) + 1:
            expect_int(call(conv1d_out_len, L, k, stride=s, padding=p, dilation=d),
                       ref.conv1d_out_len(L, k, s, p, d), "conv1d_out_len with dilation")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: conv1d_out_len must raise ValueError when the dilated kernel is longer than the padded input, and only then
""" # END TEST CONFIG
def test_conv1d_out_len_refuses_output_below_one(conv1d_out_len):
    from dlcourse_testkit import call, expect_int, expect_raises
    from solutions import convolution as ref
    refused = [(3, 4, 1, 0, 1), (1, 2, 1, 0, 1), (3, 4, 2, 0, 1), (2, 6, 3, 1, 1), (5, 3, 1, 0, 3),
               (4, 2, 3, 0, 4), (6, 4, 1, 0, 2), (1, 4, 2, 1, 1)]
    for L, k, s, p, d in refused:
        expect_raises(ValueError, conv1d_out_len, L, k, s, p, d, what="conv1d_out_len with a kernel that does not fit")
    for L, k, s, p, d in [(4, 4, 1, 0, 1), (3, 5, 1, 1, 1), (3, 3, 2, 1, 2), (7, 4, 3, 0, 2)]:
        expect_int(call(conv1d_out_len, L, k, stride=s, padding=p, dilation=d), ref.conv1d_out_len(L, k, s, p, d),
                   "conv1d_out_len with a kernel that just fits")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: conv1d_out_len must raise ValueError for a kernel_size, stride or dilation below 1, a negative padding or an empty input
""" # END TEST CONFIG
def test_conv1d_out_len_refuses_invalid_arguments(conv1d_out_len):
    from dlcourse_testkit import call, expect_int, expect_raises
    from solutions import convolution as ref
    for L, k, s, p, d in [(5, 0, 1, 0, 1), (5, -1, 1, 0, 1), (5, 2, 0, 0, 1), (5, 2, -2, 0, 1),
                          (5, 1, 1, -1, 1), (9, 2, 1, -2, 1), (5, 2, 1, 0, 0), (5, 2, 1, 0, -1), (0, 1, 1, 1, 1)]:
        expect_raises(ValueError, conv1d_out_len, L, k, s, p, d, what="conv1d_out_len with an invalid argument")
    expect_int(call(conv1d_out_len, 1, 1, stride=3, padding=1, dilation=5), ref.conv1d_out_len(1, 1, 3, 1, 5),
               "conv1d_out_len with a one-sample input")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: q2
# points: 2.5

# %% [markdown]
# **Question 2 (output shape of a 2-D convolution).** Implement `conv2d_out_shape(H_in, W_in,
# kernel_size, stride=1, padding=0, dilation=1)`, returning `(H_out, W_out)`. Each of `kernel_size`,
# `stride`, `padding` and `dilation` is either an `int`, used for both dimensions, or a pair
# `(for the height, for the width)`, as in `torch.nn.Conv2d`. Apply the 1-D formula to each dimension
# (you may call your `conv1d_out_len`), and mind the erratum: $W_{out}$ ends in "$+ 1$" too.

# %%
# dlcourse: solution conv2d_out_shape

# %% [raw]
# # BEGIN TESTS

# %%
def test_conv2d_out_shape_examples(conv2d_out_shape):
    from dlcourse_testkit import call, expect_int, expect_sequence
    H, W = expect_sequence(call(conv2d_out_shape, 28, 28, 3), 2, "conv2d_out_shape(28, 28, 3)")
    expect_int(H, 26, "H_out of conv2d_out_shape(28, 28, 3)")
    expect_int(W, 26, "W_out of conv2d_out_shape(28, 28, 3)")
    H, W = expect_sequence(call(conv2d_out_shape, 5, 9, (3, 2), stride=(1, 2), padding=(0, 1), dilation=(1, 2)), 2,
                           "conv2d_out_shape(5, 9, (3, 2), stride=(1, 2), padding=(0, 1), dilation=(1, 2))")
    expect_int(H, 3, "H_out of conv2d_out_shape(5, 9, (3, 2), stride=(1, 2), padding=(0, 1), dilation=(1, 2))")
    expect_int(W, 5, "W_out of conv2d_out_shape(5, 9, (3, 2), stride=(1, 2), padding=(0, 1), dilation=(1, 2))")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: conv2d_out_shape is wrong for some kernel sizes, strides, paddings or dilations (given as ints or as (height, width) pairs)
""" # END TEST CONFIG
def test_conv2d_out_shape_values(conv2d_out_shape):
    import numpy as np
    from dlcourse_testkit import call, expect_int, expect_sequence
    from solutions import convolution as ref
    rng = np.random.default_rng(102)
    checked = 0
    while checked < 60:
        H, W = (int(v) for v in rng.integers(1, 25, size=2))
        options = {}
        for name, low, high in (("kernel_size", 1, 6), ("stride", 1, 4), ("padding", 0, 3), ("dilation", 1, 3)):
            pair = tuple(int(v) for v in rng.integers(low, high + 1, size=2))
            options[name] = pair if rng.random() < 0.6 else pair[0]
        try:
            expected = ref.conv2d_out_shape(H, W, **options)
        except ValueError:
            continue
        got = expect_sequence(call(conv2d_out_shape, H, W, **options), 2, "conv2d_out_shape")
        expect_int(got[0], expected[0], "H_out of conv2d_out_shape")
        expect_int(got[1], expected[1], "W_out of conv2d_out_shape")
        checked += 1

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: conv2d_out_shape gets the width wrong where height and width differ (W_out ends in + 1, like H_out)
""" # END TEST CONFIG
def test_conv2d_out_shape_width(conv2d_out_shape):
    from dlcourse_testkit import call, expect_int, expect_sequence
    from solutions import convolution as ref
    for H, W, k, s, p, d in [(7, 12, (3, 5), (2, 1), (1, 0), (1, 2)), (10, 6, 3, (1, 2), (0, 1), 1),
                             (4, 20, (1, 4), (1, 3), 0, (1, 2)), (9, 9, (2, 3), 1, (1, 0), (2, 1))]:
        expected = ref.conv2d_out_shape(H, W, k, s, p, d)
        got = expect_sequence(call(conv2d_out_shape, H, W, k, stride=s, padding=p, dilation=d), 2,
                              "conv2d_out_shape")
        expect_int(got[1], expected[1], "W_out of conv2d_out_shape")
        expect_int(got[0], expected[0], "H_out of conv2d_out_shape")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: conv2d_out_shape must raise ValueError when either dimension is invalid (too small for the kernel, or an invalid stride, padding or dilation)
""" # END TEST CONFIG
def test_conv2d_out_shape_refusals(conv2d_out_shape):
    from dlcourse_testkit import call, expect_int, expect_raises, expect_sequence
    from solutions import convolution as ref
    for H, W, k, s, p, d in [(5, 2, (2, 3), 1, 0, 1), (2, 6, 3, 1, (0, 1), 1), (6, 6, 3, (1, 0), 0, 1),
                             (6, 6, 3, 1, (0, -1), 1), (6, 6, (3, 0), 1, 0, 1), (6, 6, 3, 1, 0, (0, 1)),
                             (8, 5, 2, 1, 0, (1, 5))]:
        expect_raises(ValueError, conv2d_out_shape, H, W, k, s, p, d, what="conv2d_out_shape with an invalid dimension")
    expected = ref.conv2d_out_shape(5, 3, (2, 3))
    got = expect_sequence(call(conv2d_out_shape, 5, 3, (2, 3)), 2, "conv2d_out_shape")
    expect_int(got[0], expected[0], "H_out of conv2d_out_shape")
    expect_int(got[1], expected[1], "W_out of conv2d_out_shape")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: q3
# points: 4

# %% [markdown]
# **Question 3 (1-D convolution).** Implement `conv1d(x, kernel, stride=1, padding=0, dilation=1)`:
# pad `x` with `padding` zeros at each end (`np.pad`), then compute
# $y_i = \sum_j \tilde{x}_{i s + j d}\, w_j$ for $i = 0, \dots, L_{out} - 1$. It is what
# `torch.nn.functional.conv1d` computes for one signal and one channel. Do not flip the kernel.

# %%
# dlcourse: solution conv1d

# %% [raw]
# # BEGIN TESTS

# %%
def test_conv1d_lecture_example(conv1d):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    x = np.array([3.0, 1, 0, 3, -1, 3, 0, 2, 1, -1, 0, 4])
    kernel = np.array([2.0, 0, 1, 1])
    expect_array(call(conv1d, x, kernel), [9, 4, 2, 9, 0, 9, 0, 3, 6], "conv1d of the lecture's example")

# %%
def test_conv1d_options_example(conv1d):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    x = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    expect_array(call(conv1d, x[:4], np.array([1.0, 1.0]), padding=1), [1, 3, 5, 7, 4],
                 "conv1d([1, 2, 3, 4], [1, 1], padding=1)")
    expect_array(call(conv1d, x, np.array([1.0, -1.0]), stride=2), [-1, -1], "conv1d([1, 2, 3, 4, 5], [1, -1], stride=2)")
    expect_array(call(conv1d, x, np.array([1.0, -1.0]), dilation=2), [-2, -2, -2],
                 "conv1d([1, 2, 3, 4, 5], [1, -1], dilation=2)")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: conv1d is wrong with the default stride, padding and dilation (it is PyTorch's cross-correlation, the kernel is not flipped)
""" # END TEST CONFIG
def test_conv1d_defaults(conv1d):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import convolution as ref
    rng = np.random.default_rng(103)
    for L, K in [(12, 4), (20, 3), (9, 1), (7, 7), (31, 5), (16, 2)]:
        x, kernel = rng.normal(size=L), rng.normal(size=K)
        expect_array(call(conv1d, x, kernel), ref.conv1d(x, kernel), "conv1d with the defaults")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: conv1d is wrong with a stride
""" # END TEST CONFIG
def test_conv1d_stride(conv1d):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import convolution as ref
    rng = np.random.default_rng(104)
    for L, K, s in [(12, 4, 2), (20, 3, 3), (17, 2, 4), (10, 5, 5), (9, 3, 7), (13, 1, 2)]:
        x, kernel = rng.normal(size=L), rng.normal(size=K)
        expect_array(call(conv1d, x, kernel, stride=s), ref.conv1d(x, kernel, s), "conv1d with a stride")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: conv1d is wrong with padding (padding zeros go at both ends of x)
""" # END TEST CONFIG
def test_conv1d_padding(conv1d):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import convolution as ref
    rng = np.random.default_rng(105)
    for L, K, s, p in [(12, 3, 1, 1), (10, 4, 1, 2), (8, 5, 1, 2), (15, 3, 2, 1), (11, 2, 3, 3), (3, 6, 1, 2)]:
        x, kernel = rng.normal(size=L), rng.normal(size=K)
        expect_array(call(conv1d, x, kernel, stride=s, padding=p), ref.conv1d(x, kernel, s, p), "conv1d with padding")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: conv1d is wrong with dilation (the taps of the kernel are dilation samples apart)
""" # END TEST CONFIG
def test_conv1d_dilation(conv1d):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import convolution as ref
    rng = np.random.default_rng(106)
    for L, K, s, p, d in [(12, 3, 1, 0, 2), (20, 4, 1, 0, 3), (15, 3, 2, 1, 2), (9, 2, 1, 1, 4), (25, 3, 3, 2, 5)]:
        x, kernel = rng.normal(size=L), rng.normal(size=K)
        expect_array(call(conv1d, x, kernel, stride=s, padding=p, dilation=d), ref.conv1d(x, kernel, s, p, d),
                     "conv1d with dilation")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: conv1d must accept integer and float32 arrays (and give the same values)
""" # END TEST CONFIG
def test_conv1d_input_types(conv1d):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import convolution as ref
    rng = np.random.default_rng(107)
    x_int, k_int = rng.integers(-5, 6, size=14), rng.integers(-3, 4, size=3)
    x_32, k_32 = rng.normal(size=14).astype(np.float32), rng.normal(size=3).astype(np.float32)
    for x, kernel in [(x_int, k_int), (x_32, k_32), (x_int, k_32.astype(np.float64))]:
        expect_array(call(conv1d, x, kernel), ref.conv1d(x, kernel), "conv1d on integer or float32 input")
        expect_array(call(conv1d, x, kernel, stride=2, padding=1, dilation=2), ref.conv1d(x, kernel, 2, 1, 2),
                     "conv1d on integer or float32 input")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: conv1d must raise ValueError when the (dilated) kernel is longer than the padded signal
""" # END TEST CONFIG
def test_conv1d_refuses_a_kernel_that_does_not_fit(conv1d):
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_raises
    from solutions import convolution as ref
    rng = np.random.default_rng(108)
    x = rng.normal(size=4)
    for K, s, p, d in [(5, 1, 0, 1), (7, 1, 1, 1), (3, 1, 0, 2), (2, 2, 0, 4)]:
        expect_raises(ValueError, conv1d, x, rng.normal(size=K), s, p, d, what="conv1d with a kernel that does not fit")
    kernel = rng.normal(size=6)
    expect_array(call(conv1d, x, kernel, padding=1), ref.conv1d(x, kernel, 1, 1), "conv1d with a kernel that just fits")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## Pooling
#
# A **pooling layer** has no weights. It slides a window of `kernel_size` samples along the signal and
# summarises each window by its maximum (**max pooling**) or its mean (**average pooling**), which
# shrinks the signal and makes the network less sensitive to small shifts. Unlike convolution, the
# stride of a pooling layer **defaults to the kernel size** (`stride=None` in PyTorch), so the windows
# do not overlap: max pooling of the lecture's signal with size 2 keeps one value out of every pair.
# (The slide writes the first window as $\max(3, 0)$; it is $\max(3, 1) = 3$.)

# %%
# dlcourse: figure maxpool_steps The lecture's max pooling with kernel size 2: each window of two samples gives its maximum
import matplotlib.pyplot as plt
import numpy as np
from solutions import convolution as ref

x = np.array([3, 1, 0, 3, -1, 3, 0, 2, 1, -1, 0, 4])
k = 2
y = ref.max_pool1d(x, k)


def row(ax, values, top, colours, width=1.0, shown=None):
    for i, v in enumerate(values):
        ax.add_patch(plt.Rectangle((i * width, top), width, -0.8, facecolor=colours[i], edgecolor="black", lw=0.8))
        if shown is None or shown[i]:
            ax.text((i + 0.5) * width, top - 0.4, f"{v:g}", ha="center", va="center", fontsize=10)


steps = [0, 1, len(y) - 1]
fig, axes = plt.subplots(len(steps), 1, figsize=(8, 1.6 * len(steps)))
for ax, i in zip(axes, steps):
    row(ax, x, 3, ["#ffd54f" if j // k == i else "white" for j in range(len(x))])
    # output i sits under its window, inputs k·i to k·i + k - 1
    row(ax, y, 1.6, ["#81c784" if j == i else ("#e8f5e9" if j < i else "white") for j in range(len(y))],
        width=k, shown=[j <= i for j in range(len(y))])
    ax.annotate("", xy=(k * i + k / 2, 1.62), xytext=(k * i + k / 2, 2.18), arrowprops=dict(arrowstyle="->", lw=0.8))
    last = " (the last)" if i == len(y) - 1 else ""
    ax.set_title(f"output {i}{last}:  max({', '.join(str(v) for v in x[i * k:(i + 1) * k])}) = {y[i]:g}",
                 fontsize=10, loc="left")
    ax.text(-0.3, 2.6, "x", ha="right", va="center", style="italic")
    ax.text(-0.3, 1.2, "y", ha="right", va="center", style="italic")
    ax.set_xlim(-1, len(x) + 0.2)
    ax.set_ylim(0.7, 3.1)
    ax.set_aspect("equal")
    ax.axis("off")
fig.tight_layout()

# %% [markdown]
# PyTorch's pooling layers (`MaxPool1d`, `AvgPool1d` and their 2-D versions) count their outputs with
# the convolution formula, $s$ now defaulting to $K$:
#
# $$L_{out} = \left\lfloor \frac{L_{in} + 2p - d\,(K - 1) - 1}{s} \right\rfloor + 1 .$$
#
# With $d = 1$ this is the slide's AvgPool formula $\frac{L_{in} + 2p - K}{s} + 1$, rounded down. Two
# rules are particular to pooling:
#
# * `padding` may be at most `kernel_size // 2` (dilation does not enlarge this limit);
# * with `ceil_mode=True` the fraction is rounded **up** instead, so that a last, incomplete window at
#   the end is kept. But a window must start inside the input or in the *left* padding: if the last
#   window would start in the right padding, that is if $(L_{out} - 1)\, s \ge L_{in} + p$, it is dropped
#   and $L_{out}$ is one less.

# %%
# dlcourse: figure ceil_mode Pooling windows with and without ceil_mode, and the window that ceil_mode drops
import matplotlib.pyplot as plt
from solutions import convolution as ref

L, K, S = 5, 2, 2
fig, axes = plt.subplots(2, 1, figsize=(6.5, 3.8), gridspec_kw={"height_ratios": [4, 5]})
for ax, p in zip(axes, (0, 1)):
    n_floor = ref.pool1d_out_len(L, K, S, padding=p)
    n_ceil = ref.pool1d_out_len(L, K, S, padding=p, ceil_mode=True)
    n_rounded_up = -(-(L + 2 * p - K) // S) + 1  # rounding up alone, before the rule
    for m in range(-p, max(L + p, (n_rounded_up - 1) * S - p + K)):
        inside = 0 <= m < L
        ax.add_patch(plt.Rectangle((m, 0), 1, 0.8, facecolor="white" if inside else "#eeeeee",
                                   edgecolor="black" if inside else "grey", ls="-" if inside else "--", lw=0.8))
        label = f"x{m}" if inside else ("pad" if m < L + p else "")
        ax.text(m + 0.5, 0.4, label, ha="center", va="center", fontsize=9, color="black" if inside else "grey")
    for i in range(n_rounded_up):
        start, level = i * S - p, -0.45 - 0.5 * i
        if i < n_floor:
            colour, note = "#1f77b4", "floor and ceil_mode"
        elif i < n_ceil:
            colour, note = "#ff7f0e", "ceil_mode only: starts inside, runs past the end"
        else:
            colour, note = "#999999", "dropped: it would start in the right padding"
        ax.plot([start + 0.1, start + K - 0.1], [level, level], color=colour, lw=5, solid_capstyle="butt")
        ax.text(start + K + 0.2, level, f"window {i}: {note}", va="center", fontsize=9, color=colour)
    ax.set_title(f"L_in = {L}, kernel_size = {K}, stride = {S}, padding = {p}:   "
                 f"{n_floor} windows, {n_ceil} with ceil_mode", fontsize=10, loc="left")
    ax.set_xlim(-1.2, 12.5)
    ax.set_ylim(-0.45 - 0.5 * (n_rounded_up - 0.4), 1.0)
    ax.set_aspect("equal")
    ax.axis("off")
fig.tight_layout()

# %% [raw]
# # BEGIN QUESTION
# name: q4
# points: 3.5

# %% [markdown]
# **Question 4 (output length of a pooling layer).** Implement `pool1d_out_len(L_in, kernel_size,
# stride=None, padding=0, dilation=1, ceil_mode=False)`: `stride=None` means `stride = kernel_size`;
# round down, or up with `ceil_mode=True` followed by the rule for the last window; raise `ValueError`
# as the rules say, including for a `padding` above `kernel_size // 2`. (For `ceil_mode`, integer
# arithmetic rounds up too: $\lceil a / b \rceil$ = `(a + b - 1) // b` for $b > 0$.)

# %%
# dlcourse: solution pool1d_out_len

# %% [raw]
# # BEGIN TESTS

# %%
def test_pool1d_out_len_examples(pool1d_out_len):
    from dlcourse_testkit import call, expect_int
    expect_int(call(pool1d_out_len, 12, 2), 6, "pool1d_out_len(12, 2), the lecture's example")
    expect_int(call(pool1d_out_len, 12, 3, stride=1), 10, "pool1d_out_len(12, 3, stride=1)")
    expect_int(call(pool1d_out_len, 5, 2), 2, "pool1d_out_len(5, 2)")
    expect_int(call(pool1d_out_len, 5, 2, ceil_mode=True), 3, "pool1d_out_len(5, 2, ceil_mode=True)")
    expect_int(call(pool1d_out_len, 5, 2, padding=1, ceil_mode=True), 3, "pool1d_out_len(5, 2, padding=1, ceil_mode=True)")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: pool1d_out_len is wrong when stride is not given (it then equals kernel_size)
""" # END TEST CONFIG
def test_pool1d_out_len_default_stride(pool1d_out_len):
    import itertools
    from dlcourse_testkit import call, expect_int
    from solutions import convolution as ref
    for L, k in itertools.product(range(1, 26), range(1, 7)):
        if L >= k:
            expect_int(call(pool1d_out_len, L, k), ref.pool1d_out_len(L, k), "pool1d_out_len with the default stride")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: pool1d_out_len is wrong with an explicit stride, padding or dilation
""" # END TEST CONFIG
def test_pool1d_out_len_options(pool1d_out_len):
    import itertools
    from dlcourse_testkit import call, expect_int
    from solutions import convolution as ref
    for L, k, s, d in itertools.product([1, 2, 4, 7, 12, 19], range(1, 6), range(1, 5), range(1, 4)):
        for p in range(k // 2 + 1):
            if L + 2 * p >= d * (k - 1) + 1:
                expect_int(call(pool1d_out_len, L, k, stride=s, padding=p, dilation=d),
                           ref.pool1d_out_len(L, k, s, p, d), "pool1d_out_len with stride, padding or dilation")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: pool1d_out_len is wrong with ceil_mode=True (the fraction is rounded up)
""" # END TEST CONFIG
def test_pool1d_out_len_ceil_mode(pool1d_out_len):
    import itertools
    from dlcourse_testkit import call, expect_int
    from solutions import convolution as ref
    for L, k, s, d in itertools.product([2, 5, 8, 11, 16], range(1, 5), [None, 1, 2, 3, 4], [1, 2]):
        for p in range(k // 2 + 1):
            stride = k if s is None else s
            span = L + 2 * p - d * (k - 1) - 1
            rounded_up = -(-span // stride) + 1
            # only where the window fits and the last window starts inside the input or the left padding
            if span >= 0 and (rounded_up - 1) * stride < L + p:
                expect_int(call(pool1d_out_len, L, k, stride=s, padding=p, dilation=d, ceil_mode=True),
                           ref.pool1d_out_len(L, k, s, p, d, True), "pool1d_out_len with ceil_mode")
                expect_int(call(pool1d_out_len, L, k, stride=s, padding=p, dilation=d, ceil_mode=False),
                           ref.pool1d_out_len(L, k, s, p, d, False), "pool1d_out_len with ceil_mode=False")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: pool1d_out_len with ceil_mode=True keeps a last window that would start in the right padding
""" # END TEST CONFIG
def test_pool1d_out_len_ceil_mode_drops_a_window_in_the_padding(pool1d_out_len):
    import itertools
    from dlcourse_testkit import call, expect_int
    from solutions import convolution as ref
    checked = 0
    for L, k, s, d in itertools.product([3, 5, 6, 9, 10, 13], range(1, 5), [1, 2, 3, 4, 5], [1, 2]):
        for p in range(k // 2 + 1):
            span = L + 2 * p - d * (k - 1) - 1
            if span >= 0 and (-(-span // s)) * s >= L + p:
                expect_int(call(pool1d_out_len, L, k, stride=s, padding=p, dilation=d, ceil_mode=True),
                           ref.pool1d_out_len(L, k, s, p, d, True), "pool1d_out_len with ceil_mode")
                checked += 1
    assert checked >= 10

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: pool1d_out_len must raise ValueError when padding is larger than kernel_size // 2 (dilation does not change this limit), and only then
""" # END TEST CONFIG
def test_pool1d_out_len_padding_limit(pool1d_out_len):
    from dlcourse_testkit import call, expect_int, expect_raises
    from solutions import convolution as ref
    for L, k, s, p, d in [(5, 2, None, 2, 1), (9, 3, 1, 2, 1), (12, 1, 1, 1, 1), (9, 2, None, 2, 3),
                          (20, 3, 2, 2, 4), (10, 5, 1, 3, 1)]:
        expect_raises(ValueError, pool1d_out_len, L, k, s, p, d, False, what="pool1d_out_len with too much padding")
        expect_raises(ValueError, pool1d_out_len, L, k, s, p, d, True, what="pool1d_out_len with too much padding")
    for L, k, s, p, d in [(5, 2, None, 1, 1), (9, 3, 1, 1, 1), (10, 5, 1, 2, 1), (20, 3, 2, 1, 4), (7, 4, 3, 2, 2)]:
        expect_int(call(pool1d_out_len, L, k, stride=s, padding=p, dilation=d), ref.pool1d_out_len(L, k, s, p, d),
                   "pool1d_out_len with padding of half the kernel")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: pool1d_out_len must raise ValueError for a window longer than the padded input, a kernel_size, stride or dilation below 1, a negative padding or an empty input
""" # END TEST CONFIG
def test_pool1d_out_len_refusals(pool1d_out_len):
    from dlcourse_testkit import call, expect_int, expect_raises
    from solutions import convolution as ref
    for L, k, s, p, d in [(1, 2, None, 0, 1), (4, 2, 1, 0, 4), (3, 6, 1, 1, 1), (5, 3, 2, 0, 3), (2, 3, None, 0, 1),
                          (5, 0, 1, 0, 1), (5, 2, 0, 0, 1), (5, 2, -1, 0, 1), (5, 1, 1, -1, 1), (5, 2, 1, 0, 0),
                          (0, 1, 1, 0, 1), (0, 2, 1, 1, 1)]:
        expect_raises(ValueError, pool1d_out_len, L, k, s, p, d, False, what="pool1d_out_len with an invalid argument")
    for L, k, s, p, d in [(1, 1, None, 0, 1), (3, 6, 1, 3, 1), (5, 3, 2, 0, 2)]:
        expect_int(call(pool1d_out_len, L, k, stride=s, padding=p, dilation=d), ref.pool1d_out_len(L, k, s, p, d),
                   "pool1d_out_len with a window that just fits")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: q5
# points: 2

# %% [markdown]
# **Question 5 (output shape of 2-D pooling).** Implement `pool2d_out_shape(H_in, W_in, kernel_size,
# stride=None, padding=0, dilation=1, ceil_mode=False)` for `torch.nn.MaxPool2d` and `AvgPool2d`: the
# 1-D pooling rule for each dimension, each argument an `int` or a `(height, width)` pair, `stride=None`
# meaning the kernel size in each dimension. Return `(H_out, W_out)`.

# %%
# dlcourse: solution pool2d_out_shape

# %% [raw]
# # BEGIN TESTS

# %%
def test_pool2d_out_shape_examples(pool2d_out_shape):
    from dlcourse_testkit import call, expect_int, expect_sequence
    H, W = expect_sequence(call(pool2d_out_shape, 4, 6, 2), 2, "pool2d_out_shape(4, 6, 2)")
    expect_int(H, 2, "H_out of pool2d_out_shape(4, 6, 2)")
    expect_int(W, 3, "W_out of pool2d_out_shape(4, 6, 2)")
    H, W = expect_sequence(call(pool2d_out_shape, 5, 7, (2, 3), ceil_mode=True), 2,
                           "pool2d_out_shape(5, 7, (2, 3), ceil_mode=True)")
    expect_int(H, 3, "H_out of pool2d_out_shape(5, 7, (2, 3), ceil_mode=True)")
    expect_int(W, 3, "W_out of pool2d_out_shape(5, 7, (2, 3), ceil_mode=True)")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: pool2d_out_shape is wrong for some kernel sizes, strides, paddings, dilations or ceil modes (given as ints or as (height, width) pairs)
""" # END TEST CONFIG
def test_pool2d_out_shape_values(pool2d_out_shape):
    import numpy as np
    from dlcourse_testkit import call, expect_int, expect_sequence
    from solutions import convolution as ref
    rng = np.random.default_rng(109)
    checked = 0
    while checked < 80:
        H, W = (int(v) for v in rng.integers(1, 20, size=2))
        k = tuple(int(v) for v in rng.integers(1, 6, size=2))
        k = k if rng.random() < 0.7 else k[0]
        k2 = k if isinstance(k, tuple) else (k, k)
        p = tuple(int(rng.integers(0, ki // 2 + 1)) for ki in k2)
        p = p if rng.random() < 0.7 else min(p)
        p2 = p if isinstance(p, tuple) else (p, p)
        d = tuple(int(v) for v in rng.integers(1, 3, size=2))
        d = d if rng.random() < 0.7 else d[0]
        d2 = d if isinstance(d, tuple) else (d, d)
        if any(L + 2 * pi < di * (ki - 1) + 1 for L, ki, pi, di in zip((H, W), k2, p2, d2)):
            continue  # a window longer than the padded input
        options = {"kernel_size": k, "padding": p, "dilation": d, "ceil_mode": bool(rng.random() < 0.5)}
        if rng.random() < 0.6:
            s = tuple(int(v) for v in rng.integers(1, 5, size=2))
            options["stride"] = s if rng.random() < 0.7 else s[0]
        try:
            expected = ref.pool2d_out_shape(H, W, **options)
        except ValueError:
            continue
        got = expect_sequence(call(pool2d_out_shape, H, W, **options), 2, "pool2d_out_shape")
        expect_int(got[0], expected[0], "H_out of pool2d_out_shape")
        expect_int(got[1], expected[1], "W_out of pool2d_out_shape")
        checked += 1

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: pool2d_out_shape must raise ValueError when either dimension is invalid (window too long, too much padding, or an invalid argument)
""" # END TEST CONFIG
def test_pool2d_out_shape_refusals(pool2d_out_shape):
    from dlcourse_testkit import call, expect_int, expect_raises, expect_sequence
    from solutions import convolution as ref
    for H, W, k, s, p, d in [(5, 2, (2, 3), None, 0, 1), (1, 6, 2, None, 0, 1), (6, 6, (2, 4), None, (0, 3), 1),
                             (6, 6, (3, 2), None, (2, 0), 1), (6, 6, 2, (1, 0), 0, 1), (6, 6, 2, None, (0, -1), 1),
                             (6, 6, 2, None, 0, (0, 1)), (8, 5, 2, 1, 0, (1, 5))]:
        expect_raises(ValueError, pool2d_out_shape, H, W, k, s, p, d, False,
                      what="pool2d_out_shape with an invalid dimension")
    expected = ref.pool2d_out_shape(7, 5, (3, 2), None, (1, 1))
    got = expect_sequence(call(pool2d_out_shape, 7, 5, (3, 2), padding=(1, 1)), 2, "pool2d_out_shape")
    expect_int(got[0], expected[0], "H_out of pool2d_out_shape")
    expect_int(got[1], expected[1], "W_out of pool2d_out_shape")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: q6
# points: 2.5

# %% [markdown]
# **Question 6 (max pooling).** Implement `max_pool1d(x, kernel_size, stride=None)`:
# $y_i = \max_{0 \le j < K} x_{i s + j}$ for $i = 0, \dots, L_{out} - 1$, with $s = K$ when `stride` is
# `None`, no padding, and samples at the end that do not fill a window left out (as in PyTorch).

# %%
# dlcourse: solution max_pool1d

# %% [raw]
# # BEGIN TESTS

# %%
def test_max_pool1d_examples(max_pool1d):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    x = np.array([3.0, 1, 0, 3, -1, 3, 0, 2, 1, -1, 0, 4])
    expect_array(call(max_pool1d, x, 2), [3, 3, 3, 2, 1, 4], "max_pool1d of the lecture's example")
    expect_array(call(max_pool1d, np.array([1.0, 3.0, 2.0, 5.0]), 2, 1), [3, 3, 5], "max_pool1d([1, 3, 2, 5], 2, 1)")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: max_pool1d is wrong when stride is not given (it then equals kernel_size)
""" # END TEST CONFIG
def test_max_pool1d_default_stride(max_pool1d):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import convolution as ref
    rng = np.random.default_rng(110)
    for L, k in [(12, 2), (13, 3), (20, 4), (7, 7), (9, 1), (17, 5)]:
        x = rng.normal(size=L)
        expect_array(call(max_pool1d, x, k), ref.max_pool1d(x, k), "max_pool1d with the default stride")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: max_pool1d is wrong with an explicit stride (smaller or larger than kernel_size)
""" # END TEST CONFIG
def test_max_pool1d_stride(max_pool1d):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import convolution as ref
    rng = np.random.default_rng(111)
    for L, k, s in [(12, 2, 1), (13, 3, 2), (20, 4, 3), (15, 2, 3), (11, 3, 5), (9, 3, 3)]:
        x = rng.normal(size=L)
        expect_array(call(max_pool1d, x, k, s), ref.max_pool1d(x, k, s), "max_pool1d with a stride")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: max_pool1d is wrong for negative values, or for integer or float32 input
""" # END TEST CONFIG
def test_max_pool1d_input_types(max_pool1d):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import convolution as ref
    rng = np.random.default_rng(112)
    for x in (-rng.uniform(1, 5, size=11), rng.integers(-9, 10, size=13), rng.normal(size=10).astype(np.float32)):
        expect_array(call(max_pool1d, x, 3), ref.max_pool1d(x, 3), "max_pool1d on negative, integer or float32 input")
        expect_array(call(max_pool1d, x, 2, 1), ref.max_pool1d(x, 2, 1), "max_pool1d on negative, integer or float32 input")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: max_pool1d must raise ValueError when the window is longer than the signal
""" # END TEST CONFIG
def test_max_pool1d_refuses_a_window_that_does_not_fit(max_pool1d):
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_raises
    from solutions import convolution as ref
    x = np.random.default_rng(113).normal(size=4)
    for k, s in [(5, None), (6, 1), (8, 2)]:
        expect_raises(ValueError, max_pool1d, x, k, s, what="max_pool1d with a window longer than the signal")
    expect_array(call(max_pool1d, x, 4), ref.max_pool1d(x, 4), "max_pool1d with a window as long as the signal")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: q7
# points: 2.5

# %% [markdown]
# **Question 7 (average pooling).** Implement `avg_pool1d(x, kernel_size, stride=None)`: the same windows
# as `max_pool1d`, each replaced by its mean $\frac{1}{K} \sum_j x_{i s + j}$. The result is in floating
# point even for integer input.

# %%
# dlcourse: solution avg_pool1d

# %% [raw]
# # BEGIN TESTS

# %%
def test_avg_pool1d_examples(avg_pool1d):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    x = np.array([3.0, 1, 0, 3, -1, 3, 0, 2, 1, -1, 0, 4])
    expect_array(call(avg_pool1d, x, 2), [2, 1.5, 1, 1, 0, 2], "avg_pool1d of the lecture's signal, size 2")
    expect_array(call(avg_pool1d, np.array([1.0, 2.0, 3.0, 4.0, 5.0]), 2, 1), [1.5, 2.5, 3.5, 4.5],
                 "avg_pool1d([1, 2, 3, 4, 5], 2, 1)")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: avg_pool1d is wrong when stride is not given (it then equals kernel_size), or does not divide by kernel_size
""" # END TEST CONFIG
def test_avg_pool1d_default_stride(avg_pool1d):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import convolution as ref
    rng = np.random.default_rng(114)
    for L, k in [(12, 2), (13, 3), (20, 4), (7, 7), (9, 1), (17, 5)]:
        x = rng.normal(size=L)
        expect_array(call(avg_pool1d, x, k), ref.avg_pool1d(x, k), "avg_pool1d with the default stride")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: avg_pool1d is wrong with an explicit stride (smaller or larger than kernel_size)
""" # END TEST CONFIG
def test_avg_pool1d_stride(avg_pool1d):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import convolution as ref
    rng = np.random.default_rng(115)
    for L, k, s in [(12, 2, 1), (13, 3, 2), (20, 4, 3), (15, 2, 3), (11, 3, 5), (9, 3, 3)]:
        x = rng.normal(size=L)
        expect_array(call(avg_pool1d, x, k, s), ref.avg_pool1d(x, k, s), "avg_pool1d with a stride")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: avg_pool1d is wrong for integer or float32 input (the mean of integers is not rounded)
""" # END TEST CONFIG
def test_avg_pool1d_input_types(avg_pool1d):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import convolution as ref
    rng = np.random.default_rng(116)
    for x in (rng.integers(-9, 10, size=13), rng.normal(size=10).astype(np.float32)):
        expect_array(call(avg_pool1d, x, 3), ref.avg_pool1d(x, 3), "avg_pool1d on integer or float32 input")
        expect_array(call(avg_pool1d, x, 2, 1), ref.avg_pool1d(x, 2, 1), "avg_pool1d on integer or float32 input")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: avg_pool1d must raise ValueError when the window is longer than the signal
""" # END TEST CONFIG
def test_avg_pool1d_refuses_a_window_that_does_not_fit(avg_pool1d):
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_raises
    from solutions import convolution as ref
    x = np.random.default_rng(117).normal(size=4)
    for k, s in [(5, None), (6, 1), (8, 2)]:
        expect_raises(ValueError, avg_pool1d, x, k, s, what="avg_pool1d with a window longer than the signal")
    expect_array(call(avg_pool1d, x, 4), ref.avg_pool1d(x, 4), "avg_pool1d with a window as long as the signal")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## Putting it together: the lecture's CNN
#
# The lecture's network for 1-D signals stacks three blocks `Conv1d(kernel_size=3, stride=1, padding=1)`
# → `ReLU` → `MaxPool1d(2)`, with 1 → 8 → 16 → 32 channels, then flattens the 32 channels into one
# vector for `Linear(512, 1)`. The flattened vector has $32 \cdot L_3$ entries, where $L_3$ is the
# length after the third block, and the linear layer only accepts exactly 512 of them.

# %% [raw]
# # BEGIN QUESTION
# name: q8
# points: 1

# %% [markdown]
# **Question 8.** What is the shortest window of samples $L_{in}$ that this network accepts? Work it out
# with your size functions (a `ReLU` does not change the length) and set `window_length` to that
# number (an `int`). You will meet it again in the labs, where recordings are cut into windows before
# they go through such a network.

# %%
# dlcourse: solution window_length

# %% [raw]
# # BEGIN TESTS

# %%
def test_window_length_is_an_int(window_length):
    from dlcourse_testkit import CheckFailed
    if type(window_length) is not int:
        raise CheckFailed("set window_length to a whole number (an int)")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: window_length is not the shortest window that the lecture's CNN accepts
""" # END TEST CONFIG
def test_window_length_answer(window_length):
    from dlcourse_testkit import expect_int
    from solutions import convolution as ref
    expect_int(window_length, ref.window_length, "window_length")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %%
# Runs your size functions on window_length, block by block (once window_length is set).
if isinstance(window_length, int):
    length = window_length
    for block in (1, 2, 3):
        length = pool1d_out_len(conv1d_out_len(length, 3, padding=1), 2)
        print(f"after block {block}: length {length}")
    print(f"flattened: 32 channels x {length} = {32 * length} features (Linear(512, 1) needs 512)")
