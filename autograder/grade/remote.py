"""The grader's side of a sandboxed notebook: its functions, classes and models as proxies.

The hidden tests run in the grader's process, unchanged (Otter's exception-based test
files). Where a test calls a student's function, the proxy sends the arguments to the
worker and returns what came back, decoded by :mod:`wire` into plain values only. So a
forged ``__eq__``, an ``__array_function__`` object or a Tensor subclass never reaches
the test: it stays in the sandbox and arrives here as an opaque handle, which fails
every check in ``dlcourse_testkit``.

What makes the proxies faithful to running the tests in the notebook's own kernel
(``otter run``), so that honest work scores the same:

* global random state (numpy, ``random``, torch) travels with every call and back, so
  seeded tests see the same random numbers in the same order;
* arguments the student changes in place are changed here too (an optimiser's ``step``
  updates the test's parameter arrays), and an array passed twice is the same object
  in the worker both times;
* warnings the student's code raised are raised again here (tests that turn warnings
  into errors see them);
* an exception of a built-in type is raised here as that type (``expect_raises``);
* a student's ``nn.Module`` is mirrored by a local module whose parameters are copies of
  the worker's: optimisers and ``copy_`` change the copies, which are sent back before
  the next call; the output of ``forward`` is connected to the copies by an autograd
  function whose backward asks the worker for the parameters' gradients.
"""
from __future__ import annotations

import builtins
import sys
import weakref

import numpy as np

from autograder.grade import wire
from autograder.grade.sandbox import SandboxDied

_CLASSES: dict[tuple[str, bool], type] = {}


class RemoteError(Exception):
    """Base of the exceptions re-raised for a student exception whose type is not built in."""


_EXCEPTIONS: dict[tuple, type] = {}


def _student_exception(error: dict) -> BaseException:
    """The exception to raise here for the student's ``error`` (its type name and its MRO's names):
    a built-in type as itself (``expect_raises(ValueError, ...)`` works); any other type as a class
    of the same name under its nearest built-in ancestor."""
    names = [str(n) for n in error.get("mro", []) if isinstance(n, str)] if type(error.get("mro")) is list else []
    names = names or [str(error.get("type", "Error"))]
    message = str(error.get("message", ""))[:200]
    builtin = next((cls for n in names if isinstance(cls := getattr(builtins, n, None), type)
                    and issubclass(cls, Exception) and cls is not Exception), None)
    if builtin is not None and builtin.__name__ == names[0]:
        return builtin(message)
    name = "".join(ch for ch in names[0] if ch.isalnum() or ch == "_")[:60] or "Error"
    key = (name, builtin)
    if key not in _EXCEPTIONS:
        _EXCEPTIONS[key] = type(name, (builtin, RemoteError) if builtin else (RemoteError,), {})
    return _EXCEPTIONS[key](message)


def _warning_category(name: str) -> type:
    cls = getattr(builtins, str(name), None)
    return cls if isinstance(cls, type) and issubclass(cls, Warning) else UserWarning


class RemoteObject:
    """An object that lives in the sandbox. Only its public attributes can be reached;
    comparisons are by identity, and numpy or torch cannot see inside it."""

    def __init__(self, session: "Session", info: dict):
        object.__setattr__(self, "_session", session)
        object.__setattr__(self, "_handle", info["__handle__"])
        if info.get("name"):
            object.__setattr__(self, "__name__", str(info["name"]))

    def __getattr__(self, name: str):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return self._session.getattr(self._handle, name)

    def __setattr__(self, name, value):
        raise AttributeError("objects of the notebook cannot be changed from the tests")

    def __repr__(self) -> str:
        return f"<notebook object of type {type(self).__name__}>"


class RemoteCallable(RemoteObject):
    def __call__(self, *args, **kwargs):
        return self._session.call(self._handle, args, kwargs)


def _proxy_class(type_name: str, callable_: bool) -> type:
    name = "".join(ch for ch in type_name if ch.isalnum() or ch == "_")[:60] or "object"
    key = (name, callable_)
    if key not in _CLASSES:
        _CLASSES[key] = type(name, (RemoteCallable if callable_ else RemoteObject,), {})
    return _CLASSES[key]


def _module_proxy_class():
    import torch

    class _RemoteOutput(torch.autograd.Function):
        @staticmethod
        def forward(ctx, module, token, value, *params):
            ctx.module, ctx.token = module, token
            return value

        @staticmethod
        def backward(ctx, grad):
            grads = ctx.module._remote_backward(ctx.token, grad)
            return (None, None, None, *grads)

    class RemoteModule(torch.nn.Module):
        """A student's ``nn.Module`` in the sandbox, with local copies of its parameters."""

        def __init__(self, session: "Session", info: dict):
            super().__init__()
            object.__setattr__(self, "_session", session)
            object.__setattr__(self, "_handle", info["__handle__"])
            object.__setattr__(self, "_type", str(info.get("type", "Module")))
            object.__setattr__(self, "_versions", [])
            for index, encoded in enumerate(info.get("params", [])):
                value = session.decode(encoded)
                self.register_parameter(f"p{index}", torch.nn.Parameter(value.detach().clone(),
                                                                        requires_grad=bool(value.requires_grad)))
            self.training = bool(info.get("training", True))
            self._mark_synced()
            session.modules.add(self)

        # -- parameters
        def _mark_synced(self):
            object.__setattr__(self, "_versions", [(p._version, p.device.type) for p in self.parameters()])

        def _sync(self):
            current = [(p._version, p.device.type) for p in self.parameters()]
            if current != self._versions:
                values = [self._session.encode(p.detach()) for p in self.parameters()]
                self._session.request({"op": "push_params", "target": self._handle, "values": values})
                self._mark_synced()

        def _remote_backward(self, token, grad):
            reply = self._session.request({"op": "backward", "target": self._handle, "token": token,
                                           "grad": self._session.encode(grad.detach())})
            grads = []
            for p, encoded in zip(self.parameters(), reply.get("grads", [])):
                g = None if encoded is None else self._session.decode(encoded)
                grads.append(None if g is None or g.shape != p.shape else g.to(device=p.device, dtype=p.dtype))
            return grads

        # -- what tests do with a model
        def forward(self, *args, **kwargs):
            reply = self._session.call(self._handle, args, kwargs, keep_graph=True, raw=True)
            if "token" in reply:
                value = self._session.decode(reply["tensor"]).detach()
                params = list(self.parameters())
                return _RemoteOutput.apply(self, reply["token"], value, *params)
            return self._session.decode(reply["value"])

        def to(self, *args, **kwargs):
            return self._remote_and_local("to", args, kwargs)

        def cpu(self):
            return self._remote_and_local("cpu", (), {})

        def cuda(self, *args, **kwargs):
            return self._remote_and_local("cuda", args, kwargs)

        def double(self):
            return self._remote_and_local("double", (), {})

        def float(self):
            return self._remote_and_local("float", (), {})

        def train(self, mode: bool = True):
            self._session.call(self._handle, (mode,), {}, attribute="train")
            return super().train(mode)

        def _remote_and_local(self, name, args, kwargs):
            result = self._session.call(self._handle, args, kwargs, attribute=name)
            getattr(super(), name)(*args, **kwargs)
            self._mark_synced()
            if isinstance(result, RemoteModule) and result is not self:
                return result
            return self

        def __getattr__(self, name):
            try:
                return super().__getattr__(name)
            except AttributeError:
                if name.startswith("__") or name.startswith("_"):
                    raise
            return self._session.getattr(self._handle, name)

        def __repr__(self):
            return f"<notebook model of type {self._type}>"

    return RemoteModule


_REMOTE_MODULE = None


def remote_module_class():
    global _REMOTE_MODULE
    if _REMOTE_MODULE is None:
        _REMOTE_MODULE = _module_proxy_class()
    return _REMOTE_MODULE


class Session:
    """The proxies of one worker, and the bookkeeping that keeps them faithful."""

    def __init__(self, sandbox, call_timeout: float, forbid_autograd=lambda: False):
        self.sandbox = sandbox
        self.call_timeout = call_timeout
        self.forbid_autograd = forbid_autograd
        self.proxies: dict[int, object] = {}
        self.callbacks: dict[int, object] = {}
        self._callback_numbers: dict[int, int] = {}
        self.modules: weakref.WeakSet = weakref.WeakSet()
        self._arrays: dict[int, tuple[weakref.ref, int]] = {}
        self._next_array = 1
        self.dead: SandboxDied | None = None
        self.names: dict[int, str] = {}        # handle -> the notebook name it was looked up by
        self.last_target_name: str | None = None

    # -- messages
    def request(self, message: dict, timeout: float | None = None) -> dict:
        if self.dead is not None:
            raise self.dead
        try:
            return self.sandbox.request(message, timeout or self.call_timeout, on_callback=self._answer_callback)
        except SandboxDied as exc:
            self.dead = exc
            raise

    def _answer_callback(self, message: dict) -> dict:
        """Student code called a grader object (a test's function or optimiser) with plain data."""
        target = self.callbacks.get(message.get("id"))
        attribute = message.get("attribute")
        try:
            args = self.decode(message.get("args", []))
            kwargs = self.decode(message.get("kwargs", {"__dict__": []}))
            if target is None or type(args) is not list or type(kwargs) is not dict:
                raise TypeError("bad callback")
            if attribute is not None:
                if type(attribute) is not str or attribute.startswith("_"):
                    raise AttributeError("only public methods of grader objects can be used")
                target = getattr(target, attribute)
            result = target(*args, **kwargs)
            return {"result": self.encode(result), "args_after": self.encode(args), "kwargs_after": self.encode(kwargs)}
        except Exception as exc:  # the grader's function failed on what the student gave it
            return {"error": {"type": type(exc).__name__ if type(exc).__module__ == "builtins" else "Exception"}}

    # -- values
    def _handle_of(self, value):
        if isinstance(value, RemoteObject) or getattr(value, "_session", None) is self:
            return {"__handle__": object.__getattribute__(value, "_handle")}
        return None

    def _callback_of(self, obj) -> int:
        # the same grader object keeps its number (the registry holds it, so its id stays unique)
        number = self._callback_numbers.get(id(obj))
        if number is None:
            number = self._callback_numbers[id(obj)] = len(self.callbacks) + 1
            self.callbacks[number] = obj
        return number

    def _array_ref(self, array: np.ndarray) -> int:
        known = self._arrays.get(id(array))
        if known is not None and known[0]() is array:
            return known[1]
        number = self._next_array
        self._next_array += 1
        try:
            self._arrays[id(array)] = (weakref.ref(array), number)
        except TypeError:
            return 0
        return number

    def encode(self, value, refs: bool = False):
        return wire.encode(value, handle_of=self._handle_of, callback_of=self._callback_of,
                           array_ref=self._array_ref if refs else None)

    def decode(self, data):
        return wire.decode(data, handle=self.proxy)

    def proxy(self, info: dict):
        number = info.get("__handle__")
        if type(number) is not int:
            raise wire.WireError("bad handle")
        if number not in self.proxies:
            if info.get("module"):
                self.proxies[number] = remote_module_class()(self, info)
            else:
                self.proxies[number] = _proxy_class(str(info.get("type", "object")), bool(info.get("callable")))(
                    self, info)
        return self.proxies[number]

    # -- operations
    def lookup(self, names: list[str]) -> dict:
        reply = self.request({"op": "lookup", "names": list(names)})
        found = {}
        for name, entry in (reply.get("values") or {}).items():
            if name in names and type(entry) is dict and "value" in entry:
                found[name] = self.decode(entry["value"])
                if type(entry["value"]) is dict and type(entry["value"].get("__handle__")) is int:
                    self.names[entry["value"]["__handle__"]] = name
        return found

    def getattr(self, handle: int, name: str):
        reply = self.request({"op": "getattr", "target": handle, "name": name})
        if "error" in reply:
            raise AttributeError(name)
        return self.decode(reply.get("value"))

    def call(self, handle: int, args, kwargs, attribute: str | None = None, keep_graph: bool = False,
             raw: bool = False):
        for module in list(self.modules):
            module._sync()
        torch = sys.modules.get("torch")
        message = {"op": "call", "target": handle, "args": self.encode(list(args), refs=True),
                   "kwargs": self.encode(dict(kwargs), refs=True), "rng": wire.rng_state(torch),
                   "forbid_autograd": bool(self.forbid_autograd()), "keep_graph": keep_graph}
        if attribute:
            message["attribute"] = attribute
        self.last_target_name = self.names.get(handle)
        reply = self.request(message)
        if type(reply.get("rng")) is dict:
            wire.set_rng_state(reply["rng"], torch if "torch" in reply["rng"] else None)
        after = self._decode_after(reply.get("args_after"))
        if type(after) is list and len(after) == len(args):
            wire.write_back(list(args), after, self._array_number)
        after_kwargs = self._decode_after(reply.get("kwargs_after"))
        if type(after_kwargs) is dict:
            wire.write_back(dict(kwargs), after_kwargs, self._array_number)
        for warning in reply.get("warnings") or []:
            if type(warning) is dict:
                import warnings
                warnings.warn(str(warning.get("message", ""))[:200], _warning_category(warning.get("category")),
                              stacklevel=2)
        if "error" in reply:
            raise _student_exception(reply["error"] if type(reply["error"]) is dict else {})
        result = reply.get("result")
        if type(result) is not dict:
            raise wire.WireError("bad reply")
        if raw:
            return result
        return self.decode(result.get("value"))

    def _decode_after(self, data):
        if data is None:
            return None
        try:
            return wire.decode(data, handle=self.proxy, same_array=wire.SameAs)
        except wire.WireError:
            return None

    def _array_number(self, array) -> int | None:
        known = self._arrays.get(id(array))
        return known[1] if known is not None and known[0]() is array else None
