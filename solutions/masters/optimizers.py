# %% [markdown]
# # Exercise 6: gradient-descent variants
#
# Training a model means minimising its empirical loss, the mean of the per-sample losses over the
# $n$ training samples,
#
# $$L(\theta) = \frac{1}{n} \sum_{i=1}^{n} l\big(y_i, \hat{y}_i(\theta)\big),$$
#
# by gradient descent: compute the gradient and step against it, with a learning rate $\eta$,
#
# $$\theta \leftarrow \theta - \eta \, \nabla L(\theta).$$
#
# The lecture's five variants change one of two things.
#
# **How many samples feed one step.** The gradient of the loss over a batch $B$ of samples,
# $\nabla L_B(\theta) = \frac{1}{|B|} \sum_{i \in B} \nabla l_i(\theta)$, is a cheap, noisy estimate
# of $\nabla L(\theta)$ when $B$ is drawn at random. An **epoch** shuffles the $n$ samples and cuts them
# into batches of $B$ samples, so it makes $\lceil n / B \rceil$ updates and looks at every sample once.
# *Batch gradient descent* is $B = n$ (one exact, expensive step per epoch), *stochastic gradient
# descent* (SGD) is $B = 1$ ($n$ cheap, noisy steps per epoch), *mini-batch* gradient descent is anything
# in between.
#
# **How a step is built from the gradients** $g_1, g_2, \dots$ seen so far ($t = 1, 2, \dots$ counts the
# steps, all operations are elementwise):
#
# * *Momentum* (the "heavy ball") moves along a running sum of past gradients in which older ones fade
#   by a factor $\mu$ per step, so directions that keep their sign build up speed while components
#   that flip sign from step to step cancel out:
#
#   $$b_1 = g_1, \qquad b_t = \mu\, b_{t-1} + g_t, \qquad \theta \leftarrow \theta - \eta\, b_t.$$
#
#   This is `torch.optim.SGD(momentum=μ)` with its default `dampening=0`. (The lecture calls $b$ an
#   exponential moving average; it is one up to the factor $1 - \mu$, which here is folded into $\eta$.)
# * *Adam* keeps two moving averages per parameter, of the gradient and of its square,
#
#   $$m_t = \beta_1 m_{t-1} + (1 - \beta_1)\, g_t, \qquad v_t = \beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2,
#   \qquad m_0 = v_0 = 0,$$
#
#   corrects them for starting at zero, and scales each parameter's step by its own gradient size:
#
#   $$\hat m_t = \frac{m_t}{1 - \beta_1^t}, \qquad \hat v_t = \frac{v_t}{1 - \beta_2^t}, \qquad
#   \theta \leftarrow \theta - \eta\, \frac{\hat m_t}{\sqrt{\hat v_t} + \varepsilon}.$$
#
#   Each step therefore moves each parameter by roughly $\eta$, whatever the scale of its gradient.
#   (`torch.optim.Adam` computes the same step in another order,
#   $\theta \leftarrow \theta - \frac{\eta}{1 - \beta_1^t} \cdot \frac{m_t}{\sqrt{v_t} / \sqrt{1 - \beta_2^t} + \varepsilon}$;
#   both are accepted.)
#
# | variant | gradient from | stability | cost per update | noise in updates | best suited for |
# |---|---|---|---|---|---|
# | batch GD | the whole data set | stable | high | low | small data sets |
# | SGD | one sample | noisy | low | high | large data sets, online learning |
# | mini-batch GD | a small batch | moderate | moderate | moderate | most practical applications |
# | momentum | history + gradient | stable | moderate | reduced | problems with oscillations |
# | Adam | adaptive per parameter | stable | moderate to high | low | deep learning, large data sets |
#
# Here is the table measured, with the code you are about to write: a linear regression on 200 samples
# with five features of very different scales, trained from zero by each variant with a hand-picked
# learning rate. Left, the loss above its minimum against epochs (every variant has looked at every
# sample once per epoch); right, the same curves against the number of parameter updates.

# %%
# dlcourse: figure variants_loss Loss above the minimum of a linear regression, for batch GD, SGD, mini-batch, momentum and Adam, against epochs and against parameter updates
import math

import matplotlib.pyplot as plt
import numpy as np
from solutions import optimizers as ref

rng = np.random.default_rng(0)
n, features = 200, 5
X = rng.normal(size=(n, features)) * np.array([3.0, 1.0, 1.0, 0.5, 0.3])
y = X @ rng.normal(size=features) + 1.0 + 0.5 * rng.normal(size=n)
solution = np.linalg.lstsq(np.hstack([X, np.ones((n, 1))]), y, rcond=None)[0]
best = ref.linear_regression_grad([solution[:features], np.array(solution[features])], X, y)[0]
epochs = 30
runs = [("batch GD (B = n, η = 0.12)", n, ref.SGD(0.12)),
        ("SGD (B = 1, η = 0.01)", 1, ref.SGD(0.01)),
        ("mini-batch (B = 16, η = 0.05)", 16, ref.SGD(0.05)),
        ("momentum (B = 16, η = 0.005, μ = 0.9)", 16, ref.Momentum(0.005, momentum=0.9)),
        ("Adam (B = 16, η = 0.02)", 16, ref.Adam(0.02))]
fig, (by_epoch, by_update) = plt.subplots(1, 2, figsize=(10, 3.6), sharey=True)
for label, batch_size, optimizer in runs:
    params = [np.zeros(features), np.array(0.0)]
    excess = ref.fit(X, y, ref.linear_regression_grad, params, optimizer, batch_size, epochs, seed=0) - best
    by_epoch.plot(np.arange(epochs + 1), excess, label=label)
    updates = np.arange(1, epochs + 1) * math.ceil(n / batch_size)
    by_update.plot(updates, excess[1:], label=label)
by_epoch.set_yscale("log")
by_epoch.set_xlabel("epoch")
by_epoch.set_ylabel("loss − minimum loss")
by_epoch.legend(fontsize=8)
by_update.set_xscale("log")
by_update.set_xlabel("parameter updates")

# %% [markdown]
# Per epoch, SGD is far ahead of batch GD: it makes 200 small steps where batch GD makes one. But each
# of its steps follows a single sample, so with a constant learning rate it never settles: its curve
# keeps jumping. Batch GD descends smoothly and, per update, is the most efficient; mini-batches sit in
# between. Momentum runs on the same mini-batches with a learning rate ten times smaller (its buffer
# sums about $1/(1 - \mu) = 10$ gradients, so its steady step matches the mini-batch's): averaging
# the batch gradients, it jumps less. Adam, which scales each weight's step by that weight's own
# gradient size, copes best with the features' different scales and goes lowest. All the variants share
# one training loop, `fit`, and differ only in the optimiser object and the batch size.
#
# ## How the code is organised
#
# The parameters of a model are a list of numpy arrays, for example `params = [w, b]` with a weight
# vector `w` and a bias `b = np.array(0.0)` (a 0-d array), and the gradients are a list of arrays of the
# same shapes, in the same order. An optimiser is an object that holds its hyperparameters and its
# state; its method `step(params, grads)` updates **every array of `params` in place**:
#
# ```python
# for param, grad in zip(params, grads):
#     param -= lr * grad           # changes the array itself: the caller sees the new values
#     # param = param - lr * grad  # makes a new array and binds the local name to it: the caller sees nothing
# ```
#
# The state (momentum buffer, Adam's averages) belongs to a position in the list: the state of
# `params[k]` is used again at the next step for `params[k]`. Rules for all three optimisers:
#
# * the arrays in `params` may have any shape, 0-d included, and may be float64 or float32 (they keep
#   their dtype: in-place updates cannot change it); gradients may be float or integer arrays;
# * never change the arrays in `grads`, not even later: copy a gradient before you keep it as state;
# * one optimiser object serves one list of parameters; two objects never share state.
#
# Use numpy only (no PyTorch): the tests compare your parameter trajectories with `torch.optim` over 50
# steps, to about eight significant digits.

# %%
import numpy as np

# %% [raw]
# # BEGIN QUESTION
# name: q1
# points: 3

# %% [markdown]
# **Question 1 (SGD).** Implement `SGD(lr)`: `step(params, grads)` does $p \leftarrow p - \eta\, g$ for
# every parameter array $p$ and its gradient $g$. It has no state. Batch GD, SGD and mini-batch GD all
# use this optimiser; only the batches fed to it differ.

# %%
# dlcourse: solution SGD

# %% [raw]
# # BEGIN TESTS

# %%
def test_sgd_one_step(SGD):
    import numpy as np
    from dlcourse_testkit import expect_array
    w, b = np.array([1.0, 2.0]), np.array(0.5)
    SGD(0.1).step([w, b], [np.array([0.5, -1.0]), np.array(2.0)])
    expect_array(w, [0.95, 2.1], "w after one SGD step (updated in place)")
    expect_array(b, 0.3, "b after one SGD step (updated in place)")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: SGD does not follow p <- p - lr * g over many steps and several arrays
""" # END TEST CONFIG
def test_sgd_trajectory(SGD):
    import numpy as np
    from dlcourse_testkit import CheckFailed, call, expect_array
    from solutions import optimizers as ref
    rng = np.random.default_rng(11)
    shapes = [(3, 2), (4,), ()]
    for lr in (0.1, 0.7):
        params = [np.array(rng.normal(size=s)) for s in shapes]
        arrays, expected = list(params), [p.copy() for p in params]
        opt, ref_opt = call(SGD, lr, name="SGD"), ref.SGD(lr)
        for step in range(50):
            grads = [np.array(rng.normal(size=s)) for s in shapes]
            call(lambda grads: opt.step(params, grads), grads, name="SGD.step")
            ref_opt.step(expected, grads)
            if len(params) != len(arrays) or any(p is not a for p, a in zip(params, arrays)):
                raise CheckFailed("SGD.step replaces the arrays of params instead of updating them in place")
            for k in range(len(shapes)):
                expect_array(arrays[k], expected[k], f"SGD: params[{k}] after {step + 1} steps", rtol=1e-8, atol=1e-10)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: SGD.step must change the arrays in params themselves (0-d arrays too), not rebind names or replace list items
""" # END TEST CONFIG
def test_sgd_updates_in_place(SGD):
    import numpy as np
    from dlcourse_testkit import CheckFailed, call, expect_array
    from solutions import optimizers as ref
    params = [np.ones((2, 3)), np.array(0.5)]
    arrays, expected = list(params), [p.copy() for p in params]
    grads = [np.full((2, 3), 0.2), np.array(-1.0)]
    opt = call(SGD, 0.5, name="SGD")
    call(lambda grads: opt.step(params, grads), grads, name="SGD.step")
    ref.SGD(0.5).step(expected, grads)
    if len(params) != 2 or params[0] is not arrays[0] or params[1] is not arrays[1]:
        raise CheckFailed("SGD.step replaces the arrays of params instead of updating them in place")
    expect_array(arrays[0], expected[0], "a 2-D parameter after SGD.step")
    expect_array(arrays[1], expected[1], "a 0-d parameter after SGD.step")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: SGD goes wrong when the gradients depend on the current parameters (least squares)
""" # END TEST CONFIG
def test_sgd_least_squares(SGD):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import optimizers as ref
    rng = np.random.default_rng(12)
    X, Y = rng.normal(size=(16, 3)), rng.normal(size=(16, 2))

    def grads_at(W, b):
        R = (X @ W + b - Y) / len(X)
        return [X.T @ R, R.sum(axis=0)]

    start = [rng.normal(size=(3, 2)), rng.normal(size=2)]
    for lr in (0.0, 0.3):
        params, expected = [p.copy() for p in start], [p.copy() for p in start]
        opt, ref_opt = call(SGD, lr, name="SGD"), ref.SGD(lr)
        for step in range(50):
            call(lambda grads: opt.step(params, grads), grads_at(*params), name="SGD.step")
            ref_opt.step(expected, grads_at(*expected))
        for k in range(2):
            expect_array(params[k], expected[k], f"SGD: params[{k}] on least squares", rtol=1e-8, atol=1e-10)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: SGD must keep float32 parameters float32 (updated in place), accept integer gradients and never change the gradient arrays
""" # END TEST CONFIG
def test_sgd_dtypes(SGD):
    import numpy as np
    from dlcourse_testkit import CheckFailed, call, expect_array
    from solutions import optimizers as ref
    rng = np.random.default_rng(13)
    start = [rng.normal(size=(2, 3)), np.array(0.25)]
    # float32 parameters, compared with float64 arithmetic at float32 precision
    params = [p.astype(np.float32) for p in start]
    arrays, expected = list(params), [p.astype(np.float64) for p in params]
    opt, ref_opt = call(SGD, 0.05, name="SGD"), ref.SGD(0.05)
    for step in range(20):
        grads = [rng.normal(size=(2, 3)), np.array(rng.normal())]
        call(lambda grads: opt.step(params, grads), grads, name="SGD.step")
        ref_opt.step(expected, grads)
    if any(p is not a for p, a in zip(params, arrays)):
        raise CheckFailed("SGD.step replaces float32 parameters instead of updating them in place")
    for k in range(2):
        expect_array(arrays[k], expected[k], f"SGD: float32 params[{k}]", rtol=1e-4, atol=1e-5)
    # integer gradients, the same arrays at every step
    grads = [np.array([[1, -2, 3], [0, 4, -1]]), np.array(2)]
    kept = [g.copy() for g in grads]
    params, expected = [p.copy() for p in start], [p.copy() for p in start]
    opt, ref_opt = call(SGD, 0.1, name="SGD"), ref.SGD(0.1)
    for step in range(5):
        call(lambda: opt.step(params, grads), name="SGD.step")
        ref_opt.step(expected, kept)
    if any(not np.array_equal(g, k) or g.dtype != k.dtype for g, k in zip(grads, kept)):
        raise CheckFailed("SGD.step changes the gradient arrays it is given")
    for k in range(2):
        expect_array(params[k], expected[k], f"SGD: params[{k}] with integer gradients", rtol=1e-8, atol=1e-10)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## Momentum on a narrow valley
#
# On $f(x, y) = \frac{1}{2}(x^2 + 25\, y^2)$ the gradient $(x, 25 y)$ is steep across the valley and
# shallow along it. Gradient descent's learning rate is capped by the steep direction (above
# $\eta = 2/25$ it diverges), so it zig-zags across the valley and crawls along it. Momentum's buffer
# adds up the consistent push along the valley and cancels the zig-zag; Adam steps by about $\eta$ in
# every coordinate, whatever its gradient.

# %%
# dlcourse: figure valley_paths Paths of gradient descent, momentum and Adam on a narrow quadratic valley, and their losses
import matplotlib.pyplot as plt
import numpy as np
from solutions import optimizers as ref

curvature = np.array([1.0, 25.0])  # f(x, y) = (x^2 + 25 y^2) / 2
start = np.array([-4.5, 1.0])
runs = [("gradient descent, η = 0.075", ref.SGD(0.075)),
        ("momentum, η = 0.03, μ = 0.6", ref.Momentum(0.03, momentum=0.6)),
        ("Adam, η = 0.2", ref.Adam(0.2))]
fig, (plane, loss) = plt.subplots(1, 2, figsize=(10, 3.4), gridspec_kw={"width_ratios": [1.6, 1]})
gx, gy = np.meshgrid(np.linspace(-5, 1, 200), np.linspace(-1.5, 1.5, 200))
plane.contour(gx, gy, 0.5 * (gx**2 + 25 * gy**2), levels=np.geomspace(0.02, 40, 12), colors="0.8",
              linewidths=0.8)
for label, optimizer in runs:
    p = start.copy()
    path = [p.copy()]
    for _ in range(40):
        optimizer.step([p], [curvature * p])
        path.append(p.copy())
    path = np.array(path)
    plane.plot(path[:, 0], path[:, 1], ".-", ms=3, lw=1, label=label)
    loss.semilogy(0.5 * (path**2 @ curvature), label=label)
plane.plot(0, 0, "k*", ms=10)
plane.set_xlabel("x")
plane.set_ylabel("y")
plane.legend(fontsize=8, loc="lower right")
loss.set_xlabel("step")
loss.set_ylabel("f(x, y)")

# %% [raw]
# # BEGIN QUESTION
# name: q2
# points: 4.5

# %% [markdown]
# **Question 2 (momentum).** Implement `Momentum(lr, momentum=0.9)`, PyTorch's heavy ball:
# $b \leftarrow g$ at the first step, then $b \leftarrow \mu\, b + g$; and $p \leftarrow p - \eta\, b$,
# with one buffer $b$ per parameter array (same shape). Update the buffer first, then the parameter.
# Mind the rules above: a buffer must not be the gradient array itself (`b = g` would make the next
# `b *= μ` change the caller's gradient).

# %%
# dlcourse: solution Momentum

# %% [raw]
# # BEGIN TESTS

# %%
def test_momentum_two_steps(Momentum):
    import numpy as np
    from dlcourse_testkit import expect_array
    w = np.array([1.0, -1.0])
    opt = Momentum(0.1)  # momentum = 0.9 by default
    opt.step([w], [np.array([1.0, 2.0])])
    expect_array(w, [0.9, -1.2], "w after the first step (the buffer starts at the gradient)")
    opt.step([w], [np.array([1.0, 2.0])])
    expect_array(w, [0.71, -1.58], "w after the second step (buffer = 0.9 * buffer + gradient)")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: Momentum's first step is wrong (what is the buffer at the very first step?)
""" # END TEST CONFIG
def test_momentum_first_step(Momentum):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import optimizers as ref
    rng = np.random.default_rng(21)
    for momentum in (0.9, 0.5):
        params = [rng.normal(size=(3, 2)), np.array(rng.normal())]
        expected = [p.copy() for p in params]
        grads = [rng.normal(size=(3, 2)), np.array(rng.normal())]
        opt = call(Momentum, 0.2, momentum=momentum, name="Momentum")
        call(lambda grads: opt.step(params, grads), grads, name="Momentum.step")
        ref.Momentum(0.2, momentum=momentum).step(expected, grads)
        for k in range(2):
            expect_array(params[k], expected[k], f"Momentum: params[{k}] after the first step", rtol=1e-8, atol=1e-10)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: Momentum does not follow torch's heavy ball over many steps (check the buffer update, the order of the updates and the momentum argument)
""" # END TEST CONFIG
def test_momentum_trajectory(Momentum):
    import numpy as np
    from dlcourse_testkit import CheckFailed, call, expect_array
    from solutions import optimizers as ref
    rng = np.random.default_rng(22)
    shapes = [(3, 2), (4,), ()]
    for kwargs in ({}, {"momentum": 0.5}, {"momentum": 0.99}, {"momentum": 0.0}):
        params = [np.array(rng.normal(size=s)) for s in shapes]
        arrays, expected = list(params), [p.copy() for p in params]
        opt, ref_opt = call(Momentum, 0.05, name="Momentum", **kwargs), ref.Momentum(0.05, **kwargs)
        for step in range(50):
            grads = [np.array(rng.normal(size=s)) for s in shapes]
            call(lambda grads: opt.step(params, grads), grads, name="Momentum.step")
            ref_opt.step(expected, grads)
            if len(params) != len(arrays) or any(p is not a for p, a in zip(params, arrays)):
                raise CheckFailed("Momentum.step replaces the arrays of params instead of updating them in place")
            for k in range(len(shapes)):
                expect_array(arrays[k], expected[k], f"Momentum: params[{k}] after {step + 1} steps",
                             rtol=1e-8, atol=1e-10)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: Momentum.step must change the arrays in params themselves (0-d arrays too), not rebind names or replace list items
""" # END TEST CONFIG
def test_momentum_updates_in_place(Momentum):
    import numpy as np
    from dlcourse_testkit import CheckFailed, call, expect_array
    from solutions import optimizers as ref
    params = [np.ones((2, 3)), np.array(0.5)]
    arrays, expected = list(params), [p.copy() for p in params]
    opt, ref_opt = call(Momentum, 0.5, name="Momentum"), ref.Momentum(0.5)
    for step in range(2):
        grads = [np.full((2, 3), 0.2 * (step + 1)), np.array(-1.0)]
        call(lambda grads: opt.step(params, grads), grads, name="Momentum.step")
        ref_opt.step(expected, grads)
        if len(params) != 2 or params[0] is not arrays[0] or params[1] is not arrays[1]:
            raise CheckFailed("Momentum.step replaces the arrays of params instead of updating them in place")
        expect_array(arrays[0], expected[0], "a 2-D parameter after Momentum.step")
        expect_array(arrays[1], expected[1], "a 0-d parameter after Momentum.step")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: Momentum must keep one buffer per parameter array and per optimiser object (two optimisers never share buffers)
""" # END TEST CONFIG
def test_momentum_state_per_array_and_object(Momentum):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import optimizers as ref
    rng = np.random.default_rng(23)
    shapes_a, shapes_b = [(2, 2), (2, 2), ()], [(2, 2), (3,)]
    pa = [np.array(rng.normal(size=s)) for s in shapes_a]
    pb = [np.array(rng.normal(size=s)) for s in shapes_b]
    ea, eb = [p.copy() for p in pa], [p.copy() for p in pb]
    opt_a, opt_b = call(Momentum, 0.1, momentum=0.8, name="Momentum"), call(Momentum, 0.05, name="Momentum")
    ref_a, ref_b = ref.Momentum(0.1, momentum=0.8), ref.Momentum(0.05)
    for step in range(20):
        ga = [np.array(rng.normal(size=s)) for s in shapes_a]
        gb = [np.array(rng.normal(size=s)) for s in shapes_b]
        call(lambda grads: opt_a.step(pa, grads), ga, name="Momentum.step")
        call(lambda grads: opt_b.step(pb, grads), gb, name="Momentum.step")
        ref_a.step(ea, ga)
        ref_b.step(eb, gb)
    for k in range(len(pa)):
        expect_array(pa[k], ea[k], f"first optimiser: params[{k}]", rtol=1e-8, atol=1e-10)
    for k in range(len(pb)):
        expect_array(pb[k], eb[k], f"second optimiser: params[{k}]", rtol=1e-8, atol=1e-10)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: Momentum goes wrong when the gradients depend on the current parameters (a narrow valley)
""" # END TEST CONFIG
def test_momentum_valley(Momentum):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import optimizers as ref
    curvature = [np.array([1.0, 25.0]), np.array([[0.5, 4.0, 10.0]])]
    start = [np.array([-4.5, 1.0]), np.array([[2.0, -1.0, 0.5]])]
    for lr, momentum in ((0.03, 0.9), (0.07, 0.6)):
        params, expected = [p.copy() for p in start], [p.copy() for p in start]
        opt, ref_opt = call(Momentum, lr, momentum=momentum, name="Momentum"), ref.Momentum(lr, momentum=momentum)
        for step in range(50):
            call(lambda grads: opt.step(params, grads), [c * p for c, p in zip(curvature, params)],
                 name="Momentum.step")
            ref_opt.step(expected, [c * p for c, p in zip(curvature, expected)])
        for k in range(2):
            expect_array(params[k], expected[k], f"Momentum: params[{k}] in the valley", rtol=1e-8, atol=1e-10)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: Momentum.step changes the gradient arrays it is given, now or at a later step (copy a gradient before keeping it)
""" # END TEST CONFIG
def test_momentum_leaves_gradients_alone(Momentum):
    import numpy as np
    from dlcourse_testkit import CheckFailed, call, expect_array
    from solutions import optimizers as ref
    rng = np.random.default_rng(24)
    start = [rng.normal(size=(2, 3)), np.array(0.5)]
    grads = [rng.normal(size=(2, 3)), np.array(-0.7)]  # the same arrays at every step
    kept = [g.copy() for g in grads]
    params, expected = [p.copy() for p in start], [p.copy() for p in start]
    opt, ref_opt = call(Momentum, 0.1, name="Momentum"), ref.Momentum(0.1)
    for step in range(6):
        call(lambda: opt.step(params, grads), name="Momentum.step")
        ref_opt.step(expected, kept)
        if any(not np.array_equal(g, k) for g, k in zip(grads, kept)):
            raise CheckFailed("Momentum.step changes the gradient arrays it is given")
    for k in range(2):
        expect_array(params[k], expected[k], f"Momentum: params[{k}] with a constant gradient", rtol=1e-8, atol=1e-10)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.25
failure_message: Momentum must keep float32 parameters float32, updated in place
""" # END TEST CONFIG
def test_momentum_float32(Momentum):
    import numpy as np
    from dlcourse_testkit import CheckFailed, call, expect_array
    from solutions import optimizers as ref
    rng = np.random.default_rng(25)
    params = [rng.normal(size=(2, 3)).astype(np.float32), np.array(0.25, dtype=np.float32)]
    arrays, expected = list(params), [p.astype(np.float64) for p in params]
    opt, ref_opt = call(Momentum, 0.05, name="Momentum"), ref.Momentum(0.05)
    for step in range(20):
        grads = [rng.normal(size=(2, 3)), np.array(rng.normal())]
        call(lambda grads: opt.step(params, grads), grads, name="Momentum.step")
        ref_opt.step(expected, grads)
    if any(p is not a for p, a in zip(params, arrays)):
        raise CheckFailed("Momentum.step replaces float32 parameters instead of updating them in place")
    for k in range(2):
        expect_array(arrays[k], expected[k], f"Momentum: float32 params[{k}]", rtol=1e-4, atol=1e-5)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.25
failure_message: Momentum must accept integer gradient arrays (keep the buffer in floating point)
""" # END TEST CONFIG
def test_momentum_integer_gradients(Momentum):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import optimizers as ref
    rng = np.random.default_rng(26)
    params = [rng.normal(size=(2, 3)), np.array(0.25)]
    expected = [p.copy() for p in params]
    opt, ref_opt = call(Momentum, 0.1, name="Momentum"), ref.Momentum(0.1)
    for step in range(5):
        grads = [rng.integers(-3, 4, size=(2, 3)), np.array(int(rng.integers(-3, 4)))]
        call(lambda grads: opt.step(params, grads), grads, name="Momentum.step")
        ref_opt.step(expected, grads)
    for k in range(2):
        expect_array(params[k], expected[k], f"Momentum: params[{k}] with integer gradients", rtol=1e-8, atol=1e-10)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: q3
# points: 5.5

# %% [markdown]
# **Question 3 (Adam).** Implement `Adam(lr=1e-3, betas=(0.9, 0.999), eps=1e-8)` with the equations
# above: per parameter array, the averages $m$ and $v$ start at zeros of its shape; the step counter
# $t$ counts calls of `step` (it is 1 during the first call, whatever the number of arrays); $\varepsilon$
# is added to $\sqrt{\hat v_t}$, outside the square root. Either order of operations (textbook or
# PyTorch's) passes.

# %%
# dlcourse: solution Adam

# %% [raw]
# # BEGIN TESTS

# %%
def test_adam_two_steps(Adam):
    import numpy as np
    from dlcourse_testkit import expect_array
    w = np.array([1.0, 1.0])
    opt = Adam(lr=0.1)
    opt.step([w], [np.array([2.0, -0.5])])
    expect_array(w, [0.9, 1.1], "w after the first step (about lr against the sign of the gradient)", rtol=1e-7)
    opt.step([w], [np.array([2.0, -0.5])])
    expect_array(w, [0.8, 1.2], "w after a second step with the same gradient", rtol=1e-7)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: Adam's first step is wrong (check the bias correction and the step counter at the first step)
""" # END TEST CONFIG
def test_adam_first_step(Adam):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import optimizers as ref
    params = [np.array([0.5, -1.0, 2.0, 0.0]), np.array(1.5)]
    expected = [p.copy() for p in params]
    grads = [np.array([1e-3, -0.5, 2.0, -1e3]), np.array(-3.0)]
    opt = call(Adam, 0.05, name="Adam")
    call(lambda grads: opt.step(params, grads), grads, name="Adam.step")
    ref.Adam(0.05).step(expected, grads)
    for k in range(2):
        expect_array(params[k], expected[k], f"Adam: params[{k}] after the first step", rtol=1e-8, atol=1e-10)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: Adam does not follow torch.optim.Adam over many steps with its default hyperparameters
""" # END TEST CONFIG
def test_adam_trajectory_defaults(Adam):
    import numpy as np
    from dlcourse_testkit import CheckFailed, call, expect_array
    from solutions import optimizers as ref
    rng = np.random.default_rng(31)
    shapes = [(3, 2), (4,), ()]
    for args in ((), (0.05,)):
        params = [np.array(rng.normal(size=s)) for s in shapes]
        arrays, expected = list(params), [p.copy() for p in params]
        opt, ref_opt = call(Adam, *args, name="Adam"), ref.Adam(*args)
        for step in range(50):
            grads = [np.array(rng.normal(size=s)) for s in shapes]
            call(lambda grads: opt.step(params, grads), grads, name="Adam.step")
            ref_opt.step(expected, grads)
            if len(params) != len(arrays) or any(p is not a for p, a in zip(params, arrays)):
                raise CheckFailed("Adam.step replaces the arrays of params instead of updating them in place")
            for k in range(len(shapes)):
                expect_array(arrays[k], expected[k], f"Adam: params[{k}] after {step + 1} steps", rtol=1e-8, atol=1e-10)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1.5
failure_message: Adam misuses betas or eps (eps goes outside the square root; each beta has its own average and bias correction)
""" # END TEST CONFIG
def test_adam_hyperparameters(Adam):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import optimizers as ref
    rng = np.random.default_rng(32)
    settings = [(0.01, (0.5, 0.9), 1e-8, 1.0), (0.01, (0.9, 0.999), 1e-3, 0.01), (0.02, (0.0, 0.5), 1e-2, 0.1),
                (0.005, (0.95, 0.9999), 1e-6, 1e-4), (0.1, (0.8, 0.99), 0.0, 1.0)]
    for lr, betas, eps, scale in settings:
        params = [rng.normal(size=(2, 3)), np.array(rng.normal())]
        expected = [p.copy() for p in params]
        opt = call(Adam, lr, betas=betas, eps=eps, name="Adam")
        ref_opt = ref.Adam(lr, betas=betas, eps=eps)
        for step in range(30):
            grads = [scale * rng.normal(size=(2, 3)), np.array(scale * rng.normal())]
            call(lambda grads: opt.step(params, grads), grads, name="Adam.step")
            ref_opt.step(expected, grads)
        for k in range(2):
            expect_array(params[k], expected[k], f"Adam: params[{k}] with other betas and eps", rtol=1e-8, atol=1e-10)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: Adam must keep its averages per parameter array and per optimiser object, and count one step per call of step
""" # END TEST CONFIG
def test_adam_state_per_array_and_object(Adam):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import optimizers as ref
    rng = np.random.default_rng(33)
    shapes_a, shapes_b = [(2, 2), (2, 2), (), (3,)], [(2, 2), (3,)]
    pa = [np.array(rng.normal(size=s)) for s in shapes_a]
    pb = [np.array(rng.normal(size=s)) for s in shapes_b]
    ea, eb = [p.copy() for p in pa], [p.copy() for p in pb]
    opt_a, opt_b = call(Adam, 0.05, name="Adam"), call(Adam, 0.01, betas=(0.8, 0.99), name="Adam")
    ref_a, ref_b = ref.Adam(0.05), ref.Adam(0.01, betas=(0.8, 0.99))
    for step in range(20):
        ga = [np.array(rng.normal(size=s)) * (k + 1) for k, s in enumerate(shapes_a)]
        gb = [np.array(rng.normal(size=s)) for s in shapes_b]
        call(lambda grads: opt_a.step(pa, grads), ga, name="Adam.step")
        call(lambda grads: opt_b.step(pb, grads), gb, name="Adam.step")
        ref_a.step(ea, ga)
        ref_b.step(eb, gb)
    for k in range(len(pa)):
        expect_array(pa[k], ea[k], f"first optimiser: params[{k}]", rtol=1e-8, atol=1e-10)
    for k in range(len(pb)):
        expect_array(pb[k], eb[k], f"second optimiser: params[{k}]", rtol=1e-8, atol=1e-10)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: Adam.step must change the arrays in params themselves (0-d arrays too), not rebind names or replace list items
""" # END TEST CONFIG
def test_adam_updates_in_place(Adam):
    import numpy as np
    from dlcourse_testkit import CheckFailed, call, expect_array
    from solutions import optimizers as ref
    params = [np.ones((2, 3)), np.array(0.5)]
    arrays, expected = list(params), [p.copy() for p in params]
    opt, ref_opt = call(Adam, 0.1, name="Adam"), ref.Adam(0.1)
    for step in range(2):
        grads = [np.full((2, 3), 0.2 * (step + 1)), np.array(-1.0)]
        call(lambda grads: opt.step(params, grads), grads, name="Adam.step")
        ref_opt.step(expected, grads)
        if len(params) != 2 or params[0] is not arrays[0] or params[1] is not arrays[1]:
            raise CheckFailed("Adam.step replaces the arrays of params instead of updating them in place")
        expect_array(arrays[0], expected[0], "a 2-D parameter after Adam.step")
        expect_array(arrays[1], expected[1], "a 0-d parameter after Adam.step")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: Adam goes wrong when the gradients depend on the current parameters (a quadratic bowl)
""" # END TEST CONFIG
def test_adam_quadratic(Adam):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import optimizers as ref
    rng = np.random.default_rng(34)
    shapes = [(3,), (2, 2), ()]
    start = [np.array(rng.normal(size=s)) for s in shapes]
    curvature = [np.array(rng.uniform(0.1, 2.0, size=s)) for s in shapes]
    # minima 3 to 5 away: 50 steps of about lr stay on the way down, where rounding does not grow
    centre = [p + rng.choice([-1.0, 1.0], size=s) * rng.uniform(3.0, 5.0, size=s) for p, s in zip(start, shapes)]
    params, expected = [p.copy() for p in start], [p.copy() for p in start]
    opt, ref_opt = call(Adam, 0.02, name="Adam"), ref.Adam(0.02)
    for step in range(50):
        call(lambda grads: opt.step(params, grads), [d * (p - c) for p, d, c in zip(params, curvature, centre)],
             name="Adam.step")
        ref_opt.step(expected, [d * (p - c) for p, d, c in zip(expected, curvature, centre)])
    for k in range(len(shapes)):
        expect_array(params[k], expected[k], f"Adam: params[{k}] on a quadratic", rtol=1e-8, atol=1e-10)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.25
failure_message: Adam must keep float32 parameters float32, updated in place
""" # END TEST CONFIG
def test_adam_float32(Adam):
    import numpy as np
    from dlcourse_testkit import CheckFailed, call, expect_array
    from solutions import optimizers as ref
    rng = np.random.default_rng(35)
    params = [rng.normal(size=(2, 3)).astype(np.float32), np.array(0.25, dtype=np.float32)]
    arrays, expected = list(params), [p.astype(np.float64) for p in params]
    opt, ref_opt = call(Adam, 0.05, name="Adam"), ref.Adam(0.05)
    for step in range(20):
        grads = [rng.normal(size=(2, 3)), np.array(rng.normal())]
        call(lambda grads: opt.step(params, grads), grads, name="Adam.step")
        ref_opt.step(expected, grads)
    if any(p is not a for p, a in zip(params, arrays)):
        raise CheckFailed("Adam.step replaces float32 parameters instead of updating them in place")
    for k in range(2):
        expect_array(arrays[k], expected[k], f"Adam: float32 params[{k}]", rtol=1e-4, atol=1e-5)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.25
failure_message: Adam must accept integer gradient arrays (keep its averages in floating point) and never change the gradient arrays
""" # END TEST CONFIG
def test_adam_integer_gradients(Adam):
    import numpy as np
    from dlcourse_testkit import CheckFailed, call, expect_array
    from solutions import optimizers as ref
    rng = np.random.default_rng(36)
    grads = [np.array([[1, -2, 3], [0, 4, -1]]), np.array(2)]  # the same arrays at every step
    kept = [g.copy() for g in grads]
    params = [rng.normal(size=(2, 3)), np.array(0.25)]
    expected = [p.copy() for p in params]
    opt, ref_opt = call(Adam, 0.1, name="Adam"), ref.Adam(0.1)
    for step in range(5):
        call(lambda: opt.step(params, grads), name="Adam.step")
        ref_opt.step(expected, kept)
    if any(not np.array_equal(g, k) or g.dtype != k.dtype for g, k in zip(grads, kept)):
        raise CheckFailed("Adam.step changes the gradient arrays it is given")
    for k in range(2):
        expect_array(params[k], expected[k], f"Adam: params[{k}] with integer gradients", rtol=1e-8, atol=1e-10)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: q4
# points: 3

# %% [markdown]
# **Question 4 (mini-batches).** Implement `minibatches(n, batch_size, rng)`: the batches of one epoch
# over samples $0, \dots, n - 1$, as a **list of 1-D integer numpy arrays** of indices. Shuffle the
# indices with the numpy Generator `rng` that you are given (`rng.permutation(n)`; never `np.random.…`
# nor a generator of your own), then cut them into runs of `batch_size`: every index appears exactly once,
# every batch holds `batch_size` indices except the last, which holds what remains. `batch_size = n` is
# batch GD (one batch), `batch_size = 1` is SGD, and a `batch_size` larger than `n` gives a single batch.
#
# Because `rng` carries on from where it stopped, calling `minibatches` once per epoch with the same
# generator gives a new order every epoch, and a generator created with the same seed gives the same
# sequence of batches again.

# %%
# dlcourse: solution minibatches

# %% [raw]
# # BEGIN TESTS

# %%
def test_minibatches_sizes(minibatches):
    import numpy as np
    from dlcourse_testkit import expect_array, expect_sequence
    batches = expect_sequence(minibatches(10, 4, np.random.default_rng(0)), 3, "minibatches(10, 4, rng)")
    expect_array(np.array([len(batch) for batch in batches]), [4, 4, 2], "the batch sizes (4, 4, then the rest)")
    expect_array(np.sort(np.concatenate(batches)), np.arange(10), "all indices of the epoch, sorted", kinds="iu")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: minibatches must return a list of 1-D integer arrays that hold every index exactly once, in batches of batch_size except a smaller last one
""" # END TEST CONFIG
def test_minibatches_cover_every_index_once(minibatches):
    import numpy as np
    from dlcourse_testkit import CheckFailed, call, expect_array, expect_sequence
    cases = [(1, 1), (7, 1), (7, 7), (7, 100), (10, 3), (12, 4), (50, 8), (97, 10), (200, 199)]
    for seed, (n, batch_size) in enumerate(cases):
        count = -(-n // batch_size)
        got = call(minibatches, n, batch_size, np.random.default_rng(seed))
        batches = expect_sequence(got, count, "the list of batches")
        for i, batch in enumerate(batches):
            size = batch_size if i < count - 1 else n - batch_size * (count - 1)
            if type(batch) is not np.ndarray or batch.dtype.kind not in "iu" or batch.shape != (size,):
                raise CheckFailed("every batch must be a 1-D integer numpy array of batch_size indices "
                                  "(the last one holds the rest)")
        expect_array(np.sort(np.concatenate(batches)), np.arange(n), "the indices of one epoch", kinds="iu")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: minibatches does not shuffle the indices
""" # END TEST CONFIG
def test_minibatches_are_shuffled(minibatches):
    import numpy as np
    from dlcourse_testkit import CheckFailed, call, expect_array, expect_sequence
    for seed in range(5):
        batches = expect_sequence(call(minibatches, 50, 8, np.random.default_rng(seed)), 7, "the list of batches")
        order = np.concatenate(batches)
        expect_array(np.sort(order), np.arange(50), "the indices of one epoch", kinds="iu")
        if np.array_equal(order, np.arange(50)):
            raise CheckFailed("minibatches returns the indices in their original order")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: minibatches must shuffle with the generator rng it is given (same generator state, same batches; a new order at every call)
""" # END TEST CONFIG
def test_minibatches_follow_the_generator(minibatches):
    import numpy as np
    from dlcourse_testkit import CheckFailed, call, expect_array, expect_sequence

    def epoch(rng):
        batches = expect_sequence(call(minibatches, 40, 6, rng), 7, "the list of batches")
        order = np.concatenate(batches)
        expect_array(np.sort(order), np.arange(40), "the indices of one epoch", kinds="iu")
        return order

    first, again, other = (epoch(np.random.default_rng(seed)) for seed in (5, 5, 6))
    if not np.array_equal(first, again):
        raise CheckFailed("two generators with the same seed give different batches")
    if np.array_equal(first, other):
        raise CheckFailed("generators with different seeds give the same batches")
    rng = np.random.default_rng(5)
    epoch1, epoch2 = epoch(rng), epoch(rng)
    if not np.array_equal(epoch1, first):
        raise CheckFailed("the first epoch of a fresh generator differs from another one with the same seed")
    if np.array_equal(epoch1, epoch2):
        raise CheckFailed("two epochs from the same generator come in the same order")

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [raw]
# # BEGIN QUESTION
# name: q5
# points: 5

# %% [markdown]
# **Question 5 (the training loop).** Implement
# `fit(X, y, model_grad, params, optimizer, batch_size, epochs, seed)`:
#
# * `model_grad(params, X_batch, y_batch)` returns `(loss, grads)`: the mean loss on those samples and
#   its gradient with respect to each array of `params` (a list, in the order of `params`);
# * create **one** generator from the seed, `np.random.default_rng(seed)`, before the first epoch; every
#   epoch takes its batches from `minibatches(len(X), batch_size, rng)` with that generator, and for each
#   batch of indices `idx` computes the gradients on `X[idx], y[idx]` and calls `optimizer.step` once,
#   on `params` and those gradients;
# * `params` is trained in place (the caller's arrays end up trained); `X` and `y` are left unchanged;
# * return the loss history as a 1-D float numpy array of length `epochs + 1`: the loss on the **whole
#   training set** before training, then after each epoch (not the losses of the batches).
#
# `optimizer` can be any object with a `step(params, grads)` method: your `SGD`, `Momentum` or `Adam`.
# With `epochs = 0`, `fit` only measures the initial loss.

# %%
# dlcourse: solution fit

# %% [raw]
# # BEGIN TESTS

# %%
def test_fit_batch_gd_example(fit):
    import numpy as np
    from dlcourse_testkit import expect_array

    def model_grad(params, X, y):  # mean squared error of y_hat = X w + b
        w, b = params
        r = X @ w + b - y
        return float(np.mean(r**2)), [2 / len(y) * (X.T @ r), np.array(2 / len(y) * r.sum())]

    class PlainGD:  # any object with a step method is an optimiser
        def step(self, params, grads):
            for param, grad in zip(params, grads):
                param -= 0.1 * grad

    X, y = np.array([[0.0], [1.0], [2.0], [3.0]]), np.array([1.0, 3.0, 5.0, 7.0])
    w, b = np.array([0.0]), np.array(0.0)
    history = fit(X, y, model_grad, [w, b], PlainGD(), batch_size=4, epochs=2, seed=0)
    expect_array(history, [21.0, 0.535, 0.01435], "the loss history (before training, after epochs 1 and 2)")
    expect_array(w, [1.97], "w after fit (trained in place)")
    expect_array(b, 0.93, "b after fit (trained in place)")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: fit's loss history or trained parameters are wrong with full batches (batch_size >= n)
""" # END TEST CONFIG
def test_fit_full_batch(fit):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import optimizers as ref

    class PlainGD:
        def __init__(self, lr):
            self.lr = lr

        def step(self, params, grads):
            for p, g in zip(params, grads):
                p -= self.lr * np.asarray(g)

    rng = np.random.default_rng(41)
    X = rng.normal(size=(20, 3))
    y_lin = X @ rng.normal(size=3) + 0.5 + 0.3 * rng.normal(size=20)
    y_log = (X @ rng.normal(size=3) + 0.2 * rng.normal(size=20) > 0).astype(float)
    cases = [(ref.linear_regression_grad, y_lin, 20, 0.05), (ref.logistic_regression_grad, y_log, 20, 0.5),
             (ref.linear_regression_grad, y_lin, 64, 0.1)]
    for model_grad, y, batch_size, lr in cases:
        start = [rng.normal(size=3), np.array(rng.normal())]
        params, expected = [p.copy() for p in start], [p.copy() for p in start]
        history = call(lambda X, y: fit(X, y, model_grad, params, PlainGD(lr), batch_size, 5, 3), X, y, name="fit")
        expect_array(history, ref.fit(X, y, model_grad, expected, PlainGD(lr), batch_size, 5, 3),
                     "fit's loss history", rtol=1e-9, atol=1e-12)
        for k in range(2):
            expect_array(params[k], expected[k], f"params[{k}] after fit", rtol=1e-9, atol=1e-12)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: with epochs = 0, fit must return just the initial full-training-set loss (an array of length 1) and leave params unchanged
""" # END TEST CONFIG
def test_fit_zero_epochs(fit):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    from solutions import optimizers as ref

    class PlainGD:
        def step(self, params, grads):
            for p, g in zip(params, grads):
                p -= 0.1 * np.asarray(g)

    rng = np.random.default_rng(42)
    X = rng.normal(size=(10, 2))
    y = X @ rng.normal(size=2) + rng.normal(size=10)
    start = [rng.normal(size=2), np.array(0.3)]
    params = [p.copy() for p in start]
    history = call(lambda X, y: fit(X, y, ref.linear_regression_grad, params, PlainGD(), 3, 0, 0), X, y, name="fit")
    expect_array(history, [ref.linear_regression_grad(start, X, y)[0]], "fit's history with epochs = 0")
    for k in range(2):
        expect_array(params[k], start[k], f"params[{k}] after fit with epochs = 0")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1.5
failure_message: with mini-batches, fit must step once per batch, cover every sample once per epoch and record the whole-training-set loss before training and after each epoch
""" # END TEST CONFIG
def test_fit_minibatches(fit):
    import math
    import numpy as np
    from dlcourse_testkit import CheckFailed, call, expect_array
    from solutions import optimizers as ref
    rng = np.random.default_rng(43)
    n, epochs, lr = 20, 4, 0.05
    X = rng.normal(size=(n, 3))
    y = X @ rng.normal(size=3) + 0.5 + 0.3 * rng.normal(size=n)
    row = {v: i for i, v in enumerate(y.tolist())}  # the values of y are distinct: they name the samples
    start = [rng.normal(size=3), np.array(0.0)]
    for batch_size in (6, 1, 5):
        seen, stepped = [], []  # the batches model_grad was called on; the batch behind each step

        def model_grad(params, Xb, yb):
            idx = np.array([row.get(v, -1) for v in np.ravel(yb).tolist()], dtype=int)
            if (idx < 0).any() or np.shape(Xb) != (len(idx), 3) or not np.array_equal(Xb, X[idx]):
                raise CheckFailed("fit must call model_grad(params, X[idx], y[idx]) on the rows of a batch")
            if len(idx) < n:
                seen.append(idx)
            return ref.linear_regression_grad(params, Xb, yb)

        class Recorder:  # plain gradient descent that notes which batch each step comes from
            def step(self, params, grads):
                if not seen:
                    raise CheckFailed("fit calls optimizer.step before computing the gradient of a batch")
                stepped.append(seen[-1])
                for p, g in zip(params, grads):
                    p -= lr * np.asarray(g)

        params = [p.copy() for p in start]
        arrays = list(params)
        history = call(lambda X, y: fit(X, y, model_grad, params, Recorder(), batch_size, epochs, 7), X, y,
                       name="fit")
        per_epoch = math.ceil(n / batch_size)
        if len(stepped) != epochs * per_epoch:
            raise CheckFailed("fit does not call optimizer.step once per batch")
        # replay the same batches with plain gradient descent
        replay = [p.copy() for p in start]
        expected = [ref.linear_regression_grad(replay, X, y)[0]]
        for e in range(epochs):
            batches = stepped[e * per_epoch:(e + 1) * per_epoch]
            sizes = [len(b) for b in batches]
            if sizes[:-1] != [batch_size] * (per_epoch - 1) or \
                    not np.array_equal(np.sort(np.concatenate(batches)), np.arange(n)):
                raise CheckFailed("the batches of one epoch do not cover every sample exactly once")
            for idx in batches:
                for p, g in zip(replay, ref.linear_regression_grad(replay, X[idx], y[idx])[1]):
                    p -= lr * g
            expected.append(ref.linear_regression_grad(replay, X, y)[0])
        expect_array(history, expected, "fit's loss history", rtol=1e-9, atol=1e-12)
        for k in range(2):
            expect_array(arrays[k], replay[k], f"params[{k}] after fit", rtol=1e-9, atol=1e-12)

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 1
failure_message: fit must seed one generator once (the same seed repeats the same batches and history, another seed changes them, each epoch has a new order)
""" # END TEST CONFIG
def test_fit_seed(fit):
    import numpy as np
    from dlcourse_testkit import CheckFailed, call, expect_array
    from solutions import optimizers as ref
    rng = np.random.default_rng(44)
    n, epochs = 20, 3
    X = rng.normal(size=(n, 2))
    y = X @ rng.normal(size=2) + 0.3 * rng.normal(size=n)
    row = {v: i for i, v in enumerate(y.tolist())}
    start = [rng.normal(size=2), np.array(0.0)]

    def run(seed):
        seen, stepped = [], []

        def model_grad(params, Xb, yb):
            idx = np.array([row.get(v, -1) for v in np.ravel(yb).tolist()], dtype=int)
            if (idx < 0).any():
                raise CheckFailed("fit must call model_grad(params, X[idx], y[idx]) on the rows of a batch")
            if len(idx) < n:
                seen.append(idx)
            return ref.linear_regression_grad(params, Xb, yb)

        class Recorder:
            def step(self, params, grads):
                stepped.append(seen[-1] if seen else np.arange(0))
                for p, g in zip(params, grads):
                    p -= 0.05 * np.asarray(g)

        params = [p.copy() for p in start]
        history = call(lambda X, y: fit(X, y, model_grad, params, Recorder(), 4, epochs, seed), X, y, name="fit")
        if len(stepped) != 5 * epochs:
            raise CheckFailed("fit does not call optimizer.step once per batch")
        orders = [np.concatenate(stepped[5 * e:5 * (e + 1)]) for e in range(epochs)]
        return history, orders

    (h1, o1), (h2, o2), (h3, o3) = run(3), run(3), run(4)
    if type(h1) is not np.ndarray:
        raise CheckFailed("fit's loss history must be a numpy array (np.ndarray)")
    expect_array(h1, np.asarray(h2, dtype=float), "fit's loss history, run twice with the same seed", rtol=0, atol=0)
    if not all(np.array_equal(a, b) for a, b in zip(o1, o2)):
        raise CheckFailed("fit gives different batches for the same seed")
    if all(np.array_equal(a, b) for a, b in zip(o1, o3)):
        raise CheckFailed("fit gives the same batches for different seeds")
    if any(np.array_equal(o1[e], o1[e + 1]) for e in range(epochs - 1)):
        raise CheckFailed("fit repeats the same order of samples in consecutive epochs")

# %%
""" # BEGIN TEST CONFIG
hidden: true
points: 0.5
failure_message: fit must train the caller's parameter arrays in place, leave X and y unchanged, and accept integer and float32 X
""" # END TEST CONFIG
def test_fit_in_place_and_dtypes(fit):
    import numpy as np
    from dlcourse_testkit import CheckFailed, call, expect_array
    from solutions import optimizers as ref

    class PlainGD:
        def step(self, params, grads):
            for p, g in zip(params, grads):
                p -= 0.02 * np.asarray(g)

    rng = np.random.default_rng(45)
    for X in (rng.integers(-3, 4, size=(12, 2)), rng.normal(size=(12, 2)).astype(np.float32)):
        y = X @ np.array([0.5, -1.0]) + rng.normal(size=12)
        start = [rng.normal(size=2), np.array(0.0)]
        params, expected = [p.copy() for p in start], [p.copy() for p in start]
        arrays = list(params)
        history = call(lambda X, y: fit(X, y, ref.linear_regression_grad, params, PlainGD(), 12, 3, 1), X, y,
                       name="fit")
        if len(params) != 2 or params[0] is not arrays[0] or params[1] is not arrays[1]:
            raise CheckFailed("fit replaces the arrays of params instead of training them in place")
        reference = ref.fit(X, y, ref.linear_regression_grad, expected, PlainGD(), 12, 3, 1)
        expect_array(history, reference, "fit's loss history", rtol=1e-9, atol=1e-12)
        for k in range(2):
            expect_array(arrays[k], expected[k], f"params[{k}] after fit", rtol=1e-9, atol=1e-12)

# %% [raw]
# # END TESTS

# %% [raw]
# # END QUESTION

# %% [markdown]
# ## Going further
#
# With `fit` and the three optimisers you can redraw the figure at the top: write a `model_grad` for
# linear regression (the public test of question 5, in `tests/q5.py`, has one), then try other learning
# rates (when does batch GD diverge? how small must SGD's be to stop jumping?), logistic regression, or
# a learning rate that decreases over the epochs for SGD.
