from dlcourse_check import test_case

OK_FORMAT = False

name = "q8"
points = 1

@test_case(points=None, hidden=False)
def test_window_length_is_an_int(window_length):
    from dlcourse_testkit import CheckFailed
    if type(window_length) is not int:
        raise CheckFailed('set window_length to a whole number (an int)')

