from dlcourse_check import test_case

OK_FORMAT = False

name = "q6"
points = 1

@test_case(points=None, hidden=False)
def test_gru_parameters_is_an_int(gru_parameters):
    from dlcourse_testkit import CheckFailed
    if type(gru_parameters) is not int:
        raise CheckFailed('gru_parameters must be a Python int')

