"""Lab 2 (gait in neurodegenerative disease from stride intervals): models and the lab's checked answers.

Gait records are short (122 to 310 strides), so windows are 64 strides long; the
same model classes as the AF lab must therefore size themselves from the window.
"""
from __future__ import annotations

from solutions.models import CNN, MLP, RNN

WINDOW = 64  # strides per window (step 16), course.md section 7

__all__ = ["MLP", "CNN", "RNN", "cnn_head_features", "mlp_parameters", "four_class_outputs"]


def _parameters(model) -> int:
    return sum(p.numel() for p in model.parameters())


# Answers to the notebook's numeric questions, computed from the models themselves.
cnn_head_features = CNN(window=WINDOW).head_features
mlp_parameters = _parameters(MLP(window=WINDOW))
four_class_outputs = 4
