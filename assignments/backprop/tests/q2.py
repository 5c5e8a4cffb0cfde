from dlcourse_check import test_case

OK_FORMAT = False

name = "q2"
points = 7

@test_case(points=None, hidden=False)
def test_backward_one_layer(backward):
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_sequence
    X = np.array([[1.0, 2.0], [0.0, -1.0]])
    zs = [np.array([[-0.5, 2.0], [1.5, -1.5]])]
    activations = [X, np.array([[0.0, 2.0], [1.5, 0.0]])]
    W = [np.array([[1.0, -1.0], [2.0, 0.5]])]
    y = np.ones((2, 2))
    relu_grad = lambda z: np.where(z >= 0, 1.0, 0.0)
    mse_grad = lambda y, y_hat: 2 * (y_hat - y) / y.size
    deltas, dW, db = expect_sequence(call(backward, y, zs, activations, W, relu_grad, mse_grad), 3, 'backward(...)')
    expect_sequence(deltas, 1, 'deltas of a one-layer network')
    expect_array(deltas[0], [[0.0, 0.5], [0.25, 0.0]], 'deltas[0] = mse_grad ⊙ relu_grad(z)')
    expect_array(dW[0], [[0.0, -0.25], [0.5, 1.0]], 'dW[0] = deltas[0].T @ X')
    expect_array(db[0], [0.25, 0.5], 'db[0] = deltas[0] summed over the batch')

@test_case(points=None, hidden=False)
def test_backward_two_layers(backward):
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_sequence
    X = np.array([[1.0, 2.0]])
    zs = [np.array([[1.0, 2.0, -1.0]]), np.array([[2.5]])]
    activations = [X, zs[0], zs[1]]
    W = [np.array([[1.0, 0.0], [0.0, 1.0], [1.0, -1.0]]), np.array([[1.0, 2.0, 3.0]])]
    y = np.array([[0.0]])
    one = lambda z: np.ones_like(z)
    mse_grad = lambda y, y_hat: 2 * (y_hat - y) / y.size
    deltas, dW, db = expect_sequence(call(backward, y, zs, activations, W, one, mse_grad), 3, 'backward(...)')
    deltas = expect_sequence(deltas, 2, 'deltas of a two-layer network')
    dW = expect_sequence(dW, 2, 'dW of a two-layer network')
    db = expect_sequence(db, 2, 'db of a two-layer network')
    expect_array(deltas[1], [[5.0]], 'deltas[1] (the output layer)')
    expect_array(deltas[0], [[5.0, 10.0, 15.0]], 'deltas[0] = deltas[1] @ W[1]')
    expect_array(dW[1], [[5.0, 10.0, -5.0]], 'dW[1] = deltas[1].T @ activations[1]')
    expect_array(dW[0], [[5.0, 10.0], [10.0, 20.0], [15.0, 30.0]], 'dW[0] = deltas[0].T @ X')
    expect_array(db[0], [5.0, 10.0, 15.0], 'db[0]')

