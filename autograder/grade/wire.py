"""What crosses the sandbox boundary: plain data as JSON, arrays as ``.npy`` bytes, never a pickle.

Both sides import this file: the trusted grader, and the worker inside the sandbox
(which gets a copy of it). Decoding can only ever build ``None``, ``bool``, ``int``,
``float``, ``str``, ``list``, ``tuple``, ``dict``, exact ``np.ndarray`` and numpy
scalars (``np.load`` with ``allow_pickle=False``), exact ``torch.Tensor`` built from
such arrays, and the markers below; anything else a student returns travels as a
*handle* (an id and a type name), so its methods run where it lives.

Framing: each message is a 4-byte big-endian length and that many bytes of UTF-8 JSON.
"""
from __future__ import annotations

import base64
import io
import json
import os
import struct

import numpy as np

MAX_MESSAGE = 256 * 1024 * 1024  # a bigger frame is refused: a protocol error, not an allocation
TORCH_DTYPES = ("float64", "float32", "float16", "bfloat16", "int64", "int32", "int16", "int8", "uint8", "bool",
                "complex64", "complex128")


BIT_GENERATORS = ("PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64")


class WireError(Exception):
    """A message that is not valid on this wire (bad frame, bad JSON, unknown marker)."""


# ----------------------------------------------------------------------------- framing
def send(fd: int, message: dict) -> None:
    data = json.dumps(message, allow_nan=True, separators=(",", ":")).encode("utf-8")
    frame = struct.pack(">I", len(data)) + data
    view = memoryview(frame)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _read_exact(fd: int, n: int) -> bytes:
    chunks, left = [], n
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError("the other side closed the channel")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def receive(fd: int) -> dict:
    (length,) = struct.unpack(">I", _read_exact(fd, 4))
    if length > MAX_MESSAGE:
        raise WireError(f"message of {length} bytes is over the limit")
    try:
        message = json.loads(_read_exact(fd, length).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise WireError(f"not a JSON message ({type(exc).__name__})") from None
    if type(message) is not dict:
        raise WireError("a message must be a JSON object")
    return message


# ----------------------------------------------------------------------------- arrays
def array_to_text(array: np.ndarray) -> str:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def array_from_text(text) -> np.ndarray:
    if type(text) is not str:
        raise WireError("array payload must be text")
    try:
        array = np.load(io.BytesIO(base64.b64decode(text, validate=True)), allow_pickle=False)
    except Exception as exc:
        raise WireError(f"not an .npy payload ({type(exc).__name__})") from None
    if type(array) is not np.ndarray:
        raise WireError("not an array")
    return array


# ----------------------------------------------------------------------------- values
def encode(value, handle_of=None, callback_of=None, depth: int = 0, array_ref=None):
    """``value`` as JSON-able data. ``handle_of(obj)`` names objects that are not plain data
    (the worker registers them; the grader passes the id of a remote object back);
    ``callback_of(fn)`` names a trusted callable passed to student code."""
    if depth > 50:
        raise WireError("value nested too deeply")
    kind = type(value)
    if value is None or kind in (bool, str):
        return value
    if kind is int:
        return value if -2**63 <= value < 2**63 else {"__bigint__": str(value)}
    if kind is float:
        return {"__float__": repr(value)} if value != value or value in (float("inf"), float("-inf")) else value
    if kind is list:
        return [encode(v, handle_of, callback_of, depth + 1, array_ref) for v in value]
    if kind is tuple:
        return {"__tuple__": [encode(v, handle_of, callback_of, depth + 1, array_ref) for v in value]}
    if kind is dict and all(type(k) in (str, int) for k in value):
        return {"__dict__": [[encode(k), encode(v, handle_of, callback_of, depth + 1, array_ref)]
                             for k, v in value.items()]}
    if kind is np.ndarray and value.dtype.kind in "biufc":
        if array_ref is not None:  # the same array object on both sides, call after call
            return {"__ndarray__": array_to_text(value), "ref": array_ref(value)}
        return {"__ndarray__": array_to_text(value)}
    if isinstance(value, np.generic) and kind.__module__ == "numpy" and value.dtype.kind in "biufc":
        return {"__npscalar__": array_to_text(np.asarray(value))}
    if kind is np.random.Generator and type(value.bit_generator).__name__ in BIT_GENERATORS:
        # by value, state and all: the student's draws advance the caller's generator (see write_back)
        return {"__generator__": encode(value.bit_generator.state)}
    if kind.__name__ in ("Tensor", "Parameter") and kind.__module__ in ("torch", "torch.nn.parameter"):
        return _encode_tensor(value)
    if kind.__name__ == "dtype" and kind.__module__ == "torch":
        return {"__torch_dtype__": str(value).replace("torch.", "")}
    if kind.__name__ == "device" and kind.__module__ == "torch":
        return {"__torch_device__": str(value)}
    if handle_of is not None:
        named = handle_of(value)
        if named is not None:
            return named
    if callback_of is not None:  # a grader object (a function, an optimiser) that student code may use
        return {"__callback__": callback_of(value)}
    raise WireError(f"cannot send a {kind.__name__}")


def _encode_tensor(tensor) -> dict:
    import torch

    meta = {"dtype": str(tensor.dtype).replace("torch.", ""), "device": str(tensor.device),
            "requires_grad": bool(tensor.requires_grad), "shape": list(tensor.shape),
            "parameter": type(tensor).__name__ == "Parameter"}
    if tensor.device.type != "meta":
        data = tensor.detach().to("cpu")
        if data.dtype == torch.bfloat16:
            data = data.to(torch.float32)
        meta["data"] = array_to_text(data.numpy().copy())
    return {"__tensor__": meta}


def decode(data, handle=None, callback=None, device_map=None, depth: int = 0, same_array=None):
    """The value that :func:`encode` sent. ``handle(msg)`` and ``callback(id)`` build the
    objects for the markers that name remote objects and callbacks."""
    if depth > 50:
        raise WireError("value nested too deeply")
    kind = type(data)
    if data is None or kind in (bool, int, float, str):
        return data
    if kind is list:
        return [decode(v, handle, callback, device_map, depth + 1, same_array) for v in data]
    if kind is not dict:
        raise WireError("unknown value")
    key = next((k for k in data if k.startswith("__") and k.endswith("__")), None)
    if key is None or (len(data) != 1 and key != "__handle__" and set(data) != {"__ndarray__", "ref"}):
        raise WireError("unknown value")
    body = data[key]
    if key == "__bigint__" and type(body) is str:
        return int(body)
    if key == "__float__" and body in ("nan", "inf", "-inf"):
        return float(body)
    if key == "__tuple__" and type(body) is list:
        return tuple(decode(v, handle, callback, device_map, depth + 1, same_array) for v in body)
    if key == "__dict__" and type(body) is list:
        out = {}
        for pair in body:
            if type(pair) is not list or len(pair) != 2 or type(pair[0]) not in (str, int):
                raise WireError("bad dict item")
            out[pair[0]] = decode(pair[1], handle, callback, device_map, depth + 1, same_array)
        return out
    if key == "__ndarray__":
        array = array_from_text(body)
        if same_array is not None and type(data.get("ref")) is int:
            return same_array(data["ref"], array)
        return array
    if key == "__npscalar__":
        array = array_from_text(body)
        if array.shape != ():
            raise WireError("a numpy scalar must be 0-d")
        return array[()]
    if key == "__generator__":
        state = decode(body, depth=depth + 1)
        name = state.get("bit_generator") if type(state) is dict else None
        if name not in BIT_GENERATORS:
            raise WireError("unknown random generator")
        try:
            bit_generator = getattr(np.random, name)()
            bit_generator.state = state
        except Exception as exc:
            raise WireError(f"bad generator state ({type(exc).__name__})") from None
        return np.random.Generator(bit_generator)
    if key == "__tensor__" and type(body) is dict:
        return _decode_tensor(body, device_map)
    if key == "__torch_dtype__" and body in TORCH_DTYPES:
        import torch
        return getattr(torch, body)
    if key == "__torch_device__" and type(body) is str:
        import torch
        return torch.device(_map_device(body, device_map))
    if key == "__handle__" and handle is not None:
        return handle(data)
    if key == "__callback__" and callback is not None and type(body) is int:
        return callback(body)
    raise WireError(f"unknown value marker {key!r}")


def _map_device(name: str, device_map) -> str:
    if device_map is not None:
        return device_map(name)
    return name


def _decode_tensor(meta: dict, device_map) -> "object":
    import torch

    dtype, shape = meta.get("dtype"), meta.get("shape")
    if dtype not in TORCH_DTYPES or type(shape) is not list or not all(type(n) is int and n >= 0 for n in shape):
        raise WireError("bad tensor header")
    device = torch.device(_map_device(str(meta.get("device")), device_map))
    if device.type == "meta":
        tensor = torch.empty(shape, dtype=getattr(torch, dtype), device="meta")
    else:
        array = array_from_text(meta.get("data"))
        if list(array.shape) != shape:
            raise WireError("tensor data does not match its shape")
        tensor = torch.from_numpy(array).to(dtype=getattr(torch, dtype), device=device)
    if meta.get("requires_grad") is True and tensor.dtype.is_floating_point:
        tensor.requires_grad_(True)
    return tensor


# ----------------------------------------------------------------------------- random state
def rng_state(torch=None) -> dict:
    """The global random states (numpy's legacy generator, ``random``, and torch's CPU
    generator when ``torch`` is given) as plain data."""
    import random

    _, keys, pos, has_gauss, cached = np.random.get_state()
    version, internal, gauss = random.getstate()
    state = {"np": [array_to_text(keys), int(pos), int(has_gauss), float(cached)], "py": [version, list(internal), gauss]}
    if torch is not None and hasattr(torch, "get_rng_state"):
        state["torch"] = array_to_text(torch.get_rng_state().numpy())
    return state


def seed_all(seed: int, torch=None) -> None:
    """Seed numpy's legacy generator and ``random`` (as Otter seeds each cell), and torch's when given."""
    import random

    np.random.seed(seed)
    random.seed(seed)
    if torch is not None and hasattr(torch, "manual_seed"):
        torch.manual_seed(seed)


def set_rng_state(state, torch=None) -> None:
    import random

    if type(state) is not dict:
        raise WireError("bad random state")
    try:
        if "np" in state:
            keys, pos, has_gauss, cached = state["np"]
            keys = array_from_text(keys)
            if keys.dtype != np.uint32 or keys.shape != (624,):
                raise WireError("bad numpy random state")
            np.random.set_state(("MT19937", keys, int(pos), int(has_gauss), float(cached)))
        if "py" in state:
            version, internal, gauss = state["py"]
            random.setstate((int(version), tuple(int(x) for x in internal), None if gauss is None else float(gauss)))
        if "torch" in state and torch is not None and hasattr(torch, "set_rng_state"):
            array = array_from_text(state["torch"])
            if array.dtype != np.uint8:
                raise WireError("bad torch random state")
            torch.set_rng_state(torch.from_numpy(array.copy()))
    except WireError:
        raise
    except Exception as exc:
        raise WireError(f"bad random state ({type(exc).__name__})") from None


# ----------------------------------------------------------------------------- in-place changes
class SameAs:
    """An array that came back marked with the number it was sent under (0: a new object)."""
    __slots__ = ("number", "array")

    def __init__(self, number: int, array: np.ndarray):
        self.number, self.array = number, array


def plain(value):
    """``value`` without :class:`SameAs` markers."""
    if isinstance(value, SameAs):
        return value.array
    if type(value) is list:
        return [plain(v) for v in value]
    if type(value) is tuple:
        return tuple(plain(v) for v in value)
    if type(value) is dict:
        return {k: plain(v) for k, v in value.items()}
    return value


def write_back(original, new, number_of=None):
    """Carry the other side's in-place changes (``new``) into ``original``; returns what now
    stands where ``original`` stood. With ``number_of`` (array -> the number it was sent
    under), an array that the other side replaced by another object is replaced here too,
    and one it changed in place is changed in place."""
    if isinstance(new, SameAs):
        if type(original) is np.ndarray and number_of is not None and new.number and \
                number_of(original) == new.number:
            return write_back(original, new.array)
        return new.array if number_of is not None else write_back(original, new.array)
    if type(original) is np.ndarray and type(new) is np.ndarray:
        if original.shape == new.shape and original.dtype == new.dtype:
            if not np.array_equal(original, new, equal_nan=True):
                if not original.flags.writeable:
                    return original
                original[...] = new
            return original
        return new
    if type(original) is list and type(new) is list:
        if len(original) == len(new):
            for i, item in enumerate(new):
                original[i] = write_back(original[i], item, number_of)
        else:
            original[:] = plain(new)
        return original
    if type(original) is tuple and type(new) is tuple and len(original) == len(new):
        for old, item in zip(original, new):
            write_back(old, item, number_of)
        return original
    if type(original) is dict and type(new) is dict:
        for key in [k for k in original if k not in new]:
            del original[key]
        for key, item in new.items():
            original[key] = write_back(original[key], item, number_of) if key in original else plain(item)
        return original
    if type(original) is np.random.Generator and type(new) is np.random.Generator:
        if type(original.bit_generator) is type(new.bit_generator):
            original.bit_generator.state = new.bit_generator.state
        return original
    kind = type(original)
    if kind.__name__ == "Tensor" and kind.__module__ == "torch" and type(new) is kind:
        import torch
        if original.shape == new.shape and original.dtype == new.dtype and original.device.type != "meta":
            with torch.no_grad():
                fresh = new.to(original.device)
                if not torch.equal(original, fresh):
                    original.copy_(fresh)
        return original
    return original
