from dlcourse_check import test_case

OK_FORMAT = False

name = "q1"
points = 3

@test_case(points=None, hidden=False)
def test_conv1d_out_len_examples(conv1d_out_len):
    from dlcourse_testkit import call, expect_int
    expect_int(call(conv1d_out_len, 12, 4), 9, "conv1d_out_len(12, 4), the lecture's example")
    expect_int(call(conv1d_out_len, 12, 3, padding=1), 12, 'conv1d_out_len(12, 3, padding=1)')
    expect_int(call(conv1d_out_len, 12, 4, stride=2), 5, 'conv1d_out_len(12, 4, stride=2)')
    expect_int(call(conv1d_out_len, 12, 4, dilation=2), 6, 'conv1d_out_len(12, 4, dilation=2)')

@test_case(points=None, hidden=False)
def test_conv1d_out_len_kernel_that_just_fits_or_not(conv1d_out_len):
    from dlcourse_testkit import call, expect_int, expect_raises
    expect_int(call(conv1d_out_len, 4, 4), 1, 'conv1d_out_len(4, 4)')
    expect_raises(ValueError, conv1d_out_len, 3, 4, what='conv1d_out_len(3, 4)')

