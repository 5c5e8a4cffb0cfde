# %% [markdown]
# # Exercise 3: loss functions
#
# Training a network means making its predictions $\hat y$ close to the truth $y$. A **loss function**
# $l(y_i, \hat y_i)$ turns "how wrong is the prediction for sample $i$" into one number, and the
# **empirical loss** (also called cost, objective or empirical risk) averages it over the $n$ samples
# of the data set:
#
# $$L(W, b) = \frac{1}{n} \sum_{i=1}^{n} l\big(y_i, \hat y_i\big).$$
#
# Training then searches for the weights $W$ and biases $b$ with the lowest $L$ (exercise 6 does that
# by gradient descent, exercise 4 computes the gradients by backpropagation).
#
# **Erratum.** The lecture slide sums from $i = 0$ to $n$: that is $n + 1$ terms. The sum runs over the
# $n$ samples, $i = 1, \dots, n$, so the empirical loss is a plain **mean**.
#
# Which loss to use depends on the problem.
#
# **Regression** (the prediction is any real number). With the error $e = y - \hat y$:
#
# | loss | $l(y, \hat y)$ |
# |---|---|
# | mean absolute error (MAE, L1) | $\lvert e\rvert$ |
# | mean squared error (MSE, L2) | $e^2$ |
# | smooth L1 with threshold $\beta > 0$ | $\dfrac{0.5\, e^2}{\beta}$ if $\lvert e\rvert < \beta$, otherwise $\lvert e\rvert - 0.5\,\beta$ |
#
# MSE punishes large errors much harder than small ones, so a few outliers can dominate it. MAE treats
# every unit of error alike, but its kink at $e = 0$ makes its gradient jump from $-1$ to $+1$. Smooth
# L1 takes the best of both: a parabola near 0 (smooth, small gradients for small errors), a straight
# line far away (robust to outliers). The two pieces meet at $\lvert e\rvert = \beta$ with the same
# value and slope. For $\beta = 0$ the parabola vanishes and smooth L1 **is** the L1 loss (the
# formula would divide by zero there, so treat $\beta = 0$ on its own).

# %%
# dlcourse: figure regression_losses The regression losses as functions of the error y - ŷ
import matplotlib.pyplot as plt
import numpy as np
from solutions import losses as ref

errors = np.linspace(-3, 3, 241)
zero = np.zeros(1)
curves = [("MSE", lambda e: ref.mse(np.array([e]), zero)),
          ("MAE", lambda e: ref.mae(np.array([e]), zero)),
          ("smooth L1, β = 1", lambda e: ref.smooth_l1(np.array([e]), zero, beta=1.0)),
          ("smooth L1, β = 2", lambda e: ref.smooth_l1(np.array([e]), zero, beta=2.0))]
fig, ax = plt.subplots(figsize=(6.5, 3.6))
for (label, loss), style in zip(curves, ["-", "-", "--", ":"]):
    ax.plot(errors, [loss(e) for e in errors], style, linewidth=2, label=label)
ax.set_xlabel("error  e = y − ŷ")
ax.set_ylabel("loss  l(y, ŷ)")
ax.set_ylim(0, 4)
ax.legend(loc="upper center")

# %% [markdown]
# Near $e = 0$ smooth L1 follows a parabola (flatter for larger $\beta$); beyond $\lvert e\rvert = \beta$
# it runs parallel to MAE, $0.5\,\beta$ below it.
#
# Rules for every function in this notebook:
#
# * The arguments are numpy arrays; integer and `float32` arrays must work too. Argument order is the
#   lecture's: **truth first, prediction second**, `loss(y, y_hat)`.
# * A loss returns a **single number** (a Python `float` or a numpy scalar), never an array.
# * The regression losses `mse`, `mae` and `smooth_l1` average over **every element**: for arrays of
#   shape `(n, d)` that is a mean of $n \cdot d$ terms (PyTorch's `reduction="mean"`).
# * Use numpy's vectorised operations, and never modify an input array in place.

# %%
import numpy as np

# %% [raw]
# # BEGIN QUESTION
# name: q1
# points: 4

# %% [markdown]
# **Question 1 (MSE and MAE).** Implement `mse(y, y_hat)` and `mae(y, y_hat)`:
#
# $$\text{MSE} = \frac{1}{N} \sum_{i=1}^{N} (y_i - \hat y_i)^2, \qquad
#   \text{MAE} = \frac{1}{N} \sum_{i=1}^{N} \lvert y_i - \hat y_i\rvert,$$
#
# where $N$ is the number of elements of `y` (which has the same shape as `y_hat`).

# %%
# dlcourse: solution mse, mae

# %% [raw]
# # BEGIN TESTS

# %%
def test_mse_mae_example(mse, mae):
    import numpy as np
    from dlcourse_testkit import call, expect_number
    y, y_hat = np.array([1.0, 2.0, 3.0]), np.array([1.5, 2.0, 1.0])
    # errors -0.5, 0, 2: MSE = (0.25 + 0 + 4) / 3, MAE = (0.5 + 0 + 2) / 3
    expect_number(call(mse, y, y_hat), 1.41666667, "mse([1, 2, 3], [1.5, 2, 1])")
    expect_number(call(mae, y, y_hat), 0.83333333, "mae([1, 2, 3], [1.5, 2, 1])")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: mse is wrong (it is the mean of the squared errors)
""" # END TEST CONFIG
def test_mse_values(mse):
    import numpy as np
    from dlcourse_testkit import call, expect_number
    from solutions import losses as ref
    rng = np.random.default_rng(31)
    for n in (1, 5, 40):
        y, y_hat = rng.normal(size=n), rng.normal(scale=2.0, size=n)
        expect_number(call(mse, y, y_hat), ref.mse(y, y_hat), "mse")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: mae is wrong (it is the mean of the absolute errors)
""" # END TEST CONFIG
def test_mae_values(mae):
    import numpy as np
    from dlcourse_testkit import call, expect_number
    from solutions import losses as ref
    rng = np.random.default_rng(32)
    for n in (1, 6, 40):
        y, y_hat = rng.normal(size=n), rng.normal(scale=2.0, size=n)
        expect_number(call(mae, y, y_hat), ref.mae(y, y_hat), "mae")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: mse or mae is wrong for 2-D arrays (average over every element, not over rows)
""" # END TEST CONFIG
def test_mse_mae_2d(mse, mae):
    import numpy as np
    from dlcourse_testkit import call, expect_number
    from solutions import losses as ref
    rng = np.random.default_rng(33)
    for shape in ((8, 3), (5, 1), (1, 4)):
        y, y_hat = rng.normal(size=shape), rng.normal(size=shape)
        expect_number(call(mse, y, y_hat), ref.mse(y, y_hat), "mse of 2-D arrays")
        expect_number(call(mae, y, y_hat), ref.mae(y, y_hat), "mae of 2-D arrays")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: mse and mae must accept integer and float32 arrays, and give 0 for a perfect prediction
""" # END TEST CONFIG
def test_mse_mae_input_types(mse, mae):
    import numpy as np
    from dlcourse_testkit import call, expect_number
    from solutions import losses as ref
    y, y_hat = np.array([3, -1, 4, 0]), np.array([2, 2, 4, -5])
    cases = [(y, y_hat), (y.astype(np.float32) / 4, y_hat.astype(np.float32) / 3), (y_hat, y_hat)]
    for a, b in cases:
        expect_number(call(mse, a, b), ref.mse(a, b), "mse on integer or float32 input", rtol=1e-5)
        expect_number(call(mae, a, b), ref.mae(a, b), "mae on integer or float32 input", rtol=1e-5)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: q2
# points: 4

# %% [markdown]
# **Question 2 (smooth L1).** Implement `smooth_l1(y, y_hat, beta=1.0)`, the mean over every element of
#
# $$l(y, \hat y) = \begin{cases} 0.5\,(y - \hat y)^2 / \beta & \text{if } \lvert y - \hat y\rvert < \beta \\
#   \lvert y - \hat y\rvert - 0.5\,\beta & \text{otherwise,} \end{cases}$$
#
# and, for `beta = 0`, the plain L1 loss (the MAE of question 1). Hint: `np.where(condition, a, b)`
# picks `a` where the condition holds and `b` elsewhere.

# %%
# dlcourse: solution smooth_l1

# %% [raw]
# # BEGIN TESTS

# %%
def test_smooth_l1_example(smooth_l1):
    import numpy as np
    from dlcourse_testkit import call, expect_number
    y, y_hat = np.zeros(3), np.array([0.5, 2.0, -3.0])
    # beta = 1: 0.5 * 0.5**2 = 0.125, then 2 - 0.5 = 1.5 and 3 - 0.5 = 2.5; the mean is 4.125 / 3
    expect_number(call(smooth_l1, y, y_hat), 1.375, "smooth_l1 with the default beta")
    # beta = 2: 0.5 * 0.5**2 / 2 = 0.0625, then 2 - 1 = 1 and 3 - 1 = 2; the mean is 3.0625 / 3
    expect_number(call(smooth_l1, y, y_hat, beta=2.0), 1.02083333, "smooth_l1 with beta = 2")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: smooth_l1 is wrong with the default beta (check both branches)
""" # END TEST CONFIG
def test_smooth_l1_default_beta(smooth_l1):
    import numpy as np
    from dlcourse_testkit import call, expect_number
    from solutions import losses as ref
    rng = np.random.default_rng(41)
    y = rng.normal(size=30)
    for scale in (0.3, 3.0):  # mostly the quadratic branch, then mostly the linear one
        y_hat = y + rng.normal(scale=scale, size=30)
        expect_number(call(smooth_l1, y, y_hat), ref.smooth_l1(y, y_hat), "smooth_l1")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1.5
failure_message: smooth_l1 ignores or misuses beta, or is wrong for 2-D arrays
""" # END TEST CONFIG
def test_smooth_l1_beta(smooth_l1):
    import numpy as np
    from dlcourse_testkit import call, expect_number
    from solutions import losses as ref
    rng = np.random.default_rng(42)
    y, y_hat = rng.normal(scale=2.0, size=(6, 4)), rng.normal(scale=2.0, size=(6, 4))
    for beta in (0.25, 0.5, 2.0, 3.5):
        expect_number(call(smooth_l1, y, y_hat, beta=beta), ref.smooth_l1(y, y_hat, beta=beta), "smooth_l1")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: smooth_l1 with beta = 0 must be the plain L1 loss (the mean absolute error)
""" # END TEST CONFIG
def test_smooth_l1_beta_zero(smooth_l1):
    import numpy as np
    from dlcourse_testkit import call, expect_number
    from solutions import losses as ref
    rng = np.random.default_rng(43)
    y, y_hat = rng.normal(size=12), rng.normal(size=12)
    y_hat[:3] = y[:3]  # a few exact predictions as well
    expect_number(call(smooth_l1, y, y_hat, beta=0.0), ref.smooth_l1(y, y_hat, beta=0.0), "smooth_l1, beta = 0")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: smooth_l1 must accept integer and float32 arrays
""" # END TEST CONFIG
def test_smooth_l1_input_types(smooth_l1):
    import numpy as np
    from dlcourse_testkit import call, expect_number
    from solutions import losses as ref
    y, y_hat = np.array([[3, -1], [4, 0]]), np.array([[3, 0], [1, -5]])
    for a, b in ((y, y_hat), (y.astype(np.float32) / 3, y_hat.astype(np.float32) / 5)):
        expect_number(call(smooth_l1, a, b), ref.smooth_l1(a, b), "smooth_l1 on integer or float32 input",
                      rtol=1e-5)
        expect_number(call(smooth_l1, a, b, beta=2.0), ref.smooth_l1(a, b, beta=2.0),
                      "smooth_l1 on integer or float32 input", rtol=1e-5)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## Classification
#
# A classifier outputs **probabilities**. For two classes it outputs one number $p = P(y = 1)$ per
# sample (typically the sigmoid of the last neuron), and the label is $y \in \{0, 1\}$. The **binary
# cross-entropy** is the negative log-probability that the model gave to the true label:
#
# $$l(y, p) = -\big[\,y \log p + (1 - y) \log(1 - p)\,\big]
#   = \begin{cases} -\log p & \text{if } y = 1 \\ -\log(1 - p) & \text{if } y = 0. \end{cases}$$
#
# A confident right answer costs almost nothing; a confident wrong answer costs a lot, without bound.

# %%
# dlcourse: figure bce_curves The binary cross-entropy as a function of p, for y = 1 and y = 0
import matplotlib.pyplot as plt
import numpy as np
from solutions import losses as ref

p = np.linspace(0.002, 0.998, 250)
fig, ax = plt.subplots(figsize=(6.5, 3.6))
for label, style in ((1.0, "-"), (0.0, "--")):
    ax.plot(p, [ref.binary_cross_entropy(np.array([label]), np.array([q])) for q in p], style, linewidth=2,
            label=f"y = {label:.0f}:  −log({'p' if label else '1 − p'})")
ax.set_xlabel("predicted probability  p = P(y = 1)")
ax.set_ylabel("loss  l(y, p)")
ax.set_ylim(0, 5)
ax.legend(loc="upper center")

# %% [markdown]
# **Clipping.** A model can output $p = 0$ or $p = 1$ exactly (a saturated sigmoid, or rounding), and
# then $\log 0 = -\infty$ turns the loss into `inf` or `nan` (numpy also computes $0 \cdot \log 0$ as
# `nan`). So clip the probabilities first into $[\varepsilon, 1 - \varepsilon]$ with
# $\varepsilon = 10^{-12}$ (`np.clip` returns a new array; never clip the caller's array in place).
# The worst possible loss per sample is then $-\log 10^{-12} \approx 27.63$. (PyTorch guards
# differently: it caps each logarithm at $-100$.)
#
# As before, the empirical loss is the mean over the samples (over every element of `y`).

# %% [raw]
# # BEGIN QUESTION
# name: q3
# points: 4

# %% [markdown]
# **Question 3 (binary cross-entropy).** Implement `binary_cross_entropy(y, p)`: `y` holds labels 0 or 1,
# `p` the predicted probabilities $P(y = 1)$, both of the same shape. Clip `p` to
# $[10^{-12}, 1 - 10^{-12}]$, then return the mean of $-[y \log p + (1 - y) \log(1 - p)]$.
# Mind the argument order: labels first.

# %%
# dlcourse: solution binary_cross_entropy

# %% [raw]
# # BEGIN TESTS

# %%
def test_bce_example(binary_cross_entropy):
    import numpy as np
    from dlcourse_testkit import call, expect_number
    # -(log 0.8 + log(1 - 0.4)) / 2
    expect_number(call(binary_cross_entropy, np.array([1.0, 0.0]), np.array([0.8, 0.4])), 0.36698459,
                  "binary_cross_entropy([1, 0], [0.8, 0.4])")

# %%
def test_bce_is_finite_at_zero(binary_cross_entropy):
    import numpy as np
    from dlcourse_testkit import call, expect_number
    # p = 0 for a positive sample: clipped to 1e-12, so the loss is -log(1e-12), not infinity
    expect_number(call(binary_cross_entropy, np.array([1.0]), np.array([0.0])), 27.63102112,
                  "binary_cross_entropy([1], [0])")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1.5
failure_message: binary_cross_entropy is wrong (check the sign, the mean, and the argument order y, p)
""" # END TEST CONFIG
def test_bce_values(binary_cross_entropy):
    import numpy as np
    from dlcourse_testkit import call, expect_number
    from solutions import losses as ref
    rng = np.random.default_rng(51)
    for shape in ((1,), (25,), (6, 3)):
        y = rng.integers(0, 2, size=shape).astype(float)
        p = rng.uniform(0.01, 0.99, size=shape)
        expect_number(call(binary_cross_entropy, y, p), ref.binary_cross_entropy(y, p), "binary_cross_entropy")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: binary_cross_entropy is not finite, or wrong, when p is exactly 0 or 1 (clip p to [1e-12, 1 - 1e-12] without changing the input)
""" # END TEST CONFIG
def test_bce_clipping(binary_cross_entropy):
    import numpy as np
    from dlcourse_testkit import call, expect_number
    from solutions import losses as ref
    y = np.array([1.0, 0.0, 1.0, 0.0, 1.0, 0.0])
    # certainly wrong, certainly wrong, certainly right, certainly right, then two ordinary predictions
    p = np.array([0.0, 1.0, 1.0, 0.0, 0.7, 0.2])
    for idx in ([0], [1], [2, 3], slice(None)):
        expect_number(call(binary_cross_entropy, y[idx], p[idx]), ref.binary_cross_entropy(y[idx], p[idx]),
                      "binary_cross_entropy at p = 0 or 1", rtol=1e-3, atol=1e-9)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: binary_cross_entropy must accept integer labels and float32 probabilities
""" # END TEST CONFIG
def test_bce_input_types(binary_cross_entropy):
    import numpy as np
    from dlcourse_testkit import call, expect_number
    from solutions import losses as ref
    y = np.array([1, 0, 0, 1, 1])
    p = np.array([0.9, 0.35, 0.05, 0.6, 0.25])
    for a, b in ((y, p), (y.astype(np.float32), p.astype(np.float32)), (y, p.astype(np.float32))):
        expect_number(call(binary_cross_entropy, a, b), ref.binary_cross_entropy(a, b),
                      "binary_cross_entropy on integer or float32 input", rtol=1e-5)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## Softmax and the cross-entropy
#
# With $k$ classes, the last layer outputs $k$ real numbers per sample, the **logits**
# $z = (z_1, \dots, z_k)$. The **softmax** turns them into probabilities, positive and summing to 1:
#
# $$\operatorname{softmax}(z)_j = \frac{e^{z_j}}{\sum_{l=1}^{k} e^{z_l}}.$$
#
# Written like this it breaks for large logits: `np.exp(1000.0)` is `inf` and `inf / inf` is `nan`.
# But adding the same constant $c$ to every logit changes nothing, because $e^{z_j + c} = e^{c} e^{z_j}$
# and $e^{c}$ cancels between numerator and denominator. Choose $c = -\max_l z_l$: the largest exponent
# is then $e^0 = 1$, nothing overflows, and the denominator is at least 1.

# %%
# dlcourse: figure softmax_bars Softmax turns logits into probabilities; shifting every logit by 1000 changes nothing
import matplotlib.pyplot as plt
import numpy as np
from solutions import losses as ref

z = np.array([2.0, 1.0, 0.1, -1.0])
classes = np.arange(len(z))
fig, axes = plt.subplots(1, 2, figsize=(8, 3))
axes[0].bar(classes, z, color="tab:gray")
axes[0].set_title("logits z")
axes[1].bar(classes - 0.2, ref.softmax(z), width=0.4, label="softmax(z)")
axes[1].bar(classes + 0.2, ref.softmax(z + 1000.0), width=0.4, label="softmax(z + 1000)")
axes[1].set_title("probabilities (sum to 1)")
axes[1].legend(loc="upper right")
for ax in axes:
    ax.set_xticks(classes, [f"class {j}" for j in classes])
    ax.axhline(0, color="black", linewidth=0.8)

# %% [raw]
# # BEGIN QUESTION
# name: q4
# points: 4

# %% [markdown]
# **Question 4 (softmax).** Implement `softmax(z)` along the **last axis**: for logits of shape `(n, k)`
# (one row per sample) every row of the result sums to 1; a single vector of shape `(k,)` gives one
# probability vector. Subtract each row's maximum first, so that logits as large as $\pm 1000$ give
# correct, finite probabilities. Hint: `np.max(z, axis=-1, keepdims=True)` keeps the shape ready for
# broadcasting.

# %%
# dlcourse: solution softmax

# %% [raw]
# # BEGIN TESTS

# %%
def test_softmax_example(softmax):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    expect_array(call(softmax, np.array([1.0, 2.0, 3.0])), [0.09003057, 0.24472847, 0.66524096],
                 "softmax([1, 2, 3])", rtol=1e-7)
    # two equal logits share the probability, however large they are; e^0 : e^(log 3) = 1 : 3
    z = np.array([[1000.0, 1000.0], [0.0, np.log(3.0)]])
    expect_array(call(softmax, z), [[0.5, 0.5], [0.25, 0.75]], "softmax of [[1000, 1000], [0, log 3]]")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: softmax is wrong for 2-D logits (it works along the last axis, so each row sums to 1)
""" # END TEST CONFIG
def test_softmax_rows(softmax):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import losses as ref
    rng = np.random.default_rng(61)
    for shape in ((7, 4), (4, 4), (1, 5), (3, 1)):
        z = rng.normal(scale=2.0, size=shape)
        expect_array(call(softmax, z), ref.softmax(z), "softmax of a 2-D array")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: softmax is wrong for a single vector of logits
""" # END TEST CONFIG
def test_softmax_vector(softmax):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import losses as ref
    z = np.random.default_rng(62).normal(scale=3.0, size=6)
    expect_array(call(softmax, z), ref.softmax(z), "softmax of a vector")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1.5
failure_message: softmax overflows or is wrong for large logits (subtract the maximum of each row)
""" # END TEST CONFIG
def test_softmax_large_logits(softmax):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import losses as ref
    z = np.array([[1000.0, 999.0, 990.0], [-1000.0, -998.0, -1000.0], [1.0, 2.0, 3.0], [-995.0, 1000.0, 0.0]])
    expect_array(call(softmax, z), ref.softmax(z), "softmax of large logits")
    v = np.random.default_rng(63).uniform(-1000.0, 1000.0, size=5)
    expect_array(call(softmax, v), ref.softmax(v), "softmax of large logits")
    expect_array(call(softmax, -v), ref.softmax(-v), "softmax of large logits")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: softmax must accept integer and float32 logits
""" # END TEST CONFIG
def test_softmax_input_types(softmax):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import losses as ref
    for z in (np.array([[2, 0, -1], [5, 5, 5]]), np.array([[0.5, -1.5, 3.0, 0.0]], dtype=np.float32),
              np.array([700, 710, 705])):
        expect_array(call(softmax, z), ref.softmax(z), "softmax of integer or float32 logits")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# The **cross-entropy** compares these probabilities with the true class. Encode the label of sample
# $i$ **one-hot**: $y_{ij} = 1$ for its class $j$ and 0 for the others. With $\hat y_{ij}$ the
# probability that the model gives to class $j$,
#
# $$l(y_i, \hat y_i) = -\sum_{j=1}^{k} y_{ij} \log \hat y_{ij},$$
#
# which is just $-\log$ (probability of the true class): the same idea as the binary cross-entropy, which
# is the case $k = 2$. The empirical loss is the mean of $l$ over the $n$ samples (the **rows**), not
# over all $n \cdot k$ entries.
#
# **Erratum.** The lecture slide drops the minus sign. Without it the loss would be negative and
# "minimising" it would push the probability of the true class *down*.
#
# **Careful:** here `p` holds **probabilities**, e.g. the output of your `softmax`. PyTorch's
# `torch.nn.functional.cross_entropy` instead takes the *logits* and applies the (log-)softmax itself.
# As for the binary cross-entropy, clip `p` to $[10^{-12}, 1 - 10^{-12}]$ before the logarithm.

# %% [raw]
# # BEGIN QUESTION
# name: q5
# points: 4

# %% [markdown]
# **Question 5 (cross-entropy).** Implement `cross_entropy(y_onehot, p)` for one-hot labels and
# probabilities of shape `(n, k)`: the mean over the $n$ samples of $-\sum_j y_{ij} \log p_{ij}$, with
# `p` clipped to $[10^{-12}, 1 - 10^{-12}]$. A single sample may also come as two vectors of shape `(k,)`.

# %%
# dlcourse: solution cross_entropy

# %% [raw]
# # BEGIN TESTS

# %%
def test_cross_entropy_example(cross_entropy):
    import numpy as np
    from dlcourse_testkit import call, expect_number
    y = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    p = np.array([[0.2, 0.7, 0.1], [0.5, 0.25, 0.25]])
    # the true classes got 0.7 and 0.5: (-log 0.7 - log 0.5) / 2
    expect_number(call(cross_entropy, y, p), 0.52491106, "cross_entropy of two samples")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1.5
failure_message: cross_entropy is wrong (check the minus sign, and that it is the mean over samples of -sum_j y_ij log p_ij; p holds probabilities, not logits)
""" # END TEST CONFIG
def test_cross_entropy_values(cross_entropy):
    import numpy as np
    from dlcourse_testkit import call, expect_number
    from solutions import losses as ref
    rng = np.random.default_rng(71)
    for n, k in ((1, 3), (8, 5), (20, 2)):
        y = np.eye(k)[rng.integers(0, k, size=n)]
        p = ref.softmax(rng.normal(scale=2.0, size=(n, k)))
        expect_number(call(cross_entropy, y, p), ref.cross_entropy(y, p), "cross_entropy")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: cross_entropy is not finite, or wrong, when some probabilities are exactly 0 or 1 (clip p to [1e-12, 1 - 1e-12] without changing the input)
""" # END TEST CONFIG
def test_cross_entropy_clipping(cross_entropy):
    import numpy as np
    from dlcourse_testkit import call, expect_number
    from solutions import losses as ref
    y = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    # certainly wrong, certainly right, and an ordinary prediction with a zero for a wrong class
    p = np.array([[1.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.4, 0.6]])
    for rows in ([0], [1], [2], slice(None)):
        expect_number(call(cross_entropy, y[rows], p[rows]), ref.cross_entropy(y[rows], p[rows]),
                      "cross_entropy with probabilities 0 or 1", rtol=1e-3, atol=1e-9)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: cross_entropy is wrong for a single sample given as vectors of shape (k,)
""" # END TEST CONFIG
def test_cross_entropy_single_sample(cross_entropy):
    import numpy as np
    from dlcourse_testkit import call, expect_number
    from solutions import losses as ref
    y, p = np.array([0.0, 0.0, 1.0, 0.0]), np.array([0.1, 0.2, 0.3, 0.4])
    expect_number(call(cross_entropy, y, p), ref.cross_entropy(y, p), "cross_entropy of one sample")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: cross_entropy must accept integer one-hot labels and float32 probabilities
""" # END TEST CONFIG
def test_cross_entropy_input_types(cross_entropy):
    import numpy as np
    from dlcourse_testkit import call, expect_number
    from solutions import losses as ref
    y = np.array([[0, 0, 1], [0, 1, 0], [0, 0, 1], [1, 0, 0]])
    p = np.array([[0.1, 0.3, 0.6], [0.25, 0.5, 0.25], [0.7, 0.2, 0.1], [0.4, 0.4, 0.2]])
    for a, b in ((y, p), (y, p.astype(np.float32)), (y.astype(np.float32), p.astype(np.float32))):
        expect_number(call(cross_entropy, a, b), ref.cross_entropy(a, b),
                      "cross_entropy on integer or float32 input", rtol=1e-5)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## Gradients for backpropagation
#
# Backpropagation (exercise 4) starts from the derivative of the empirical loss with respect to the
# predictions. Because the loss is a mean over $N$ elements, every derivative carries the factor $1/N$.
#
# For the MSE, $L = \frac{1}{N} \sum_i (y_i - \hat y_i)^2$, so
#
# $$\frac{\partial L}{\partial \hat y_i} = \frac{2\,(\hat y_i - y_i)}{N}.$$
#
# Mind the sign: it is the derivative with respect to the **prediction** $\hat y$ (not $y$); it is positive
# when the prediction is too large, so a gradient step lowers it.
#
# For the binary cross-entropy, $L = -\frac{1}{N} \sum_i [y_i \log p_i + (1 - y_i) \log(1 - p_i)]$, so
#
# $$\frac{\partial L}{\partial p_i} = \frac{1}{N}\left(-\frac{y_i}{p_i} + \frac{1 - y_i}{1 - p_i}\right)
#   = \frac{p_i - y_i}{N\, p_i\,(1 - p_i)},$$
#
# with $p$ clipped exactly as in the loss, so that the gradient stays finite at $p = 0$ and $p = 1$.
# Each gradient is an array of the same shape as the prediction.

# %% [raw]
# # BEGIN QUESTION
# name: q6
# points: 3

# %% [markdown]
# **Question 6 (MSE gradient).** Implement `mse_grad(y, y_hat)`, the derivative of `mse(y, y_hat)` with
# respect to `y_hat`: an array shaped like `y_hat`, with $N$ the number of elements.

# %%
# dlcourse: solution mse_grad

# %% [raw]
# # BEGIN TESTS

# %%
def test_mse_grad_example(mse_grad):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    # 2 * (y_hat - y) / 3 with y_hat - y = [0.5, 0, -2]
    expect_array(call(mse_grad, np.array([1.0, 2.0, 3.0]), np.array([1.5, 2.0, 1.0])),
                 [0.33333333, 0.0, -1.33333333], "mse_grad([1, 2, 3], [1.5, 2, 1])", rtol=1e-7)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: mse_grad is wrong (check the factor 2, the 1/N of the mean, and the sign, since the derivative is with respect to y_hat)
""" # END TEST CONFIG
def test_mse_grad_values(mse_grad):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import losses as ref
    rng = np.random.default_rng(81)
    for n in (1, 7, 30):
        y, y_hat = rng.normal(size=n), rng.normal(size=n)
        expect_array(call(mse_grad, y, y_hat), ref.mse_grad(y, y_hat), "mse_grad")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: mse_grad is wrong for 2-D arrays (N counts every element)
""" # END TEST CONFIG
def test_mse_grad_2d(mse_grad):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import losses as ref
    rng = np.random.default_rng(82)
    for shape in ((6, 3), (4, 1), (1, 5)):
        y, y_hat = rng.normal(size=shape), rng.normal(size=shape)
        expect_array(call(mse_grad, y, y_hat), ref.mse_grad(y, y_hat), "mse_grad of 2-D arrays")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: mse_grad must accept integer and float32 arrays and return floating-point values
""" # END TEST CONFIG
def test_mse_grad_input_types(mse_grad):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import losses as ref
    y, y_hat = np.array([3, -1, 4, 0, 2]), np.array([2, 2, 4, -5, 1])
    for a, b in ((y, y_hat), (y.astype(np.float32) / 4, y_hat.astype(np.float32) / 3)):
        expect_array(call(mse_grad, a, b), ref.mse_grad(a, b), "mse_grad on integer or float32 input", kinds="f")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: q7
# points: 3

# %% [markdown]
# **Question 7 (binary cross-entropy gradient).** Implement `binary_cross_entropy_grad(y, p)`, the
# derivative of `binary_cross_entropy(y, p)` with respect to `p`, with `p` clipped as in the loss: an array
# shaped like `p`.

# %%
# dlcourse: solution binary_cross_entropy_grad

# %% [raw]
# # BEGIN TESTS

# %%
def test_bce_grad_example(binary_cross_entropy_grad):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    # (p - y) / (p (1 - p)) / 2: (0.8 - 1) / 0.16 / 2 and (0.4 - 0) / 0.24 / 2
    expect_array(call(binary_cross_entropy_grad, np.array([1.0, 0.0]), np.array([0.8, 0.4])),
                 [-0.625, 0.83333333], "binary_cross_entropy_grad([1, 0], [0.8, 0.4])", rtol=1e-7)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: binary_cross_entropy_grad is wrong (it is the derivative of the mean loss with respect to p, 1/N included)
""" # END TEST CONFIG
def test_bce_grad_values(binary_cross_entropy_grad):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import losses as ref
    rng = np.random.default_rng(91)
    for shape in ((1,), (20,), (5, 4)):
        y = rng.integers(0, 2, size=shape).astype(float)
        p = rng.uniform(0.02, 0.98, size=shape)
        expect_array(call(binary_cross_entropy_grad, y, p), ref.binary_cross_entropy_grad(y, p),
                     "binary_cross_entropy_grad")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: binary_cross_entropy_grad is not finite, or wrong, when p is exactly 0 or 1 (clip p as in the loss, without changing the input)
""" # END TEST CONFIG
def test_bce_grad_clipping(binary_cross_entropy_grad):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import losses as ref
    y = np.array([1.0, 0.0, 1.0, 0.0, 1.0])
    p = np.array([0.0, 1.0, 1.0, 0.0, 0.5])
    expect_array(call(binary_cross_entropy_grad, y, p), ref.binary_cross_entropy_grad(y, p),
                 "binary_cross_entropy_grad at p = 0 or 1", rtol=1e-3)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: binary_cross_entropy_grad must accept integer labels and float32 probabilities
""" # END TEST CONFIG
def test_bce_grad_input_types(binary_cross_entropy_grad):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import losses as ref
    y = np.array([[1, 0, 0], [1, 1, 0]])
    p = np.array([[0.9, 0.35, 0.05], [0.6, 0.25, 0.5]])
    for a, b in ((y, p), (y, p.astype(np.float32)), (y.astype(np.float32), p.astype(np.float32))):
        expect_array(call(binary_cross_entropy_grad, a, b), ref.binary_cross_entropy_grad(a, b),
                     "binary_cross_entropy_grad on integer or float32 input", kinds="f")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION
