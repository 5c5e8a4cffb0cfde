from dlcourse_check import test_case

OK_FORMAT = False

name = "q6"
points = 2.5

@test_case(points=None, hidden=False)
def test_max_pool1d_examples(max_pool1d):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    x = np.array([3.0, 1, 0, 3, -1, 3, 0, 2, 1, -1, 0, 4])
    expect_array(call(max_pool1d, x, 2), [3, 3, 3, 2, 1, 4], "max_pool1d of the lecture's example")
    expect_array(call(max_pool1d, np.array([1.0, 3.0, 2.0, 5.0]), 2, 1), [3, 3, 5], 'max_pool1d([1, 3, 2, 5], 2, 1)')

