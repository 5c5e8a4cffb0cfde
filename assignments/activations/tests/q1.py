from dlcourse_check import test_case

OK_FORMAT = False

name = "q1"
points = 4

@test_case(points=None, hidden=False)
def test_sigmoid_at_zero(sigmoid, sigmoid_grad):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    z = np.array([0.0])
    expect_array(call(sigmoid, z), [0.5], 'sigmoid(0)')
    expect_array(call(sigmoid_grad, z), [0.25], 'sigmoid_grad(0)')

@test_case(points=None, hidden=False)
def test_sigmoid_small_example(sigmoid):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    z = np.array([-2.0, -1.0, 1.0, 2.0])
    expect_array(call(sigmoid, z), [0.11920292, 0.26894142, 0.73105858, 0.88079708], 'sigmoid([-2, -1, 1, 2])', rtol=1e-07)

