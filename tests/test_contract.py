"""Is every public name of the exercise contract (course.md, exercises 1 to 6) importable from solutions.*?"""
from __future__ import annotations

import ast
import importlib
import inspect

import pytest

CONTRACT = {
    "perceptron": ["step", "sign", "perceptron_predict", "perceptron_train"],
    "activations": ["sigmoid", "sigmoid_grad", "tanh", "tanh_grad", "relu", "relu_grad",
                    "leaky_relu", "leaky_relu_grad"],
    "losses": ["mse", "mae", "smooth_l1", "binary_cross_entropy", "cross_entropy", "softmax",
               "mse_grad", "binary_cross_entropy_grad"],
    "backprop": ["forward", "backward"],
    "convolution": ["conv1d_out_len", "conv2d_out_shape", "pool1d_out_len", "pool2d_out_shape",
                    "conv1d", "max_pool1d", "avg_pool1d"],
    "optimizers": ["SGD", "Momentum", "Adam", "minibatches", "fit"],
}

SIGNATURES = {
    ("perceptron", "perceptron_train"): "(X, y, lr=1.0, max_epochs=100)",
    ("activations", "leaky_relu"): "(z, alpha=0.01)",
    ("losses", "smooth_l1"): "(y, y_hat, beta=1.0)",
    ("losses", "cross_entropy"): "(y_onehot, p)",
    ("backprop", "forward"): "(X, W, b, activation)",
    ("backprop", "backward"): "(y, zs, activations, W, activation_grad, loss_grad)",
    ("convolution", "conv1d_out_len"): "(L_in, kernel_size, stride=1, padding=0, dilation=1)",
    ("convolution", "pool1d_out_len"): "(L_in, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False)",
    ("convolution", "conv1d"): "(x, kernel, stride=1, padding=0, dilation=1)",
    ("convolution", "max_pool1d"): "(x, kernel_size, stride=None)",
    ("optimizers", "minibatches"): "(n, batch_size, rng)",
    ("optimizers", "fit"): "(X, y, model_grad, params, optimizer, batch_size, epochs, seed)",
}


@pytest.mark.parametrize("module, names", sorted(CONTRACT.items()))
def test_contract_names_import(module, names):
    """Does solutions.<module> define every contract name?"""
    mod = importlib.import_module(f"solutions.{module}")
    missing = [n for n in names if not callable(getattr(mod, n, None))]
    assert not missing, f"solutions.{module} lacks {missing}"


@pytest.mark.parametrize("key, signature", sorted(SIGNATURES.items()))
def test_contract_signatures(key, signature):
    """Do the contract functions take exactly the arguments (and defaults) course.md gives?"""
    module, name = key
    fn = getattr(importlib.import_module(f"solutions.{module}"), name)
    params = inspect.signature(fn).parameters.values()
    # Annotations are the author's business; names, order and defaults are the contract.
    shown = [p.name if p.default is p.empty else f"{p.name}={p.default!r}" for p in params]
    assert f"({', '.join(shown)})" == signature


@pytest.mark.parametrize("module", sorted(CONTRACT))
def test_numpy_exercises_do_not_import_torch(module):
    """Are exercises 1 to 6 pure numpy, as the students' versions must be?"""
    tree = ast.parse(inspect.getsource(importlib.import_module(f"solutions.{module}")))
    roots = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    roots |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert "torch" not in roots
