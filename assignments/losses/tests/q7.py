from dlcourse_check import test_case

OK_FORMAT = False

name = "q7"
points = 3

@test_case(points=None, hidden=False)
def test_bce_grad_example(binary_cross_entropy_grad):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    expect_array(call(binary_cross_entropy_grad, np.array([1.0, 0.0]), np.array([0.8, 0.4])), [-0.625, 0.83333333], 'binary_cross_entropy_grad([1, 0], [0.8, 0.4])', rtol=1e-07)

