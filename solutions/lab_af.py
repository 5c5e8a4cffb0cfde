"""Lab 1 (atrial fibrillation from RR intervals): the models students define, and the lab's checked answers.

The models are the shared reference models of :mod:`solutions.models`; this module
names what the AF lab asks for, so that its master notebook and hidden tests have
one place to look.
"""
from __future__ import annotations

from solutions.models import CNN, MLP, RNN

WINDOW = 128  # RR intervals per window: what the lecture CNN's Linear(512, 1) implies (exercise 5)

__all__ = ["MLP", "CNN", "RNN", "cnn_head_features", "cnn_parameters", "gru_parameters"]


def _parameters(model) -> int:
    return sum(p.numel() for p in model.parameters())


# Answers to the notebook's numeric questions, computed from the models themselves.
cnn_head_features = CNN(window=WINDOW).head_features
cnn_parameters = _parameters(CNN(window=WINDOW))
gru_parameters = _parameters(RNN())
