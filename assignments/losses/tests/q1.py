from dlcourse_check import test_case

OK_FORMAT = False

name = "q1"
points = 4

@test_case(points=None, hidden=False)
def test_mse_mae_example(mse, mae):
    import numpy as np
    from dlcourse_testkit import call, expect_number
    y, y_hat = (np.array([1.0, 2.0, 3.0]), np.array([1.5, 2.0, 1.0]))
    expect_number(call(mse, y, y_hat), 1.41666667, 'mse([1, 2, 3], [1.5, 2, 1])')
    expect_number(call(mae, y, y_hat), 0.83333333, 'mae([1, 2, 3], [1.5, 2, 1])')

