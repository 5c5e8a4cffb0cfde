from dlcourse_check import test_case

OK_FORMAT = False

name = "q2"
points = 3

@test_case(points=None, hidden=False)
def test_tanh_at_zero(tanh, tanh_grad):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    z = np.array([0.0, 1.0])
    expect_array(call(tanh, z), [0.0, 0.76159416], 'tanh([0, 1])', rtol=1e-07)
    expect_array(call(tanh_grad, np.array([0.0])), [1.0], 'tanh_grad(0)')

