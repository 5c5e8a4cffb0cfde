"""The sandbox boundary carries plain data only: round trips, refusals, in-place changes."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from autograder.grade import wire


@pytest.mark.parametrize("value", [
    None, True, 3, -2**70, 1.5, float("inf"), "text", [1, [2.0, "x"]], (1, (2, 3)), {"a": 1, 2: [3]},
    np.arange(6.0).reshape(2, 3), np.array([1, 2], dtype=np.int32), np.float32(1.25), np.int64(7),
])
def test_plain_values_round_trip_with_their_types(value):
    back = wire.decode(wire.encode(value))
    assert type(back) is type(value)
    if isinstance(value, np.ndarray):
        assert back.dtype == value.dtype and np.array_equal(back, value)
    elif isinstance(value, float) and value != value:
        assert back != back
    else:
        assert back == value


def test_tensors_keep_dtype_shape_grad_flag_and_meta_device():
    t = torch.randn(2, 3, dtype=torch.float64, requires_grad=True)
    back = wire.decode(wire.encode(t))
    assert type(back) is torch.Tensor and back.dtype == torch.float64 and back.requires_grad
    assert torch.equal(back.detach(), t.detach())
    meta = wire.decode(wire.encode(torch.empty(4, 5, device="meta")))
    assert meta.device.type == "meta" and tuple(meta.shape) == (4, 5)


class Forged:
    def __eq__(self, other):
        return True

    def __array_function__(self, *args, **kwargs):
        return True


class SubArray(np.ndarray):
    pass


@pytest.mark.parametrize("value", [Forged(), np.zeros(3).view(SubArray), np.array([Forged()], dtype=object),
                                   lambda: 1])
def test_anything_else_is_refused_without_a_handle_table(value):
    with pytest.raises(wire.WireError):
        wire.encode(value)


def test_objects_travel_as_handles_when_a_table_is_given():
    assert wire.encode(Forged(), handle_of=lambda obj: {"__handle__": 7}) == {"__handle__": 7}


@pytest.mark.parametrize("data", [
    {"__ndarray__": "not base64!"}, {"__pickle__": "x"}, {"__tensor__": {"dtype": "object", "shape": [1]}},
    {"__dict__": [[[1], 2]]}, {"a": 1}, {"__torch_dtype__": "evil"},
])
def test_malformed_or_unknown_payloads_are_refused(data):
    with pytest.raises(wire.WireError):
        wire.decode(data)


def test_pickled_object_arrays_are_refused():
    import base64
    import io
    buffer = io.BytesIO()
    np.save(buffer, np.array([{"x": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(wire.WireError):
        wire.decode({"__ndarray__": base64.b64encode(buffer.getvalue()).decode()})


def test_generators_travel_by_state_and_write_back_advances_the_caller():
    rng = np.random.default_rng(5)
    twin = np.random.default_rng(5)
    remote = wire.decode(wire.encode(rng))
    remote.permutation(10)
    wire.write_back(rng, remote)
    twin.permutation(10)
    assert rng.integers(1000) == twin.integers(1000)


def test_write_back_changes_arrays_in_place_and_follows_replacements():
    a, b = np.zeros(2), np.ones(2)
    params = [a, b]
    numbers = {id(a): 1, id(b): 2}
    after = [wire.SameAs(1, np.array([5.0, 5.0])), wire.SameAs(0, np.array([9.0, 9.0]))]
    wire.write_back(params, after, lambda arr: numbers.get(id(arr)))
    assert params[0] is a and a.tolist() == [5.0, 5.0]      # changed in place: same object
    assert params[1] is not b and params[1].tolist() == [9.0, 9.0]  # replaced: a new object


def test_random_state_round_trip():
    np.random.seed(3)
    state = wire.rng_state(torch)
    x = (np.random.rand(), torch.rand(1).item())
    wire.set_rng_state(state, torch)
    assert (np.random.rand(), torch.rand(1).item()) == x


def test_frames_are_length_prefixed_and_bounded():
    import os
    r, w = os.pipe()
    wire.send(w, {"a": [1, 2]})
    assert wire.receive(r) == {"a": [1, 2]}
    os.write(w, (wire.MAX_MESSAGE + 1).to_bytes(4, "big"))
    with pytest.raises(wire.WireError):
        wire.receive(r)
    os.close(r)
    os.close(w)
