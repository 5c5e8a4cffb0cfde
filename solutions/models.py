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
    """Fully connected network on a flattened window: Linear-ReLU blocks, then a linear head."""

    def __init__(self, window: int = 128, hidden_sizes=(64, 32), n_outputs: int = 1, in_channels: int = 1):
        super().__init__()
        layers, width = [], window * in_channels
        for h in hidden_sizes:
            layers += [nn.Linear(width, h), nn.ReLU()]
            width = h
        layers.append(nn.Linear(width, n_outputs))
        self.net = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x.reshape(x.shape[0], -1))


class CNN(nn.Module):
    """The lecture's CNN: three Conv1d(k=3, p=1) + ReLU + MaxPool1d(2) blocks, 1→8→16→32 channels.

    The head's input size follows from the window length through the exercise-5
    size formulas (512 for the lecture's 128-sample windows, 256 for 64 strides),
    instead of the lecture's hard-coded Linear(512, 1).
    """

    def __init__(self, window: int = 128, n_outputs: int = 1, in_channels: int = 1,
                 channels=(8, 16, 32), kernel_size: int = 3, pool: int = 2):
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
        if x.dim() == 2:
            x = x.unsqueeze(1)
        x = self.cnn(x)
        return self.fc(x.flatten(1))


class RNN(nn.Module):
    """GRU (default) or LSTM over the window; the last time step's output feeds a linear head.

    Unlike the slide's RnnModel, ``input_size`` is honoured, and h0 has the shape
    PyTorch requires for batched input, (D·num_layers, N, H_out).
    """

    def __init__(self, input_size: int = 1, hidden_size: int = 64, num_layers: int = 1,
                 cell: str = "gru", bidirectional: bool = False, n_outputs: int = 1):
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
        shape = (self.directions * self.rnn.num_layers, batch_size, self.rnn.hidden_size)
        h0 = torch.zeros(shape, dtype=like.dtype, device=like.device)
        return (h0, torch.zeros_like(h0)) if self.cell == "lstm" else h0

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.dim() == 2:
            x = x.unsqueeze(-1)
        out, _ = self.rnn(x, self.initial_state(x.shape[0], x))
        return self.fc(out[:, -1, :])
