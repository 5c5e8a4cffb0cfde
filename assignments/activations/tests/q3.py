from dlcourse_check import test_case

OK_FORMAT = False

name = "q3"
points = 3

@test_case(points=None, hidden=False)
def test_relu_example(relu, relu_grad):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    z = np.array([-2.0, -0.5, 0.5, 3.0])
    expect_array(call(relu, z), [0.0, 0.0, 0.5, 3.0], 'relu([-2, -0.5, 0.5, 3])')
    expect_array(call(relu_grad, z), [0.0, 0.0, 1.0, 1.0], 'relu_grad([-2, -0.5, 0.5, 3])')

