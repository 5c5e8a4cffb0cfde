from dlcourse_check import test_case

OK_FORMAT = False

name = "q3"
points = 5.5

@test_case(points=None, hidden=False)
def test_adam_two_steps(Adam):
    import numpy as np
    from dlcourse_testkit import expect_array
    w = np.array([1.0, 1.0])
    opt = Adam(lr=0.1)
    opt.step([w], [np.array([2.0, -0.5])])
    expect_array(w, [0.9, 1.1], 'w after the first step (about lr against the sign of the gradient)', rtol=1e-07)
    opt.step([w], [np.array([2.0, -0.5])])
    expect_array(w, [0.8, 1.2], 'w after a second step with the same gradient', rtol=1e-07)

