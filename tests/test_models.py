"""The labs' reference models: shapes, head sizes from the exercise-5 formulas, devices, and the RNN errata."""
from __future__ import annotations

import pytest
import torch

from solutions.models import CNN, MLP, RNN


@pytest.mark.parametrize("window, head", [(128, 512), (64, 256), (100, 32 * 12), (7, 0)])
def test_cnn_head_size_follows_window(window, head, device):
    """Is the CNN head Linear(512, 1) for 128-sample windows, and computed for other lengths?"""
    if head == 0:
        with pytest.raises(ValueError):
            CNN(window=window)  # three /2 poolings leave nothing of a 7-sample window
        return
    model = CNN(window=window).to(device)
    assert model.fc.in_features == head
    out = model(torch.randn(5, window, device=device))
    assert out.shape == (5, 1)


@pytest.mark.parametrize("model", [MLP(window=64), CNN(window=64), RNN(), RNN(cell="lstm", bidirectional=True)],
                         ids=["mlp", "cnn", "gru", "bilstm"])
def test_forward_and_backward_on_device(model, device):
    """Does each model give (N, 1) logits on the chosen device, with a gradient for every parameter?"""
    model = model.to(device)
    x = torch.randn(4, 64, device=device)
    out = model(x)
    assert out.shape == (4, 1) and out.device.type == device.type
    torch.nn.functional.binary_cross_entropy_with_logits(out, torch.ones_like(out)).backward()
    assert all(p.grad is not None and torch.isfinite(p.grad).all() for p in model.parameters())


def test_four_class_outputs(device):
    """Do the models give (N, 4) logits for the four-class gait task?"""
    for model in (MLP(window=64, n_outputs=4), CNN(window=64, n_outputs=4), RNN(n_outputs=4)):
        assert model.to(device)(torch.randn(3, 64, device=device)).shape == (3, 4)


def test_rnn_default_is_the_lectures_gru():
    """Is the default RNN the lecture's GRU with hidden size 64?"""
    model = RNN()
    assert isinstance(model.rnn, torch.nn.GRU) and model.rnn.hidden_size == 64


def test_unknown_cell_refused():
    """Is an unknown recurrent cell refused with the list of valid ones?"""
    with pytest.raises(ValueError, match="gru"):
        RNN(cell="transformer")


@pytest.mark.erratum
@pytest.mark.parametrize("cell", ["gru", "lstm"])
@pytest.mark.parametrize("bidirectional", [False, True])
def test_erratum_h0_shape_includes_batch(cell, bidirectional, device):
    """Is h0 (D·num_layers, N, H_out) for batched input, as torch requires (the slide omits N)?"""
    model = RNN(hidden_size=16, num_layers=2, cell=cell, bidirectional=bidirectional).to(device)
    x = torch.randn(5, 30, 1, device=device)
    state = model.initial_state(5, x)
    h0 = state[0] if cell == "lstm" else state
    D = 2 if bidirectional else 1
    assert h0.shape == (D * 2, 5, 16)
    model.rnn(x, state)  # torch accepts the corrected shape
    slide = torch.zeros(D * 2, 16, device=device)
    with pytest.raises(RuntimeError):
        model.rnn(x, (slide, slide) if cell == "lstm" else slide)


@pytest.mark.erratum
def test_erratum_rnn_honours_input_size(device):
    """Does RNN use its input_size argument (the slide hard-codes input_size=1)?"""
    model = RNN(input_size=3).to(device)
    assert model.rnn.input_size == 3
    assert model(torch.randn(2, 20, 3, device=device)).shape == (2, 1)
