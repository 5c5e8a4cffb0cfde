"""Exercise 2 catalogue: how students get activations wrong, and right in other ways."""
from solutions.catalogue._hostile import forgeries

WRONG = {
    "tanh_grad from the slide, (1 - tanh)^2": '''
def tanh_grad(z):
    return (1 - np.tanh(z)) ** 2
''',
    "tanh_grad with the sign flipped": '''
def tanh_grad(z):
    return np.tanh(z) ** 2 - 1
''',
    "sigmoid_grad returns sigmoid (derivative of the wrong function)": '''
def sigmoid_grad(z):
    return sigmoid(z)
''',
    "sigmoid with the sign of z flipped": '''
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return 1 / (1 + np.exp(z))
''',
    "naive sigmoid that overflows for large negative z": '''
def sigmoid(z):
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))
''',
    "relu_grad with PyTorch's 0 at z = 0": '''
def relu_grad(z):
    return (np.asarray(z) > 0).astype(float)
''',
    "relu that clips its input in place": '''
def relu(z):
    z[z < 0] = 0
    return z
''',
    "leaky_relu ignoring alpha": '''
def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, z, 0.01 * z)
''',
    "leaky_relu_grad equal to relu_grad": '''
def leaky_relu_grad(z, alpha=0.01):
    return np.where(np.asarray(z) >= 0, 1.0, 0.0)
''',
    "leaky_relu_grad with alpha at z = 0": '''
def leaky_relu_grad(z, alpha=0.01):
    return np.where(np.asarray(z) > 0, 1.0, alpha)
''',
}

CORRECT = {
    "Python loops with a stable sigmoid": '''
import math
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    for i, v in np.ndenumerate(z):
        out[i] = 1 / (1 + math.exp(-v)) if v >= 0 else math.exp(v) / (1 + math.exp(v))
    return out
def sigmoid_grad(z):
    s = sigmoid(z)
    return s * (1 - s)
''',
    "sigmoid through tanh": '''
def sigmoid(z):
    return 0.5 * (1 + np.tanh(np.asarray(z) / 2))
''',
    "sigmoid_grad as exp(-z) / (1 + exp(-z))^2": '''
def sigmoid_grad(z):
    e = np.exp(-np.asarray(z, dtype=float))
    return e / (1 + e) ** 2
''',
    "tanh from the exponential formula": '''
def tanh(z):
    e = np.exp(-2 * np.asarray(z, dtype=float))
    return (1 - e) / (1 + e)
''',
    "dtype-preserving relu and heaviside relu_grad": '''
def relu(z):
    return np.maximum(z, 0)
def relu_grad(z):
    return np.heaviside(z, 1.0)
''',
    "leaky_relu as a maximum": '''
def leaky_relu(z, alpha=0.01):
    return np.maximum(z, alpha * np.asarray(z))
def leaky_relu_grad(z, alpha=0.01):
    z = np.asarray(z)
    return np.where(z < 0, alpha, 1.0)
''',
    "float32 arithmetic for float32 input": '''
def tanh_grad(z):
    t = np.tanh(z)
    return (1 - t * t).astype(np.result_type(z, np.float32))
''',
}

HOSTILE = forgeries(["sigmoid", "tanh_grad", "relu", "leaky_relu_grad", "sigmoid_grad", "tanh"])
