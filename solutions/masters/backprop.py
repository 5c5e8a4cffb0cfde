# %% [markdown]
# # Exercise 4: manual backpropagation (numpy)
#
# Training a network by gradient descent needs $\partial L / \partial w$ for **every** weight and bias.
# Backpropagation gets them all in two sweeps through the network: a **forward pass** that computes
# and keeps every layer's weighted sum and activation, then a **backward pass** that sends the error
# from the output back to the input, reusing what the forward pass kept. This is what PyTorch's
# `loss.backward()` does for you; here you write it yourself with numpy.
#
# **Forward pass.** A multilayer perceptron with $L$ layers, the same activation $\sigma$ on every layer
# (the output layer included). For one sample the lecture writes
# $z^{(l)}_j = \sum_k w^{(l)}_{jk} a^{(l-1)}_k + b^{(l)}_j$ and $a^{(l)}_j = \sigma(z^{(l)}_j)$.
# We process a whole batch at once: $X$ holds $n$ samples **in rows**, and $W^{(l)}$ has shape
# (outputs, inputs), as in `torch.nn.Linear`. The sum over $k$ then becomes a product with the transpose:
#
# $$a^{(0)} = X, \qquad z^{(l)} = a^{(l-1)}\, W^{(l)\top} + b^{(l)}, \qquad a^{(l)} = \sigma\big(z^{(l)}\big),
# \qquad l = 1, \dots, L,$$
#
# where $+\,b^{(l)}$ adds the bias to every row (numpy broadcasting), and $\hat{y} = a^{(L)}$ is the prediction.
#
# **Backward pass.** The *error signal* of neuron $j$ in layer $l$ is
# $\delta^{(l)}_j = \partial L / \partial z^{(l)}_j$. The chain rule gives it at the output, then layer by
# layer going back, because $z^{(l)}$ influences the loss only through the $z^{(l+1)}_m$ of the next layer:
#
# $$\delta^{(L)} = \frac{\partial L}{\partial a^{(L)}} \odot \sigma'\big(z^{(L)}\big), \qquad
# \delta^{(l)}_j = \Big(\sum_m \delta^{(l+1)}_m\, w^{(l+1)}_{mj}\Big)\, \sigma'\big(z^{(l)}_j\big)
# \quad\text{i.e.}\quad \delta^{(l)} = \big(\delta^{(l+1)}\, W^{(l+1)}\big) \odot \sigma'\big(z^{(l)}\big),$$
#
# where $\odot$ is the elementwise product. Once $\delta^{(l)}$ is known, the gradients of the layer's own
# parameters follow from $\partial z^{(l)}_j / \partial w^{(l)}_{jk} = a^{(l-1)}_k$ and
# $\partial z^{(l)}_j / \partial b^{(l)}_j = 1$. Every sample of the batch contributes, so the
# contributions add up (row $i$ of $\delta^{(l)}$ and of $a^{(l-1)}$ belongs to sample $i$):
#
# $$\frac{\partial L}{\partial w^{(l)}_{jk}} = \sum_{i=1}^{n} \delta^{(l)}_{ij}\, a^{(l-1)}_{ik}
# \quad\text{i.e.}\quad \frac{\partial L}{\partial W^{(l)}} = \delta^{(l)\top} a^{(l-1)}, \qquad
# \frac{\partial L}{\partial b^{(l)}_j} = \sum_{i=1}^{n} \delta^{(l)}_{ij}
# \quad\text{(the column sums of } \delta^{(l)}\text{)}.$$
#
# **Where the mean goes.** The empirical loss is a mean, $L = \frac{1}{n}\sum_{i=1}^{n} l(y_i, \hat{y}_i)$.
# Its $\frac{1}{n}$ is already inside $\partial L / \partial a^{(L)}$ (for the mean squared error over
# all $N$ entries of $\hat{y}$, $\partial L / \partial \hat{y} = \frac{2}{N}(\hat{y} - y)$), so it travels
# inside every $\delta$: the gradients above are plain **sums** over the batch. Dividing by $n$ again
# would shrink every gradient $n$ times.
#
# | quantity | shape | Python (lists are 0-based) |
# |---|---|---|
# | $X = a^{(0)}$ | $(n, n_0)$ | `X`, `activations[0]` |
# | $W^{(l)}$, $b^{(l)}$ | $(n_l, n_{l-1})$, $(n_l,)$ | `W[l-1]`, `b[l-1]` |
# | $z^{(l)}$, $\delta^{(l)}$ | $(n, n_l)$ | `zs[l-1]`, `deltas[l-1]` |
# | $a^{(l)}$ | $(n, n_l)$ | `activations[l]` |
# | $\partial L/\partial W^{(l)}$, $\partial L/\partial b^{(l)}$ | same as $W^{(l)}$, $b^{(l)}$ | `dW[l-1]`, `db[l-1]` |
#
# Mind the shift: `activations` has one more entry than the others, so `activations[l]` is the input
# of the layer whose weights are `W[l]`.
#
# The picture shows both passes on a small network and a single sample: the forward pass fills in
# $z$ and $a$ from left to right, the backward pass fills in $\delta$ from right to left.

# %%
# dlcourse: figure network_passes A 2-3-1 tanh network: z and a from the forward pass, δ from the backward pass
import matplotlib.pyplot as plt
import numpy as np
from solutions import backprop as ref

# A 2-3-1 tanh network and one sample; every number shown comes from the reference.
rng = np.random.default_rng(4)
widths = [2, 3, 1]
W = [np.round(rng.normal(size=(o, i)), 1) for i, o in zip(widths, widths[1:])]
b = [np.round(rng.normal(scale=0.3, size=o), 1) for o in widths[1:]]
X, y = np.array([[1.0, -0.5]]), np.array([[0.5]])
zs, acts = ref.forward(X, W, b, np.tanh)
deltas, dW, db = ref.backward(y, zs, acts, W, lambda z: 1 - np.tanh(z) ** 2,
                              lambda y, y_hat: 2 * (y_hat - y) / y.size)

fig, ax = plt.subplots(figsize=(8.0, 3.8))
ax.axis("off")
dx, dy = 3.0, 1.5
pos = {(l, j): (dx * l, dy * ((n - 1) / 2 - j)) for l, n in enumerate(widths) for j in range(n)}
for l in range(1, len(widths)):
    for j in range(widths[l]):
        for k in range(widths[l - 1]):
            (x0, y0), (x1, y1) = pos[(l - 1, k)], pos[(l, j)]
            ax.plot([x0, x1], [y0, y1], color="0.8", lw=1, zorder=0)
box = dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.9)
for (l, j), (px, py) in pos.items():
    ax.add_patch(plt.Circle((px, py), 0.25, facecolor="white", edgecolor="0.3", zorder=1))
    if l == 0:
        ax.text(px - 0.35, py, f"$x_{j + 1}$ = {X[0, j]:g}", ha="right", va="center", color="C0")
        continue
    ax.text(px + 0.35, py + 0.05, f"z = {zs[l - 1][0, j]:.2f}\na = {acts[l][0, j]:.2f}", ha="left",
            va="bottom", color="C0", fontsize=9, bbox=box, zorder=2)
    ax.text(px + 0.35, py - 0.05, f"δ = {deltas[l - 1][0, j]:.3f}", ha="left", va="top", color="C3",
            fontsize=9, bbox=box, zorder=2)
for l in range(len(widths)):
    name = "input: a(0) = x" if l == 0 else f"layer {l}" + (" (output)" if l == len(widths) - 1 else " (hidden)")
    ax.text(dx * l, 2.3, name, ha="center", va="bottom")
ax.annotate("", xy=(6.6, -2.25), xytext=(-0.4, -2.25), arrowprops=dict(arrowstyle="->", color="C0"))
ax.text(3.1, -2.2, r"forward pass: $z = a\,W^{\top} + b$,  $a = \tanh(z)$", color="C0", ha="center", va="bottom")
ax.annotate("", xy=(-0.4, -2.65), xytext=(6.6, -2.65), arrowprops=dict(arrowstyle="->", color="C3"))
ax.text(3.1, -2.7, f"backward pass: δ = ∂L/∂z, for L = (a(2) - y)²,  y = {y[0, 0]:g}", color="C3",
        ha="center", va="top")
ax.set_xlim(-2.0, 7.6)
ax.set_ylim(-3.2, 2.7)
ax.set_aspect("equal")

# %% [markdown]
# Check one number yourself: the output's $\delta = 2\,(a - y)\,(1 - \tanh^2 z) = 2\,(0.94 - 0.5)\,(1 - 0.94^2)
# \approx 0.10$, and each hidden $\delta$ is that value times the weight from the hidden neuron to the
# output, times $1 - a^2$ of the hidden neuron.
#
# Rules for both functions: use numpy only (the grader checks that PyTorch's autograd is not called);
# loop over the layers (you need to) but not over the samples of the batch; never modify the arrays or
# lists you are given.
#
# The cell below gives you activations, their derivatives, the mean squared error and a small network
# to try your functions on (the graders use their own copies, so changing these does not change
# your grade).

# %%
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_grad(z):
    s = sigmoid(z)
    return s * (1 - s)


def tanh(z):
    return np.tanh(z)


def tanh_grad(z):
    return 1 - np.tanh(z) ** 2


def relu(z):
    return np.maximum(z, 0)


def relu_grad(z):
    return np.where(z >= 0, 1.0, 0.0)


def mse(y, y_hat):
    return np.mean((y_hat - y) ** 2)


def mse_grad(y, y_hat):
    """dL/dŷ of the mean squared error, the mean's 1/N included."""
    return 2 * (y_hat - y) / y.size


# A small network to try your functions on: 3 inputs, a hidden layer of 4 neurons, 2 outputs.
rng = np.random.default_rng(0)
widths = [3, 4, 2]
W_demo = [rng.normal(size=(n_out, n_in)) / np.sqrt(n_in) for n_in, n_out in zip(widths, widths[1:])]
b_demo = [rng.normal(scale=0.1, size=n_out) for n_out in widths[1:]]
X_demo = rng.normal(size=(5, widths[0]))  # a batch of 5 samples
y_demo = rng.normal(size=(5, widths[-1]))

# %% [raw]
# # BEGIN QUESTION
# name: q1
# points: 4

# %% [markdown]
# **Question 1 (forward pass).** Implement `forward(X, W, b, activation)`. `W` and `b` are lists with
# one entry per layer; `activation` is a function such as `sigmoid` above, applied to every layer,
# the last one included. Return the pair `(zs, activations)`: `zs` holds $z^{(1)}, \dots, z^{(L)}$
# ($L$ arrays) and `activations` holds $a^{(0)} = X, a^{(1)}, \dots, a^{(L)}$ ($L + 1$ arrays).
# Backward needs them all, which is why forward keeps them.
#
# Try it: `zs, acts = forward(X_demo, W_demo, b_demo, tanh)`, then look at `[z.shape for z in zs]`.

# %%
# dlcourse: solution forward

# %% [raw]
# # BEGIN TESTS

# %%
def test_forward_one_layer(forward):
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_sequence
    X = np.array([[1.0, 2.0], [0.0, -1.0]])
    W = [np.array([[1.0, -1.0], [2.0, 0.5]])]
    b = [np.array([0.5, -1.0])]
    zs, activations = expect_sequence(call(forward, X, W, b, lambda z: np.maximum(z, 0)), 2, "forward(...)")
    expect_sequence(zs, 1, "zs of a one-layer network")
    expect_sequence(activations, 2, "activations of a one-layer network")
    expect_array(activations[0], X, "activations[0] (it is X)")
    expect_array(zs[0], [[-0.5, 2.0], [1.5, -1.5]], "zs[0] = X @ W[0].T + b[0]")
    expect_array(activations[1], [[0.0, 2.0], [1.5, 0.0]], "activations[1] = relu(zs[0])")

# %%
def test_forward_two_layers(forward):
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_sequence
    X = np.array([[1.0, 2.0]])
    W = [np.array([[1.0, 0.0], [0.0, 1.0], [1.0, -1.0]]), np.array([[1.0, 2.0, 3.0]])]
    b = [np.zeros(3), np.array([0.5])]
    zs, activations = expect_sequence(call(forward, X, W, b, lambda z: z), 2, "forward(...)")
    expect_sequence(zs, 2, "zs of a two-layer network")
    expect_sequence(activations, 3, "activations of a two-layer network")
    expect_array(zs[0], [[1.0, 2.0, -1.0]], "zs[0] with the identity activation")
    expect_array(zs[1], [[2.5]], "zs[1] with the identity activation")
    expect_array(activations[2], [[2.5]], "activations[2] with the identity activation")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: forward must return (zs, activations), two lists (or tuples) of numpy arrays with one z per layer and L + 1 activations starting with X, each shaped (batch size, layer width)
""" # END TEST CONFIG
def test_forward_structure(forward):
    import numpy as np
    from dlcourse_testkit import CheckFailed, call, expect_array, expect_sequence
    rng = np.random.default_rng(10)
    for widths in ([3, 2], [2, 5, 1], [4, 3, 6, 2, 3]):
        W = [rng.normal(size=(n_out, n_in)) for n_in, n_out in zip(widths, widths[1:])]
        b = [rng.normal(size=n_out) for n_out in widths[1:]]
        X = rng.normal(size=(6, widths[0]))
        zs, activations = expect_sequence(call(forward, X, W, b, np.tanh), 2, "forward's result")
        zs = expect_sequence(zs, len(W), "zs")
        activations = expect_sequence(activations, len(W) + 1, "activations")
        expect_array(activations[0], X, "activations[0]")
        for l, n_out in enumerate(widths[1:]):
            for what, got in ((f"zs[{l}]", zs[l]), (f"activations[{l + 1}]", activations[l + 1])):
                if type(got) is not np.ndarray or got.shape != (6, n_out):
                    raise CheckFailed(f"{what} is not a numpy array of shape (batch size, layer width)")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1.5
failure_message: forward computes wrong z or a values on some networks (sigmoid, tanh or relu; one to four layers)
""" # END TEST CONFIG
def test_forward_random_networks(forward):
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_sequence
    from solutions import backprop as ref
    activation = {"sigmoid": lambda z: 1 / (1 + np.exp(-z)), "tanh": np.tanh, "relu": lambda z: np.maximum(z, 0)}
    rng = np.random.default_rng(11)
    shapes = [[3, 3], [4, 4, 4], [2, 5, 3], [5, 2], [3, 6, 6, 2]]  # equal widths too: W and W.T both fit
    shapes += [list(rng.integers(1, 7, size=rng.integers(2, 6))) for _ in range(25)]
    for k, widths in enumerate(shapes):
        name = ("sigmoid", "tanh", "relu")[k % 3]
        W = [rng.normal(size=(n_out, n_in)) / np.sqrt(n_in) for n_in, n_out in zip(widths, widths[1:])]
        b = [rng.normal(scale=0.5, size=n_out) for n_out in widths[1:]]
        X = rng.normal(size=(int(rng.integers(2, 9)), widths[0]))
        zs, activations = expect_sequence(call(forward, X, W, b, activation[name]), 2, "forward's result")
        ref_zs, ref_activations = ref.forward(X, W, b, activation[name])
        zs = expect_sequence(zs, len(W), "zs")
        activations = expect_sequence(activations, len(W) + 1, "activations")
        for l in range(len(W)):
            expect_array(zs[l], ref_zs[l], f"zs[{l}] ({name})")
            expect_array(activations[l + 1], ref_activations[l + 1], f"activations[{l + 1}] ({name})")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: forward fails or is wrong for a single sample, a single layer or layers of width 1
""" # END TEST CONFIG
def test_forward_small_sizes(forward):
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_sequence
    from solutions import backprop as ref
    rng = np.random.default_rng(12)
    for widths, batch in (([1, 1], 1), ([1, 1, 1], 3), ([4, 1, 3], 1), ([2, 3], 1), ([1, 5, 1], 2)):
        W = [rng.normal(size=(n_out, n_in)) for n_in, n_out in zip(widths, widths[1:])]
        b = [rng.normal(size=n_out) for n_out in widths[1:]]
        X = rng.normal(size=(batch, widths[0]))
        zs, activations = expect_sequence(call(forward, X, W, b, np.tanh), 2, "forward's result")
        ref_zs, ref_activations = ref.forward(X, W, b, np.tanh)
        zs = expect_sequence(zs, len(W), "zs")
        activations = expect_sequence(activations, len(W) + 1, "activations")
        for l in range(len(W)):
            expect_array(zs[l], ref_zs[l], f"zs[{l}]")
            expect_array(activations[l + 1], ref_activations[l + 1], f"activations[{l + 1}]")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: forward must accept float32 and integer arrays (X, W and b)
""" # END TEST CONFIG
def test_forward_input_types(forward):
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_sequence
    from solutions import backprop as ref
    rng = np.random.default_rng(13)
    widths = [3, 4, 2]
    W = [rng.normal(size=(n_out, n_in)) for n_in, n_out in zip(widths, widths[1:])]
    b = [rng.normal(size=n_out) for n_out in widths[1:]]
    X = rng.normal(size=(5, 3))
    W_int = [rng.integers(-3, 4, size=w.shape) for w in W]
    b_int = [rng.integers(-3, 4, size=v.shape) for v in b]
    X_int = rng.integers(-2, 3, size=X.shape)
    cases = [("float32", X.astype(np.float32), [w.astype(np.float32) for w in W], [v.astype(np.float32) for v in b]),
             ("integer X", X_int, W, b), ("integer X, W and b", X_int, W_int, b_int)]
    for what, X_, W_, b_ in cases:
        for act in (np.tanh, lambda z: np.maximum(z, 0)):
            zs, activations = expect_sequence(call(forward, X_, W_, b_, act), 2, f"forward's result ({what})")
            ref_zs, ref_activations = ref.forward(X_, W_, b_, act)
            zs = expect_sequence(zs, len(W_), f"zs ({what})")
            activations = expect_sequence(activations, len(W_) + 1, f"activations ({what})")
            expect_array(activations[0], X_, f"activations[0] ({what})")
            for l in range(len(W_)):
                expect_array(zs[l], ref_zs[l], f"zs[{l}] ({what})", rtol=1e-4, atol=1e-6)
                expect_array(activations[l + 1], ref_activations[l + 1], f"activations[{l + 1}] ({what})",
                             rtol=1e-4, atol=1e-6)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## The backward pass
#
# How do you know your gradients are right? The derivative is the slope of the loss along one
# parameter: nudge that parameter by a small $h$ in both directions and
# $\frac{L(\theta + h) - L(\theta - h)}{2h}$ approximates it (a *finite difference*). That costs two
# forward passes **per parameter**, millions for a real network, whereas backpropagation gets every
# gradient at once for about the price of one more pass. Finite differences remain the standard way to
# test a backward pass, on small networks. On the network of the first picture:

# %%
# dlcourse: figure gradient_check Left: the loss along one weight and the tangent whose slope backward gives. Right: backward's gradients of all 13 parameters against finite differences
import matplotlib.pyplot as plt
import numpy as np
from solutions import backprop as ref

# The network of the first figure: 2-3-1, tanh, one sample, squared error.
rng = np.random.default_rng(4)
widths = [2, 3, 1]
W = [np.round(rng.normal(size=(o, i)), 1) for i, o in zip(widths, widths[1:])]
b = [np.round(rng.normal(scale=0.3, size=o), 1) for o in widths[1:]]
X, y = np.array([[1.0, -0.5]]), np.array([[0.5]])


def loss(W, b):
    return float(np.mean((ref.forward(X, W, b, np.tanh)[1][-1] - y) ** 2))


zs, acts = ref.forward(X, W, b, np.tanh)
_, dW, db = ref.backward(y, zs, acts, W, lambda z: 1 - np.tanh(z) ** 2, lambda y, y_hat: 2 * (y_hat - y) / y.size)

fig, (left, right) = plt.subplots(1, 2, figsize=(9.0, 3.4))
# Left: the loss as a function of one weight, and the tangent whose slope backprop gives.
w0, ws = W[0][0, 0], W[0][0, 0] + np.linspace(-1.5, 1.5, 61)
curve = []
for w in ws:
    W_try = [m.copy() for m in W]
    W_try[0][0, 0] = w
    curve.append(loss(W_try, b))
left.plot(ws, curve, label="loss L as $w$ varies")
left.plot(ws, loss(W, b) + dW[0][0, 0] * (ws - w0), "--", label=f"slope from backward: {dW[0][0, 0]:.3f}")
left.plot([w0], [loss(W, b)], "o", color="C3", zorder=3, label="current $w$")
left.set_xlabel(r"$w = W^{(1)}_{11}$ (all other parameters fixed)")
left.set_ylabel("L")
left.set_ylim(min(curve) - 0.03, max(curve) + 0.03)
left.legend(loc="lower left", fontsize=8)
# Right: every weight and bias, backprop against the finite difference (L(θ+h) - L(θ-h)) / 2h.
h, manual, numeric = 1e-5, [], []
for params, grads in ((W, dW), (b, db)):
    for p, g in zip(params, grads):
        for i in np.ndindex(p.shape):
            saved = p[i]
            p[i] = saved + h
            up = loss(W, b)
            p[i] = saved - h
            down = loss(W, b)
            p[i] = saved
            manual.append(g[i])
            numeric.append((up - down) / (2 * h))
lim = 1.1 * max(np.abs(manual))
right.plot([-lim, lim], [-lim, lim], color="0.7", lw=1)
right.plot(numeric, manual, "o", color="C2")
right.set_xlabel("finite-difference estimate")
right.set_ylabel("backward's dW and db")
right.set_title(f"all {len(manual)} parameters", fontsize=10)
fig.tight_layout()

# %% [markdown]
# The helper below computes such finite differences with **your** `forward`; use it once Question 1
# passes to check Question 2 (see the end of the notebook).

# %%
def numerical_gradients(forward, X, y, W, b, activation, loss, h=1e-6):
    """Finite-difference estimates of dL/dW and dL/db, one parameter at a time (W and b are restored)."""
    def total_loss():
        return loss(y, forward(X, W, b, activation)[1][-1])

    estimates = []
    for params in (W, b):
        grads = []
        for p in params:
            g = np.zeros(p.shape)
            for i in np.ndindex(p.shape):
                saved = p[i]
                p[i] = saved + h
                up = total_loss()
                p[i] = saved - h
                down = total_loss()
                p[i] = saved
                g[i] = (up - down) / (2 * h)
            grads.append(g)
        estimates.append(grads)
    return estimates[0], estimates[1]

# %% [raw]
# # BEGIN QUESTION
# name: q2
# points: 7

# %% [markdown]
# **Question 2 (backward pass).** Implement `backward(y, zs, activations, W, activation_grad, loss_grad)`.
# `zs` and `activations` are what `forward` returned, `y` holds the targets (same shape as $a^{(L)}$),
# `activation_grad(z)` is $\sigma'(z)$ (such as `tanh_grad`), and `loss_grad(y, y_hat)` is
# $\partial L / \partial \hat{y}$ of the mean loss (such as `mse_grad`): use it as it is, it already holds
# the $\frac{1}{n}$. The biases are not needed: $z$ already contains them.
#
# Return the triple `(deltas, dW, db)`: three lists with one entry per layer **in forward order**
# (`deltas[0]` $= \delta^{(1)}$, `dW[0]` $= \partial L / \partial W^{(1)}$, shaped like `W[0]`,
# `db[0]` shaped like `b[0]`), even though you compute them from the last layer back.
# Compute every gradient by hand with numpy: calling PyTorch's autograd gets no points.

# %%
# dlcourse: solution backward

# %% [raw]
# # BEGIN TESTS

# %%
def test_backward_one_layer(backward):
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_sequence
    # The one-layer relu network of Question 1: z = [[-0.5, 2], [1.5, -1.5]], a = [[0, 2], [1.5, 0]].
    X = np.array([[1.0, 2.0], [0.0, -1.0]])
    zs = [np.array([[-0.5, 2.0], [1.5, -1.5]])]
    activations = [X, np.array([[0.0, 2.0], [1.5, 0.0]])]
    W = [np.array([[1.0, -1.0], [2.0, 0.5]])]
    y = np.ones((2, 2))
    relu_grad = lambda z: np.where(z >= 0, 1.0, 0.0)
    mse_grad = lambda y, y_hat: 2 * (y_hat - y) / y.size  # here [[-0.5, 0.5], [0.25, -0.5]]
    deltas, dW, db = expect_sequence(call(backward, y, zs, activations, W, relu_grad, mse_grad), 3, "backward(...)")
    expect_sequence(deltas, 1, "deltas of a one-layer network")
    expect_array(deltas[0], [[0.0, 0.5], [0.25, 0.0]], "deltas[0] = mse_grad ⊙ relu_grad(z)")
    expect_array(dW[0], [[0.0, -0.25], [0.5, 1.0]], "dW[0] = deltas[0].T @ X")
    expect_array(db[0], [0.25, 0.5], "db[0] = deltas[0] summed over the batch")

# %%
def test_backward_two_layers(backward):
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_sequence
    # The two-layer identity network of Question 1 (sigma(z) = z, so sigma'(z) = 1), target 0.
    X = np.array([[1.0, 2.0]])
    zs = [np.array([[1.0, 2.0, -1.0]]), np.array([[2.5]])]
    activations = [X, zs[0], zs[1]]
    W = [np.array([[1.0, 0.0], [0.0, 1.0], [1.0, -1.0]]), np.array([[1.0, 2.0, 3.0]])]
    y = np.array([[0.0]])
    one = lambda z: np.ones_like(z)
    mse_grad = lambda y, y_hat: 2 * (y_hat - y) / y.size  # here [[5.0]]
    deltas, dW, db = expect_sequence(call(backward, y, zs, activations, W, one, mse_grad), 3, "backward(...)")
    deltas = expect_sequence(deltas, 2, "deltas of a two-layer network")
    dW = expect_sequence(dW, 2, "dW of a two-layer network")
    db = expect_sequence(db, 2, "db of a two-layer network")
    expect_array(deltas[1], [[5.0]], "deltas[1] (the output layer)")
    expect_array(deltas[0], [[5.0, 10.0, 15.0]], "deltas[0] = deltas[1] @ W[1]")
    expect_array(dW[1], [[5.0, 10.0, -5.0]], "dW[1] = deltas[1].T @ activations[1]")
    expect_array(dW[0], [[5.0, 10.0], [10.0, 20.0], [15.0, 30.0]], "dW[0] = deltas[0].T @ X")
    expect_array(db[0], [5.0, 10.0, 15.0], "db[0]")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: backward must return (deltas, dW, db), three lists (or tuples) of numpy arrays with one entry per layer in forward order, shaped like z, W and b of that layer
""" # END TEST CONFIG
def test_backward_structure(backward):
    try:
        import torch  # noqa: F401  (no_autograd can only guard a torch that is imported)
    except ImportError:
        pass
    import numpy as np
    from dlcourse_testkit import CheckFailed, call, expect_sequence, no_autograd
    from solutions import backprop as ref
    rng = np.random.default_rng(20)
    for widths in ([3, 2], [2, 5, 1], [4, 3, 6, 2, 3]):
        W = [rng.normal(size=(n_out, n_in)) for n_in, n_out in zip(widths, widths[1:])]
        b = [rng.normal(size=n_out) for n_out in widths[1:]]
        X, y = rng.normal(size=(6, widths[0])), rng.normal(size=(6, widths[-1]))
        zs, activations = ref.forward(X, W, b, np.tanh)
        with no_autograd("backward"):
            result = call(backward, y, zs, activations, W, lambda z: 1 - np.tanh(z) ** 2,
                          lambda y, y_hat: 2 * (y_hat - y) / y.size)
        deltas, dW, db = expect_sequence(result, 3, "backward's result")
        for what, got in (("deltas", deltas), ("dW", dW), ("db", db)):
            expect_sequence(got, len(W), what)
        for l, (W_l, b_l) in enumerate(zip(W, b)):
            for what, got, shape in ((f"deltas[{l}]", deltas[l], (6, len(b_l))), (f"dW[{l}]", dW[l], W_l.shape),
                                     (f"db[{l}]", db[l], b_l.shape)):
                if type(got) is not np.ndarray or got.shape != shape:
                    raise CheckFailed(f"{what} is not a numpy array of the shape of its layer's z, W or b")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: backward is wrong for networks of a single layer (check delta, dW and db of the output layer)
""" # END TEST CONFIG
def test_backward_output_layer(backward):
    try:
        import torch  # noqa: F401  (no_autograd can only guard a torch that is imported)
    except ImportError:
        pass
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_sequence, no_autograd
    from solutions import backprop as ref

    def sigmoid(z):
        return 1 / (1 + np.exp(-z))

    pairs = {"sigmoid": (sigmoid, lambda z: sigmoid(z) * (1 - sigmoid(z))),
             "tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2),
             "relu": (lambda z: np.maximum(z, 0), lambda z: np.heaviside(z, 1.0))}
    mse_grad = lambda y, y_hat: 2 * (y_hat - y) / y.size
    rng = np.random.default_rng(21)
    for k, (n_in, n_out, batch) in enumerate([(3, 2, 5), (2, 2, 4), (4, 1, 7), (1, 3, 3), (5, 4, 8), (3, 3, 2)]):
        name = ("sigmoid", "tanh", "relu")[k % 3]
        act, act_grad = pairs[name]
        W, b = [rng.normal(size=(n_out, n_in))], [rng.normal(size=n_out)]
        X, y = rng.normal(size=(batch, n_in)), rng.normal(size=(batch, n_out))
        zs, activations = ref.forward(X, W, b, act)
        with no_autograd("backward"):
            result = call(backward, y, zs, activations, W, act_grad, mse_grad)
        expected = ref.backward(y, zs, activations, W, act_grad, mse_grad)
        for what, got, ref_list in zip(("deltas", "dW", "db"), expect_sequence(result, 3, "backward's result"), expected):
            expect_array(expect_sequence(got, 1, what)[0], ref_list[0], f"{what}[0] ({name})")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1.5
failure_message: backward gives wrong deltas, dW or db on some networks with hidden layers (sigmoid, tanh or relu)
""" # END TEST CONFIG
def test_backward_random_networks(backward):
    try:
        import torch  # noqa: F401  (no_autograd can only guard a torch that is imported)
    except ImportError:
        pass
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_sequence, no_autograd
    from solutions import backprop as ref

    def sigmoid(z):
        return 1 / (1 + np.exp(-z))

    pairs = {"sigmoid": (sigmoid, lambda z: sigmoid(z) * (1 - sigmoid(z))),
             "tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2),
             "relu": (lambda z: np.maximum(z, 0), lambda z: np.heaviside(z, 1.0))}
    mse_grad = lambda y, y_hat: 2 * (y_hat - y) / y.size
    rng = np.random.default_rng(22)
    shapes = [[3, 4, 2], [2, 5, 3, 1], [6, 2, 4, 3, 5]]
    shapes += [list(rng.integers(1, 7, size=rng.integers(3, 6))) for _ in range(30)]
    for k, widths in enumerate(shapes):
        name = ("sigmoid", "tanh", "relu")[k % 3]
        act, act_grad = pairs[name]
        W = [rng.normal(size=(n_out, n_in)) / np.sqrt(n_in) for n_in, n_out in zip(widths, widths[1:])]
        b = [rng.normal(scale=0.5, size=n_out) for n_out in widths[1:]]
        batch = int(rng.integers(2, 9))
        X, y = rng.normal(size=(batch, widths[0])), rng.normal(size=(batch, widths[-1]))
        zs, activations = ref.forward(X, W, b, act)
        with no_autograd("backward"):
            result = call(backward, y, zs, activations, W, act_grad, mse_grad)
        expected = ref.backward(y, zs, activations, W, act_grad, mse_grad)
        for what, got, ref_list in zip(("deltas", "dW", "db"), expect_sequence(result, 3, "backward's result"), expected):
            got = expect_sequence(got, len(W), what)
            for l in range(len(W)):
                expect_array(got[l], ref_list[l], f"{what}[{l}] ({name})")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: backward is wrong on networks whose layers all have the same width
""" # END TEST CONFIG
def test_backward_equal_widths(backward):
    try:
        import torch  # noqa: F401  (no_autograd can only guard a torch that is imported)
    except ImportError:
        pass
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_sequence, no_autograd
    from solutions import backprop as ref

    def sigmoid(z):
        return 1 / (1 + np.exp(-z))

    pairs = {"sigmoid": (sigmoid, lambda z: sigmoid(z) * (1 - sigmoid(z))),
             "tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2),
             "relu": (lambda z: np.maximum(z, 0), lambda z: np.heaviside(z, 1.0))}
    mse_grad = lambda y, y_hat: 2 * (y_hat - y) / y.size
    rng = np.random.default_rng(23)
    for k, (width, depth, batch) in enumerate([(2, 2, 3), (3, 3, 4), (4, 4, 2), (3, 2, 5), (5, 3, 3), (2, 4, 6)]):
        name = ("sigmoid", "tanh", "relu")[k % 3]
        act, act_grad = pairs[name]
        W = [rng.normal(size=(width, width)) for _ in range(depth)]
        b = [rng.normal(scale=0.5, size=width) for _ in range(depth)]
        X, y = rng.normal(size=(batch, width)), rng.normal(size=(batch, width))
        zs, activations = ref.forward(X, W, b, act)
        with no_autograd("backward"):
            result = call(backward, y, zs, activations, W, act_grad, mse_grad)
        expected = ref.backward(y, zs, activations, W, act_grad, mse_grad)
        for what, got, ref_list in zip(("deltas", "dW", "db"), expect_sequence(result, 3, "backward's result"), expected):
            got = expect_sequence(got, depth, what)
            for l in range(depth):
                expect_array(got[l], ref_list[l], f"{what}[{l}] ({name})")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: backward must work with any loss_grad it is given, used as it is (it already includes the mean's 1/n)
""" # END TEST CONFIG
def test_backward_other_losses(backward):
    try:
        import torch  # noqa: F401  (no_autograd can only guard a torch that is imported)
    except ImportError:
        pass
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_sequence, no_autograd
    from solutions import backprop as ref

    def sigmoid(z):
        return 1 / (1 + np.exp(-z))

    def sigmoid_grad(z):
        return sigmoid(z) * (1 - sigmoid(z))

    def bce_grad(y, p):  # binary cross-entropy, mean over the entries
        p = np.clip(p, 1e-12, 1 - 1e-12)
        return (p - y) / (p * (1 - p)) / y.size

    def sum_of_squares_grad(y, y_hat):  # L = sum of (y_hat - y)^2 / 2: no 1/n at all
        return y_hat - y

    rng = np.random.default_rng(24)
    for widths, batch, loss_grad in (([3, 4, 1], 6, bce_grad), ([2, 3, 2], 4, bce_grad),
                                     ([3, 2, 2], 5, sum_of_squares_grad), ([4, 3], 7, sum_of_squares_grad)):
        W = [rng.normal(size=(n_out, n_in)) for n_in, n_out in zip(widths, widths[1:])]
        b = [rng.normal(size=n_out) for n_out in widths[1:]]
        X = rng.normal(size=(batch, widths[0]))
        y = (rng.random((batch, widths[-1])) > 0.5).astype(float)
        zs, activations = ref.forward(X, W, b, sigmoid)
        with no_autograd("backward"):
            result = call(backward, y, zs, activations, W, sigmoid_grad, loss_grad)
        expected = ref.backward(y, zs, activations, W, sigmoid_grad, loss_grad)
        for what, got, ref_list in zip(("deltas", "dW", "db"), expect_sequence(result, 3, "backward's result"), expected):
            got = expect_sequence(got, len(W), what)
            for l in range(len(W)):
                expect_array(got[l], ref_list[l], f"{what}[{l}]")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: backward fails or is wrong for a single sample or layers of width 1
""" # END TEST CONFIG
def test_backward_small_sizes(backward):
    try:
        import torch  # noqa: F401  (no_autograd can only guard a torch that is imported)
    except ImportError:
        pass
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_sequence, no_autograd
    from solutions import backprop as ref
    tanh_grad = lambda z: 1 - np.tanh(z) ** 2
    mse_grad = lambda y, y_hat: 2 * (y_hat - y) / y.size
    rng = np.random.default_rng(25)
    for widths, batch in (([1, 1], 1), ([1, 1, 1], 3), ([4, 1, 3], 1), ([2, 3], 1), ([1, 5, 1], 2), ([3, 2, 4], 1)):
        W = [rng.normal(size=(n_out, n_in)) for n_in, n_out in zip(widths, widths[1:])]
        b = [rng.normal(size=n_out) for n_out in widths[1:]]
        X, y = rng.normal(size=(batch, widths[0])), rng.normal(size=(batch, widths[-1]))
        zs, activations = ref.forward(X, W, b, np.tanh)
        with no_autograd("backward"):
            result = call(backward, y, zs, activations, W, tanh_grad, mse_grad)
        expected = ref.backward(y, zs, activations, W, tanh_grad, mse_grad)
        for what, got, ref_list in zip(("deltas", "dW", "db"), expect_sequence(result, 3, "backward's result"), expected):
            got = expect_sequence(got, len(W), what)
            for l in range(len(W)):
                expect_array(got[l], ref_list[l], f"{what}[{l}]")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: backward must accept float32 arrays, and integer inputs X, W and y
""" # END TEST CONFIG
def test_backward_input_types(backward):
    try:
        import torch  # noqa: F401  (no_autograd can only guard a torch that is imported)
    except ImportError:
        pass
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_sequence, no_autograd
    from solutions import backprop as ref
    tanh_grad = lambda z: 1 - np.tanh(z) ** 2
    relu_grad = lambda z: np.heaviside(z, 1.0)
    mse_grad = lambda y, y_hat: 2 * (y_hat - y) / y.size
    rng = np.random.default_rng(26)
    widths, batch = [3, 4, 2], 5
    W = [rng.integers(-2, 3, size=(n_out, n_in)) for n_in, n_out in zip(widths, widths[1:])]
    b = [rng.normal(size=n_out) for n_out in widths[1:]]
    X, y = rng.integers(-2, 3, size=(batch, widths[0])), rng.integers(0, 2, size=(batch, widths[-1]))
    for act, act_grad in ((np.tanh, tanh_grad), (lambda z: np.maximum(z, 0), relu_grad)):
        zs, activations = ref.forward(X, W, b, act)
        as32 = lambda arrays: [np.asarray(a, dtype=np.float32) for a in arrays]
        cases = [("float32", y.astype(np.float32), as32(zs), as32(activations), as32(W)),
                 ("integer X, W and y", y, zs, [X] + activations[1:], W)]  # forward may keep X as given
        for what, y_, zs_, activations_, W_ in cases:
            with no_autograd("backward"):
                result = call(backward, y_, zs_, activations_, W_, act_grad, mse_grad)
            expected = ref.backward(y_, zs_, activations_, W_, act_grad, mse_grad)
            for name, got, ref_list in zip(("deltas", "dW", "db"), expect_sequence(result, 3, f"backward's result ({what})"),
                                           expected):
                got = expect_sequence(got, len(W), f"{name} ({what})")
                for l in range(len(W)):
                    expect_array(got[l], ref_list[l], f"{name}[{l}] ({what})", rtol=1e-4, atol=1e-6)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## Check your gradients
#
# Passing the public tests above does not prove much. Compare your `backward` with finite differences
# on the demo network, in a new cell:
#
# ```python
# zs, acts = forward(X_demo, W_demo, b_demo, tanh)
# deltas, dW, db = backward(y_demo, zs, acts, W_demo, tanh_grad, mse_grad)
# dW_num, db_num = numerical_gradients(forward, X_demo, y_demo, W_demo, b_demo, tanh, mse)
# print(max(np.abs(g - e).max() for g, e in zip(dW + db, dW_num + db_num)))  # about 1e-10 when right
# ```
#
# Try `sigmoid` and `relu` too, and a network with two hidden layers. A difference near $10^{-10}$ means
# your gradients are right; a difference of the size of the gradients themselves means a mistake. Then
# try your `dW` and `db` in a few steps of gradient descent, $W^{(l)} \leftarrow W^{(l)} - \eta\, \partial L /
# \partial W^{(l)}$, and watch `mse(y_demo, forward(...)[1][-1])` go down.
