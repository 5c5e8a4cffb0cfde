# %% [markdown]
# # Exercise 2: activation functions and their derivatives
#
# A neuron computes a weighted sum $z = \mathbf{w}^T\mathbf{x} + b$ and passes it through an
# **activation function** $\sigma$. Without a non-linear $\sigma$, a stack of layers collapses into one
# linear map, so the network could only ever draw straight decision boundaries. Backpropagation
# (exercise 4) multiplies by the derivative $\sigma'(z)$ at every layer, so each activation comes
# with its derivative.
#
# | name | $\sigma(z)$ | $\sigma'(z)$ |
# |---|---|---|
# | sigmoid | $\dfrac{1}{1 + e^{-z}}$ | $\sigma(z)\,(1 - \sigma(z))$ |
# | tanh | $\dfrac{1 - e^{-2z}}{1 + e^{-2z}}$ | $1 - \tanh(z)^2$ |
# | ReLU | $\max(0, z)$ | $0$ if $z < 0$, $1$ if $z \ge 0$ |
# | leaky ReLU | $\alpha z$ if $z < 0$, $z$ if $z \ge 0$ | $\alpha$ if $z < 0$, $1$ if $z \ge 0$ |
#
# Two remarks before you start:
#
# * The lecture slide prints the tanh derivative as $(1 - \sigma(z))^2$: that is a typo. Differentiate
#   $\tanh$ yourself and you get $1 - \tanh(z)^2$.
# * ReLU has a kink at $z = 0$, where any value between 0 and 1 is a valid "derivative"
#   (a subgradient). This course follows the lecture: $\text{relu}'(0) = 1$ and
#   $\text{leaky\_relu}'(0) = 1$. (PyTorch's autograd happens to pick 0 and $\alpha$.)
#
# Rules for every function below: the input `z` is a numpy array of any shape (or a single number);
# return a numpy array of the same shape, in floating point; work elementwise **without Python loops**
# (use numpy's vectorised operations); never modify `z` in place.

# %%
# dlcourse: figure activation_curves The four activations (solid) and their derivatives (dashed)
import matplotlib.pyplot as plt
import numpy as np
from solutions import activations as ref

z = np.linspace(-5, 5, 401)
pairs = [("sigmoid", ref.sigmoid, ref.sigmoid_grad), ("tanh", ref.tanh, ref.tanh_grad),
         ("ReLU", ref.relu, ref.relu_grad),
         ("leaky ReLU (α = 0.1)", lambda v: ref.leaky_relu(v, 0.1), lambda v: ref.leaky_relu_grad(v, 0.1))]
fig, axes = plt.subplots(1, 4, figsize=(12, 3), sharey=True)
for ax, (title, f, df) in zip(axes, pairs):
    ax.plot(z, f(z), label="σ(z)")
    ax.plot(z, df(z), "--", label="σ'(z)")
    ax.set_title(title)
    ax.set_xlabel("z")
    ax.set_ylim(-1.2, 2.2)
axes[0].legend(loc="upper left")

# %% [markdown]
# Notice how the sigmoid's derivative never exceeds $0.25$ and vanishes for large $|z|$: multiply a few
# of those together through the layers and the gradient almost disappears (the *vanishing gradient*
# of the lecture). ReLU's derivative is exactly 1 wherever the neuron is active.

# %%
import numpy as np

# %% [raw]
# # BEGIN QUESTION
# name: q1
# points: 4

# %% [markdown]
# **Question 1 (sigmoid).** Implement `sigmoid(z)` and `sigmoid_grad(z)`.
#
# Computing `1 / (1 + np.exp(-z))` directly overflows for large negative `z` (try `np.exp(1000)`):
# numpy then warns and may return `nan` downstream. Your sigmoid must stay finite and silent for
# $|z|$ up to $10^3$. Hint: for $z < 0$, $\sigma(z) = e^{z} / (1 + e^{z})$, and $e^{z}$ is then small.

# %%
# dlcourse: solution sigmoid, sigmoid_grad

# %% [raw]
# # BEGIN TESTS

# %%
def test_sigmoid_at_zero(sigmoid, sigmoid_grad):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    z = np.array([0.0])
    expect_array(call(sigmoid, z), [0.5], "sigmoid(0)")
    expect_array(call(sigmoid_grad, z), [0.25], "sigmoid_grad(0)")

# %%
def test_sigmoid_small_example(sigmoid):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    z = np.array([-2.0, -1.0, 1.0, 2.0])
    expect_array(call(sigmoid, z), [0.11920292, 0.26894142, 0.73105858, 0.88079708], "sigmoid([-2, -1, 1, 2])",
                 rtol=1e-7)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: sigmoid is wrong for some inputs (check negative and positive values)
""" # END TEST CONFIG
def test_sigmoid_values(sigmoid):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import activations as ref
    z = np.random.default_rng(1).normal(scale=4.0, size=(7, 5))
    expect_array(call(sigmoid, z), ref.sigmoid(z), "sigmoid on a 2-D array")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: sigmoid overflows, warns or is wrong for large |z|
""" # END TEST CONFIG
def test_sigmoid_large_inputs(sigmoid):
    import warnings
    import numpy as np
    from dlcourse_testkit import CheckFailed, call, expect_array
    from solutions import activations as ref
    z = np.array([-1000.0, -750.0, -40.0, 40.0, 750.0, 1000.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            got = call(sigmoid, z)
        except CheckFailed:
            raise CheckFailed("sigmoid raises a warning or an error for large |z|") from None
    expect_array(got, ref.sigmoid(z), "sigmoid for large |z|")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: sigmoid_grad is wrong (it is the derivative of sigmoid at z)
""" # END TEST CONFIG
def test_sigmoid_grad_values(sigmoid_grad):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import activations as ref
    z = np.concatenate([-np.logspace(-3, 1.5, 30), np.logspace(-3, 1.5, 30)])
    expect_array(call(sigmoid_grad, z), ref.sigmoid_grad(z), "sigmoid_grad")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: sigmoid and sigmoid_grad must accept integer and float32 arrays and single numbers
""" # END TEST CONFIG
def test_sigmoid_input_types(sigmoid, sigmoid_grad):
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_number
    from solutions import activations as ref
    for z in (np.array([-3, 0, 2]), np.array([[-0.5, 0.5]], dtype=np.float32)):
        expect_array(call(sigmoid, z), ref.sigmoid(z), "sigmoid on integer or float32 input")
        expect_array(call(sigmoid_grad, z), ref.sigmoid_grad(z), "sigmoid_grad on integer or float32 input")
    expect_number(call(sigmoid, -1.5), ref.sigmoid(-1.5), "sigmoid of a single number")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: q2
# points: 3

# %% [markdown]
# **Question 2 (tanh).** Implement `tanh(z)` and `tanh_grad(z)`. You may use `np.tanh`. Remember the
# erratum: the derivative is $1 - \tanh(z)^2$.

# %%
# dlcourse: solution tanh, tanh_grad

# %% [raw]
# # BEGIN TESTS

# %%
def test_tanh_at_zero(tanh, tanh_grad):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    z = np.array([0.0, 1.0])
    expect_array(call(tanh, z), [0.0, 0.76159416], "tanh([0, 1])", rtol=1e-7)
    expect_array(call(tanh_grad, np.array([0.0])), [1.0], "tanh_grad(0)")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: tanh is wrong for some inputs
""" # END TEST CONFIG
def test_tanh_values(tanh):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import activations as ref
    z = np.random.default_rng(2).normal(scale=3.0, size=(4, 6))
    expect_array(call(tanh, z), ref.tanh(z), "tanh on a 2-D array")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1.5
failure_message: tanh_grad is not the derivative of tanh (it is 1 - tanh(z)^2)
""" # END TEST CONFIG
def test_tanh_grad_values(tanh_grad):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import activations as ref
    z = np.linspace(-4.0, 4.0, 33)
    expect_array(call(tanh_grad, z), ref.tanh_grad(z), "tanh_grad")
    expect_array(call(tanh_grad, z.astype(np.float32)), ref.tanh_grad(z), "tanh_grad on float32 input")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: q3
# points: 3

# %% [markdown]
# **Question 3 (ReLU).** Implement `relu(z)` and `relu_grad(z)`, with the lecture's convention
# $\text{relu}'(0) = 1$.

# %%
# dlcourse: solution relu, relu_grad

# %% [raw]
# # BEGIN TESTS

# %%
def test_relu_example(relu, relu_grad):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    z = np.array([-2.0, -0.5, 0.5, 3.0])
    expect_array(call(relu, z), [0.0, 0.0, 0.5, 3.0], "relu([-2, -0.5, 0.5, 3])")
    expect_array(call(relu_grad, z), [0.0, 0.0, 1.0, 1.0], "relu_grad([-2, -0.5, 0.5, 3])")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: relu is wrong for some inputs, or changes its input array
""" # END TEST CONFIG
def test_relu_values(relu):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import activations as ref
    z = np.random.default_rng(3).normal(size=(5, 5))
    expect_array(call(relu, z), ref.relu(z), "relu on a 2-D array")
    expect_array(call(relu, np.array([-3, 0, 4])), ref.relu(np.array([-3, 0, 4])), "relu on integer input")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: relu_grad is wrong away from z = 0
""" # END TEST CONFIG
def test_relu_grad_values(relu_grad):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import activations as ref
    z = np.random.default_rng(4).normal(size=40)
    expect_array(call(relu_grad, z), ref.relu_grad(z), "relu_grad")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: relu_grad(0) must be 1, the lecture's convention
""" # END TEST CONFIG
def test_relu_grad_at_zero(relu_grad):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    expect_array(call(relu_grad, np.zeros(3)), np.ones(3), "relu_grad at z = 0")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: q4
# points: 3

# %% [markdown]
# **Question 4 (leaky ReLU).** Implement `leaky_relu(z, alpha=0.01)` and `leaky_relu_grad(z, alpha=0.01)`.
# For negative inputs the slope is `alpha` instead of 0, so a neuron never stops learning entirely.
# At $z = 0$ the derivative is 1.

# %%
# dlcourse: solution leaky_relu, leaky_relu_grad

# %% [raw]
# # BEGIN TESTS

# %%
def test_leaky_relu_example(leaky_relu, leaky_relu_grad):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    z = np.array([-2.0, 3.0])
    expect_array(call(leaky_relu, z), [-0.02, 3.0], "leaky_relu([-2, 3])")
    expect_array(call(leaky_relu_grad, z), [0.01, 1.0], "leaky_relu_grad([-2, 3])")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: leaky_relu ignores or misuses alpha
""" # END TEST CONFIG
def test_leaky_relu_alpha(leaky_relu):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import activations as ref
    z = np.random.default_rng(5).normal(scale=2.0, size=(3, 7))
    for alpha in (0.01, 0.2):
        expect_array(call(leaky_relu, z, alpha=alpha), ref.leaky_relu(z, alpha), "leaky_relu")
    expect_array(call(leaky_relu, z), ref.leaky_relu(z), "leaky_relu with the default alpha")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: leaky_relu_grad ignores or misuses alpha for negative inputs
""" # END TEST CONFIG
def test_leaky_relu_grad_alpha(leaky_relu_grad):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import activations as ref
    z = np.random.default_rng(6).normal(scale=2.0, size=25)
    for alpha in (0.01, 0.3):
        expect_array(call(leaky_relu_grad, z, alpha=alpha), ref.leaky_relu_grad(z, alpha), "leaky_relu_grad")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: leaky_relu_grad(0) must be 1, the lecture's convention
""" # END TEST CONFIG
def test_leaky_relu_grad_at_zero(leaky_relu_grad):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    expect_array(call(leaky_relu_grad, np.zeros(2), alpha=0.2), np.ones(2), "leaky_relu_grad at z = 0")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION
