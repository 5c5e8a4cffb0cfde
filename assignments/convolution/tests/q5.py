from dlcourse_check import test_case

OK_FORMAT = False

name = "q5"
points = 2

@test_case(points=None, hidden=False)
def test_pool2d_out_shape_examples(pool2d_out_shape):
    from dlcourse_testkit import call, expect_int, expect_sequence
    H, W = expect_sequence(call(pool2d_out_shape, 4, 6, 2), 2, 'pool2d_out_shape(4, 6, 2)')
    expect_int(H, 2, 'H_out of pool2d_out_shape(4, 6, 2)')
    expect_int(W, 3, 'W_out of pool2d_out_shape(4, 6, 2)')
    H, W = expect_sequence(call(pool2d_out_shape, 5, 7, (2, 3), ceil_mode=True), 2, 'pool2d_out_shape(5, 7, (2, 3), ceil_mode=True)')
    expect_int(H, 3, 'H_out of pool2d_out_shape(5, 7, (2, 3), ceil_mode=True)')
    expect_int(W, 3, 'W_out of pool2d_out_shape(5, 7, (2, 3), ceil_mode=True)')

