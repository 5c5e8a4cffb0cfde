from dlcourse_check import test_case

OK_FORMAT = False

name = "q2"
points = 4.5

@test_case(points=None, hidden=False)
def test_momentum_two_steps(Momentum):
    import numpy as np
    from dlcourse_testkit import expect_array
    w = np.array([1.0, -1.0])
    opt = Momentum(0.1)
    opt.step([w], [np.array([1.0, 2.0])])
    expect_array(w, [0.9, -1.2], 'w after the first step (the buffer starts at the gradient)')
    opt.step([w], [np.array([1.0, 2.0])])
    expect_array(w, [0.71, -1.58], 'w after the second step (buffer = 0.9 * buffer + gradient)')

