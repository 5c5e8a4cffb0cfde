from dlcourse_check import test_case

OK_FORMAT = False

name = "q3"
points = 6

@test_case(points=None, hidden=False)
def test_rnn_gives_logits_for_a_batch(RNN):
    import torch
    from dlcourse_testkit import call, expect_tensor
    torch.manual_seed(0)
    model = call(RNN, name='RNN()')
    out = call(model, torch.randn(5, 64), name="RNN's forward")
    expect_tensor(out, (5, 1), 'RNN() on a batch of 5 windows')

