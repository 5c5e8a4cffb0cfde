"""Exercise 3 catalogue: how students get the losses wrong, and right in other ways."""
from solutions.catalogue._hostile import forgeries

WRONG = {
    "cross_entropy without the minus sign (the slide's erratum)": '''
def cross_entropy(y_onehot, p):
    y, p = np.asarray(y_onehot, dtype=float), np.clip(np.asarray(p, dtype=float), 1e-12, 1 - 1e-12)
    return float(np.mean(np.sum(y * np.log(p), axis=-1)))
''',
    "cross_entropy averaged over all n * k entries instead of the samples": '''
def cross_entropy(y_onehot, p):
    y, p = np.asarray(y_onehot, dtype=float), np.clip(np.asarray(p, dtype=float), 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(p)))
''',
    "cross_entropy applying softmax to p (as if p were logits, like torch's F.cross_entropy)": '''
def cross_entropy(y_onehot, p):
    y, q = np.asarray(y_onehot, dtype=float), softmax(p)
    return float(np.mean(-np.sum(y * np.log(q), axis=-1)))
''',
    "cross_entropy without clipping (log(0) gives inf or nan)": '''
def cross_entropy(y_onehot, p):
    y, p = np.asarray(y_onehot, dtype=float), np.asarray(p, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.mean(-np.sum(y * np.log(p), axis=-1)))
''',
    "mse summing instead of averaging": '''
def mse(y, y_hat):
    return float(np.sum((np.asarray(y, dtype=float) - y_hat) ** 2))
''',
    "mse dividing by n + 1 (the slide's sum from i = 0)": '''
def mse(y, y_hat):
    d = np.asarray(y, dtype=float) - y_hat
    return float(np.sum(d ** 2) / (d.size + 1))
''',
    "mse and mae summing each row, then averaging over the samples": '''
def mse(y, y_hat):
    d = np.asarray(y, dtype=float) - y_hat
    return float(np.mean(np.sum((d ** 2).reshape(len(d), -1), axis=1)))
def mae(y, y_hat):
    d = np.asarray(y, dtype=float) - y_hat
    return float(np.mean(np.sum(np.abs(d).reshape(len(d), -1), axis=1)))
''',
    "mae computed as the squared error": '''
def mae(y, y_hat):
    return float(np.mean((np.asarray(y, dtype=float) - y_hat) ** 2))
''',
    "mae without the absolute value": '''
def mae(y, y_hat):
    return float(np.mean(np.asarray(y, dtype=float) - y_hat))
''',
    "smooth_l1 with the branches swapped": '''
def smooth_l1(y, y_hat, beta=1.0):
    d = np.abs(np.asarray(y, dtype=float) - y_hat)
    if beta == 0:
        return float(np.mean(d))
    return float(np.mean(np.where(d < beta, d - 0.5 * beta, 0.5 * d * d / beta)))
''',
    "smooth_l1 ignoring beta (always 1)": '''
def smooth_l1(y, y_hat, beta=1.0):
    d = np.abs(np.asarray(y, dtype=float) - y_hat)
    return float(np.mean(np.where(d < 1.0, 0.5 * d * d, d - 0.5)))
''',
    "smooth_l1 multiplying by beta instead of dividing": '''
def smooth_l1(y, y_hat, beta=1.0):
    d = np.abs(np.asarray(y, dtype=float) - y_hat)
    return float(np.mean(np.where(d < beta, 0.5 * d * d * beta, d - 0.5 * beta)))
''',
    "smooth_l1 returning nan for beta = 0 (0 / 0 in the quadratic branch)": '''
def smooth_l1(y, y_hat, beta=1.0):
    d = np.abs(np.asarray(y, dtype=float) - y_hat)
    with np.errstate(divide="ignore", invalid="ignore"):
        quadratic = 0.5 * d * d / beta
    return float(np.mean(np.where(d <= beta, quadratic, d - 0.5 * beta)))
''',
    "binary_cross_entropy without clipping (log(0) for p = 0 or 1)": '''
def binary_cross_entropy(y, p):
    y, p = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p))))
''',
    "binary_cross_entropy with the arguments swapped (p, y)": '''
def binary_cross_entropy(y, p):
    p, y = np.asarray(y, dtype=float), np.clip(np.asarray(p, dtype=float), 1e-12, 1 - 1e-12)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p))))
''',
    "binary_cross_entropy clipping p in place": '''
def binary_cross_entropy(y, p):
    np.clip(p, 1e-12, 1 - 1e-12, out=p)
    return float(np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p))))
''',
    "binary_cross_entropy clipping with Keras's eps = 1e-7": '''
def binary_cross_entropy(y, p):
    y, p = np.asarray(y, dtype=float), np.clip(np.asarray(p, dtype=float), 1e-7, 1 - 1e-7)
    return float(np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p))))
''',
    "softmax without subtracting the maximum (overflows for large logits)": '''
def softmax(z):
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(np.asarray(z, dtype=float))
        return e / np.sum(e, axis=-1, keepdims=True)
''',
    "softmax subtracting the maximum of the whole array, not of each row": '''
def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z))
    with np.errstate(invalid="ignore"):
        return e / np.sum(e, axis=-1, keepdims=True)
''',
    "softmax over the wrong axis (columns)": '''
def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)
''',
    "softmax subtracting the maximum in place": '''
def softmax(z):
    z -= np.max(z, axis=-1, keepdims=True)
    e = np.exp(z)
    return e / np.sum(e, axis=-1, keepdims=True)
''',
    "mse_grad missing the factor 2": '''
def mse_grad(y, y_hat):
    y, y_hat = np.asarray(y, dtype=float), np.asarray(y_hat, dtype=float)
    return (y_hat - y) / y.size
''',
    "mse_grad missing the 1/N of the mean": '''
def mse_grad(y, y_hat):
    return 2.0 * (np.asarray(y_hat, dtype=float) - y)
''',
    "mse_grad with respect to y (sign flipped)": '''
def mse_grad(y, y_hat):
    y, y_hat = np.asarray(y, dtype=float), np.asarray(y_hat, dtype=float)
    return 2.0 * (y - y_hat) / y.size
''',
    "mse_grad dividing by the number of rows, not of elements": '''
def mse_grad(y, y_hat):
    y, y_hat = np.asarray(y, dtype=float), np.asarray(y_hat, dtype=float)
    return 2.0 * (y_hat - y) / len(y)
''',
    "mse_grad subtracting in place": '''
def mse_grad(y, y_hat):
    y_hat -= y
    return 2.0 * y_hat / y_hat.size
''',
    "binary_cross_entropy_grad = (p - y) / N (the gradient with respect to the logit)": '''
def binary_cross_entropy_grad(y, p):
    y, p = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    return (p - y) / y.size
''',
    "binary_cross_entropy_grad missing the 1/N of the mean": '''
def binary_cross_entropy_grad(y, p):
    y, p = np.asarray(y, dtype=float), np.clip(np.asarray(p, dtype=float), 1e-12, 1 - 1e-12)
    return (p - y) / (p * (1 - p))
''',
    "binary_cross_entropy_grad without clipping (inf or nan at p = 0 or 1)": '''
def binary_cross_entropy_grad(y, p):
    y, p = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (p - y) / (p * (1 - p)) / y.size
''',
}

CORRECT = {
    "Python loops over the elements": '''
import math
def _pairs(y, y_hat):
    return zip(np.asarray(y, dtype=float).ravel().tolist(), np.asarray(y_hat, dtype=float).ravel().tolist())
def mse(y, y_hat):
    total, count = 0.0, 0
    for a, b in _pairs(y, y_hat):
        total += (a - b) ** 2
        count += 1
    return total / count
def mae(y, y_hat):
    terms = [abs(a - b) for a, b in _pairs(y, y_hat)]
    return sum(terms) / len(terms)
def smooth_l1(y, y_hat, beta=1.0):
    terms = []
    for a, b in _pairs(y, y_hat):
        d = abs(a - b)
        terms.append(0.5 * d * d / beta if d < beta else d - 0.5 * beta)
    return sum(terms) / len(terms)
def binary_cross_entropy(y, p):
    terms = []
    for t, q in _pairs(y, p):
        q = min(max(q, 1e-12), 1 - 1e-12)
        terms.append(-(t * math.log(q) + (1 - t) * math.log(1 - q)))
    return sum(terms) / len(terms)
def mse_grad(y, y_hat):
    y_hat = np.asarray(y_hat, dtype=float)
    grads = [2 * (b - a) / y_hat.size for a, b in _pairs(y, y_hat)]
    return np.array(grads).reshape(y_hat.shape)
''',
    "np.square, np.dot and np.linalg.norm formulations": '''
def mse(y, y_hat):
    d = (np.asarray(y, dtype=float) - np.asarray(y_hat, dtype=float)).ravel()
    return float(np.dot(d, d) / d.size)
def mae(y, y_hat):
    d = (np.asarray(y, dtype=float) - np.asarray(y_hat, dtype=float)).ravel()
    return float(np.linalg.norm(d, ord=1) / d.size)
def mse_grad(y, y_hat):
    y, y_hat = np.asarray(y), np.asarray(y_hat)
    return np.subtract(y_hat, y) * (2.0 / np.size(y))
''',
    "smooth_l1 through the Huber identity, beta = 0 special-cased": '''
def smooth_l1(y, y_hat, beta=1.0):
    d = np.abs(np.subtract(y, y_hat, dtype=float))
    if beta == 0:
        return float(d.mean())
    q = np.minimum(d, beta)
    return float(np.mean(q * (d - 0.5 * q)) / beta)
''',
    "binary cross-entropy via np.log1p and np.where, gradient as -y/p + (1-y)/(1-p)": '''
def binary_cross_entropy(y, p):
    y = np.asarray(y)
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return float(-np.mean(np.where(y == 1, np.log(p), np.log1p(-p))))
def binary_cross_entropy_grad(y, p):
    y = np.asarray(y, dtype=float)
    p = np.clip(np.asarray(p, dtype=float), 1e-12, 1 - 1e-12)
    return (-y / p + (1 - y) / (1 - p)) / y.size
''',
    "binary cross-entropy clipping 1 - p instead of p (from above)": '''
def binary_cross_entropy(y, p):
    y, p = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    log_p = np.log(np.maximum(p, 1e-12))
    log_not_p = np.log(np.maximum(1 - p, 1e-12))
    return float(np.mean(-(y * log_p + (1 - y) * log_not_p)))
def binary_cross_entropy_grad(y, p):
    y, p = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    return (-y / np.maximum(p, 1e-12) + (1 - y) / np.maximum(1 - p, 1e-12)) / y.size
''',
    "cross_entropy via np.einsum": '''
def cross_entropy(y_onehot, p):
    p = np.clip(np.asarray(p, dtype=float), 1e-12, 1 - 1e-12)
    per_sample = -np.einsum("...j,...j->...", np.asarray(y_onehot, dtype=float), np.log(p))
    return float(np.mean(per_sample))
''',
    "cross_entropy by indexing the true class (argmax of the one-hot rows)": '''
def cross_entropy(y_onehot, p):
    y, p = np.atleast_2d(y_onehot), np.atleast_2d(p)
    true_p = p[np.arange(len(p)), np.argmax(y, axis=1)]
    return float(-np.mean(np.log(np.clip(true_p, 1e-12, None))))
''',
    "softmax via exp(z - logsumexp(z)) with a hand-written logsumexp": '''
def _logsumexp(z):
    m = np.max(z, axis=-1, keepdims=True)
    return m + np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True))
def softmax(z):
    z = np.asarray(z, dtype=float)
    return np.exp(z - _logsumexp(z))
''',
    "softmax with np.apply_along_axis over the rows": '''
def _one(row):
    e = np.exp(row - row.max())
    return e / e.sum()
def softmax(z):
    return np.apply_along_axis(_one, -1, np.asarray(z, dtype=float))
''',
    "numpy float64 results and the input's own dtype (float32 arithmetic for float32 input)": '''
def _float(x):
    x = np.asarray(x)
    return x if x.dtype.kind == "f" else x.astype(np.float64)
def mse(y, y_hat):
    return np.mean(np.square(_float(y) - _float(y_hat)))
def mae(y, y_hat):
    return np.mean(np.abs(_float(y) - _float(y_hat)))
def smooth_l1(y, y_hat, beta=1.0):
    d = np.abs(_float(y) - _float(y_hat))
    return np.mean(np.where(d < beta, 0.5 * d * d / (beta or 1.0), d - 0.5 * beta))
def cross_entropy(y_onehot, p):
    p = np.clip(_float(p), 1e-12, 1.0)
    return -np.sum(_float(y_onehot) * np.log(p)) / (p.shape[0] if p.ndim > 1 else 1)
def softmax(z):
    z = _float(z)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
def mse_grad(y, y_hat):
    d = _float(y_hat) - _float(y)
    return d * d.dtype.type(2.0 / d.size)
''',
    "integer-friendly: no float conversion, numpy's promotion does it": '''
def mse(y, y_hat):
    return float(((y - y_hat) ** 2).mean())
def mae(y, y_hat):
    return float(abs(y - y_hat).mean())
def binary_cross_entropy_grad(y, p):
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return (p - y) / (p * (1 - p)) / np.size(y)
''',
}

HOSTILE = forgeries(["smooth_l1", "softmax", "cross_entropy", "binary_cross_entropy", "mse_grad", "mse"])
