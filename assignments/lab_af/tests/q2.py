from dlcourse_check import test_case

OK_FORMAT = False

name = "q2"
points = 5

@test_case(points=None, hidden=False)
def test_cnn_output_shape(CNN):
    import torch
    from dlcourse_testkit import call, expect_tensor
    torch.manual_seed(0)
    model = call(CNN)
    out = call(model, torch.randn(4, 128), name="CNN's forward")
    expect_tensor(out, (4, 1), "CNN()'s output for a batch of 4 windows of 128 intervals")

