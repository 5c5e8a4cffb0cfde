# %% [markdown]
# # Exercise 1: the perceptron
#
# Rosenblatt's perceptron (1958) is the simplest neural network: one neuron, which classifies a sample
# $\mathbf{x} \in \mathbb{R}^m$ (its $m$ features) into class 0 or class 1. It computes a weighted sum of
# the features plus a bias, and fires if that sum is positive:
#
# $$z = w_1 x_1 + \dots + w_m x_m + b = \mathbf{w}^T\mathbf{x} + b, \qquad \hat{y} = \text{step}(z).$$
#
# The lecture defines two activation functions that "fire or not":
#
# $$\text{step}(z) = \begin{cases} 1 & \text{if } z > 0 \\ 0 & \text{if } z \le 0 \end{cases}
# \qquad\qquad
# \text{sign}(z) = \begin{cases} 1 & \text{if } z > 0 \\ -1 & \text{if } z \le 0 \end{cases}$$
#
# Mind the boundary: $z = 0$ belongs to the *negative* side, so $\text{step}(0) = 0$ and
# $\text{sign}(0) = -1$. numpy's `np.sign` is a different function: it returns 0 at 0.
#
# In this exercise you write the perceptron from scratch in numpy: the two activations (question 1),
# the prediction $\hat{y} = \text{step}(\mathbf{w}^T\mathbf{x} + b)$ for a whole data set at once
# (question 2) and the lecture's learning algorithm (question 3).
#
# Rules for every function below: inputs are numpy arrays (or single numbers) of floats or integers;
# return numpy arrays of numbers (`0.0`/`1.0`, not `True`/`False`); never modify an input in place.
# Use numpy's vectorised operations wherever you can; only the training loop needs Python loops.

# %%
import numpy as np

# %% [raw]
# # BEGIN QUESTION
# name: q1
# points: 2.5

# %% [markdown]
# **Question 1 (activations).** Implement `step(z)` and `sign(z)` for an array `z` of any shape (or a
# single number), elementwise. Both return an array of the same shape as `z`. Do not use `np.sign`.

# %%
# dlcourse: solution step, sign

# %% [raw]
# # BEGIN TESTS

# %%
def test_step_sign_example(step, sign):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    z = np.array([-2.0, 0.0, 3.0])
    expect_array(call(step, z), [0.0, 0.0, 1.0], "step([-2, 0, 3])")
    expect_array(call(sign, z), [-1.0, -1.0, 1.0], "sign([-2, 0, 3])")

# %%
def test_step_sign_2d(step, sign):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    z = np.array([[0.5, -0.5], [4.0, -4.0]])
    expect_array(call(step, z), [[1.0, 0.0], [1.0, 0.0]], "step on a 2-D array")
    expect_array(call(sign, z), [[1.0, -1.0], [1.0, -1.0]], "sign on a 2-D array")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: step is wrong for some inputs (it is 1 where z > 0, else 0), or changes its input
""" # END TEST CONFIG
def test_step_values(step):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import perceptron as ref
    rng = np.random.default_rng(11)
    for z in (rng.normal(scale=3.0, size=(6, 5)), rng.normal(size=17), rng.normal(size=(2, 3, 4))):
        expect_array(call(step, z), ref.step(z), "step")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: sign is wrong for some inputs (it is 1 where z > 0, else -1), or changes its input
""" # END TEST CONFIG
def test_sign_values(sign):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import perceptron as ref
    rng = np.random.default_rng(12)
    for z in (rng.normal(scale=3.0, size=(5, 6)), rng.normal(size=19), rng.normal(size=(3, 2, 2))):
        expect_array(call(sign, z), ref.sign(z), "sign")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: step or sign is wrong at z = 0 or very close to it (z = 0 belongs to the negative side)
""" # END TEST CONFIG
def test_step_sign_at_zero(step, sign):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import perceptron as ref
    z = np.array([0.0, -0.0, 1e-300, -1e-300, 5e-324, 0.0, -7.0, 7.0])
    expect_array(call(step, z), ref.step(z), "step near z = 0")
    expect_array(call(sign, z), ref.sign(z), "sign near z = 0")
    expect_array(call(step, np.zeros((2, 3))), ref.step(np.zeros((2, 3))), "step of zeros")
    expect_array(call(sign, np.zeros((2, 3))), ref.sign(np.zeros((2, 3))), "sign of zeros")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: step and sign must accept integer and float32 arrays and single numbers, and return numbers (not booleans)
""" # END TEST CONFIG
def test_step_sign_input_types(step, sign):
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_number
    from solutions import perceptron as ref
    for z in (np.array([-3, 0, 2, 5]), np.array([[-0.5, 0.0], [0.25, 2.0]], dtype=np.float32)):
        expect_array(call(step, z), ref.step(z), "step on integer or float32 input")
        expect_array(call(sign, z), ref.sign(z), "sign on integer or float32 input")
    for z in (2.5, -1.5, 0.0):
        expect_number(call(step, z), ref.step(z), "step of a single number")
        expect_number(call(sign, z), ref.sign(z), "sign of a single number")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## The decision boundary
#
# The perceptron answers 1 exactly where $\mathbf{w}^T\mathbf{x} + b > 0$. The set where
# $\mathbf{w}^T\mathbf{x} + b = 0$ is a straight line when $m = 2$ (a plane, or *hyperplane*, in higher
# dimensions): the **decision boundary**. The weight vector $\mathbf{w}$ is perpendicular to it and
# points towards class 1; the bias $b$ shifts it away from the origin. With two features the line is
#
# $$w_1 x_1 + w_2 x_2 + b = 0 \quad\Longleftrightarrow\quad x_2 = -\frac{w_1 x_1 + b}{w_2}
# \qquad (w_2 \neq 0).$$
#
# The lecture builds logic gates this way. With $w_1 = w_2 = 0.5$:
#
# | $x_1$ | $x_2$ | AND ($b = -0.8$): $z$ | $\hat{y}$ | OR ($b = -0.3$): $z$ | $\hat{y}$ |
# |---|---|---|---|---|---|
# | 0 | 0 | $-0.8$ | 0 | $-0.3$ | 0 |
# | 0 | 1 | $-0.3$ | 0 | $0.2$ | 1 |
# | 1 | 0 | $-0.3$ | 0 | $0.2$ | 1 |
# | 1 | 1 | $0.2$ | 1 | $0.7$ | 1 |
#
# Only the bias differs: it slides the same line $x_1 + x_2 = -2b$ from $1.6$ (only the corner $(1, 1)$
# is on the positive side) to $0.6$ (every corner but the origin).

# %% [raw]
# # BEGIN QUESTION
# name: q2
# points: 3

# %% [markdown]
# **Question 2 (prediction).** Implement `perceptron_predict(X, w, b)`. `X` holds one sample per row,
# shape $(n, m)$; `w` has shape $(m,)$; `b` is a number. Return the $n$ predictions
# $\hat{y}_j = \text{step}(\mathbf{w}^T\mathbf{x}_j + b)$ as an array of shape $(n,)$, computed for all
# rows at once (one matrix-vector product, no loop over the samples). You may call your `step`.

# %%
# dlcourse: solution perceptron_predict

# %% [raw]
# # BEGIN TESTS

# %%
def test_predict_lecture_gates(perceptron_predict):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    w = np.array([0.5, 0.5])
    expect_array(call(perceptron_predict, X, w, -0.8), [0.0, 0.0, 0.0, 1.0], "AND with the lecture's weights")
    expect_array(call(perceptron_predict, X, w, -0.3), [0.0, 1.0, 1.0, 1.0], "OR with the lecture's weights")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: perceptron_predict is wrong for some inputs (it is step(X @ w + b), one value per row of X)
""" # END TEST CONFIG
def test_predict_values(perceptron_predict):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import perceptron as ref
    rng = np.random.default_rng(21)
    for n, m in ((13, 4), (30, 2), (8, 7)):
        X, w, b = rng.normal(size=(n, m)), rng.normal(size=m), float(rng.normal())
        expect_array(call(perceptron_predict, X, w, b), ref.perceptron_predict(X, w, b), "perceptron_predict")
    X, w = rng.normal(size=(20, 3)), rng.normal(size=3)
    for b in (-2.0, 0.0, 2.0):
        expect_array(call(perceptron_predict, X, w, b), ref.perceptron_predict(X, w, b),
                     "perceptron_predict for another bias")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: perceptron_predict is wrong for samples exactly on the decision boundary (w·x + b = 0 is class 0)
""" # END TEST CONFIG
def test_predict_on_the_boundary(perceptron_predict):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import perceptron as ref
    X = np.array([[1.0, -1.0], [2.0, 3.0], [0.0, 0.0], [-1.0, 1.0], [-2.0, -0.5], [0.5, -0.5]])
    for w, b in ((np.array([1.0, 1.0]), 0.0), (np.array([0.5, 0.25]), -1.0), (np.array([0.0, 0.0]), 0.0)):
        expect_array(call(perceptron_predict, X, w, b), ref.perceptron_predict(X, w, b),
                     "perceptron_predict on the decision boundary")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: perceptron_predict must return one prediction per row of X, as an array of shape (n,)
""" # END TEST CONFIG
def test_predict_shapes(perceptron_predict):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import perceptron as ref
    rng = np.random.default_rng(22)
    for n, m in ((1, 3), (9, 1), (1, 1), (5, 12)):
        X, w, b = rng.normal(size=(n, m)), rng.normal(size=m), float(rng.normal())
        expect_array(call(perceptron_predict, X, w, b), ref.perceptron_predict(X, w, b),
                     "perceptron_predict for a single sample or a single feature")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: perceptron_predict must accept integer and float32 arrays, and a bias given as any kind of number
""" # END TEST CONFIG
def test_predict_input_types(perceptron_predict):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import perceptron as ref
    rng = np.random.default_rng(23)
    X, w = rng.integers(-4, 5, size=(15, 3)), rng.integers(-3, 4, size=3)
    for b in (1, -2, np.int64(0), np.float64(-0.5), np.float32(0.5)):
        expect_array(call(perceptron_predict, X, w, b), ref.perceptron_predict(X, w, b),
                     "perceptron_predict on integer input")
    X32 = (rng.integers(-8, 9, size=(12, 4)) / 4).astype(np.float32)
    w32 = (rng.integers(-8, 9, size=4) / 4).astype(np.float32)
    for b in (0.25, np.float32(-0.75)):
        expect_array(call(perceptron_predict, X32, w32, b), ref.perceptron_predict(X32, w32, b),
                     "perceptron_predict on float32 input")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## Learning the weights
#
# Choosing $\mathbf{w}$ and $b$ by hand works for two inputs, not for two hundred. The perceptron
# learning algorithm finds them from a training set $D = \{(\mathbf{x}_j, y_j)\}_{j=1}^n$ with labels
# $y_j \in \{0, 1\}$:
#
# 1. Start from $\mathbf{w} = \mathbf{0}$ and $b = 0$.
# 2. Visit the samples **in the given order**, $j = 1, \dots, n$. For each one:
#    * predict with the *current* weights: $\hat{y}_j = \text{step}(\mathbf{w}^T\mathbf{x}_j + b)$;
#    * compute the error $e_j = y_j - \hat{y}_j$, which is $-1$, $0$ or $+1$;
#    * **only if** $e_j \neq 0$, update
#      $$\mathbf{w} \leftarrow \mathbf{w} + \eta\, e_j\, \mathbf{x}_j, \qquad b \leftarrow b + \eta\, e_j,$$
#      where $\eta > 0$ is the learning rate.
# 3. One such pass over all $n$ samples is an **epoch**. If an epoch made no update, every sample is
#    classified correctly: stop, the perceptron has **converged**. Otherwise run another epoch, but no
#    more than `max_epochs` epochs in all.
#
# Why does this work? Suppose sample $j$ has $y_j = 1$ but $\hat{y}_j = 0$, so $e_j = 1$. After the update
# its weighted sum is
#
# $$(\mathbf{w} + \eta\mathbf{x}_j)^T\mathbf{x}_j + (b + \eta) = \mathbf{w}^T\mathbf{x}_j + b
# + \eta\,(\lVert\mathbf{x}_j\rVert^2 + 1),$$
#
# larger than before: the boundary has moved towards putting $\mathbf{x}_j$ on the right side (for
# $e_j = -1$ it moves the other way). The update of one sample changes the prediction for the next
# one, so the samples must be processed one after the other, in order.
#
# Three facts to keep in mind:
#
# * **Convergence theorem.** If some line (hyperplane) separates the two classes, the algorithm makes
#   only finitely many updates and converges. If none does, it never stops by itself, which is why
#   `max_epochs` exists.
# * **XOR** ($y = 1$ exactly when $x_1 \neq x_2$) is the classic problem that no line separates: the
#   perceptron cycles forever. Solving it takes a hidden layer (the multilayer perceptron, next
#   lecture).
# * Starting from $\mathbf{w} = \mathbf{0}$, $b = 0$, every update adds a multiple of $\eta$, so
#   $\mathbf{w}$ and $b$ are $\eta$ times what they would be with $\eta = 1$: the learning rate
#   rescales the weights but never changes a prediction. (Up to rounding, that is.)
#
# The algorithm stops as soon as no sample is misclassified, with no safety margin: the learned line
# may pass exactly through a training point of class 0 (remember $\text{step}(0) = 0$).

# %%
# dlcourse: figure gate_boundaries Decision boundaries of the logic gates: lecture weights (dashed) and trained perceptron (solid)
import matplotlib.pyplot as plt
import numpy as np
from solutions import perceptron as ref

X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
gates = [("AND", np.array([0.0, 0.0, 0.0, 1.0]), -0.8), ("OR", np.array([0.0, 1.0, 1.0, 1.0]), -0.3),
         ("XOR", np.array([0.0, 1.0, 1.0, 0.0]), None)]
grid = np.linspace(-0.5, 1.5, 201)
g1, g2 = np.meshgrid(grid, grid)
points = np.column_stack([g1.ravel(), g2.ravel()])


def draw_line(ax, w, b, style, label):
    if w[1] != 0:
        ax.plot(grid, -(w[0] * grid + b) / w[1], style, color="black", label=label)
    else:
        ax.axvline(-b / w[0], linestyle=style, color="black", label=label)


fig, axes = plt.subplots(1, 3, figsize=(11, 3.8), sharey=True)
for ax, (title, y, lecture_b) in zip(axes, gates):
    w, b, converged = ref.perceptron_train(X, y)
    region = ref.perceptron_predict(points, w, b).reshape(g1.shape)
    ax.contourf(g1, g2, region, levels=[-0.5, 0.5, 1.5], colors=["#dbe9f6", "#fde0c5"])
    if lecture_b is not None:
        draw_line(ax, np.array([0.5, 0.5]), lecture_b, "--", "lecture's weights")
    draw_line(ax, w, b, "-", f"trained: w = ({w[0]:g}, {w[1]:g}), b = {b:g}")
    wrong = ref.perceptron_predict(X, w, b) != y
    for cls, colour, marker in ((0, "tab:blue", "o"), (1, "tab:orange", "s")):
        ax.scatter(*X[y == cls].T, s=90, c=colour, marker=marker, edgecolors="black", zorder=3,
                   label=f"class {cls}")
    if wrong.any():
        ax.scatter(*X[wrong].T, s=380, facecolors="none", edgecolors="red", linewidths=2, zorder=4,
                   label="misclassified")
    status = "converged" if converged else "not converged after 100 epochs"
    ax.set_title(f"{title}: {status}")
    ax.set_xlim(-0.5, 1.5)
    ax.set_ylim(-0.5, 1.5)
    ax.set_xlabel("$x_1$")
    ax.set_aspect("equal")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), fontsize=8, frameon=False)
axes[0].set_ylabel("$x_2$")

# %% [markdown]
# Orange regions are where the trained perceptron answers 1. On AND and OR, training finds a line
# that is different from the lecture's but classifies all four corners. Note how the learned line runs
# right through a corner of class 0: those points have $z = 0$ exactly, and $\text{step}(0) = 0$.
# On XOR no line puts $(0, 1)$ and $(1, 0)$ on one side and $(0, 0)$ and $(1, 1)$ on the other; after
# 100 epochs the perceptron is still wrong on two of the four points, and more epochs would not help.

# %%
# dlcourse: figure training_progress Training on a small separable data set: the boundary after each epoch, and the misclassified samples after each epoch
import matplotlib.pyplot as plt
import numpy as np
from solutions import perceptron as ref

rng = np.random.default_rng(28)
X = rng.uniform(-1, 1, size=(40, 2)).round(2)
X = X[np.abs(X @ np.array([1.0, -2.0]) + 0.3) > 0.25][:20]
y = (X @ np.array([1.0, -2.0]) + 0.3 > 0).astype(float)
last = 1
while not ref.perceptron_train(X, y, max_epochs=last + 1)[2]:
    last += 1  # epoch last + 1 makes no update: the weights after epoch last are final

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
x1 = np.array([-1.1, 1.1])
colours = plt.cm.viridis(np.linspace(0.0, 0.8, last))
for k in range(1, last + 1):
    w, b, _ = ref.perceptron_train(X, y, max_epochs=k)
    label = f"after epoch {k}" + (" (final)" if k == last else "")
    left.plot(x1, -(w[0] * x1 + b) / w[1], color=colours[k - 1], lw=2.5 if k == last else 1.2, label=label)
for cls, colour, marker in ((0, "tab:blue", "o"), (1, "tab:orange", "s")):
    left.scatter(*X[y == cls].T, c=colour, marker=marker, edgecolors="black", zorder=3, label=f"class {cls}")
left.set_xlim(-1.1, 1.1)
left.set_ylim(-1.1, 1.1)
left.set_aspect("equal")
left.set_xlabel("$x_1$")
left.set_ylabel("$x_2$")
left.set_title("the boundary moves until no sample is wrong")
left.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), fontsize=8)

gate_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
curves = [("this data set", X, y), ("AND", gate_X, np.array([0.0, 0.0, 0.0, 1.0])),
          ("OR", gate_X, np.array([0.0, 1.0, 1.0, 1.0])), ("XOR", gate_X, np.array([0.0, 1.0, 1.0, 0.0]))]
epochs = np.arange(0, 9)
for (name, data, labels), marker in zip(curves, "osD^"):
    errors = [np.sum(ref.perceptron_predict(data, *ref.perceptron_train(data, labels, max_epochs=k)[:2]) != labels)
              for k in epochs]
    right.plot(epochs, errors, marker=marker, label=name)
right.set_xlabel("epochs of training")
right.set_ylabel("misclassified training samples")
right.set_title("mistakes after each epoch")
right.set_xticks(epochs)
right.set_yticks(range(0, 10))
right.legend()
fig.tight_layout()

# %% [markdown]
# On separable data the number of mistakes drops to zero (not necessarily steadily) and training
# stops. On XOR it never does.
#
# To check your understanding by hand, here is the AND gate with $\eta = 1$, samples in the order
# $(0,0), (0,1), (1,0), (1,1)$. The table shows $\mathbf{w}$ and $b$ at the end of each epoch:
#
# | epoch | 1 | 2 | 3 | 4 | 5 | 6 |
# |---|---|---|---|---|---|---|
# | $\mathbf{w}$ | $(1, 1)$ | $(2, 1)$ | $(2, 1)$ | $(2, 2)$ | $(2, 1)$ | $(2, 1)$ |
# | $b$ | $1$ | $0$ | $-1$ | $-1$ | $-2$ | $-2$ |
#
# Epoch 6 makes no update, so training stops there with `converged = True`.

# %% [raw]
# # BEGIN QUESTION
# name: q3
# points: 7.5

# %% [markdown]
# **Question 3 (training).** Implement `perceptron_train(X, y, lr=1.0, max_epochs=100)`, the lecture's
# algorithm exactly as described above. `X` has shape $(n, m)$, `y` holds the $n$ labels (0 or 1), `lr`
# is the learning rate $\eta$. Return the tuple `(w, b, converged)`:
#
# * `w`: the weights, a numpy array of shape $(m,)$;
# * `b`: the bias, a number;
# * `converged`: `True` if an epoch made no update, `False` if `max_epochs` epochs all made updates.
#
# Start from zeros, visit the samples in their order (no shuffling), and update only on a mistake:
# the autograder expects exactly the lecture's sequence of updates, so it compares your `w` and `b`
# with its own to many decimals. Do not modify `X` or `y`.

# %%
# dlcourse: solution perceptron_train

# %% [raw]
# # BEGIN TESTS

# %%
def test_train_and_gate(perceptron_train):
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_bool, expect_number, expect_sequence
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0.0, 0.0, 0.0, 1.0])
    w, b, converged = expect_sequence(call(perceptron_train, X, y), 3, "perceptron_train's result")
    expect_array(w, [2.0, 1.0], "w trained on AND")
    expect_number(b, -2.0, "b trained on AND")
    expect_bool(converged, True, "converged on AND")

# %%
def test_train_xor_does_not_converge(perceptron_train):
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_bool, expect_number, expect_sequence
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0.0, 1.0, 1.0, 0.0])
    w, b, converged = expect_sequence(call(perceptron_train, X, y, max_epochs=20), 3, "perceptron_train's result")
    expect_array(w, [-1.0, 0.0], "w after 20 epochs on XOR")
    expect_number(b, 1.0, "b after 20 epochs on XOR")
    expect_bool(converged, False, "converged on XOR")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: perceptron_train ends with the wrong weights, bias or converged flag on the logic gates
""" # END TEST CONFIG
def test_train_gates(perceptron_train):
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_bool, expect_number, expect_sequence
    from solutions import perceptron as ref

    def check(what, *args, **kwargs):
        got = expect_sequence(call(perceptron_train, *args, **kwargs), 3, "perceptron_train's result")
        w, b, converged = ref.perceptron_train(*args, **kwargs)
        expect_array(got[0], w, f"w {what}", rtol=1e-9, atol=1e-12)
        expect_number(got[1], b, f"b {what}", rtol=1e-9, atol=1e-12)
        expect_bool(got[2], converged, f"converged {what}")

    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    for y in ([0, 0, 0, 1], [0, 1, 1, 1], [1, 1, 1, 0], [1, 0, 0, 0], [0, 0, 1, 1], [1, 1, 1, 1]):
        check("on a logic gate", X, np.array(y, dtype=float))
    check("on a three-input gate", np.array([[a, b, c] for a in (0.0, 1.0) for b in (0.0, 1.0) for c in (0.0, 1.0)]),
          np.array([0, 0, 0, 1, 0, 1, 1, 1], dtype=float))

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: perceptron_train is wrong on data that no line separates (it must stop after max_epochs epochs with converged False)
""" # END TEST CONFIG
def test_train_not_separable(perceptron_train):
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_bool, expect_number, expect_sequence
    from solutions import perceptron as ref

    def check(what, *args, **kwargs):
        got = expect_sequence(call(perceptron_train, *args, **kwargs), 3, "perceptron_train's result")
        w, b, converged = ref.perceptron_train(*args, **kwargs)
        expect_array(got[0], w, f"w {what}", rtol=1e-9, atol=1e-12)
        expect_number(got[1], b, f"b {what}", rtol=1e-9, atol=1e-12)
        expect_bool(got[2], converged, f"converged {what}")

    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    xor = np.array([0.0, 1.0, 1.0, 0.0])
    check("on XOR", X, xor)
    for epochs in (1, 2, 7):
        check("on XOR", X, xor, max_epochs=epochs)
    for seed, n, m in ((20, 15, 2), (21, 30, 3), (22, 50, 2)):
        rng = np.random.default_rng(seed)
        X, y = rng.integers(-4, 5, size=(n, m)).astype(float), rng.integers(0, 2, size=n).astype(float)
        for epochs in (1, 2, 3, 6, 13):
            check("on data that no line separates", X, y, max_epochs=epochs)
        check("on data that no line separates", X, y, lr=0.5, max_epochs=10)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1.5
failure_message: perceptron_train ends with the wrong weights or bias on linearly separable data
""" # END TEST CONFIG
def test_train_separable(perceptron_train):
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_bool, expect_number, expect_sequence
    from solutions import perceptron as ref

    def check(what, *args, **kwargs):
        got = expect_sequence(call(perceptron_train, *args, **kwargs), 3, "perceptron_train's result")
        w, b, converged = ref.perceptron_train(*args, **kwargs)
        expect_array(got[0], w, f"w {what}", rtol=1e-9, atol=1e-12)
        expect_number(got[1], b, f"b {what}", rtol=1e-9, atol=1e-12)
        expect_bool(got[2], converged, f"converged {what}")

    for seed, n, m in ((51, 6, 1), (13, 12, 2), (85, 25, 3), (73, 40, 4), (39, 60, 5)):
        rng = np.random.default_rng(seed)
        X = rng.integers(-5, 6, size=(n, m)).astype(float)
        w_true, b_true = rng.integers(-3, 4, size=m), rng.integers(-3, 4)
        y = (X @ w_true + b_true > 0).astype(float)
        check("on separable data", X, y)
        check("on separable data", X, y, lr=0.5, max_epochs=200)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: perceptron_train does not apply the learning rate lr as the lecture's update rule does
""" # END TEST CONFIG
def test_train_learning_rate(perceptron_train):
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_bool, expect_number, expect_sequence
    from solutions import perceptron as ref

    def check(what, *args, **kwargs):
        got = expect_sequence(call(perceptron_train, *args, **kwargs), 3, "perceptron_train's result")
        w, b, converged = ref.perceptron_train(*args, **kwargs)
        expect_array(got[0], w, f"w {what}", rtol=1e-9, atol=1e-12)
        expect_number(got[1], b, f"b {what}", rtol=1e-9, atol=1e-12)
        expect_bool(got[2], converged, f"converged {what}")

    for seed, n, m, lr in ((54, 20, 2, 0.1), (46, 35, 3, 0.37), (47, 50, 4, 3.0), (96, 25, 1, 0.01)):
        rng = np.random.default_rng(seed)
        X = rng.normal(size=(n, m)).round(3)
        w_true, b_true = rng.normal(size=m), rng.normal()
        y = (X @ w_true + b_true > 0).astype(float)
        check("for a learning rate other than 1", X, y, lr=lr)
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    for lr in (0.5, 2.0, 0.25):
        check("for a learning rate other than 1", X, np.array([0.0, 0.0, 0.0, 1.0]), lr=lr)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: perceptron_train does not start from w = 0, b = 0, or does not stop with converged True after the first epoch without an update
""" # END TEST CONFIG
def test_train_stops_at_first_clean_epoch(perceptron_train):
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_bool, expect_number, expect_sequence
    from solutions import perceptron as ref

    def check(what, *args, **kwargs):
        got = expect_sequence(call(perceptron_train, *args, **kwargs), 3, "perceptron_train's result")
        w, b, converged = ref.perceptron_train(*args, **kwargs)
        expect_array(got[0], w, f"w {what}", rtol=1e-9, atol=1e-12)
        expect_number(got[1], b, f"b {what}", rtol=1e-9, atol=1e-12)
        expect_bool(got[2], converged, f"converged {what}")

    rng = np.random.default_rng(31)
    X = rng.normal(size=(10, 3))
    check("when every label is 0", X, np.zeros(10), max_epochs=1)
    check("when every label is 0", X, np.zeros(10))
    gate = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    check("when the last allowed epoch makes no update", gate, np.array([0.0, 0.0, 0.0, 1.0]), max_epochs=6)
    check("when the last allowed epoch makes no update", gate, np.array([0.0, 1.0, 1.0, 1.0]), max_epochs=4)
    check("with one epoch to spare", gate, np.array([0.0, 1.0, 1.0, 1.0]), max_epochs=5)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: perceptron_train must accept integer and float32 inputs, leave them unchanged, and return (w, b, converged) with w an array, b a number and converged True or False
""" # END TEST CONFIG
def test_train_input_types(perceptron_train):
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_bool, expect_number, expect_sequence
    from solutions import perceptron as ref

    def check(what, *args, **kwargs):
        got = expect_sequence(call(perceptron_train, *args, **kwargs), 3, "perceptron_train's result")
        w, b, converged = ref.perceptron_train(*args, **kwargs)
        expect_array(got[0], w, f"w {what}", rtol=1e-9, atol=1e-12)
        expect_number(got[1], b, f"b {what}", rtol=1e-9, atol=1e-12)
        expect_bool(got[2], converged, f"converged {what}")

    gate = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    check("on integer input", gate, np.array([0, 0, 0, 1]))
    check("on integer input", gate, np.array([0, 1, 1, 0]), max_epochs=9)
    rng = np.random.default_rng(13)
    X = rng.integers(-5, 6, size=(12, 2))
    y = (X @ rng.integers(-3, 4, size=2) + rng.integers(-3, 4) > 0).astype(int)
    check("on integer input", X, y)
    check("on integer input", X, y, lr=2, max_epochs=50)
    check("on float32 input", (X / 4).astype(np.float32), y.astype(np.float32), lr=0.5)
    check("on float32 input", (gate / 2).astype(np.float32), np.array([0, 1, 1, 1], dtype=np.float32))
    check("for a single feature", np.array([[1.0], [-2.0], [3.0], [-0.5]]), np.array([1.0, 0.0, 1.0, 0.0]))
    check("for a single sample", np.array([[2.0, -1.0, 0.5]]), np.array([1.0]))

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: perceptron_train must visit the samples in the given order, every epoch
""" # END TEST CONFIG
def test_train_visit_order(perceptron_train):
    import itertools
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_bool, expect_number, expect_sequence
    from solutions import perceptron as ref

    def check(what, *args, **kwargs):
        got = expect_sequence(call(perceptron_train, *args, **kwargs), 3, "perceptron_train's result")
        w, b, converged = ref.perceptron_train(*args, **kwargs)
        expect_array(got[0], w, f"w {what}", rtol=1e-9, atol=1e-12)
        expect_number(got[1], b, f"b {what}", rtol=1e-9, atol=1e-12)
        expect_bool(got[2], converged, f"converged {what}")

    gate = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0.0, 0.0, 0.0, 1.0])
    for order in itertools.permutations(range(4)):
        check("for samples in another order", gate[list(order)], y[list(order)])
    rng = np.random.default_rng(85)
    X = rng.integers(-5, 6, size=(25, 3)).astype(float)
    y = (X @ rng.integers(-3, 4, size=3) + rng.integers(-3, 4) > 0).astype(float)
    check("for samples in reverse order", X[::-1], y[::-1])

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION
