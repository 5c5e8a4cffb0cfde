from dlcourse_check import test_case

OK_FORMAT = False

name = "q4"
points = 3

@test_case(points=None, hidden=False)
def test_minibatches_sizes(minibatches):
    import numpy as np
    from dlcourse_testkit import expect_array, expect_sequence
    batches = expect_sequence(minibatches(10, 4, np.random.default_rng(0)), 3, 'minibatches(10, 4, rng)')
    expect_array(np.array([len(batch) for batch in batches]), [4, 4, 2], 'the batch sizes (4, 4, then the rest)')
    expect_array(np.sort(np.concatenate(batches)), np.arange(10), 'all indices of the epoch, sorted', kinds='iu')

