"""Lab 1 (AF) catalogue: how students get the three models wrong, and right in other ways.

Every entry redefines one or more model classes on top of the reference module's
namespace (``np``, ``MLP``, ``CNN``, ``RNN`` and the lab's answers are there); each
imports torch itself.
"""

_TORCH = '''
import torch
from torch import nn
'''

# A faithful MLP whose pieces the wrong entries below vary.
_MLP_FLAT = _TORCH + '''
class MLP(nn.Module):
    def __init__(self, window=128, hidden_sizes=(64, 32), n_outputs=1, in_channels=1):
        super().__init__()
        layers, width = [], window * in_channels
        for h in hidden_sizes:
            layers += [nn.Linear(width, h), nn.ReLU()]
            width = h
        layers.append(nn.Linear(width, n_outputs))
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x.reshape(x.shape[0], -1))
'''

_CNN_PARTS = _TORCH + '''
def _blocks(in_channels, channels, kernel_size, pool, padding, pooling=nn.MaxPool1d):
    layers, c_in = [], in_channels
    for c_out in channels:
        layers += [nn.Conv1d(c_in, c_out, kernel_size, padding=padding), nn.ReLU()]
        if pooling is not None:
            layers.append(pooling(pool))
        c_in = c_out
    return nn.Sequential(*layers), c_in
'''

_RNN_HEAD = _TORCH + '''
class RNN(nn.Module):
    def __init__(self, input_size=1, hidden_size=64, num_layers=1, cell="gru", bidirectional=False, n_outputs=1):
        super().__init__()
        if cell not in ("gru", "lstm"):
            raise ValueError("cell must be 'gru' or 'lstm'")
        layer = nn.GRU if cell == "gru" else nn.LSTM
        self.cell, self.hidden_size, self.num_layers = cell, hidden_size, num_layers
        self.d = 2 if bidirectional else 1
        self.rnn = layer(input_size, hidden_size, num_layers, batch_first=True, bidirectional=bidirectional)
        self.fc = nn.Linear(self.d * hidden_size, n_outputs)
'''

WRONG = {
    "MLP without the ReLUs (one linear map)": _TORCH + '''
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
    "MLP with hidden layers of 128 and 64 by default": _MLP_FLAT.replace(
        "hidden_sizes=(64, 32)", "hidden_sizes=(128, 64)"),
    "MLP that ignores hidden_sizes (always 64 then 32)": _TORCH + '''
class MLP(nn.Module):
    def __init__(self, window=128, hidden_sizes=(64, 32), n_outputs=1, in_channels=1):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(window * in_channels, 64), nn.ReLU(), nn.Linear(64, 32), nn.ReLU(),
                                 nn.Linear(32, n_outputs))

    def forward(self, x):
        return self.net(x.reshape(x.shape[0], -1))
''',
    "MLP with a ReLU after the output layer (logits never negative)": _MLP_FLAT.replace(
        "        return self.net(x.reshape(x.shape[0], -1))",
        "        return torch.relu(self.net(x.reshape(x.shape[0], -1)))"),
    "MLP with the window length hard-coded in forward": _MLP_FLAT.replace(
        "x.reshape(x.shape[0], -1)", "x.view(-1, 128)"),
    "MLP returning probabilities of shape (N,) instead of logits (N, 1)": _MLP_FLAT.replace(
        "        return self.net(x.reshape(x.shape[0], -1))",
        "        return torch.sigmoid(self.net(x.reshape(x.shape[0], -1))).squeeze(1)"),
    "CNN with the lecture's hard-coded Linear(512, 1)": _CNN_PARTS + '''
class CNN(nn.Module):
    def __init__(self, window=128, n_outputs=1, in_channels=1, channels=(8, 16, 32), kernel_size=3, pool=2):
        super().__init__()
        self.cnn, _ = _blocks(in_channels, channels, kernel_size, pool, kernel_size // 2)
        self.fc = nn.Linear(512, n_outputs)

    def forward(self, x):
        if x.dim() == 2:
            x = x.unsqueeze(1)
        x = self.cnn(x)
        return self.fc(x.view(x.size(0), -1))
''',
    "CNN without pooling (head sized for it)": _CNN_PARTS + '''
class CNN(nn.Module):
    def __init__(self, window=128, n_outputs=1, in_channels=1, channels=(8, 16, 32), kernel_size=3, pool=2):
        super().__init__()
        self.cnn, c = _blocks(in_channels, channels, kernel_size, pool, kernel_size // 2, pooling=None)
        self.fc = nn.Linear(c * window, n_outputs)

    def forward(self, x):
        if x.dim() == 2:
            x = x.unsqueeze(1)
        return self.fc(self.cnn(x).flatten(1))
''',
    "CNN with padding 0 (head from the formulas)": _CNN_PARTS + '''
class CNN(nn.Module):
    def __init__(self, window=128, n_outputs=1, in_channels=1, channels=(8, 16, 32), kernel_size=3, pool=2):
        super().__init__()
        self.cnn, c = _blocks(in_channels, channels, kernel_size, pool, 0)
        length = window
        for _ in channels:
            length = (length - kernel_size + 1) // pool
        self.fc = nn.Linear(c * length, n_outputs)

    def forward(self, x):
        if x.dim() == 2:
            x = x.unsqueeze(1)
        return self.fc(self.cnn(x).flatten(1))
''',
    "CNN with average instead of max pooling": _CNN_PARTS + '''
class CNN(nn.Module):
    def __init__(self, window=128, n_outputs=1, in_channels=1, channels=(8, 16, 32), kernel_size=3, pool=2):
        super().__init__()
        self.cnn, c = _blocks(in_channels, channels, kernel_size, pool, kernel_size // 2, pooling=nn.AvgPool1d)
        length = window
        for _ in channels:
            length = length // pool
        self.fc = nn.Linear(c * length, n_outputs)

    def forward(self, x):
        if x.dim() == 2:
            x = x.unsqueeze(1)
        return self.fc(self.cnn(x).flatten(1))
''',
    "CNN that ignores kernel_size (always 3)": _CNN_PARTS + '''
class CNN(nn.Module):
    def __init__(self, window=128, n_outputs=1, in_channels=1, channels=(8, 16, 32), kernel_size=3, pool=2):
        super().__init__()
        self.cnn, c = _blocks(in_channels, channels, 3, pool, 1)
        length = window
        for _ in channels:
            length = length // pool
        self.fc = nn.Linear(c * length, n_outputs)

    def forward(self, x):
        if x.dim() == 2:
            x = x.unsqueeze(1)
        return self.fc(self.cnn(x).flatten(1))
''',
    "CNN that detaches its output from the graph": '''
_ReferenceCNN = CNN
class CNN(_ReferenceCNN):
    def forward(self, x):
        return super().forward(x).detach()
''',
    "RNN with input_size hard-coded to 1 (the slide's erratum)": _RNN_HEAD.replace(
        "self.rnn = layer(input_size,", "self.rnn = layer(1,") + '''
    def initial_state(self, batch_size, like):
        h0 = like.new_zeros(self.d * self.num_layers, batch_size, self.hidden_size)
        return (h0, h0.clone()) if self.cell == "lstm" else h0

    def forward(self, x):
        if x.dim() == 2:
            x = x.unsqueeze(-1)
        out, _ = self.rnn(x, self.initial_state(x.shape[0], x))
        return self.fc(out[:, -1, :])
''',
    "RNN taking the first time step": _RNN_HEAD + '''
    def initial_state(self, batch_size, like):
        h0 = like.new_zeros(self.d * self.num_layers, batch_size, self.hidden_size)
        return (h0, h0.clone()) if self.cell == "lstm" else h0

    def forward(self, x):
        if x.dim() == 2:
            x = x.unsqueeze(-1)
        out, _ = self.rnn(x, self.initial_state(x.shape[0], x))
        return self.fc(out[:, 0, :])
''',
    "RNN with h0 missing the batch dimension (the slide's erratum)": _RNN_HEAD + '''
    def initial_state(self, batch_size, like):
        h0 = like.new_zeros(self.d * self.num_layers, self.hidden_size)
        return (h0, h0.clone()) if self.cell == "lstm" else h0

    def forward(self, x):
        if x.dim() == 2:
            x = x.unsqueeze(-1)
        out, _ = self.rnn(x, self.initial_state(x.shape[0], x))
        return self.fc(out[:, -1, :])
''',
    "RNN creating h0 on the CPU whatever the input's device": _RNN_HEAD + '''
    def initial_state(self, batch_size, like):
        h0 = torch.zeros(self.d * self.num_layers, batch_size, self.hidden_size, dtype=like.dtype)
        return (h0, h0.clone()) if self.cell == "lstm" else h0

    def forward(self, x):
        if x.dim() == 2:
            x = x.unsqueeze(-1)
        out, _ = self.rnn(x, self.initial_state(x.shape[0], x))
        return self.fc(out[:, -1, :])
''',
    "RNN with the slide's batch_first=False": _RNN_HEAD.replace("batch_first=True", "batch_first=False") + '''
    def initial_state(self, batch_size, like):
        h0 = like.new_zeros(self.d * self.num_layers, batch_size, self.hidden_size)
        return (h0, h0.clone()) if self.cell == "lstm" else h0

    def forward(self, x):
        if x.dim() == 2:
            x = x.unsqueeze(-1)
        out, _ = self.rnn(x)
        return self.fc(out[:, -1, :])
''',
    "RNN whose head ignores the second direction": _RNN_HEAD.replace(
        "nn.Linear(self.d * hidden_size, n_outputs)", "nn.Linear(hidden_size, n_outputs)") + '''
    def initial_state(self, batch_size, like):
        h0 = like.new_zeros(self.d * self.num_layers, batch_size, self.hidden_size)
        return (h0, h0.clone()) if self.cell == "lstm" else h0

    def forward(self, x):
        if x.dim() == 2:
            x = x.unsqueeze(-1)
        out, _ = self.rnn(x, self.initial_state(x.shape[0], x))
        return self.fc(out[:, -1, :])
''',
    "RNN that always builds a GRU (cell ignored)": _RNN_HEAD.replace(
        "layer = nn.GRU if cell == \"gru\" else nn.LSTM", "layer = nn.GRU") + '''
    def initial_state(self, batch_size, like):
        return like.new_zeros(self.d * self.num_layers, batch_size, self.hidden_size)

    def forward(self, x):
        if x.dim() == 2:
            x = x.unsqueeze(-1)
        out, _ = self.rnn(x, self.initial_state(x.shape[0], x))
        return self.fc(out[:, -1, :])
''',
}

CORRECT = {
    "MLP with a ModuleList, F.relu and torch.flatten": _TORCH + '''
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
    "MLP as nn.Sequential starting with nn.Flatten": _TORCH + '''
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
    "CNN with separate layers and the head size from a dummy forward pass": _TORCH + '''
class CNN(nn.Module):
    def __init__(self, window=128, n_outputs=1, in_channels=1, channels=(8, 16, 32), kernel_size=3, pool=2):
        super().__init__()
        self.convs = nn.ModuleList()
        c_in = in_channels
        for c_out in channels:
            self.convs.append(nn.Conv1d(c_in, c_out, kernel_size=kernel_size, stride=1, padding=kernel_size // 2))
            c_in = c_out
        self.pool = nn.MaxPool1d(pool)
        with torch.no_grad():
            n_features = self._features(torch.zeros(1, in_channels, window)).shape[1]
        self.head = nn.Linear(n_features, n_outputs)

    def _features(self, x):
        for conv in self.convs:
            x = self.pool(torch.relu(conv(x)))
        return x.flatten(1)

    def forward(self, x):
        if x.ndim == 2:
            x = x[:, None, :]
        return self.head(self._features(x))
''',
    "CNN in the lecture's style (x.view) with the exercise-5 size formulas": _TORCH + '''
def conv_len(L, k, s=1, p=0, d=1):
    return (L + 2 * p - d * (k - 1) - 1) // s + 1
def pool_len(L, k):
    return (L - k) // k + 1
class CNN(nn.Module):
    def __init__(self, window=128, n_outputs=1, in_channels=1, channels=(8, 16, 32), kernel_size=3, pool=2):
        super().__init__()
        layers, c_in, L = [], in_channels, window
        for c_out in channels:
            layers += [nn.Conv1d(c_in, c_out, kernel_size=kernel_size, stride=1, padding=kernel_size // 2),
                       nn.ReLU(), nn.MaxPool1d(pool)]
            L = pool_len(conv_len(L, kernel_size, 1, kernel_size // 2), pool)
            c_in = c_out
        self.cnn = nn.Sequential(*layers)
        self.fc = nn.Sequential(nn.Linear(c_in * L, n_outputs))

    def forward(self, x):
        if len(x.shape) == 2:
            x = x.unsqueeze(1)
        x = self.cnn(x)
        x = x.view(x.size(0), -1)
        return self.fc(x)
''',
    "RNN without h0 (PyTorch starts from zeros on the right device)": _RNN_HEAD + '''
    def initial_state(self, batch_size, like):
        shape = (self.d * self.num_layers, batch_size, self.hidden_size)
        h0 = torch.zeros(shape, dtype=like.dtype, device=like.device)
        return (h0, torch.zeros_like(h0)) if self.cell == "lstm" else h0

    def forward(self, x):
        if x.dim() == 2:
            x = x.unsqueeze(2)
        output, _ = self.rnn(x)
        return self.fc(output[:, -1])
''',
    "RNN with explicit GRU/LSTM branches and like.new_zeros": _TORCH + '''
class RNN(nn.Module):
    def __init__(self, input_size=1, hidden_size=64, num_layers=1, cell="gru", bidirectional=False, n_outputs=1):
        super().__init__()
        if cell == "gru":
            self.recurrent = nn.GRU(input_size=input_size, hidden_size=hidden_size, num_layers=num_layers,
                                    batch_first=True, bidirectional=bidirectional)
        elif cell == "lstm":
            self.recurrent = nn.LSTM(input_size=input_size, hidden_size=hidden_size, num_layers=num_layers,
                                     batch_first=True, bidirectional=bidirectional)
        else:
            raise ValueError(f"unknown cell {cell!r}")
        self.is_lstm = cell == "lstm"
        directions = 2 if bidirectional else 1
        self.layers_times_directions = directions * num_layers
        self.hidden_size = hidden_size
        self.output_layer = nn.Linear(directions * hidden_size, n_outputs)

    def initial_state(self, batch_size, like):
        h0 = like.new_zeros((self.layers_times_directions, batch_size, self.hidden_size))
        if self.is_lstm:
            return h0, like.new_zeros((self.layers_times_directions, batch_size, self.hidden_size))
        return h0

    def forward(self, x):
        if x.dim() == 2:
            x = x.reshape(x.shape[0], x.shape[1], 1)
        y, _ = self.recurrent(x, self.initial_state(x.size(0), x))
        return self.output_layer(y[:, -1, :])
''',
}

_FORGED_TENSOR_SUBCLASS = '''
import torch
class _ForgedTensor(torch.Tensor):
    pass
_Reference{name} = {name}
class {name}(_Reference{name}):
    def forward(self, x):
        return super().forward(x).as_subclass(_ForgedTensor)
'''

_FORGED_NUMPY = '''
_Reference{name} = {name}
class {name}(_Reference{name}):
    def forward(self, x):
        return super().forward(x).detach().cpu().numpy()
'''

_FORGED_ALWAYS_EQUAL = '''
class _AlwaysEqual:
    def __init__(self, value):
        self.value, self.shape, self.dtype, self.device = value, value.shape, value.dtype, value.device
        self.requires_grad = True
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
    __hash__ = object.__hash__
    def __getattr__(self, name):
        return getattr(self.value, name)
_Reference{name} = {name}
class {name}(_Reference{name}):
    def forward(self, x):
        return _AlwaysEqual(super().forward(x))
'''

_FORGED_TORCH_FUNCTION = '''
class _Hijack:
    def __init__(self, value):
        self.value, self.shape = value, value.shape
    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        return True
    def __eq__(self, other):
        return True
    __hash__ = object.__hash__
_Reference{name} = {name}
class {name}(_Reference{name}):
    def forward(self, x):
        return _Hijack(super().forward(x))
'''

_FORGED_LIST = '''
_Reference{name} = {name}
class {name}(_Reference{name}):
    def forward(self, x):
        return super().forward(x).tolist()
'''

_FORGED_PARAMETER = '''
import torch
_Reference{name} = {name}
class {name}(_Reference{name}):
    def forward(self, x):
        return torch.nn.Parameter(super().forward(x))
'''

HOSTILE = {
    "MLP returns a torch.Tensor subclass": _FORGED_TENSOR_SUBCLASS.format(name="MLP"),
    "CNN returns a numpy array": _FORGED_NUMPY.format(name="CNN"),
    "RNN returns an always-equal object with the right shape": _FORGED_ALWAYS_EQUAL.format(name="RNN"),
    "MLP returns a __torch_function__ hijacker": _FORGED_TORCH_FUNCTION.format(name="MLP"),
    "CNN returns a Python list": _FORGED_LIST.format(name="CNN"),
    "RNN returns an nn.Parameter (a Tensor subclass)": _FORGED_PARAMETER.format(name="RNN"),
    "CNN returns a torch.Tensor subclass": _FORGED_TENSOR_SUBCLASS.format(name="CNN"),
    "RNN returns a __torch_function__ hijacker": _FORGED_TORCH_FUNCTION.format(name="RNN"),
}
