from dlcourse_check import test_case

OK_FORMAT = False

name = "q2"
points = 4.5

@test_case(points=None, hidden=False)
def test_cnn_gives_logits_for_a_batch(CNN):
    import torch
    from dlcourse_testkit import call, expect_tensor
    torch.manual_seed(0)
    model = call(CNN, window=64, name='CNN(window=64)')
    out = call(model, torch.randn(5, 64), name="CNN's forward")
    expect_tensor(out, (5, 1), 'CNN(window=64) on a batch of 5 windows')

