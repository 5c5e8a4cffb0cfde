from dlcourse_check import test_case

OK_FORMAT = False

name = "q5"
points = 5

@test_case(points=None, hidden=False)
def test_fit_batch_gd_example(fit):
    import numpy as np
    from dlcourse_testkit import expect_array

    def model_grad(params, X, y):
        w, b = params
        r = X @ w + b - y
        return (float(np.mean(r ** 2)), [2 / len(y) * (X.T @ r), np.array(2 / len(y) * r.sum())])

    class PlainGD:

        def step(self, params, grads):
            for param, grad in zip(params, grads):
                param -= 0.1 * grad
    X, y = (np.array([[0.0], [1.0], [2.0], [3.0]]), np.array([1.0, 3.0, 5.0, 7.0]))
    w, b = (np.array([0.0]), np.array(0.0))
    history = fit(X, y, model_grad, [w, b], PlainGD(), batch_size=4, epochs=2, seed=0)
    expect_array(history, [21.0, 0.535, 0.01435], 'the loss history (before training, after epochs 1 and 2)')
    expect_array(w, [1.97], 'w after fit (trained in place)')
    expect_array(b, 0.93, 'b after fit (trained in place)')

