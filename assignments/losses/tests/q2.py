from dlcourse_check import test_case

OK_FORMAT = False

name = "q2"
points = 4

@test_case(points=None, hidden=False)
def test_smooth_l1_example(smooth_l1):
    import numpy as np
    from dlcourse_testkit import call, expect_number
    y, y_hat = (np.zeros(3), np.array([0.5, 2.0, -3.0]))
    expect_number(call(smooth_l1, y, y_hat), 1.375, 'smooth_l1 with the default beta')
    expect_number(call(smooth_l1, y, y_hat, beta=2.0), 1.02083333, 'smooth_l1 with beta = 2')

