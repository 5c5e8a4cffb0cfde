from dlcourse_check import test_case

OK_FORMAT = False

name = "q5"
points = 2

@test_case(points=None, hidden=False)
def test_parameter_counts_are_positive_ints(mlp_parameters, gru_parameters):
    import numpy as np
    from dlcourse_testkit import CheckFailed
    for name, value in (('mlp_parameters', mlp_parameters), ('gru_parameters', gru_parameters)):
        if type(value) not in (int, np.int64, np.int32) or value <= 0:
            raise CheckFailed(f'{name} must be a positive int')

