from dlcourse_check import test_case

OK_FORMAT = False

name = "q4"
points = 1

@test_case(points=None, hidden=False)
def test_head_features_100_is_an_int(head_features_100):
    from dlcourse_testkit import CheckFailed
    if type(head_features_100) is not int:
        raise CheckFailed('head_features_100 must be a Python int')

