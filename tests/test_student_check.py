"""The students' dlcourse_check: public checks and export, with Otter's test-file format."""
from __future__ import annotations

import json
import zipfile

import numpy as np
import pytest

from autograder.shipped import dlcourse_check, register

TEST_FILE = '''from dlcourse_check import test_case

OK_FORMAT = False

name = "q1"
points = 2

@test_case(points=None, hidden=False)
def test_double(double):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    expect_array(call(double, np.array([1.0, 2.0])), [2.0, 4.0], "double([1, 2])")

@test_case(points=None, hidden=False, failure_message="double must accept integers")
def test_double_int(double):
    import numpy as np
    from dlcourse_testkit import call, expect_array
    expect_array(call(double, np.array([3])), [6], "double([3])")
'''


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    register()
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "q1.py").write_text(TEST_FILE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_check_passes_a_correct_function(workdir):
    """Does grader.check report every public test passed for a correct answer, and say it is not the grade?"""
    grader = dlcourse_check.Notebook("nb.ipynb")
    result = grader.check("q1", {"double": lambda z: 2 * np.asarray(z, dtype=float)})
    assert result.passed
    assert "2 of 2 public tests passed" in result.summary()
    assert "hidden tests decide the grade" in result.summary()


def test_check_reports_failures_with_their_messages(workdir):
    """Does a failing test show its failure message and the testkit's explanation, not a traceback?"""
    result = dlcourse_check.Notebook().check("q1", {"double": lambda z: z})
    assert not result.passed
    text = result.summary()
    assert "0 of 2 public tests passed" in text
    assert "double must accept integers" in text and "is wrong" in text
    assert "Traceback" not in text


def test_check_uses_the_callers_globals(workdir):
    """Does grader.check('q1') find the student's function among the notebook's globals, as Otter does?"""
    double = lambda z: 2 * np.asarray(z, dtype=float)  # noqa: E731,F841  (found by name)
    grader = dlcourse_check.Notebook()
    result = eval("grader.check('q1')", {"grader": grader, "double": double})
    assert result.passed


def test_stub_fails_cleanly(workdir):
    """Does an unanswered stub (returning None) fail every test without crashing the check?"""
    result = dlcourse_check.Notebook().check("q1", {"double": lambda z: None})
    assert [c.passed for c in result.cases] == [False, False]


def test_unknown_question_is_a_clear_error(workdir):
    """Is asking for a question without tests a clear error?"""
    with pytest.raises(FileNotFoundError, match="q9"):
        dlcourse_check.Notebook().check("q9", {})


def test_export_writes_the_saved_notebook_and_a_manifest(workdir):
    """Does export() zip the saved notebook with its hash, ready for Moodle?"""
    nb = workdir / "lab.ipynb"
    nb.write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    out = dlcourse_check.Notebook("lab.ipynb").export(pdf=False, run_tests=True)
    assert out.name == "lab_submission.zip"
    with zipfile.ZipFile(out) as zf:
        assert sorted(zf.namelist()) == ["dlcourse-submission.json", "lab.ipynb"]
        manifest = json.loads(zf.read("dlcourse-submission.json"))
    assert manifest["notebook"] == "lab.ipynb" and len(manifest["sha256"]) == 64


def test_export_refuses_a_missing_or_broken_notebook(workdir):
    """Does export() refuse a notebook that was never saved or is not JSON?"""
    with pytest.raises(FileNotFoundError):
        dlcourse_check.Notebook("missing.ipynb").export()
    (workdir / "broken.ipynb").write_text("{not json")
    with pytest.raises(ValueError):
        dlcourse_check.Notebook("broken.ipynb").export()


def test_same_files_load_under_otter(workdir):
    """Do the same test files, with Otter's import, load and score under Otter's own runner?"""
    from otter.test_files import ExceptionTestFile

    otter_file = workdir / "tests" / "otter_q1.py"
    otter_file.write_text(TEST_FILE.replace("from dlcourse_check import test_case",
                                            "from otter.test_files import test_case"))
    tf = ExceptionTestFile.from_file(str(otter_file))
    tf.run({"double": lambda z: 2 * np.asarray(z, dtype=float)})
    assert tf.score == tf.possible == 2
