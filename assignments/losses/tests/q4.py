from dlcourse_check import test_case

OK_FORMAT = False

name = "q4"
points = 4

@test_case(points=None, hidden=False)
def test_softmax_example(softmax):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    expect_array(call(softmax, np.array([1.0, 2.0, 3.0])), [0.09003057, 0.24472847, 0.66524096], 'softmax([1, 2, 3])', rtol=1e-07)
    z = np.array([[1000.0, 1000.0], [0.0, np.log(3.0)]])
    expect_array(call(softmax, z), [[0.5, 0.5], [0.25, 0.75]], 'softmax of [[1000, 1000], [0, log 3]]')

