"""Device selection: CUDA when present, CPU otherwise, and an explicit override."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from autograder import torch_oracle
from solutions.device import ENV_VAR, default_device


def test_default_follows_cuda_availability(monkeypatch):
    """Is the default device CUDA exactly when CUDA is available?"""
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert default_device().type == ("cuda" if torch.cuda.is_available() else "cpu")


def test_override_to_cpu(monkeypatch):
    """Can $DLCOURSE_DEVICE force the CPU path, even on a GPU machine?"""
    monkeypatch.setenv(ENV_VAR, "cpu")
    assert default_device() == torch.device("cpu")


@pytest.mark.skipif(torch.cuda.is_available(), reason="checks the refusal on a machine without CUDA")
def test_cuda_override_without_cuda_fails_loudly(monkeypatch):
    """Does asking for CUDA on a machine without it fail with a clear message instead of falling back?"""
    monkeypatch.setenv(ENV_VAR, "cuda")
    with pytest.raises(RuntimeError, match="no CUDA device"):
        default_device()


@pytest.mark.gpu
def test_cuda_oracle_agrees_with_cpu_oracle():
    """Do the torch oracles give the same answers on the GPU as on the CPU (float64)?"""
    z = np.random.default_rng(0).normal(size=(64, 64))
    cpu = torch_oracle.activation_and_grad("tanh", z, torch.device("cpu"))
    gpu = torch_oracle.activation_and_grad("tanh", z, torch.device("cuda"))
    for a, b in zip(cpu, gpu):
        np.testing.assert_allclose(a, b, rtol=1e-13, atol=1e-15)
    W = [np.random.default_rng(1).normal(size=(8, 64))]
    b = [np.zeros(8)]
    y = np.zeros((64, 8))
    for a, c in zip(torch_oracle.mlp_gradients(z, y, W, b, "relu", "mse", torch.device("cpu")),
                    torch_oracle.mlp_gradients(z, y, W, b, "relu", "mse", torch.device("cuda"))):
        np.testing.assert_allclose(a[0], c[0], rtol=1e-12, atol=1e-14)


@pytest.mark.gpu
def test_models_train_on_cuda():
    """Do the lab models run forward and backward on a CUDA device?"""
    from solutions.models import CNN, RNN

    for model in (CNN(window=128), RNN()):
        model = model.cuda()
        out = model(torch.randn(8, 128, device="cuda"))
        out.sum().backward()
        assert out.is_cuda and all(p.grad.is_cuda for p in model.parameters())
