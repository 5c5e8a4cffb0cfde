"""The dlcourse command line."""
from __future__ import annotations

import subprocess
import sys

import pytest
import torch

from autograder.cli import main
from autograder.verify import verify


def test_verify_passes_and_prints_table(capsys):
    """Does `dlcourse verify` verify all six exercises, print the table and exit 0?"""
    assert main(["verify", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    for exercise in ("perceptron", "activations", "losses", "backprop", "convolution", "optimizers"):
        assert exercise in out
    assert "6 of 6 exercises verified" in out


def test_verify_catches_a_wrong_reference(monkeypatch):
    """Would verify notice a broken reference (tanh' replaced by the slide's formula)?"""
    from solutions import activations

    monkeypatch.setattr(activations, "tanh_grad", lambda z: (1 - activations.tanh(z)) ** 2)
    results = {r.exercise: r for r in verify(seed=1)}
    assert not results["2 activations"].passed
    assert any("tanh_grad" in f for f in results["2 activations"].failures)
    assert results["1 perceptron"].passed


def test_verify_reports_a_crash_instead_of_raising(monkeypatch):
    """Is a reference that raises reported as a failed exercise, with the others still run?"""
    from solutions import losses

    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(losses, "mae", broken)
    results = {r.exercise: r for r in verify(seed=1)}
    assert results["3 losses"].failures == ["crashed: ZeroDivisionError: boom"]
    assert results["6 optimizers"].passed


@pytest.mark.skipif(torch.cuda.is_available(), reason="checks the message on a machine without CUDA")
def test_cuda_request_without_gpu_says_so(capsys):
    """Does `dlcourse verify --device cuda` without a GPU say so clearly and exit non-zero?"""
    assert main(["verify", "--device", "cuda"]) == 2
    assert "no CUDA device" in capsys.readouterr().err


def test_console_script_entry_point():
    """Is `python -m autograder.cli --help` usable, listing the verify command?"""
    out = subprocess.run([sys.executable, "-m", "autograder.cli", "--help"], capture_output=True, text=True, check=True)
    assert "verify" in out.stdout
