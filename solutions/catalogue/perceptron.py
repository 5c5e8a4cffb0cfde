"""Exercise 1 catalogue: how students get the perceptron wrong, and right in other ways."""
from solutions.catalogue._hostile import forgeries

WRONG = {
    "step(0) = 1 (z >= 0), used everywhere": '''
def step(z):
    return (np.asarray(z, dtype=float) >= 0).astype(float)
def perceptron_predict(X, w, b):
    return step(np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) + b)
def perceptron_train(X, y, lr=1.0, max_epochs=100):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(max_epochs):
        updated = False
        for x_j, y_j in zip(X, y):
            error = y_j - step(x_j @ w + b)
            if error != 0:
                w, b, updated = w + lr * error * x_j, b + lr * error, True
        if not updated:
            return w, float(b), True
    return w, float(b), False
''',
    "step returns a boolean mask": '''
def step(z):
    return np.asarray(z) > 0
''',
    "step thresholds its input in place": '''
def step(z):
    z = np.asarray(z, dtype=float)
    z[z > 0] = 1.0
    z[z <= 0] = 0.0
    return z
''',
    "sign is np.sign (0 at z = 0)": '''
def sign(z):
    return np.sign(np.asarray(z, dtype=float))
''',
    "sign with z >= 0 mapped to 1": '''
def sign(z):
    return np.where(np.asarray(z) >= 0, 1.0, -1.0)
''',
    "sign returns step (0 instead of -1)": '''
def sign(z):
    return step(z)
''',
    "perceptron_predict forgets the bias": '''
def perceptron_predict(X, w, b):
    return step(np.asarray(X, dtype=float) @ np.asarray(w, dtype=float))
''',
    "perceptron_predict with z >= 0": '''
def perceptron_predict(X, w, b):
    return (np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) + b >= 0).astype(float)
''',
    "perceptron_predict returns sign (-1/1) instead of step": '''
def perceptron_predict(X, w, b):
    return sign(np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) + b)
''',
    "perceptron_predict returns a column (n, 1)": '''
def perceptron_predict(X, w, b):
    return step(np.asarray(X, dtype=float) @ np.asarray(w, dtype=float).reshape(-1, 1) + b)
''',
    "perceptron_predict returns z, no activation": '''
def perceptron_predict(X, w, b):
    return np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) + b
''',
    "training updates on correct predictions too (delta rule, error = y - z)": '''
def perceptron_train(X, y, lr=1.0, max_epochs=100):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(max_epochs):
        updated = False
        for x_j, y_j in zip(X, y):
            error = y_j - (x_j @ w + b)
            if error != 0:
                with np.errstate(all="ignore"):  # this rule diverges; keep the catalogue run quiet
                    w, b, updated = w + lr * error * x_j, b + lr * error, True
        if not updated:
            return w, float(b), True
    return w, float(b), False
''',
    "training counts every sample as an update (never converges)": '''
def perceptron_train(X, y, lr=1.0, max_epochs=100):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(max_epochs):
        updated = False
        for x_j, y_j in zip(X, y):
            error = y_j - (1.0 if x_j @ w + b > 0 else 0.0)
            w, b = w + lr * error * x_j, b + lr * error
            updated = True
        if not updated:
            return w, float(b), True
    return w, float(b), False
''',
    "training with the error sign flipped (y_hat - y)": '''
def perceptron_train(X, y, lr=1.0, max_epochs=100):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(max_epochs):
        updated = False
        for x_j, y_j in zip(X, y):
            error = (1.0 if x_j @ w + b > 0 else 0.0) - y_j
            if error != 0:
                w, b, updated = w + lr * error * x_j, b + lr * error, True
        if not updated:
            return w, float(b), True
    return w, float(b), False
''',
    "training never updates the bias": '''
def perceptron_train(X, y, lr=1.0, max_epochs=100):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(max_epochs):
        updated = False
        for x_j, y_j in zip(X, y):
            error = y_j - (1.0 if x_j @ w + b > 0 else 0.0)
            if error != 0:
                w, updated = w + lr * error * x_j, True
        if not updated:
            return w, float(b), True
    return w, float(b), False
''',
    "training ignores the learning rate": '''
def perceptron_train(X, y, lr=1.0, max_epochs=100):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(max_epochs):
        updated = False
        for x_j, y_j in zip(X, y):
            error = y_j - (1.0 if x_j @ w + b > 0 else 0.0)
            if error != 0:
                w, b, updated = w + error * x_j, b + error, True
        if not updated:
            return w, float(b), True
    return w, float(b), False
''',
    "training applies the learning rate to w but not to b": '''
def perceptron_train(X, y, lr=1.0, max_epochs=100):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(max_epochs):
        updated = False
        for x_j, y_j in zip(X, y):
            error = y_j - (1.0 if x_j @ w + b > 0 else 0.0)
            if error != 0:
                w, b, updated = w + lr * error * x_j, b + error, True
        if not updated:
            return w, float(b), True
    return w, float(b), False
''',
    "training reports converged True even when max_epochs ran out": '''
_reference_train = perceptron_train
def perceptron_train(X, y, lr=1.0, max_epochs=100):
    w, b, _ = _reference_train(X, y, lr=lr, max_epochs=max_epochs)
    return w, b, True
''',
    "training never reports converged True": '''
_reference_train = perceptron_train
def perceptron_train(X, y, lr=1.0, max_epochs=100):
    w, b, _ = _reference_train(X, y, lr=lr, max_epochs=max_epochs)
    return w, b, False
''',
    "training starts from weights of ones": '''
def perceptron_train(X, y, lr=1.0, max_epochs=100):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w, b = np.ones(X.shape[1]), 0.0
    for _ in range(max_epochs):
        updated = False
        for x_j, y_j in zip(X, y):
            error = y_j - (1.0 if x_j @ w + b > 0 else 0.0)
            if error != 0:
                w, b, updated = w + lr * error * x_j, b + lr * error, True
        if not updated:
            return w, float(b), True
    return w, float(b), False
''',
    "training visits the samples in a shuffled order": '''
def perceptron_train(X, y, lr=1.0, max_epochs=100):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    rng = np.random.default_rng(0)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(max_epochs):
        updated = False
        for j in rng.permutation(len(y)):
            error = y[j] - (1.0 if X[j] @ w + b > 0 else 0.0)
            if error != 0:
                w, b, updated = w + lr * error * X[j], b + lr * error, True
        if not updated:
            return w, float(b), True
    return w, float(b), False
''',
    "training predicts a whole epoch with the weights of its start (batch perceptron)": '''
def perceptron_train(X, y, lr=1.0, max_epochs=100):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(max_epochs):
        errors = y - perceptron_predict(X, w, b)
        if not errors.any():
            return w, float(b), True
        for x_j, error in zip(X, errors):
            if error != 0:
                w, b = w + lr * error * x_j, b + lr * error
    return w, float(b), False
''',
    "training predicts with z >= 0": '''
def perceptron_train(X, y, lr=1.0, max_epochs=100):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(max_epochs):
        updated = False
        for x_j, y_j in zip(X, y):
            error = y_j - (1.0 if x_j @ w + b >= 0 else 0.0)
            if error != 0:
                w, b, updated = w + lr * error * x_j, b + lr * error, True
        if not updated:
            return w, float(b), True
    return w, float(b), False
''',
    "training predicts with sign (-1/1) against 0/1 labels": '''
def perceptron_train(X, y, lr=1.0, max_epochs=100):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(max_epochs):
        updated = False
        for x_j, y_j in zip(X, y):
            error = y_j - (1.0 if x_j @ w + b > 0 else -1.0)
            if error != 0:
                w, b, updated = w + lr * error * x_j, b + lr * error, True
        if not updated:
            return w, float(b), True
    return w, float(b), False
''',
    "training runs one epoch too many (epoch <= max_epochs)": '''
def perceptron_train(X, y, lr=1.0, max_epochs=100):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w, b = np.zeros(X.shape[1]), 0.0
    epoch = 0
    while epoch <= max_epochs:
        updated = False
        for x_j, y_j in zip(X, y):
            error = y_j - (1.0 if x_j @ w + b > 0 else 0.0)
            if error != 0:
                w, b, updated = w + lr * error * x_j, b + lr * error, True
        if not updated:
            return w, float(b), True
        epoch += 1
    return w, float(b), False
''',
    "training runs one epoch too few (range(1, max_epochs))": '''
def perceptron_train(X, y, lr=1.0, max_epochs=100):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(1, max_epochs):
        updated = False
        for x_j, y_j in zip(X, y):
            error = y_j - (1.0 if x_j @ w + b > 0 else 0.0)
            if error != 0:
                w, b, updated = w + lr * error * x_j, b + lr * error, True
        if not updated:
            return w, float(b), True
    return w, float(b), False
''',
    "training ignores max_epochs (loops until convergence, capped at 2000)": '''
def perceptron_train(X, y, lr=1.0, max_epochs=100):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(2000):
        updated = False
        for x_j, y_j in zip(X, y):
            error = y_j - (1.0 if x_j @ w + b > 0 else 0.0)
            if error != 0:
                w, b, updated = w + lr * error * x_j, b + lr * error, True
        if not updated:
            return w, float(b), True
    return w, float(b), False
''',
    "training returns only (w, b)": '''
_reference_train = perceptron_train
def perceptron_train(X, y, lr=1.0, max_epochs=100):
    w, b, _ = _reference_train(X, y, lr=lr, max_epochs=max_epochs)
    return w, b
''',
    "training scales the sample in place to form the update": '''
def perceptron_train(X, y, lr=1.0, max_epochs=100):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(max_epochs):
        updated = False
        for j in range(len(y)):
            error = y[j] - (1.0 if X[j] @ w + b > 0 else 0.0)
            if error != 0:
                update = X[j]
                update *= lr * error
                w += update
                b += lr * error
                updated = True
        if not updated:
            return w, float(b), True
    return w, float(b), False
''',
}

CORRECT = {
    "predict with a Python loop over the rows, step through np.heaviside": '''
def step(z):
    return np.heaviside(np.asarray(z, dtype=float), 0.0)
def perceptron_predict(X, w, b):
    out = np.zeros(len(X))
    for j in range(len(X)):
        z = 0.0
        for i in range(len(w)):
            z += X[j][i] * w[i]
        out[j] = 1.0 if z + b > 0 else 0.0
    return out
''',
    "integer outputs for integer inputs (np.where with ints)": '''
def step(z):
    return np.where(np.asarray(z) > 0, 1, 0)
def sign(z):
    return np.where(np.asarray(z) > 0, 1, -1)
def perceptron_predict(X, w, b):
    return step(np.dot(X, w) + b)
''',
    "sign as 2 step(z) - 1, step through a float mask": '''
def step(z):
    z = np.asarray(z)
    out = np.zeros(z.shape)
    out[z > 0] = 1.0
    return out
def sign(z):
    return 2 * step(z) - 1
''',
    "float32 arithmetic kept for float32 input": '''
def perceptron_predict(X, w, b):
    X = np.asarray(X)
    dtype = X.dtype if X.dtype.kind == "f" else np.dtype(np.float64)
    z = X @ np.asarray(w).astype(dtype) + dtype.type(b)
    return (z > 0).astype(dtype)
def perceptron_train(X, y, lr=1.0, max_epochs=100):
    X, y = np.asarray(X), np.asarray(y)
    dtype = X.dtype if X.dtype.kind == "f" else np.dtype(np.float64)
    w, b = np.zeros(X.shape[1], dtype=dtype), dtype.type(0)
    for _ in range(max_epochs):
        updated = False
        for x_j, y_j in zip(X.astype(dtype), y.astype(dtype)):
            error = y_j - (dtype.type(1) if x_j @ w + b > 0 else dtype.type(0))
            if error != 0:
                w = w + dtype.type(lr) * error * x_j
                b = b + dtype.type(lr) * error
                updated = True
        if not updated:
            return w, b, True
    return w, b, False
''',
    "integer X used as is: w a float array, b a numpy float, in-place updates": '''
def perceptron_train(X, y, lr=1.0, max_epochs=100):
    w = np.zeros(X.shape[1])
    b = np.float64(0.0)
    for _ in range(max_epochs):
        mistakes = 0
        for j in range(X.shape[0]):
            y_hat = 1 if np.dot(X[j], w) + b > 0 else 0
            error = y[j] - y_hat
            if error != 0:
                w += lr * error * X[j]
                b += lr * error
                mistakes += 1
        if mistakes == 0:
            return w, b, True
    return w, b, False
''',
    "explicit while loop with an epoch counter and a converged flag": '''
def perceptron_train(X, y, lr=1.0, max_epochs=100):
    X = np.array(X, dtype=float)
    y = np.array(y, dtype=float)
    w = np.zeros(X.shape[1])
    b = 0.0
    converged = False
    epoch = 0
    while not converged and epoch < max_epochs:
        converged = True
        for j in range(len(y)):
            y_hat = perceptron_predict(X[j:j + 1], w, b)[0]
            error = y[j] - y_hat
            if error != 0:
                w = w + lr * error * X[j]
                b = b + lr * error
                converged = False
        epoch += 1
    return w, b, converged
''',
    "bias folded into an augmented weight vector (x_0 = 1)": '''
def perceptron_train(X, y, lr=1.0, max_epochs=100):
    X = np.asarray(X, dtype=float)
    Xa = np.hstack([np.ones((X.shape[0], 1)), X])
    wa = np.zeros(Xa.shape[1])
    for _ in range(max_epochs):
        updated = False
        for x_j, y_j in zip(Xa, np.asarray(y, dtype=float)):
            error = y_j - step(wa @ x_j)
            if error != 0:
                wa = wa + lr * error * x_j
                updated = True
        if not updated:
            return wa[1:], wa[0], True
    return wa[1:], wa[0], False
''',
    "pure-Python scalar loops, numpy only for the result": '''
def perceptron_train(X, y, lr=1.0, max_epochs=100):
    rows = [[float(v) for v in row] for row in X]
    labels = [float(v) for v in y]
    w = [0.0] * len(rows[0])
    b = 0.0
    for _ in range(max_epochs):
        changed = False
        for row, label in zip(rows, labels):
            z = sum(wi * xi for wi, xi in zip(w, row)) + b
            error = label - (1.0 if z > 0 else 0.0)
            if error != 0:
                w = [wi + lr * error * xi for wi, xi in zip(w, row)]
                b += lr * error
                changed = True
        if not changed:
            return np.array(w), b, True
    return np.array(w), b, False
''',
    "converged checked by predicting the whole set after each epoch": '''
def perceptron_train(X, y, lr=1.0, max_epochs=100):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w, b = np.zeros(X.shape[1]), 0.0
    if np.array_equal(perceptron_predict(X, w, b), y):
        return w, b, True
    for _ in range(max_epochs):
        for x_j, y_j in zip(X, y):
            error = y_j - step(x_j @ w + b)
            if error != 0:
                w = w + lr * error * x_j
                b = b + lr * error
        if np.array_equal(perceptron_predict(X, w, b), y):
            return w, b, True
    return w, b, False
''',
    "trained with lr = 1, then scaled by lr": '''
def perceptron_train(X, y, lr=1.0, max_epochs=100):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(max_epochs):
        updated = False
        for x_j, y_j in zip(X, y):
            error = y_j - (1.0 if x_j @ w + b > 0 else 0.0)
            if error != 0:
                w, b, updated = w + error * x_j, b + error, True
        if not updated:
            return lr * w, lr * b, True
    return lr * w, lr * b, False
''',
    "list as the result, converged as np.bool_": '''
_reference_train = perceptron_train
def perceptron_train(X, y, lr=1.0, max_epochs=100):
    w, b, converged = _reference_train(X, y, lr=lr, max_epochs=max_epochs)
    return [w, np.float64(b), np.bool_(converged)]
''',
}

_FORGED_PARTS = '''
_honest_train = perceptron_train
class _ForgedArray(np.ndarray):
    def __eq__(self, other):
        return np.ones(self.shape, dtype=bool)
    __hash__ = None
class _ForgedFloat(float):
    def __eq__(self, other):
        return True
    __hash__ = float.__hash__
class _ForgedBool:
    def __init__(self, value):
        self.value = value
    def __bool__(self):
        return bool(self.value)
    def __eq__(self, other):
        return True
    __hash__ = object.__hash__
'''

HOSTILE = {
    **forgeries(["perceptron_train", "perceptron_predict", "step", "sign"]),
    "perceptron_train returns w as a forged ndarray subclass": _FORGED_PARTS + '''
def perceptron_train(*args, **kwargs):
    w, b, converged = _honest_train(*args, **kwargs)
    return w.view(_ForgedArray), b, converged
''',
    "perceptron_train returns b as a forged float subclass": _FORGED_PARTS + '''
def perceptron_train(*args, **kwargs):
    w, b, converged = _honest_train(*args, **kwargs)
    return w, _ForgedFloat(b), converged
''',
    "perceptron_train returns converged as a forged truth value": _FORGED_PARTS + '''
def perceptron_train(*args, **kwargs):
    w, b, converged = _honest_train(*args, **kwargs)
    return w, b, _ForgedBool(converged)
''',
}
