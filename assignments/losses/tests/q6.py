from dlcourse_check import test_case

OK_FORMAT = False

name = "q6"
points = 3

@test_case(points=None, hidden=False)
def test_mse_grad_example(mse_grad):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    expect_array(call(mse_grad, np.array([1.0, 2.0, 3.0]), np.array([1.5, 2.0, 1.0])), [0.33333333, 0.0, -1.33333333], 'mse_grad([1, 2, 3], [1.5, 2, 1])', rtol=1e-07)

