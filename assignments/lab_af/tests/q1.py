from dlcourse_check import test_case

OK_FORMAT = False

name = "q1"
points = 4

@test_case(points=None, hidden=False)
def test_mlp_output_shape(MLP):
    import torch
    from dlcourse_testkit import call, expect_tensor
    torch.manual_seed(0)
    model = call(MLP)
    out = call(model, torch.randn(4, 128), name="MLP's forward")
    expect_tensor(out, (4, 1), "MLP()'s output for a batch of 4 windows of 128 intervals")

