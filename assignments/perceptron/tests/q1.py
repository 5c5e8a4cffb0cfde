from dlcourse_check import test_case

OK_FORMAT = False

name = "q1"
points = 2.5

@test_case(points=None, hidden=False)
def test_step_sign_example(step, sign):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    z = np.array([-2.0, 0.0, 3.0])
    expect_array(call(step, z), [0.0, 0.0, 1.0], 'step([-2, 0, 3])')
    expect_array(call(sign, z), [-1.0, -1.0, 1.0], 'sign([-2, 0, 3])')

@test_case(points=None, hidden=False)
def test_step_sign_2d(step, sign):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    z = np.array([[0.5, -0.5], [4.0, -4.0]])
    expect_array(call(step, z), [[1.0, 0.0], [1.0, 0.0]], 'step on a 2-D array')
    expect_array(call(sign, z), [[1.0, -1.0], [1.0, -1.0]], 'sign on a 2-D array')

