"""PyTorch as the oracle: the same maths as the references, computed by code nobody here wrote.

Every function takes numpy inputs, runs in float64 on the given device, and
returns numpy arrays, so that callers (the test-suite and ``dlcourse verify``)
compare like with like.
"""
from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

ACTIVATIONS = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "leaky_relu": lambda z, alpha=0.01: F.leaky_relu(z, negative_slope=alpha),
}


def tensor(x, device, requires_grad=False) -> torch.Tensor:
    return torch.tensor(np.asarray(x, dtype=np.float64), dtype=torch.float64, device=device,
                        requires_grad=requires_grad)


def numpy(t: torch.Tensor) -> np.ndarray:
    return t.detach().cpu().numpy()


def activation_and_grad(name: str, z, device, **kwargs):
    """σ(z) and dσ/dz by autograd (elementwise, so the gradient of the sum is the derivative)."""
    zt = tensor(z, device, requires_grad=True)
    out = ACTIVATIONS[name](zt, **kwargs)
    (grad,) = torch.autograd.grad(out.sum(), zt)
    return numpy(out), numpy(grad)


def _loss_fn(name: str, **kwargs):
    return {
        "mse": lambda y, p: F.mse_loss(p, y),
        "mae": lambda y, p: F.l1_loss(p, y),
        "smooth_l1": lambda y, p: F.smooth_l1_loss(p, y, beta=kwargs.get("beta", 1.0)),
        "binary_cross_entropy": lambda y, p: F.binary_cross_entropy(p, y),
        # cross_entropy takes logits; log p are logits whose log_softmax is log p
        # again when the rows of p sum to 1, and soft (one-hot) targets are allowed.
        "cross_entropy": lambda y, p: F.cross_entropy(torch.log(p), y),
    }[name]


def loss_and_grad(name: str, y, y_hat, device, **kwargs):
    """The mean-reduced loss and its gradient with respect to the prediction."""
    yt = tensor(y, device)
    pt = tensor(y_hat, device, requires_grad=True)
    loss = _loss_fn(name, **kwargs)(yt, pt)
    (grad,) = torch.autograd.grad(loss, pt)
    return float(loss.item()), numpy(grad)


def mlp_gradients(X, y, W, b, activation: str, loss: str, device):
    """dW and db of the mean loss of an MLP (``W[l]`` is (n_out, n_in)) by autograd."""
    Wt = [tensor(w, device, requires_grad=True) for w in W]
    bt = [tensor(v, device, requires_grad=True) for v in b]
    a = tensor(X, device)
    for w, v in zip(Wt, bt):
        a = ACTIVATIONS[activation](a @ w.T + v)
    value = _loss_fn(loss)(tensor(y, device), a)
    grads = torch.autograd.grad(value, Wt + bt)
    return [numpy(g) for g in grads[: len(W)]], [numpy(g) for g in grads[len(W):]]


def conv1d(x, kernel, device, stride=1, padding=0, dilation=1):
    out = F.conv1d(tensor(x, device).view(1, 1, -1), tensor(kernel, device).view(1, 1, -1),
                   stride=stride, padding=padding, dilation=dilation)
    return numpy(out.view(-1))


def max_pool1d(x, kernel_size, device, stride=None):
    return numpy(F.max_pool1d(tensor(x, device).view(1, 1, -1), kernel_size, stride).view(-1))


def avg_pool1d(x, kernel_size, device, stride=None):
    return numpy(F.avg_pool1d(tensor(x, device).view(1, 1, -1), kernel_size, stride).view(-1))


def layer_output_len(layer: torch.nn.Module, L_in: int, device) -> int:
    """The output length a real torch layer produces; raises whatever torch raises."""
    with torch.no_grad():
        layer = layer.to(device=device, dtype=torch.float64)
        return int(layer(torch.zeros(1, 1, L_in, device=device, dtype=torch.float64)).shape[-1])


def optimizer_trajectory(name: str, params0, grad_fn, steps: int, device, **hyper):
    """Parameters after each of ``steps`` torch.optim steps; ``grad_fn`` maps numpy params to numpy grads."""
    params = [tensor(p, device, requires_grad=True) for p in params0]
    opt = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam}[name](params, **hyper)
    trajectory = []
    for _ in range(steps):
        grads = grad_fn([numpy(p) for p in params])
        for p, g in zip(params, grads):
            p.grad = tensor(g, device)
        opt.step()
        trajectory.append([numpy(p).copy() for p in params])
    return trajectory
