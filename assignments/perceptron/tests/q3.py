from dlcourse_check import test_case

OK_FORMAT = False

name = "q3"
points = 7.5

@test_case(points=None, hidden=False)
def test_train_and_gate(perceptron_train):
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_bool, expect_number, expect_sequence
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0.0, 0.0, 0.0, 1.0])
    w, b, converged = expect_sequence(call(perceptron_train, X, y), 3, "perceptron_train's result")
    expect_array(w, [2.0, 1.0], 'w trained on AND')
    expect_number(b, -2.0, 'b trained on AND')
    expect_bool(converged, True, 'converged on AND')

@test_case(points=None, hidden=False)
def test_train_xor_does_not_converge(perceptron_train):
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_bool, expect_number, expect_sequence
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0.0, 1.0, 1.0, 0.0])
    w, b, converged = expect_sequence(call(perceptron_train, X, y, max_epochs=20), 3, "perceptron_train's result")
    expect_array(w, [-1.0, 0.0], 'w after 20 epochs on XOR')
    expect_number(b, 1.0, 'b after 20 epochs on XOR')
    expect_bool(converged, False, 'converged on XOR')

