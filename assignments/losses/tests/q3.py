from dlcourse_check import test_case

OK_FORMAT = False

name = "q3"
points = 4

@test_case(points=None, hidden=False)
def test_bce_example(binary_cross_entropy):
    import numpy as np
    from dlcourse_testkit import call, expect_number
    expect_number(call(binary_cross_entropy, np.array([1.0, 0.0]), np.array([0.8, 0.4])), 0.36698459, 'binary_cross_entropy([1, 0], [0.8, 0.4])')

@test_case(points=None, hidden=False)
def test_bce_is_finite_at_zero(binary_cross_entropy):
    import numpy as np
    from dlcourse_testkit import call, expect_number
    expect_number(call(binary_cross_entropy, np.array([1.0]), np.array([0.0])), 27.63102112, 'binary_cross_entropy([1], [0])')

