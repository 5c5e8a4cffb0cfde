"""The labs' reference models (PyTorch): MLP, the lecture's CNN, and a GRU/LSTM RNN.

All three take a batch of interval windows and return logits of shape
(N, n_outputs): (N, 1) for the binary tasks (BCEWithLogits), (N, 4) for the
four-class gait task (cross-entropy). Windows may be given as (N, L); the CNN
also takes (N, C, L) and the RNN (N, L, features).
"""
from __future__ import annotations

import torch
from torch import nn

from solutions.convolution import conv1d_out_len, pool1d_out_len


class MLP(nn.Module):
    """Fully connected network on a flattened window.

    Layers, in order: for each h in ``hidden_sizes``, ``Linear(previous width, h)`` then ``ReLU``,
    starting from a width of ``window * in_channels``; then ``Linear(last width, n_outputs)``
    (no activation: the outputs are logits). With the defaults:
    Linear(128, 64) - ReLU - Linear(64, 32) - ReLU - Linear(32, 1).
    """

    def __init__(self, window: int = 128, hidden_sizes=(64, 32), n_outputs: int = 1, in_channels: int = 1):
        """Build the layers for windows of ``window`` samples (of ``in_channels`` channels each)."""
        super().__init__()
        layers, width = [], window * in_channels
        for h in hidden_sizes:
            layers += [nn.Linear(width, h), nn.ReLU()]
            width = h
        layers.append(nn.Linear(width, n_outputs))
        self.net = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Logits of shape (N, n_outputs) for a batch x of shape (N, window) (or (N, in_channels, window))."""
        return self.net(x.reshape(x.shape[0], -1))


class CNN(nn.Module):
    """The lecture's CNN, with its head sized for any window length.

    Three blocks ``Conv1d(c_in, c_out, kernel_size=3, stride=1, padding=1)`` - ``ReLU`` -
    ``MaxPool1d(2)`` with channels in_channels → 8 → 16 → 32, then the output is flattened
    and ``Linear(32 · L3, n_outputs)`` gives logits, where L3 is the length after the third
    block. Compute L3 from ``window`` with the exercise-5 size formulas, do not hard-code
    it: the lecture's Linear(512, 1) fits 128-sample windows only (64 strides give 256).
    """

    def __init__(self, window: int = 128, n_outputs: int = 1, in_channels: int = 1,
                 channels=(8, 16, 32), kernel_size: int = 3, pool: int = 2):
        """Build the blocks (``channels`` per block, kernel ``kernel_size``, padding kernel_size // 2,
        pooling ``pool``) and a head sized for ``window``."""
        super().__init__()
        blocks, c_in, length = [], in_channels, window
        padding = kernel_size // 2
        for c_out in channels:
            blocks += [nn.Conv1d(c_in, c_out, kernel_size, stride=1, padding=padding), nn.ReLU(), nn.MaxPool1d(pool)]
            length = pool1d_out_len(conv1d_out_len(length, kernel_size, 1, padding), pool)
            c_in = c_out
        self.cnn = nn.Sequential(*blocks)
        self.head_features = c_in * length
        self.fc = nn.Linear(self.head_features, n_outputs)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Logits of shape (N, n_outputs) for x of shape (N, window) or (N, in_channels, window)."""
        if x.dim() == 2:
            x = x.unsqueeze(1)
        x = self.cnn(x)
        return self.fc(x.flatten(1))


class RNN(nn.Module):
    """A recurrent network over the window: GRU (default) or LSTM, then a linear head.

    ``nn.GRU`` (or ``nn.LSTM`` when cell="lstm") with the given input_size, hidden_size,
    num_layers and bidirectional, and ``batch_first=True``; its output at the **last time
    step**, of size D · hidden_size (D = 2 if bidirectional else 1), goes through
    ``Linear(D · hidden_size, n_outputs)`` to give logits. Unlike the slide's RnnModel,
    ``input_size`` is honoured, and h0 has the shape PyTorch requires for batched input,
    (D · num_layers, N, hidden_size).
    """

    def __init__(self, input_size: int = 1, hidden_size: int = 64, num_layers: int = 1,
                 cell: str = "gru", bidirectional: bool = False, n_outputs: int = 1):
        """Build the recurrent layer and the head; ``cell`` is "gru" or "lstm" (anything else: ValueError)."""
        super().__init__()
        cells = {"gru": nn.GRU, "lstm": nn.LSTM}
        if cell not in cells:
            raise ValueError(f"cell must be one of {sorted(cells)}; got {cell!r}")
        self.cell = cell
        self.rnn = cells[cell](input_size=input_size, hidden_size=hidden_size, num_layers=num_layers,
                               batch_first=True, bidirectional=bidirectional)
        self.directions = 2 if bidirectional else 1
        self.fc = nn.Linear(self.directions * hidden_size, n_outputs)

    def initial_state(self, batch_size: int, like: torch.Tensor):
        """Zeros of shape (D · num_layers, batch_size, hidden_size) with the dtype and device of ``like``
        (a pair (h0, c0) of them for an LSTM)."""
        shape = (self.directions * self.rnn.num_layers, batch_size, self.rnn.hidden_size)
        h0 = torch.zeros(shape, dtype=like.dtype, device=like.device)
        return (h0, torch.zeros_like(h0)) if self.cell == "lstm" else h0

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Logits of shape (N, n_outputs) for x of shape (N, L) (one feature per step) or (N, L, input_size)."""
        if x.dim() == 2:
            x = x.unsqueeze(-1)
        out, _ = self.rnn(x, self.initial_state(x.shape[0], x))
        return self.fc(out[:, -1, :])
