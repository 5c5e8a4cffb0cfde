from dlcourse_check import test_case

OK_FORMAT = False

name = "q2"
points = 2.5

@test_case(points=None, hidden=False)
def test_conv2d_out_shape_examples(conv2d_out_shape):
    from dlcourse_testkit import call, expect_int, expect_sequence
    H, W = expect_sequence(call(conv2d_out_shape, 28, 28, 3), 2, 'conv2d_out_shape(28, 28, 3)')
    expect_int(H, 26, 'H_out of conv2d_out_shape(28, 28, 3)')
    expect_int(W, 26, 'W_out of conv2d_out_shape(28, 28, 3)')
    H, W = expect_sequence(call(conv2d_out_shape, 5, 9, (3, 2), stride=(1, 2), padding=(0, 1), dilation=(1, 2)), 2, 'conv2d_out_shape(5, 9, (3, 2), stride=(1, 2), padding=(0, 1), dilation=(1, 2))')
    expect_int(H, 3, 'H_out of conv2d_out_shape(5, 9, (3, 2), stride=(1, 2), padding=(0, 1), dilation=(1, 2))')
    expect_int(W, 5, 'W_out of conv2d_out_shape(5, 9, (3, 2), stride=(1, 2), padding=(0, 1), dilation=(1, 2))')

