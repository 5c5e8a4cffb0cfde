from dlcourse_check import test_case

OK_FORMAT = False

name = "q1"
points = 3

@test_case(points=None, hidden=False)
def test_sgd_one_step(SGD):
    import numpy as np
    from dlcourse_testkit import expect_array
    w, b = (np.array([1.0, 2.0]), np.array(0.5))
    SGD(0.1).step([w, b], [np.array([0.5, -1.0]), np.array(2.0)])
    expect_array(w, [0.95, 2.1], 'w after one SGD step (updated in place)')
    expect_array(b, 0.3, 'b after one SGD step (updated in place)')

