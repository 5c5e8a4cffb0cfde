from dlcourse_check import test_case

OK_FORMAT = False

name = "q3"
points = 8

@test_case(points=None, hidden=False)
def test_rnn_output_shape(RNN):
    import torch
    from dlcourse_testkit import call, expect_tensor
    torch.manual_seed(0)
    model = call(RNN)
    out = call(model, torch.randn(4, 128), name="RNN's forward")
    expect_tensor(out, (4, 1), "RNN()'s output for a batch of 4 windows of 128 intervals")

