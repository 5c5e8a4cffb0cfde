"""Do the hidden tests discriminate? Reference 100 %, stub 0 %, every catalogue entry judged right."""
from __future__ import annotations

import zipfile

import pytest

from autograder.assignments import all_assignments
from autograder.discrimination import evaluate
from tests.ledger import DISCRIMINATION

NAMES = [a.name for a in all_assignments()]


@pytest.fixture(scope="module")
def reports(built, tmp_path_factory):
    out = {}
    for name in NAMES:
        unpacked = tmp_path_factory.mktemp(f"ag-{name}")
        with zipfile.ZipFile(built[name].autograder_zip) as zf:
            zf.extractall(unpacked)
        notebook = built[name].student_zip.parents[2] / "assignments" / name / f"{name}.ipynb"
        out[name] = evaluate(name, unpacked / "tests", notebook)
        DISCRIMINATION.append(out[name])
    return out


@pytest.mark.parametrize("name", NAMES)
def test_reference_full_marks_stub_zero(name, reports):
    """Does the reference pass every public and hidden test, and the untouched stub score 0?"""
    r = reports[name]
    assert r.reference.score == r.reference.possible > 0
    assert r.stub.score == 0


@pytest.mark.parametrize("name", NAMES)
def test_every_wrong_implementation_loses_points_on_a_hidden_test(name, reports):
    """Does each plausible mistake of the catalogue (at least six) lose points on a hidden test?"""
    r = reports[name]
    wrong = r.of_kind("wrong")
    assert len(wrong) >= 6
    escaped = [o.label for o, f in wrong if not o.ok(r.reference.score, f)]
    assert not escaped, f"not caught by a hidden test: {escaped}"


@pytest.mark.parametrize("name", NAMES)
def test_every_correct_alternative_gets_full_marks(name, reports):
    """Does each correct-but-different implementation get full marks?"""
    r = reports[name]
    correct = r.of_kind("correct")
    assert len(correct) >= 3
    rejected = [(o.label, [c.name for c in o.cases if not c.passed]) for o, f in correct if not o.ok(0, f)]
    assert not rejected, f"valid implementations rejected: {rejected}"


@pytest.mark.parametrize("name", NAMES)
def test_forged_results_earn_nothing(name, reports):
    """Does every test that calls a forged function (always-equal, __array_function__, Tensor, subclass) fail?"""
    r = reports[name]
    hostile = r.of_kind("hostile")
    assert len(hostile) >= 5
    rewarded = [o.label for o, f in hostile if not o.ok(r.reference.score, f)]
    assert not rewarded, f"forgeries that earned points: {rewarded}"


@pytest.mark.parametrize("name", NAMES)
def test_failure_messages_reveal_no_inputs_values_or_test_code(name, reports, built):
    """Does every message a wrong or forged implementation receives avoid values and hidden test code?"""
    import re

    from tests.test_leaks import _long_lines, hidden_tests

    hidden_code = set().union(*(_long_lines(src, minimum=20) for src in hidden_tests(name, built).values()))
    r = reports[name]
    messages = [c.message for o, _ in r.variants for c in o.cases if not c.passed]
    assert messages
    for message in messages:
        assert message.strip(), "a failed test must say something"
        # contract constants such as 1e-12 may be named; computed values (0.731, 2.3e-05) may not
        assert not re.search(r"\d\.\d{3,}|\d\.\d+e[-+]?\d", message), f"message shows a value: {message!r}"
        assert not any(line in message for line in hidden_code), f"message shows test code: {message!r}"
