"""The grading engine: reference full marks, stub zero, Otter's scores on honest work, determinism, CLI."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.assignments import all_assignments
from autograder.grade.engine import Bundle, grade
from autograder.grade.specimens import catalogue, notebook_with, reference_source
from tests.grading import grade_notebook, student_notebook

NAMES = [a.name for a in all_assignments()]


@pytest.fixture(scope="module")
def bundles(built):
    opened = {name: Bundle(built[name].autograder_zip) for name in NAMES}
    yield opened
    for bundle in opened.values():
        bundle.close()


@pytest.mark.parametrize("name", NAMES)
def test_reference_gets_full_marks_and_the_stub_zero_in_the_sandbox(name, bundles, built, tmp_path):
    stub = student_notebook(built, name)
    reference = grade_notebook(bundles[name], notebook_with(stub, reference_source(name)), tmp_path, "reference")
    assert reference.status == "graded", reference.table()
    assert reference.score == reference.possible == sum(built[name].questions.values()), reference.table()
    untouched = grade_notebook(bundles[name], stub, tmp_path, "stub")
    assert untouched.status == "graded" and untouched.score == 0, untouched.table()
    assert all(not t.passed and t.message for t in untouched.tests)


def test_the_sandbox_never_sees_the_tests_or_the_reference(bundles):
    public = bundles["lab_af"].public
    assert "dlcourse_testkit.py" in public and "labkit/training.py" in public
    assert not any(k.startswith("files/") or "solutions" in k for k in public)
    tests = [k for k in public if k.startswith("tests/")]
    assert tests and not any(b"hidden=True" in public[k] or b"'hidden': True" in public[k] for k in tests)
    assert not any(k.endswith(".ipynb") for k in public)


def _otter_run(bundle_zip: Path, notebook: Path, out: Path) -> dict[str, float]:
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "otter", "run", "--no-logo", "-a", str(bundle_zip), "-o", str(out),
                    str(notebook)], check=True, capture_output=True, timeout=300)
    results = json.loads((out / "results.json").read_text())
    return {t["name"]: float(t["score"]) for t in results["tests"] if "score" in t and t["name"].startswith("q")}


# Honest submissions: one assignment per kind of contract (functions with warnings and integer
# input; classes with state and callbacks), all of their wrong and correct catalogue entries.
AGREEMENT = ["activations", "optimizers"]


@pytest.mark.parametrize("name", AGREEMENT)
def test_scores_equal_otter_run_on_honest_submissions(name, bundles, built, tmp_path):
    stub = student_notebook(built, name)
    base = reference_source(name)
    cases = {"reference": notebook_with(stub, base), "stub": stub}
    table = catalogue(name)
    for kind in ("wrong", "correct"):
        # otter run costs about 6 s a notebook: optimizers is sampled (every other entry)
        entries = list(table[kind].items())[:: 1 if name == "activations" else 2]
        for label, code in entries:
            cases[f"{kind}: {label}"] = notebook_with(stub, base + "\n" + code)
    disagreements = []
    for i, (label, notebook) in enumerate(cases.items()):
        path = tmp_path / f"case{i}.ipynb"
        path.write_text(json.dumps(notebook))
        ours = grade(bundles[name], path)
        theirs = _otter_run(built[name].autograder_zip, path, tmp_path / f"otter{i}")
        mine = {q.name: q.score for q in ours.questions}
        if mine != theirs:
            disagreements.append((label, mine, theirs))
    print(f"\n{name}: {len(cases)} honest submissions, {len(cases) - len(disagreements)} agree with otter run")
    assert not disagreements, disagreements


def test_same_submission_same_score_every_time(bundles, built, tmp_path):
    """Seeded: a lab notebook whose models train in the tests gives the same per-test outcome twice."""
    stub = student_notebook(built, "lab_af")
    notebook = notebook_with(stub, reference_source("lab_af"))
    runs = [grade_notebook(bundles["lab_af"], notebook, tmp_path, f"run{i}") for i in range(2)]
    assert [(t.name, t.passed, t.message) for t in runs[0].tests] == [(t.name, t.passed, t.message)
                                                                      for t in runs[1].tests]
    wrong_label, wrong_code = next(iter(catalogue("optimizers")["wrong"].items()))
    stub = student_notebook(built, "optimizers")
    notebook = notebook_with(stub, reference_source("optimizers") + "\n" + wrong_code)
    twice = [grade_notebook(bundles["optimizers"], notebook, tmp_path, f"w{i}") for i in range(2)]
    assert twice[0].to_dict()["tests"] == twice[1].to_dict()["tests"]
    assert twice[0].score < twice[0].possible


def test_results_json_is_otters_format_without_test_code(bundles, built, tmp_path):
    stub = student_notebook(built, "activations")
    result = grade_notebook(bundles["activations"], stub, tmp_path)
    data = result.gradescope()
    assert {t["name"] for t in data["tests"]} == {"q1", "q2", "q3", "q4"}
    assert all(set(t) >= {"name", "score", "max_score", "visibility", "output"} for t in data["tests"])
    text = json.dumps(data)
    assert "def test_" not in text and "ref." not in text and "expect_array(" not in text


def test_cli_grades_and_writes_results(built, tmp_path):
    from autograder.cli import main

    stub = student_notebook(built, "activations")
    notebook = tmp_path / "mine.ipynb"
    notebook.write_text(json.dumps(notebook_with(stub, reference_source("activations"))))
    out = tmp_path / "out"
    assert main(["grade", str(built["activations"].autograder_zip), str(notebook), "--out", str(out)]) == 0
    assert json.loads((out / "results.json").read_text())["score"] == 13.0
    assert json.loads((out / "dlcourse-results.json").read_text())["status"] == "graded"
    assert main(["grade", "no_such_assignment", str(notebook)]) == 2


def test_invalid_input_is_a_row_with_a_reason_not_a_crash(bundles, tmp_path):
    broken = tmp_path / "broken.ipynb"
    broken.write_text('{"cells": [')
    result = grade(bundles["activations"], broken)
    assert result.status == "invalid input" and "JSON is broken" in result.reason
    assert result.score == 0 and result.possible == 13 and len(result.questions) == 4


def test_a_numpy_exercise_that_imports_torch_is_still_graded(bundles, built, tmp_path):
    """Where the sandbox hides torch, `import torch` gives an empty module; the worker must not mistake it."""
    from tests.grading import with_cell

    stub = student_notebook(built, "activations")
    notebook = with_cell(notebook_with(stub, reference_source("activations")), "import torch\n", after_answers=False)
    result = grade_notebook(bundles["activations"], notebook, tmp_path, "imports-torch")
    assert result.score == result.possible == 13, result.table()
    assert not any("without it" in note or "raised" in note for note in result.notes), result.notes
