from dlcourse_check import test_case

OK_FORMAT = False

name = "q4"
points = 3

@test_case(points=None, hidden=False)
def test_leaky_relu_example(leaky_relu, leaky_relu_grad):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    z = np.array([-2.0, 3.0])
    expect_array(call(leaky_relu, z), [-0.02, 3.0], 'leaky_relu([-2, 3])')
    expect_array(call(leaky_relu_grad, z), [0.01, 1.0], 'leaky_relu_grad([-2, 3])')

