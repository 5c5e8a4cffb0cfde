from dlcourse_check import test_case

OK_FORMAT = False

name = "q1"
points = 4

@test_case(points=None, hidden=False)
def test_mlp_gives_logits_for_a_batch(MLP):
    import torch
    from dlcourse_testkit import call, expect_tensor
    torch.manual_seed(0)
    model = call(MLP, window=64, name='MLP(window=64)')
    out = call(model, torch.randn(5, 64), name="MLP's forward")
    expect_tensor(out, (5, 1), 'MLP(window=64) on a batch of 5 windows')

