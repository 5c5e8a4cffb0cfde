from dlcourse_check import test_case

OK_FORMAT = False

name = "q3"
points = 4

@test_case(points=None, hidden=False)
def test_conv1d_lecture_example(conv1d):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    x = np.array([3.0, 1, 0, 3, -1, 3, 0, 2, 1, -1, 0, 4])
    kernel = np.array([2.0, 0, 1, 1])
    expect_array(call(conv1d, x, kernel), [9, 4, 2, 9, 0, 9, 0, 3, 6], "conv1d of the lecture's example")

@test_case(points=None, hidden=False)
def test_conv1d_options_example(conv1d):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    x = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    expect_array(call(conv1d, x[:4], np.array([1.0, 1.0]), padding=1), [1, 3, 5, 7, 4], 'conv1d([1, 2, 3, 4], [1, 1], padding=1)')
    expect_array(call(conv1d, x, np.array([1.0, -1.0]), stride=2), [-1, -1], 'conv1d([1, 2, 3, 4, 5], [1, -1], stride=2)')
    expect_array(call(conv1d, x, np.array([1.0, -1.0]), dilation=2), [-2, -2, -2], 'conv1d([1, 2, 3, 4, 5], [1, -1], dilation=2)')

