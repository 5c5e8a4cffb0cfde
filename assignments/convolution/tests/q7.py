from dlcourse_check import test_case

OK_FORMAT = False

name = "q7"
points = 2.5

@test_case(points=None, hidden=False)
def test_avg_pool1d_examples(avg_pool1d):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    x = np.array([3.0, 1, 0, 3, -1, 3, 0, 2, 1, -1, 0, 4])
    expect_array(call(avg_pool1d, x, 2), [2, 1.5, 1, 1, 0, 2], "avg_pool1d of the lecture's signal, size 2")
    expect_array(call(avg_pool1d, np.array([1.0, 2.0, 3.0, 4.0, 5.0]), 2, 1), [1.5, 2.5, 3.5, 4.5], 'avg_pool1d([1, 2, 3, 4, 5], 2, 1)')

