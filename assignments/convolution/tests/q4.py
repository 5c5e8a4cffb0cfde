from dlcourse_check import test_case

OK_FORMAT = False

name = "q4"
points = 3.5

@test_case(points=None, hidden=False)
def test_pool1d_out_len_examples(pool1d_out_len):
    from dlcourse_testkit import call, expect_int
    expect_int(call(pool1d_out_len, 12, 2), 6, "pool1d_out_len(12, 2), the lecture's example")
    expect_int(call(pool1d_out_len, 12, 3, stride=1), 10, 'pool1d_out_len(12, 3, stride=1)')
    expect_int(call(pool1d_out_len, 5, 2), 2, 'pool1d_out_len(5, 2)')
    expect_int(call(pool1d_out_len, 5, 2, ceil_mode=True), 3, 'pool1d_out_len(5, 2, ceil_mode=True)')
    expect_int(call(pool1d_out_len, 5, 2, padding=1, ceil_mode=True), 3, 'pool1d_out_len(5, 2, padding=1, ceil_mode=True)')

