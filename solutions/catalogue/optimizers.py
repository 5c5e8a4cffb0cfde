"""Exercise 6 catalogue: how students get the optimisers, minibatches and fit wrong, and right in other ways."""
from solutions.catalogue._hostile import forgeries

WRONG = {
    # --- SGD ---------------------------------------------------------------------------------
    "SGD with + instead of - (gradient ascent)": '''
class SGD:
    def __init__(self, lr):
        self.lr = lr
    def step(self, params, grads):
        for p, g in zip(params, grads):
            p += self.lr * g
''',
    "SGD rebinding the name p (p = p - lr * g): the caller's arrays never change": '''
class SGD:
    def __init__(self, lr):
        self.lr = lr
    def step(self, params, grads):
        for p, g in zip(params, grads):
            p = p - self.lr * g
''',
    "SGD replacing the list items with new arrays": '''
class SGD:
    def __init__(self, lr):
        self.lr = lr
    def step(self, params, grads):
        for i, g in enumerate(grads):
            params[i] = params[i] - self.lr * g
''',
    "SGD writing through p[:], which fails on a 0-d bias": '''
class SGD:
    def __init__(self, lr):
        self.lr = lr
    def step(self, params, grads):
        for p, g in zip(params, grads):
            p[:] = p - self.lr * g
''',
    "SGD scaling the caller's gradient in place (g *= lr)": '''
class SGD:
    def __init__(self, lr):
        self.lr = lr
    def step(self, params, grads):
        for p, g in zip(params, grads):
            g = np.asarray(g, dtype=float)
            g *= self.lr
            p -= g
''',
    # --- Momentum ------------------------------------------------------------------------------
    "Momentum with dampening (buf = m * buf + (1 - m) * g)": '''
class Momentum:
    def __init__(self, lr, momentum=0.9):
        self.lr, self.momentum, self.bufs = lr, momentum, None
    def step(self, params, grads):
        if self.bufs is None:
            self.bufs = [np.zeros_like(p) for p in params]
        for p, g, b in zip(params, grads, self.bufs):
            b *= self.momentum
            b += (1 - self.momentum) * g
            p -= self.lr * b
''',
    "Momentum updating p before the buffer (steps reordered)": '''
class Momentum:
    def __init__(self, lr, momentum=0.9):
        self.lr, self.momentum, self.bufs = lr, momentum, None
    def step(self, params, grads):
        if self.bufs is None:
            self.bufs = [np.zeros_like(p) for p in params]
        for p, g, b in zip(params, grads, self.bufs):
            p -= self.lr * b
            b *= self.momentum
            b += g
''',
    "Nesterov momentum instead of the heavy ball": '''
class Momentum:
    def __init__(self, lr, momentum=0.9):
        self.lr, self.momentum, self.bufs = lr, momentum, None
    def step(self, params, grads):
        if self.bufs is None:
            self.bufs = [np.zeros_like(p) for p in params]
        for p, g, b in zip(params, grads, self.bufs):
            b *= self.momentum
            b += g
            p -= self.lr * (g + self.momentum * b)
''',
    "Momentum ignoring its momentum argument (always 0.9)": '''
class Momentum:
    def __init__(self, lr, momentum=0.9):
        self.lr, self.bufs = lr, None
    def step(self, params, grads):
        if self.bufs is None:
            self.bufs = [np.zeros_like(p) for p in params]
        for p, g, b in zip(params, grads, self.bufs):
            b *= 0.9
            b += g
            p -= self.lr * b
''',
    "Momentum keeping the gradient itself as buffer (buf = g, then buf *= m)": '''
class Momentum:
    def __init__(self, lr, momentum=0.9):
        self.lr, self.momentum, self.bufs = lr, momentum, None
    def step(self, params, grads):
        if self.bufs is None:
            self.bufs = list(grads)
        else:
            for b, g in zip(self.bufs, grads):
                b *= self.momentum
                b += g
        for p, b in zip(params, self.bufs):
            p -= self.lr * b
''',
    "Momentum buffers in a class attribute (shared by all Momentum objects)": '''
class Momentum:
    bufs = {}
    def __init__(self, lr, momentum=0.9):
        self.lr, self.momentum = lr, momentum
    def step(self, params, grads):
        for k, (p, g) in enumerate(zip(params, grads)):
            if k not in Momentum.bufs or Momentum.bufs[k].shape != p.shape:
                Momentum.bufs[k] = np.array(g, dtype=float)
            else:
                Momentum.bufs[k] = self.momentum * Momentum.bufs[k] + g
            p -= self.lr * Momentum.bufs[k]
''',
    # --- Adam ----------------------------------------------------------------------------------
    "Adam without bias correction": '''
class Adam:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr, self.betas, self.eps, self.state = lr, betas, eps, None
    def step(self, params, grads):
        b1, b2 = self.betas
        if self.state is None:
            self.state = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
        for p, g, (m, v) in zip(params, grads, self.state):
            m[...] = b1 * m + (1 - b1) * g
            v[...] = b2 * v + (1 - b2) * g * g
            p -= self.lr * m / (np.sqrt(v) + self.eps)
''',
    "Adam with eps inside the square root": '''
class Adam:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr, self.betas, self.eps, self.state, self.t = lr, betas, eps, None, 0
    def step(self, params, grads):
        b1, b2 = self.betas
        self.t += 1
        if self.state is None:
            self.state = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
        for p, g, (m, v) in zip(params, grads, self.state):
            m[...] = b1 * m + (1 - b1) * g
            v[...] = b2 * v + (1 - b2) * g * g
            m_hat, v_hat = m / (1 - b1**self.t), v / (1 - b2**self.t)
            p -= self.lr * m_hat / np.sqrt(v_hat + self.eps)
''',
    "Adam with the step counter starting at 0 (incremented after the update)": '''
class Adam:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr, self.betas, self.eps, self.state, self.t = lr, betas, eps, None, 0
    def step(self, params, grads):
        b1, b2 = self.betas
        if self.state is None:
            self.state = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
        for p, g, (m, v) in zip(params, grads, self.state):
            m[...] = b1 * m + (1 - b1) * g
            v[...] = b2 * v + (1 - b2) * g * g
            with np.errstate(divide="ignore", invalid="ignore"):
                m_hat, v_hat = m / (1 - b1**self.t), v / (1 - b2**self.t)
                p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
        self.t += 1
''',
    "Adam whose step counter is never incremented (t = 1 forever)": '''
class Adam:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr, self.betas, self.eps, self.state, self.t = lr, betas, eps, None, 1
    def step(self, params, grads):
        b1, b2 = self.betas
        if self.state is None:
            self.state = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
        for p, g, (m, v) in zip(params, grads, self.state):
            m[...] = b1 * m + (1 - b1) * g
            v[...] = b2 * v + (1 - b2) * g * g
            m_hat, v_hat = m / (1 - b1**self.t), v / (1 - b2**self.t)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
''',
    "Adam counting one step per parameter array instead of per call": '''
class Adam:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr, self.betas, self.eps, self.state, self.t = lr, betas, eps, None, 0
    def step(self, params, grads):
        b1, b2 = self.betas
        if self.state is None:
            self.state = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
        for p, g, (m, v) in zip(params, grads, self.state):
            self.t += 1
            m[...] = b1 * m + (1 - b1) * g
            v[...] = b2 * v + (1 - b2) * g * g
            m_hat, v_hat = m / (1 - b1**self.t), v / (1 - b2**self.t)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
''',
    "Adam sharing one pair of averages across all the parameter arrays": '''
class Adam:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr, self.betas, self.eps, self.t = lr, betas, eps, 0
        self.m = self.v = 0.0
    def step(self, params, grads):
        b1, b2 = self.betas
        self.t += 1
        for p, g in zip(params, grads):
            self.m = b1 * self.m + (1 - b1) * g
            self.v = b2 * self.v + (1 - b2) * g * g
            m_hat, v_hat = self.m / (1 - b1**self.t), self.v / (1 - b2**self.t)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
''',
    "Adam with the two betas swapped": '''
class Adam:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr, self.betas, self.eps, self.state, self.t = lr, betas, eps, None, 0
    def step(self, params, grads):
        b2, b1 = self.betas
        self.t += 1
        if self.state is None:
            self.state = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
        for p, g, (m, v) in zip(params, grads, self.state):
            m[...] = b1 * m + (1 - b1) * g
            v[...] = b2 * v + (1 - b2) * g * g
            m_hat, v_hat = m / (1 - b1**self.t), v / (1 - b2**self.t)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
''',
    "Adam replacing the list items instead of updating the arrays (params[i] = ...)": '''
class Adam:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr, self.betas, self.eps, self.state, self.t = lr, betas, eps, None, 0
    def step(self, params, grads):
        b1, b2 = self.betas
        self.t += 1
        if self.state is None:
            self.state = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
        for i, (g, (m, v)) in enumerate(zip(grads, self.state)):
            m[...] = b1 * m + (1 - b1) * g
            v[...] = b2 * v + (1 - b2) * g * g
            m_hat, v_hat = m / (1 - b1**self.t), v / (1 - b2**self.t)
            params[i] = params[i] - self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
''',
    # --- minibatches ---------------------------------------------------------------------------
    "minibatches without shuffling": '''
def minibatches(n, batch_size, rng):
    order = np.arange(n)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]
''',
    "minibatches dropping the last partial batch": '''
def minibatches(n, batch_size, rng):
    order = rng.permutation(n)
    return [order[i:i + batch_size] for i in range(0, n - batch_size + 1, batch_size)] or [order]
''',
    "minibatches sampling with replacement": '''
def minibatches(n, batch_size, rng):
    order = rng.integers(0, n, size=n)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]
''',
    "minibatches shuffling with the global np.random instead of rng": '''
def minibatches(n, batch_size, rng):
    order = np.random.permutation(n)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]
''',
    "minibatches with a generator of its own, seeded 0 (the same order every epoch)": '''
def minibatches(n, batch_size, rng):
    order = np.random.default_rng(0).permutation(n)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]
''',
    "minibatches cutting into n // batch_size near-equal parts (np.array_split)": '''
def minibatches(n, batch_size, rng):
    return np.array_split(rng.permutation(n), max(1, n // batch_size))
''',
    "minibatches returning float index arrays": '''
def minibatches(n, batch_size, rng):
    order = rng.permutation(n).astype(float)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]
''',
    # --- fit -----------------------------------------------------------------------------------
    "fit returning a per-update history instead of one loss per epoch": '''
def fit(X, y, model_grad, params, optimizer, batch_size, epochs, seed):
    rng = np.random.default_rng(seed)
    history = [model_grad(params, X, y)[0]]
    for _ in range(epochs):
        for idx in minibatches(len(X), batch_size, rng):
            optimizer.step(params, model_grad(params, X[idx], y[idx])[1])
            history.append(model_grad(params, X, y)[0])
    return np.array(history)
''',
    "fit without the loss before training": '''
def fit(X, y, model_grad, params, optimizer, batch_size, epochs, seed):
    rng = np.random.default_rng(seed)
    history = []
    for _ in range(epochs):
        for idx in minibatches(len(X), batch_size, rng):
            optimizer.step(params, model_grad(params, X[idx], y[idx])[1])
        history.append(model_grad(params, X, y)[0])
    return np.array(history)
''',
    "fit recording the mean of the batch losses instead of the whole-set loss": '''
def fit(X, y, model_grad, params, optimizer, batch_size, epochs, seed):
    rng = np.random.default_rng(seed)
    history = [model_grad(params, X, y)[0]]
    for _ in range(epochs):
        losses = []
        for idx in minibatches(len(X), batch_size, rng):
            loss, grads = model_grad(params, X[idx], y[idx])
            losses.append(loss)
            optimizer.step(params, grads)
        history.append(np.mean(losses))
    return np.array(history)
''',
    "fit re-seeding the generator every epoch (the same order each epoch)": '''
def fit(X, y, model_grad, params, optimizer, batch_size, epochs, seed):
    history = [model_grad(params, X, y)[0]]
    for _ in range(epochs):
        rng = np.random.default_rng(seed)
        for idx in minibatches(len(X), batch_size, rng):
            optimizer.step(params, model_grad(params, X[idx], y[idx])[1])
        history.append(model_grad(params, X, y)[0])
    return np.array(history)
''',
    "fit ignoring the seed (an unseeded generator)": '''
def fit(X, y, model_grad, params, optimizer, batch_size, epochs, seed):
    rng = np.random.default_rng()
    history = [model_grad(params, X, y)[0]]
    for _ in range(epochs):
        for idx in minibatches(len(X), batch_size, rng):
            optimizer.step(params, model_grad(params, X[idx], y[idx])[1])
        history.append(model_grad(params, X, y)[0])
    return np.array(history)
''',
    "fit training copies of params": '''
def fit(X, y, model_grad, params, optimizer, batch_size, epochs, seed):
    params = [np.array(p, dtype=float) for p in params]
    rng = np.random.default_rng(seed)
    history = [model_grad(params, X, y)[0]]
    for _ in range(epochs):
        for idx in minibatches(len(X), batch_size, rng):
            optimizer.step(params, model_grad(params, X[idx], y[idx])[1])
        history.append(model_grad(params, X, y)[0])
    return np.array(history)
''',
    "fit ignoring batch_size (always full-batch steps)": '''
def fit(X, y, model_grad, params, optimizer, batch_size, epochs, seed):
    history = [model_grad(params, X, y)[0]]
    for _ in range(epochs):
        optimizer.step(params, model_grad(params, X, y)[1])
        history.append(model_grad(params, X, y)[0])
    return np.array(history)
''',
    "fit returning a Python list": '''
_reference_fit = fit
def fit(X, y, model_grad, params, optimizer, batch_size, epochs, seed):
    return list(_reference_fit(X, y, model_grad, params, optimizer, batch_size, epochs, seed))
''',
}

CORRECT = {
    "SGD looping over indices, np.subtract(p, ..., out=p)": '''
class SGD:
    def __init__(self, lr):
        self.lr = lr
    def step(self, params, grads):
        for i in range(len(params)):
            np.subtract(params[i], self.lr * np.asarray(grads[i]), out=params[i])
''',
    "SGD with params[i] -= ... (an in-place update through the list)": '''
class SGD:
    def __init__(self, lr):
        self.lr = lr
    def step(self, params, grads):
        for i, g in enumerate(grads):
            params[i] -= self.lr * g
''',
    "Momentum with the buffer initialised at zeros (equivalent)": '''
class Momentum:
    def __init__(self, lr, momentum=0.9):
        self.lr, self.momentum, self.bufs = lr, momentum, None
    def step(self, params, grads):
        if self.bufs is None:
            self.bufs = [np.zeros(p.shape) for p in params]
        for p, g, b in zip(params, grads, self.bufs):
            b *= self.momentum
            b += g
            p -= self.lr * b
''',
    "Momentum in velocity form (v = m v - lr g; p += v)": '''
class Momentum:
    def __init__(self, lr, momentum=0.9):
        self.lr, self.momentum, self.velocity = lr, momentum, {}
    def step(self, params, grads):
        for k, (p, g) in enumerate(zip(params, grads)):
            v = self.velocity.get(k, 0.0)
            v = self.momentum * v - self.lr * np.asarray(g, dtype=float)
            self.velocity[k] = v
            p += v
''',
    "Momentum looping over indices with a list of copied gradients as first buffers": '''
class Momentum:
    def __init__(self, lr, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.buffers = []
    def step(self, params, grads):
        if not self.buffers:
            self.buffers = [np.array(g, dtype=float) for g in grads]
        else:
            for i in range(len(params)):
                self.buffers[i] = self.momentum * self.buffers[i] + grads[i]
        for i in range(len(params)):
            params[i] -= self.lr * self.buffers[i]
''',
    "Adam in the textbook form (m_hat, v_hat)": '''
class Adam:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, betas[0], betas[1], eps
        self.t, self.m, self.v = 0, None, None
    def step(self, params, grads):
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        self.t += 1
        for i, (p, g) in enumerate(zip(params, grads)):
            self.m[i] = self.beta1 * self.m[i] + (1 - self.beta1) * g
            self.v[i] = self.beta2 * self.v[i] + (1 - self.beta2) * g**2
            m_hat = self.m[i] / (1 - self.beta1**self.t)
            v_hat = self.v[i] / (1 - self.beta2**self.t)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
''',
    "Adam with float64 averages for float32 parameters (state in a dict by position)": '''
class Adam:
    def __init__(self, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.lr, self.betas, self.eps, self.t, self.state = lr, betas, eps, 0, {}
    def step(self, params, grads):
        b1, b2 = self.betas
        self.t += 1
        for k, (p, g) in enumerate(zip(params, grads)):
            g = np.asarray(g, dtype=np.float64)
            m, v = self.state.get(k, (np.zeros(p.shape), np.zeros(p.shape)))
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * g * g
            self.state[k] = (m, v)
            denom = np.sqrt(v) / np.sqrt(1 - b2**self.t) + self.eps
            np.subtract(p, self.lr / (1 - b1**self.t) * m / denom, out=p, casting="same_kind")
''',
    "float32 arithmetic for float32 parameters (SGD and Momentum in the parameters' dtype)": '''
class SGD:
    def __init__(self, lr):
        self.lr = lr
    def step(self, params, grads):
        for p, g in zip(params, grads):
            p -= (self.lr * np.asarray(g)).astype(p.dtype)
class Momentum:
    def __init__(self, lr, momentum=0.9):
        self.lr, self.momentum, self.bufs = lr, momentum, None
    def step(self, params, grads):
        if self.bufs is None:
            self.bufs = [np.zeros_like(p) for p in params]
        for p, g, b in zip(params, grads, self.bufs):
            b *= p.dtype.type(self.momentum)
            b += np.asarray(g).astype(p.dtype)
            p -= p.dtype.type(self.lr) * b
''',
    "minibatches via idx = np.arange(n); rng.shuffle(idx)": '''
def minibatches(n, batch_size, rng):
    idx = np.arange(n)
    rng.shuffle(idx)
    return [idx[start:start + batch_size] for start in range(0, n, batch_size)]
''',
    "minibatches via rng.choice without replacement (another valid permutation), np.split, a tuple": '''
def minibatches(n, batch_size, rng):
    order = rng.choice(n, size=n, replace=False)
    return tuple(np.split(order, range(batch_size, n, batch_size)))
''',
    "minibatches with each batch sorted (the shuffle still decides which samples go together)": '''
def minibatches(n, batch_size, rng):
    order = rng.permutation(n)
    return [np.sort(order[i:i + batch_size]) for i in range(0, n, batch_size)]
''',
    "fit with its own shuffling (rng.choice), a Python list turned into an array at the end": '''
def fit(X, y, model_grad, params, optimizer, batch_size, epochs, seed):
    rng = np.random.default_rng(seed)
    n = len(X)
    history = []
    loss, _ = model_grad(params, X, y)
    history.append(loss)
    for epoch in range(epochs):
        order = rng.choice(n, size=n, replace=False)
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            loss, grads = model_grad(params, X[idx], y[idx])
            optimizer.step(params, grads)
        history.append(model_grad(params, X, y)[0])
    return np.array(history, dtype=float)
''',
    "fit logging batch losses with an extra model_grad call per batch, history preallocated": '''
def fit(X, y, model_grad, params, optimizer, batch_size, epochs, seed):
    rng = np.random.default_rng(seed)
    history = np.empty(epochs + 1)
    history[0] = model_grad(params, X, y)[0]
    batch_losses = []
    for epoch in range(1, epochs + 1):
        for idx in minibatches(len(X), batch_size, rng):
            batch_losses.append(model_grad(params, X[idx], y[idx])[0])
            _, grads = model_grad(params, X[idx], y[idx])
            optimizer.step(params, grads)
        history[epoch] = model_grad(params, X, y)[0]
    return history
''',
}

HOSTILE = forgeries(["minibatches", "fit"])
