"""Lab 2 catalogue: how students get the gait lab's models and numbers wrong, and right in other ways.

Each entry runs on top of the reference module's namespace (``MLP``, ``CNN``, ``RNN`` and the
numeric answers are the reference's until an entry redefines them); entries import torch themselves.
"""

WRONG = {
    "MLP without the ReLUs (a linear model)": '''
import torch
from torch import nn
class MLP(nn.Module):
    def __init__(self, window=128, hidden_sizes=(64, 32), n_outputs=1, in_channels=1):
        super().__init__()
        layers, width = [], window * in_channels
        for h in hidden_sizes:
            layers.append(nn.Linear(width, h))
            width = h
        layers.append(nn.Linear(width, n_outputs))
        self.net = nn.Sequential(*layers)
    def forward(self, x):
        return self.net(x.reshape(x.shape[0], -1))
''',
    "MLP with hard-coded hidden sizes (128, 64)": '''
import torch
from torch import nn
class MLP(nn.Module):
    def __init__(self, window=128, hidden_sizes=(64, 32), n_outputs=1, in_channels=1):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(window * in_channels, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(),
                                 nn.Linear(64, n_outputs))
    def forward(self, x):
        return self.net(x.reshape(x.shape[0], -1))
''',
    "MLP that detaches its output": '''
import torch
from torch import nn
_Reference = MLP
class MLP(_Reference):
    def forward(self, x):
        return super().forward(x).detach()
''',
    "MLP ending with a sigmoid (probabilities instead of logits)": '''
import torch
from torch import nn
_Reference = MLP
class MLP(_Reference):
    def forward(self, x):
        return torch.sigmoid(super().forward(x))
''',
    "CNN with the lecture's hard-coded Linear(512, 1)": '''
import torch
from torch import nn
class CNN(nn.Module):
    def __init__(self, window=128, n_outputs=1, in_channels=1, channels=(8, 16, 32), kernel_size=3, pool=2):
        super().__init__()
        self.cnn = nn.Sequential(
            nn.Conv1d(in_channels, 8, kernel_size=3, stride=1, padding=1), nn.ReLU(), nn.MaxPool1d(2),
            nn.Conv1d(8, 16, kernel_size=3, stride=1, padding=1), nn.ReLU(), nn.MaxPool1d(2),
            nn.Conv1d(16, 32, kernel_size=3, stride=1, padding=1), nn.ReLU(), nn.MaxPool1d(2))
        self.fc = nn.Sequential(nn.Linear(512, n_outputs))
    def forward(self, x):
        if x.dim() == 2:
            x = x.unsqueeze(1)
        x = self.cnn(x)
        return self.fc(x.view(x.size(0), -1))
''',
    "CNN without pooling (head sized for it)": '''
import torch
from torch import nn
class CNN(nn.Module):
    def __init__(self, window=128, n_outputs=1, in_channels=1, channels=(8, 16, 32), kernel_size=3, pool=2):
        super().__init__()
        blocks, c_in = [], in_channels
        for c_out in channels:
            blocks += [nn.Conv1d(c_in, c_out, kernel_size, padding=kernel_size // 2), nn.ReLU()]
            c_in = c_out
        self.cnn = nn.Sequential(*blocks)
        self.fc = nn.Linear(c_in * window, n_outputs)
    def forward(self, x):
        if x.dim() == 2:
            x = x.unsqueeze(1)
        return self.fc(torch.flatten(self.cnn(x), 1))
''',
    "CNN with padding 0 (head sized for it)": '''
import torch
from torch import nn
class CNN(nn.Module):
    def __init__(self, window=128, n_outputs=1, in_channels=1, channels=(8, 16, 32), kernel_size=3, pool=2):
        super().__init__()
        blocks, c_in, length = [], in_channels, window
        for c_out in channels:
            blocks += [nn.Conv1d(c_in, c_out, kernel_size, padding=0), nn.ReLU(), nn.MaxPool1d(pool)]
            length = (length - kernel_size + 1) // pool
            c_in = c_out
        self.cnn = nn.Sequential(*blocks)
        self.fc = nn.Linear(c_in * length, n_outputs)
    def forward(self, x):
        if x.dim() == 2:
            x = x.unsqueeze(1)
        return self.fc(torch.flatten(self.cnn(x), 1))
''',
    "CNN ignoring kernel_size and pool (always 3 and 2)": '''
import torch
from torch import nn
_Reference = CNN
class CNN(_Reference):
    def __init__(self, window=128, n_outputs=1, in_channels=1, channels=(8, 16, 32), kernel_size=3, pool=2):
        super().__init__(window=window, n_outputs=n_outputs, in_channels=in_channels, channels=channels)
''',
    "CNN returning probabilities of shape (N,) instead of logits (N, 1)": '''
import torch
from torch import nn
_Reference = CNN
class CNN(_Reference):
    def forward(self, x):
        return torch.sigmoid(super().forward(x)).squeeze(1)
''',
    "RNN with input_size hard-coded to 1 (the slide's RnnModel)": '''
import torch
from torch import nn
_Reference = RNN
class RNN(_Reference):
    def __init__(self, input_size=1, hidden_size=64, num_layers=1, cell="gru", bidirectional=False, n_outputs=1):
        super().__init__(input_size=1, hidden_size=hidden_size, num_layers=num_layers, cell=cell,
                         bidirectional=bidirectional, n_outputs=n_outputs)
''',
    "RNN taking the first time step": '''
import torch
from torch import nn
_Reference = RNN
class RNN(_Reference):
    def forward(self, x):
        if x.dim() == 2:
            x = x.unsqueeze(-1)
        out, _ = self.rnn(x, self.initial_state(x.shape[0], x))
        return self.fc(out[:, 0, :])
''',
    "RNN with h0 missing the batch dimension (the slide's shape)": '''
import torch
from torch import nn
_Reference = RNN
class RNN(_Reference):
    def initial_state(self, batch_size, like):
        h0 = torch.zeros(self.directions * self.rnn.num_layers, self.rnn.hidden_size, dtype=like.dtype,
                         device=like.device)
        return (h0, torch.zeros_like(h0)) if self.cell == "lstm" else h0
''',
    "RNN creating h0 on the CPU whatever the input's device": '''
import torch
from torch import nn
_Reference = RNN
class RNN(_Reference):
    def initial_state(self, batch_size, like):
        h0 = torch.zeros(self.directions * self.rnn.num_layers, batch_size, self.rnn.hidden_size)
        return (h0, torch.zeros_like(h0)) if self.cell == "lstm" else h0
''',
    "RNN whose initial_state ignores num_layers": '''
import torch
from torch import nn
_Reference = RNN
class RNN(_Reference):
    def initial_state(self, batch_size, like):
        h0 = torch.zeros(self.directions, batch_size, self.rnn.hidden_size, dtype=like.dtype, device=like.device)
        return (h0, torch.zeros_like(h0)) if self.cell == "lstm" else h0
''',
    "RNN ignoring bidirectional": '''
import torch
from torch import nn
_Reference = RNN
class RNN(_Reference):
    def __init__(self, input_size=1, hidden_size=64, num_layers=1, cell="gru", bidirectional=False, n_outputs=1):
        super().__init__(input_size=input_size, hidden_size=hidden_size, num_layers=num_layers, cell=cell,
                         bidirectional=False, n_outputs=n_outputs)
''',
    "RNN that is always a GRU (cell ignored)": '''
import torch
from torch import nn
class RNN(nn.Module):
    def __init__(self, input_size=1, hidden_size=64, num_layers=1, cell="gru", bidirectional=False, n_outputs=1):
        super().__init__()
        self.rnn = nn.GRU(input_size, hidden_size, num_layers, batch_first=True, bidirectional=bidirectional)
        self.fc = nn.Linear((2 if bidirectional else 1) * hidden_size, n_outputs)
    def initial_state(self, batch_size, like):
        d = 2 if self.rnn.bidirectional else 1
        return torch.zeros(d * self.rnn.num_layers, batch_size, self.rnn.hidden_size, dtype=like.dtype,
                           device=like.device)
    def forward(self, x):
        if x.dim() == 2:
            x = x.unsqueeze(-1)
        out, _ = self.rnn(x, self.initial_state(x.shape[0], x))
        return self.fc(out[:, -1])
''',
    "cnn_head_features_100 = 512, the lecture's value for 128-interval windows": '''
cnn_head_features_100 = 512
''',
    "cnn_head_features_100 rounding the odd length up after pooling": '''
cnn_head_features_100 = 32 * 13
''',
    "mlp_parameters counting the weights only, no biases": '''
mlp_parameters = 64 * 64 + 64 * 32 + 32 * 1
''',
    "gru_parameters with one bias vector per gate instead of two": '''
gru_parameters = 3 * (64 * 1 + 64 * 64 + 64) + 64 + 1
''',
    "windows_per_record off by one": '''
windows_per_record = (250 - 64) // 16
''',
}

CORRECT = {
    "MLP from a ModuleList of explicit layers, torch.flatten": '''
import torch
from torch import nn
import torch.nn.functional as F
class MLP(nn.Module):
    def __init__(self, window=128, hidden_sizes=(64, 32), n_outputs=1, in_channels=1):
        super().__init__()
        sizes = [window * in_channels, *hidden_sizes]
        self.hidden = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:]))
        self.out = nn.Linear(sizes[-1], n_outputs)
    def forward(self, x):
        x = torch.flatten(x, start_dim=1)
        for layer in self.hidden:
            x = F.relu(layer(x))
        return self.out(x)
''',
    "MLP with nn.Flatten inside the Sequential": '''
import torch
from torch import nn
class MLP(nn.Module):
    def __init__(self, window=128, hidden_sizes=(64, 32), n_outputs=1, in_channels=1):
        super().__init__()
        layers, width = [nn.Flatten()], window * in_channels
        for h in hidden_sizes:
            layers.extend([nn.Linear(width, h), nn.ReLU()])
            width = h
        self.model = nn.Sequential(*layers, nn.Linear(width, n_outputs))
    def forward(self, x):
        return self.model(x)
''',
    "CNN with the head sized by a dummy forward pass, view to flatten": '''
import torch
from torch import nn
class CNN(nn.Module):
    def __init__(self, window=128, n_outputs=1, in_channels=1, channels=(8, 16, 32), kernel_size=3, pool=2):
        super().__init__()
        layers, c_in = [], in_channels
        for c_out in channels:
            layers += [nn.Conv1d(c_in, c_out, kernel_size=kernel_size, stride=1, padding=kernel_size // 2),
                       nn.ReLU(), nn.MaxPool1d(pool)]
            c_in = c_out
        self.features = nn.Sequential(*layers)
        with torch.no_grad():
            n = self.features(torch.zeros(1, in_channels, window)).numel()
        self.head = nn.Linear(n, n_outputs)
    def forward(self, x):
        if x.ndim == 2:
            x = x[:, None, :]
        x = self.features(x)
        return self.head(x.view(x.size(0), -1))
''',
    "CNN from explicit layers with functional ReLU and pooling, head from the formulas": '''
import torch
from torch import nn
import torch.nn.functional as F
class CNN(nn.Module):
    def __init__(self, window=128, n_outputs=1, in_channels=1, channels=(8, 16, 32), kernel_size=3, pool=2):
        super().__init__()
        self.pool = pool
        self.convs = nn.ModuleList()
        length, c_in, p = window, in_channels, kernel_size // 2
        for c_out in channels:
            self.convs.append(nn.Conv1d(c_in, c_out, kernel_size, padding=p))
            length = ((length + 2 * p - kernel_size) // 1 + 1) // pool
            c_in = c_out
        self.fc = nn.Linear(c_in * length, n_outputs)
    def forward(self, x):
        x = x.reshape(x.shape[0], -1, x.shape[-1])
        for conv in self.convs:
            x = F.max_pool1d(F.relu(conv(x)), self.pool)
        return self.fc(x.flatten(1))
''',
    "RNN without h0: torch makes the zero state on the input's device": '''
import torch
from torch import nn
class RNN(nn.Module):
    def __init__(self, input_size=1, hidden_size=64, num_layers=1, cell="gru", bidirectional=False, n_outputs=1):
        super().__init__()
        if cell == "gru":
            self.rnn = nn.GRU(input_size, hidden_size, num_layers, batch_first=True, bidirectional=bidirectional)
        elif cell == "lstm":
            self.rnn = nn.LSTM(input_size, hidden_size, num_layers, batch_first=True, bidirectional=bidirectional)
        else:
            raise ValueError("cell must be 'gru' or 'lstm'")
        self.is_lstm = cell == "lstm"
        self.d = 2 if bidirectional else 1
        self.fc = nn.Linear(self.d * hidden_size, n_outputs)
    def initial_state(self, batch_size, like):
        h0 = like.new_zeros(self.d * self.rnn.num_layers, batch_size, self.rnn.hidden_size)
        return (h0, h0.clone()) if self.is_lstm else h0
    def forward(self, x):
        if x.dim() == 2:
            x = x.unsqueeze(2)
        out, _ = self.rnn(x)
        return self.fc(out[:, x.size(1) - 1])
''',
    "RNN choosing the cell from a dict, state as a list for the LSTM": '''
import torch
from torch import nn
class RNN(nn.Module):
    CELLS = {"gru": nn.GRU, "lstm": nn.LSTM}
    def __init__(self, input_size=1, hidden_size=64, num_layers=1, cell="gru", bidirectional=False, n_outputs=1):
        super().__init__()
        if cell not in self.CELLS:
            raise ValueError(f"unknown cell {cell!r}")
        self.cell, self.hidden_size, self.num_layers = cell, hidden_size, num_layers
        self.directions = 1 + int(bidirectional)
        self.fc = nn.Linear(self.directions * hidden_size, n_outputs)
        self.recurrent = self.CELLS[cell](input_size=input_size, hidden_size=hidden_size, num_layers=num_layers,
                                          batch_first=True, bidirectional=bidirectional)
    def initial_state(self, batch_size, like):
        shape = (self.directions * self.num_layers, batch_size, self.hidden_size)
        if self.cell == "lstm":
            return [torch.zeros(shape, dtype=like.dtype, device=like.device) for _ in range(2)]
        return torch.zeros(shape, dtype=like.dtype, device=like.device)
    def forward(self, x):
        x = x.unsqueeze(-1) if x.ndim == 2 else x
        state = self.initial_state(x.shape[0], x)
        out, _ = self.recurrent(x, tuple(state) if self.cell == "lstm" else state)
        return self.fc(out[:, -1, :])
''',
    "numeric answers computed, as numpy integers": '''
import numpy as np
import torch
length = 100
for _ in range(3):
    length = ((length + 2 * 1 - 3) // 1 + 1) // 2
cnn_head_features_100 = np.int64(32 * length)
mlp_parameters = sum(p.numel() for p in MLP(window=64).parameters())
gru_parameters = np.int64(3 * (64 * 1 + 64 * 64 + 2 * 64) + 64 + 1)
windows_per_record = np.int64(len(range(0, 250 - 64 + 1, 16)))
''',
}

HOSTILE = {
    "MLP returns a torch.Tensor subclass with an always-true ==": '''
import torch
class _Forged(torch.Tensor):
    def __eq__(self, other):
        return True
    __hash__ = torch.Tensor.__hash__
_Reference = MLP
class MLP(_Reference):
    def forward(self, x):
        return super().forward(x).as_subclass(_Forged)
''',
    "CNN returns a numpy array of the right values": '''
import torch
_Reference = CNN
class CNN(_Reference):
    def forward(self, x):
        return super().forward(x).detach().cpu().numpy()
''',
    "RNN returns an always-equal object with the right .shape": '''
import torch
class _Forged:
    def __init__(self, value):
        self.value, self.shape, self.dtype, self.device = value, value.shape, value.dtype, value.device
        self.requires_grad = True
    def __eq__(self, other):
        return True
    __hash__ = object.__hash__
    def __getattr__(self, name):
        return getattr(self.value, name)
_Reference = RNN
class RNN(_Reference):
    def forward(self, x):
        return _Forged(super().forward(x))
''',
    "MLP returns a __torch_function__ hijacker": '''
import torch
class _Forged:
    def __init__(self, value):
        self.value, self.shape, self.dtype, self.device = value, value.shape, value.dtype, value.device
    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        return True
    def __eq__(self, other):
        return True
    __hash__ = object.__hash__
_Reference = MLP
class MLP(_Reference):
    def forward(self, x):
        return _Forged(super().forward(x))
''',
    "CNN returns a Python list of the right values": '''
import torch
_Reference = CNN
class CNN(_Reference):
    def forward(self, x):
        return super().forward(x).tolist()
''',
    "RNN returns a Tensor subclass that hijacks torch functions": '''
import torch
class _Forged(torch.Tensor):
    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        result = super().__torch_function__(func, types, args, kwargs or {})
        return result
_Reference = RNN
class RNN(_Reference):
    def forward(self, x):
        return super().forward(x).as_subclass(_Forged)
''',
}
