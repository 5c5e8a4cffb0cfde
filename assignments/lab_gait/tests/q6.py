from dlcourse_check import test_case

OK_FORMAT = False

name = "q6"
points = 1

@test_case(points=None, hidden=False)
def test_windows_per_record_is_a_positive_int(windows_per_record):
    import numpy as np
    from dlcourse_testkit import CheckFailed
    if type(windows_per_record) not in (int, np.int64, np.int32) or windows_per_record <= 0:
        raise CheckFailed('windows_per_record must be a positive int')

