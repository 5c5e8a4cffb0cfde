from dlcourse_check import test_case

OK_FORMAT = False

name = "q5"
points = 1

@test_case(points=None, hidden=False)
def test_cnn_parameters_is_an_int(cnn_parameters):
    from dlcourse_testkit import CheckFailed
    if type(cnn_parameters) is not int:
        raise CheckFailed('cnn_parameters must be a Python int')

