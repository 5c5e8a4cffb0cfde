from dlcourse_check import test_case

OK_FORMAT = False

name = "q2"
points = 3

@test_case(points=None, hidden=False)
def test_predict_lecture_gates(perceptron_predict):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    w = np.array([0.5, 0.5])
    expect_array(call(perceptron_predict, X, w, -0.8), [0.0, 0.0, 0.0, 1.0], "AND with the lecture's weights")
    expect_array(call(perceptron_predict, X, w, -0.3), [0.0, 1.0, 1.0, 1.0], "OR with the lecture's weights")

