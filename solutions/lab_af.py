"""Lab 1 (atrial fibrillation from RR intervals): the models students define, and the lab's checked answers.

The models are the shared reference models of :mod:`solutions.models`; this module
names what the AF lab asks for, so that its master notebook and hidden tests have
one place to look. Besides the models it holds

* the answers to the notebook's numeric questions, computed from the models
  themselves (never typed in by hand);
* two helpers of the hidden tests (not part of the students' contract):
  :func:`load_reference_weights` and :func:`separable_batch`.
"""
from __future__ import annotations

import torch

from solutions.models import CNN, MLP, RNN

WINDOW = 128  # RR intervals per window: what the lecture CNN's Linear(512, 1) implies (exercise 5)
OTHER_WINDOW = 100  # the window of the head-size question: three poolings of 100 need a floor

__all__ = ["MLP", "CNN", "RNN", "head_features_100", "cnn_parameters", "gru_parameters"]


def count_parameters(model: torch.nn.Module) -> int:
    """Number of trainable numbers in ``model`` (every element of every parameter)."""
    return int(sum(p.numel() for p in model.parameters()))


# Answers to the notebook's numeric questions, computed from the models themselves.
head_features_100 = CNN(window=OTHER_WINDOW).head_features   # 32 channels · 12 positions
cnn_parameters = count_parameters(CNN(window=WINDOW))
gru_parameters = count_parameters(RNN())


def load_reference_weights(model: torch.nn.Module, reference: torch.nn.Module) -> bool:
    """Copy the parameters of ``reference`` into ``model``, matched by shape in registration order.

    Any implementation of the documented architecture has the same parameter shapes
    as the reference, whatever its attribute names (``nn.Sequential`` or separate
    layers), and registers same-shaped tensors in the same order (the layers in
    forward order; ``nn.GRU``/``nn.LSTM`` always order their own weights alike).
    Returns False, changing nothing, when the shapes differ: then the model does not
    have the documented layers.
    """
    mine = list(model.parameters())
    theirs = list(reference.parameters())
    if sorted(tuple(p.shape) for p in mine) != sorted(tuple(p.shape) for p in theirs):
        return False
    by_shape: dict[tuple, list[torch.Tensor]] = {}
    for p in theirs:
        by_shape.setdefault(tuple(p.shape), []).append(p)
    with torch.no_grad():
        for p in mine:
            p.copy_(by_shape[tuple(p.shape)].pop(0))
    return True


def separable_batch(n: int, length: int, features: int | None = None, seed: int = 0):
    """A tiny, seeded, easily separable binary problem: windows ``(n, length)`` (or
    ``(n, length, features)``) and float labels ``(n, 1)``.

    Class 1 windows are shifted up by one standard deviation at every position, so
    any of the lab's models learns it in a few dozen Adam steps.
    """
    g = torch.Generator().manual_seed(seed)
    y = (torch.arange(n) % 2).float().reshape(n, 1)
    shape = (n, length) if features is None else (n, length, features)
    x = torch.randn(shape, generator=g)
    shift = (2.0 * y - 1.0).reshape((n, 1) if features is None else (n, 1, 1))
    return x + shift, y
