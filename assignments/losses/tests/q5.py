from dlcourse_check import test_case

OK_FORMAT = False

name = "q5"
points = 4

@test_case(points=None, hidden=False)
def test_cross_entropy_example(cross_entropy):
    import numpy as np
    from dlcourse_testkit import call, expect_number
    y = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    p = np.array([[0.2, 0.7, 0.1], [0.5, 0.25, 0.25]])
    expect_number(call(cross_entropy, y, p), 0.52491106, 'cross_entropy of two samples')

