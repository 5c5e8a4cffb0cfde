from dlcourse_check import test_case

OK_FORMAT = False

name = "q1"
points = 4

@test_case(points=None, hidden=False)
def test_forward_one_layer(forward):
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_sequence
    X = np.array([[1.0, 2.0], [0.0, -1.0]])
    W = [np.array([[1.0, -1.0], [2.0, 0.5]])]
    b = [np.array([0.5, -1.0])]
    zs, activations = expect_sequence(call(forward, X, W, b, lambda z: np.maximum(z, 0)), 2, 'forward(...)')
    expect_sequence(zs, 1, 'zs of a one-layer network')
    expect_sequence(activations, 2, 'activations of a one-layer network')
    expect_array(activations[0], X, 'activations[0] (it is X)')
    expect_array(zs[0], [[-0.5, 2.0], [1.5, -1.5]], 'zs[0] = X @ W[0].T + b[0]')
    expect_array(activations[1], [[0.0, 2.0], [1.5, 0.0]], 'activations[1] = relu(zs[0])')

@test_case(points=None, hidden=False)
def test_forward_two_layers(forward):
    import numpy as np
    from dlcourse_testkit import call, expect_array, expect_sequence
    X = np.array([[1.0, 2.0]])
    W = [np.array([[1.0, 0.0], [0.0, 1.0], [1.0, -1.0]]), np.array([[1.0, 2.0, 3.0]])]
    b = [np.zeros(3), np.array([0.5])]
    zs, activations = expect_sequence(call(forward, X, W, b, lambda z: z), 2, 'forward(...)')
    expect_sequence(zs, 2, 'zs of a two-layer network')
    expect_sequence(activations, 3, 'activations of a two-layer network')
    expect_array(zs[0], [[1.0, 2.0, -1.0]], 'zs[0] with the identity activation')
    expect_array(zs[1], [[2.5]], 'zs[1] with the identity activation')
    expect_array(activations[2], [[2.5]], 'activations[2] with the identity activation')

