"""Exercise 4 catalogue: how students get manual backprop wrong, and right in other ways.

Most backward mistakes change one line of the reference's algorithm, so ``_backward``
writes that algorithm with each line replaceable, and an entry names only the line it breaks.
"""
from solutions.catalogue._hostile import forgeries


def _backward(output_delta="loss_grad(y, activations[-1]) * activation_grad(zs[-1])",
              hidden_delta="(deltas[l + 1] @ W[l + 1]) * activation_grad(zs[l])",
              weight_grad="deltas[l].T @ activations[l]",
              bias_grad="deltas[l].sum(axis=0)"):
    return f'''
def backward(y, zs, activations, W, activation_grad, loss_grad):
    L = len(zs)
    deltas, dW, db = [None] * L, [None] * L, [None] * L
    deltas[L - 1] = {output_delta}
    for l in reversed(range(L - 1)):
        deltas[l] = {hidden_delta}
    for l in range(L):
        dW[l] = {weight_grad}
        db[l] = {bias_grad}
    return deltas, dW, db
'''


def _forward(z="a @ W_l.T + b_l", last="activation(z)", first="[a]"):
    return f'''
def forward(X, W, b, activation):
    a = np.asarray(X, dtype=float)
    zs, activations = [], {first}
    for l, (W_l, b_l) in enumerate(zip(W, b)):
        z = {z}
        a = activation(z) if l < len(W) - 1 else {last}
        zs.append(z)
        activations.append(a)
    return zs, activations
'''


WRONG = {
    "delta(L) = dL/da(L) only (activation derivative missing at the output)":
        _backward(output_delta="loss_grad(y, activations[-1])"),
    "hidden deltas without the activation derivative":
        _backward(hidden_delta="deltas[l + 1] @ W[l + 1]"),
    "transposed weight in the recursion, delta(l+1) @ W(l+1).T":
        _backward(hidden_delta="(deltas[l + 1] @ W[l + 1].T) * activation_grad(zs[l])"),
    "dW transposed, a.T @ delta":
        _backward(weight_grad="activations[l].T @ deltas[l]"),
    "dW paired with the layer's own output a(l) instead of its input a(l-1)":
        _backward(weight_grad="deltas[l].T @ activations[l + 1]"),
    "db averaged over the batch instead of summed":
        _backward(bias_grad="deltas[l].mean(axis=0)"),
    "double mean: dW and db divided by n again":
        _backward(weight_grad="deltas[l].T @ activations[l] / len(y)", bias_grad="deltas[l].sum(axis=0) / len(y)"),
    "the activation a instead of its derivative sigma'(z)":
        _backward(output_delta="loss_grad(y, activations[-1]) * activations[-1]",
                  hidden_delta="(deltas[l + 1] @ W[l + 1]) * activations[l + 1]"),
    "the derivative evaluated at a instead of z":
        _backward(output_delta="loss_grad(y, activations[-1]) * activation_grad(activations[-1])",
                  hidden_delta="(deltas[l + 1] @ W[l + 1]) * activation_grad(activations[l + 1])"),
    "results in backward order (appended, never reversed)": '''
def backward(y, zs, activations, W, activation_grad, loss_grad):
    deltas, dW, db = [], [], []
    delta = loss_grad(y, activations[-1]) * activation_grad(zs[-1])
    for l in reversed(range(len(zs))):
        if l < len(zs) - 1:
            delta = (delta @ W[l + 1]) * activation_grad(zs[l])
        deltas.append(delta)
        dW.append(delta.T @ activations[l])
        db.append(delta.sum(axis=0))
    return deltas, dW, db
''',
    "backward reverses the caller's lists in place to walk from the output": '''
def backward(y, zs, activations, W, activation_grad, loss_grad):
    zs.reverse()
    activations.reverse()
    W.reverse()
    deltas, dW, db = [], [], []
    delta = loss_grad(y, activations[0]) * activation_grad(zs[0])
    for l in range(len(zs)):
        if l > 0:
            delta = (delta @ W[l - 1]) * activation_grad(zs[l])
        deltas.append(delta)
        dW.append(delta.T @ activations[l + 1])
        db.append(delta.sum(axis=0))
    return deltas[::-1], dW[::-1], db[::-1]
''',
    "backward that lets PyTorch autograd compute dW, db and the propagated delta": '''
def backward(y, zs, activations, W, activation_grad, loss_grad):
    import torch
    L = len(zs)
    deltas, dW, db = [None] * L, [None] * L, [None] * L
    delta = np.asarray(loss_grad(y, activations[-1]), dtype=float) * activation_grad(zs[-1])
    for l in reversed(range(L)):
        a_prev = torch.tensor(np.asarray(activations[l], dtype=float), requires_grad=True)
        W_l = torch.tensor(np.asarray(W[l], dtype=float), requires_grad=True)
        b_l = torch.zeros(W_l.shape[0], dtype=torch.float64, requires_grad=True)
        z = a_prev @ W_l.T + b_l
        if l > 0:
            (upstream,) = torch.autograd.grad(z, a_prev, torch.tensor(delta), retain_graph=True)
        z.backward(torch.tensor(delta))
        deltas[l], dW[l], db[l] = delta, W_l.grad.numpy(), b_l.grad.numpy()
        if l > 0:
            delta = upstream.numpy() * activation_grad(zs[l - 1])
    return deltas, dW, db
''',
    "forward without the activation on the last layer": _forward(last="z"),
    "forward with X @ W instead of X @ W.T": _forward(z="a @ W_l + b_l"),
    "forward leaves a(0) = X out of the activations": _forward(first="[]"),
    "forward without the bias": _forward(z="a @ W_l.T"),
}

CORRECT = {
    "index loops over the layers, a while loop going back": '''
def forward(X, W, b, activation):
    zs, activations = [], [np.array(X, dtype=float)]
    for l in range(len(W)):
        zs.append(activations[l] @ np.transpose(W[l]) + b[l])
        activations.append(activation(zs[l]))
    return zs, activations

def backward(y, zs, activations, W, activation_grad, loss_grad):
    L = len(W)
    deltas = [None] * L
    l = L - 1
    deltas[l] = loss_grad(y, activations[L]) * activation_grad(zs[l])
    while l > 0:
        deltas[l - 1] = (deltas[l] @ W[l]) * activation_grad(zs[l - 1])
        l -= 1
    dW = [deltas[k].T @ activations[k] for k in range(L)]
    db = [d.sum(axis=0) for d in deltas]
    return deltas, dW, db
''',
    "tuples instead of lists": '''
def forward(X, W, b, activation):
    a = np.asarray(X, dtype=float)
    zs, activations = (), (a,)
    for W_l, b_l in zip(W, b):
        z = a @ W_l.T + b_l
        a = activation(z)
        zs, activations = zs + (z,), activations + (a,)
    return zs, activations

def backward(y, zs, activations, W, activation_grad, loss_grad):
    L = len(zs)
    deltas = (loss_grad(y, activations[-1]) * activation_grad(zs[-1]),)
    for l in range(L - 2, -1, -1):
        deltas = ((deltas[0] @ W[l + 1]) * activation_grad(zs[l]),) + deltas
    dW = tuple(np.dot(d.T, a) for d, a in zip(deltas, activations))
    db = tuple(np.sum(d, axis=0) for d in deltas)
    return deltas, dW, db
''',
    "np.einsum throughout": '''
def forward(X, W, b, activation):
    a = np.asarray(X, dtype=float)
    zs, activations = [], [a]
    for W_l, b_l in zip(W, b):
        z = np.einsum("ni,oi->no", a, W_l) + b_l
        a = activation(z)
        zs.append(z)
        activations.append(a)
    return zs, activations

def backward(y, zs, activations, W, activation_grad, loss_grad):
    delta = loss_grad(y, activations[-1]) * activation_grad(zs[-1])
    deltas = [delta]
    for l in range(len(zs) - 1, 0, -1):
        delta = np.einsum("no,oi->ni", delta, W[l]) * activation_grad(zs[l - 1])
        deltas.insert(0, delta)
    dW = [np.einsum("no,ni->oi", d, a) for d, a in zip(deltas, activations)]
    db = [np.einsum("no->o", d) for d in deltas]
    return deltas, dW, db
''',
    "keeps the input dtype (float32 stays float32, integer X stays integer)": '''
def forward(X, W, b, activation):
    zs, activations = [], [X]
    for W_l, b_l in zip(W, b):
        zs.append(activations[-1] @ W_l.T + b_l)
        activations.append(activation(zs[-1]))
    return zs, activations

def backward(y, zs, activations, W, activation_grad, loss_grad):
    L = len(zs)
    deltas, dW, db = [None] * L, [None] * L, [None] * L
    for l in reversed(range(L)):
        if l == L - 1:
            deltas[l] = loss_grad(y, activations[-1]) * activation_grad(zs[l])
        else:
            deltas[l] = (deltas[l + 1] @ W[l + 1]) * activation_grad(zs[l])
        dW[l] = deltas[l].T @ activations[l]
        db[l] = deltas[l].sum(axis=0)
    return deltas, dW, db
''',
    "deltas appended from the output, then reversed": '''
def backward(y, zs, activations, W, activation_grad, loss_grad):
    deltas = [loss_grad(y, activations[-1]) * activation_grad(zs[-1])]
    for l in range(len(zs) - 2, -1, -1):
        deltas.append((deltas[-1] @ W[l + 1]) * activation_grad(zs[l]))
    deltas.reverse()
    dW, db = [], []
    for d, a in zip(deltas, activations[:-1]):
        dW.append(d.T @ a)
        db.append(np.sum(d, axis=0))
    return deltas, dW, db
''',
    "column layout (samples in columns inside, transposed back on return)": '''
def forward(X, W, b, activation):
    A = np.asarray(X, dtype=float).T
    zs, activations = [], [A.T]
    for W_l, b_l in zip(W, b):
        Z = W_l @ A + np.reshape(b_l, (-1, 1))
        A = activation(Z)
        zs.append(Z.T)
        activations.append(A.T)
    return zs, activations

def backward(y, zs, activations, W, activation_grad, loss_grad):
    L = len(zs)
    D = (loss_grad(y, activations[-1]) * activation_grad(zs[-1])).T
    deltas, dW, db = [None] * L, [None] * L, [None] * L
    for l in range(L - 1, -1, -1):
        deltas[l] = D.T
        dW[l] = D @ activations[l]
        db[l] = D @ np.ones(D.shape[1])
        if l > 0:
            D = (np.asarray(W[l]).T @ D) * activation_grad(zs[l - 1]).T
    return deltas, dW, db
''',
    "float64 copies first, sigma' computed up front, db as ones @ delta": '''
def backward(y, zs, activations, W, activation_grad, loss_grad):
    zs = [np.array(z, dtype=np.float64) for z in zs]
    activations = [np.array(a, dtype=np.float64) for a in activations]
    slopes = [activation_grad(z) for z in zs]
    n = zs[0].shape[0]
    deltas = [np.empty(0)] * len(zs)
    deltas[-1] = np.multiply(loss_grad(y, activations[-1]), slopes[-1])
    for l in range(len(zs) - 2, -1, -1):
        deltas[l] = np.multiply(np.matmul(deltas[l + 1], np.asarray(W[l + 1], dtype=np.float64)), slopes[l])
    dW = [np.matmul(d.T, a) for d, a in zip(deltas, activations)]
    db = [np.ones(n) @ d for d in deltas]
    return list(deltas), dW, db
''',
}

HOSTILE = forgeries(["forward", "backward"]) | {
    "backward returns lists of torch tensors": '''
import torch as _torch
_original_backward = backward
def backward(*args, **kwargs):
    return tuple([_torch.as_tensor(x) for x in part] for part in _original_backward(*args, **kwargs))
''',
    "forward returns lists of ndarray subclasses": '''
class _Forged(np.ndarray):
    def __eq__(self, other):
        return np.ones(self.shape, dtype=bool)
    __hash__ = None
_original_forward = forward
def forward(*args, **kwargs):
    return tuple([np.asarray(x).view(_Forged) for x in part] for part in _original_forward(*args, **kwargs))
''',
    "backward returns lists of always-equal objects": '''
class _Forged:
    def __init__(self, value):
        self.value, self.shape, self.dtype = value, value.shape, value.dtype
    def __eq__(self, other):
        return True
    __hash__ = object.__hash__
    def __array__(self, dtype=None, copy=None):
        return np.asarray(self.value, dtype=dtype)
_original_backward = backward
def backward(*args, **kwargs):
    return tuple([_Forged(x) for x in part] for part in _original_backward(*args, **kwargs))
''',
}
