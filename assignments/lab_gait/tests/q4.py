from dlcourse_check import test_case

OK_FORMAT = False

name = "q4"
points = 1

@test_case(points=None, hidden=False)
def test_cnn_head_features_is_a_multiple_of_the_channels(cnn_head_features_100):
    import numpy as np
    from dlcourse_testkit import CheckFailed
    if type(cnn_head_features_100) not in (int, np.int64, np.int32):
        raise CheckFailed('cnn_head_features_100 must be an int')
    if cnn_head_features_100 <= 0 or cnn_head_features_100 % 32 != 0:
        raise CheckFailed("cnn_head_features_100 must be a positive multiple of 32, the last block's channels")

