"""The sandboxed side of grading: run a student's notebook cells, then answer calls with plain data.

Started by :mod:`autograder.grade.sandbox` as ``python worker.py REQUEST_FD REPLY_FD`` in a
scratch folder, next to a copy of ``wire.py`` and the assignment's public files. It never
sees a test, an expected value or the reference package: the grader sends it the
*inputs* of a test and gets back what the student's code made of them.

Everything it sends is only a claim about the student's code. A student who rewrites
this file's behaviour at run time (the notebook runs in this process) can make it claim
anything, which is no more than writing code that returns those values; what is right
is decided by the grader, in its own process.
"""
from __future__ import annotations

import builtins
import contextlib
import os
import sys
import traceback
import types
import warnings

import numpy as np

import wire

REQUEST_FD, REPLY_FD = int(sys.argv[1]), int(sys.argv[2])
KEPT_GRAPHS = 32  # forward outputs kept for a backward; tests backpropagate through the latest ones


def _torch():
    """PyTorch if the notebook imported it. Where the sandbox hides torch (numpy-only exercises), an
    ``import torch`` yields an empty namespace package: that is no torch."""
    torch = sys.modules.get("torch")
    return torch if hasattr(torch, "Tensor") and hasattr(torch, "nn") else None


class Objects:
    """Objects that live here and are known to the grader by number."""

    def __init__(self):
        self.by_id: dict[int, object] = {}
        self.ids: dict[int, int] = {}   # id(obj) -> number
        self.graphs: dict[int, object] = {}  # token -> a forward's output tensor, kept for a backward
        self.arrays: dict[int, np.ndarray] = {}  # the grader's array number -> our copy (identity kept)
        self.array_numbers: dict[int, int] = {}  # id(our copy) -> the grader's number
        self.next = 1

    def handle(self, obj) -> dict:
        key = id(obj)
        if key not in self.ids:
            self.ids[key] = self.next
            self.by_id[self.next] = obj
            self.next += 1
        number = self.ids[key]
        info = {"__handle__": number, "type": type(obj).__name__[:60], "callable": callable(obj),
                "name": str(getattr(obj, "__name__", ""))[:60] if isinstance(getattr(obj, "__name__", ""), str) else ""}
        torch = _torch()
        if torch is not None and isinstance(obj, torch.nn.Module):
            info["module"] = True
            info["params"] = [wire.encode(p) for p in obj.parameters()]
            info["training"] = bool(obj.training)
        return info

    def get(self, message: dict):
        return self.number(message.get("__handle__"))

    def number(self, number):
        if type(number) is not int or number not in self.by_id:
            raise wire.WireError("unknown handle")
        return self.by_id[number]


OBJECTS = Objects()
NAMESPACE: dict = {"__name__": "__main__", "__builtins__": builtins}


class GraderObject:
    """A function or object of the grader's that a test handed to the student's code:
    calling it, or one of its public methods, asks the grader."""

    def __init__(self, number: int, attribute: str | None = None):
        self._number, self._attribute = number, attribute
        self.__name__ = attribute or f"grader_function_{number}"

    def __getattr__(self, name):
        if name.startswith("_") or self._attribute is not None:
            raise AttributeError(name)
        return GraderObject(self._number, name)

    def __call__(self, *args, **kwargs):
        message = {"op": "callback", "id": self._number, "args": _enc(list(args)), "kwargs": _enc(kwargs)}
        if self._attribute is not None:
            message["attribute"] = self._attribute
        wire.send(REPLY_FD, message)
        reply = wire.receive(REQUEST_FD)
        if "error" in reply:
            raise _exception(reply["error"])
        after = _dec(reply["args_after"]) if "args_after" in reply else None
        if type(after) is list and len(after) == len(args):
            wire.write_back(list(args), after)
        return _dec(reply.get("result"))


def _exception(info) -> BaseException:
    name = info.get("type") if isinstance(info, dict) else None
    cls = getattr(builtins, name, None) if isinstance(name, str) else None
    if isinstance(cls, type) and issubclass(cls, Exception):
        return cls(str(info.get("message", ""))[:200])
    return RuntimeError(str(name))


def _handle_of(obj):
    return OBJECTS.handle(obj)


def _array_number(array) -> int:
    return OBJECTS.array_numbers.get(id(array), 0)


def _enc(value):
    return wire.encode(value, handle_of=_handle_of)


def _same_array(number: int, fresh: np.ndarray) -> np.ndarray:
    """The grader's array ``number`` as the same object as last time (a student may keep
    state keyed by ``id(array)``, as an optimiser keyed by parameter would)."""
    old = OBJECTS.arrays.get(number)
    if old is not None and old.shape == fresh.shape and old.dtype == fresh.dtype:
        old.flags.writeable = True
        old[...] = fresh
        return old
    if old is not None:
        OBJECTS.array_numbers.pop(id(old), None)
    OBJECTS.arrays[number] = fresh
    OBJECTS.array_numbers[id(fresh)] = number
    return fresh


def _dec(data):
    return wire.decode(data, handle=OBJECTS.get, callback=GraderObject, same_array=_same_array)


def _decode_args(message: dict):
    return _dec(message.get("args", [])), _dec(message.get("kwargs", {"__dict__": []}))


# ----------------------------------------------------------------------------- operations
def op_run_cells(message: dict) -> dict:
    results = []
    seed = message.get("seed")
    for cell in message.get("cells", []):
        wire.send(REPLY_FD, {"event": "cell", "index": cell["index"]})
        if isinstance(seed, int):
            wire.seed_all(seed, _torch())
        try:
            code = compile(cell["source"], f"<cell {cell['index']}>", "exec")
            exec(code, NAMESPACE)
            results.append({"index": cell["index"], "ok": True})
        except BaseException as exc:  # noqa: BLE001 - a student's cell may raise anything, SystemExit too
            line = None
            for frame in traceback.extract_tb(exc.__traceback__):
                if frame.filename == f"<cell {cell['index']}>":
                    line = frame.lineno
            results.append({"index": cell["index"], "ok": False, "error": type(exc).__name__[:60], "line": line})
    return {"cells": results}


def _value(value):
    """Plain data as data; a function, a class or any other object as a handle."""
    if callable(value):
        return OBJECTS.handle(value)
    try:
        return wire.encode(value)
    except wire.WireError:
        return OBJECTS.handle(value)


def _error(exc: BaseException) -> dict:
    return {"type": type(exc).__name__[:60], "mro": [c.__name__ for c in type(exc).__mro__][:8],
            "message": str(exc)[:200] if isinstance(exc, (ValueError, TypeError)) else ""}


def op_lookup(message: dict) -> dict:
    return {"values": {name: {"value": _value(NAMESPACE[name])} if name in NAMESPACE else {"missing": True}
                       for name in message.get("names", [])}}


def _warning_list(caught) -> list:
    return [{"category": w.category.__name__[:60], "message": str(w.message)[:200]} for w in caught
            if isinstance(w.category, type)]


def op_call(message: dict) -> dict:
    target = OBJECTS.number(message.get("target"))
    name = message.get("attribute")
    args, kwargs = _decode_args(message)
    if message.get("rng"):
        wire.set_rng_state(message["rng"], _torch())
    reply: dict = {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with _autograd_guard(message.get("forbid_autograd")):
                fn = getattr(target, name) if name else target
                result = fn(*args, **kwargs)
            reply["result"] = _encode_result(result, message.get("keep_graph"))
        except BaseException as exc:  # noqa: BLE001 - reported to the grader as the student's error
            reply = {"error": _error(exc)}
    reply["warnings"] = _warning_list(caught)
    reply["rng"] = wire.rng_state(_torch() if "torch" in (message.get("rng") or {}) else None)
    reply["args_after"] = wire.encode(args, handle_of=_handle_of, array_ref=_array_number)
    reply["kwargs_after"] = wire.encode(kwargs, handle_of=_handle_of, array_ref=_array_number)
    return reply


def _autograd_guard(forbid: bool):
    """The testkit's own ``no_autograd`` (shipped with the notebook) around a manual-backprop call."""
    if not forbid:
        return contextlib.nullcontext()
    import dlcourse_testkit
    return dlcourse_testkit.no_autograd("this function")


def _encode_result(result, keep_graph: bool):
    torch = _torch()
    if keep_graph and torch is not None and type(result) is torch.Tensor and result.requires_grad:
        token = OBJECTS.next
        OBJECTS.next += 1
        OBJECTS.graphs[token] = result
        for old in list(OBJECTS.graphs)[:-KEPT_GRAPHS]:
            del OBJECTS.graphs[old]
        return {"tensor": _enc(result), "token": token}
    return {"value": _enc(result)}


def op_getattr(message: dict) -> dict:
    target = OBJECTS.number(message.get("target"))
    try:
        value = getattr(target, str(message["name"]))
    except BaseException as exc:  # noqa: BLE001
        return {"error": _error(exc)}
    return {"value": _value(value)}


def op_push_params(message: dict) -> dict:
    import torch

    module = OBJECTS.number(message.get("target"))
    values = [_dec(v) for v in message["values"]]
    params = list(module.parameters())
    if len(values) != len(params):
        raise wire.WireError("parameter count changed")
    with torch.no_grad():
        for p, v in zip(params, values):
            if p.device.type != "meta":
                p.copy_(v.to(p.device))
    return {"ok": True}


def op_backward(message: dict) -> dict:
    import torch

    out = OBJECTS.graphs.pop(message["token"], None)
    module = OBJECTS.number(message.get("target"))
    if out is None:
        raise wire.WireError("unknown graph")
    grad = _dec(message["grad"]).to(out.device)
    params = [p for p in module.parameters()]
    wanted = [p for p in params if p.requires_grad]
    grads = torch.autograd.grad(out, wanted, grad_outputs=grad, allow_unused=True) if wanted else []
    by_param = dict(zip(map(id, wanted), grads))
    return {"grads": [None if by_param.get(id(p)) is None else _enc(by_param[id(p)]) for p in params]}


OPERATIONS = {"run_cells": op_run_cells, "lookup": op_lookup, "call": op_call, "getattr": op_getattr,
              "push_params": op_push_params, "backward": op_backward}


def _close_channel() -> None:
    for fd in (REQUEST_FD, REPLY_FD):
        try:
            os.close(fd)
        except OSError:
            pass


def main() -> None:
    sys.setrecursionlimit(5000)
    sys.path.insert(1, os.getcwd())  # the notebook's folder, as in Jupyter: the public helpers live there
    os.environ.setdefault("MPLBACKEND", "Agg")
    # The notebook's names live in a fresh ``__main__`` module, as in a Jupyter kernel.
    global NAMESPACE
    main_module = types.ModuleType("__main__")
    main_module.__dict__["__builtins__"] = builtins
    sys.modules["__main__"] = main_module
    NAMESPACE = main_module.__dict__
    # A forked copy of this process (a fork bomb, or a data loader's worker) must not
    # talk on the grader's channel: only this process answers.
    os.register_at_fork(after_in_child=_close_channel)
    for name in filter(None, (sys.argv[3] if len(sys.argv) > 3 else "").split(",")):
        try:  # warm start: what every notebook of this assignment imports (torch for the labs)
            __import__(name)
        except ImportError:
            pass
    wire.send(REPLY_FD, {"event": "ready", "pid": os.getpid()})
    while True:
        try:
            message = wire.receive(REQUEST_FD)
        except EOFError:
            return
        operation = OPERATIONS.get(message.get("op"))
        try:
            if operation is None:
                raise wire.WireError("unknown operation")
            reply = operation(message)
        except Exception as exc:  # a protocol-level failure, not a student error
            reply = {"failure": f"{type(exc).__name__}: {str(exc)[:200]}"}
        wire.send(REPLY_FD, reply)


if __name__ == "__main__":
    main()
