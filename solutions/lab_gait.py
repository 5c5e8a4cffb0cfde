"""Lab 2 (gait in neurodegenerative disease from stride intervals): models and the lab's checked answers.

Gait records are short (122 to 310 strides), so windows are 64 strides long; the
same model classes as the AF lab must therefore size themselves from the window.
The numeric answers below are computed from the models and the windowing rule,
never typed in: they depend neither on training nor on the data set present.
"""
from __future__ import annotations

from solutions.models import CNN, MLP, RNN

WINDOW = 64  # strides per window, course.md section 7
STEP = 16  # strides between the starts of successive windows
EXAMPLE_STRIDES = 250  # a cleaned record of this many strides, for the windows question
HEAD_WINDOW = 100  # the head question's window: an odd length after two poolings (the docstring gives 64's)

__all__ = ["MLP", "CNN", "RNN", "cnn_head_features_100", "mlp_parameters", "gru_parameters",
           "windows_per_record"]


def _parameters(model) -> int:
    return sum(p.numel() for p in model.parameters())


def _windows(n_strides: int, length: int, step: int) -> int:
    """How many windows labkit's make_windows cuts: starts 0, step, 2 step, ... while a whole window fits."""
    return len(range(0, n_strides - length + 1, step))


# Answers to the notebook's numeric questions.
cnn_head_features_100 = CNN(window=HEAD_WINDOW).head_features  # in_features of the CNN's head, 100 strides
mlp_parameters = _parameters(MLP(window=WINDOW))  # trainable parameters of MLP(window=64)
gru_parameters = _parameters(RNN())  # trainable parameters of the default RNN (GRU, hidden size 64)
windows_per_record = _windows(EXAMPLE_STRIDES, WINDOW, STEP)  # windows from a 250-stride record
