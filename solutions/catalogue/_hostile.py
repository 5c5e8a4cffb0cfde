"""Forged return values: the cheats of ../shared/docs/security.md, as catalogue entries.

Each forgery wraps the *right* numbers in an object that a careless test would
accept (an ``==`` that is always true, an ``np.allclose`` that dispatches to the
object, a Tensor, an ndarray subclass). The hidden tests must give none of them
any point.
"""
from __future__ import annotations

WRAPPERS = {
    "always-equal object": '''
class _Forged:
    def __init__(self, value):
        self.value = value
        self.shape = getattr(value, "shape", ())
        self.dtype = getattr(value, "dtype", None)
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
    __hash__ = object.__hash__
    def __repr__(self):
        return repr(self.value)
def _wrap(value):
    return _Forged(value)
''',
    "__array_function__ hijack": '''
import numpy as _np
class _Forged:
    def __init__(self, value):
        self.value = _np.asarray(value)
        self.shape, self.dtype = self.value.shape, self.value.dtype
    def __array_function__(self, func, types, args, kwargs):
        return True
    def __array_ufunc__(self, ufunc, method, *args, **kwargs):
        return True
    def __eq__(self, other):
        return True
    __hash__ = object.__hash__
def _wrap(value):
    return _Forged(value)
''',
    "__torch_function__ hijack": '''
class _Forged:
    def __init__(self, value):
        self.value = value
    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        return True
    def __eq__(self, other):
        return True
    __hash__ = object.__hash__
def _wrap(value):
    return _Forged(value)
''',
    "torch.Tensor of the right values": '''
def _wrap(value):
    import torch
    return torch.as_tensor(value)
''',
    "ndarray subclass": '''
import numpy as _np
class _Forged(_np.ndarray):
    def __eq__(self, other):
        return _np.ones(self.shape, dtype=bool)
    __hash__ = None
def _wrap(value):
    return _np.asarray(value).view(_Forged)
''',
    "float subclass": '''
class _Forged(float):
    def __eq__(self, other):
        return True
    __hash__ = float.__hash__
def _wrap(value):
    import numpy as _np
    value = _np.asarray(value)
    return _Forged(float(value.ravel()[0])) if value.size else _Forged(0.0)
''',
}


def forgeries(functions: list[str]) -> dict[str, str]:
    """Catalogue entries that forge every one of ``functions`` and use every forgery at least once.

    The forged function returns the reference's own answer, wrapped, so only the
    type of the result is wrong.
    """
    entries = {}
    wrappers = list(WRAPPERS.items())
    for i in range(max(len(functions), len(wrappers))):
        name, (label, wrapper) = functions[i % len(functions)], wrappers[i % len(wrappers)]
        entries[f"{name} returns {label}"] = wrapper + f'''
_original_{name} = {name}
def {name}(*args, **kwargs):
    return _wrap(_original_{name}(*args, **kwargs))
'''
    return entries
