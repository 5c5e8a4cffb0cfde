"""Does any student-facing file (assignments/, student zips) hold solution code, hidden tests or expected values?"""
from __future__ import annotations

import ast
import inspect
import importlib
import zipfile

import pytest

from autograder.assignments import ROOT, all_assignments

NAMES = [a.name for a in all_assignments()]
MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "# SOLUTION", "BEGIN TEST CONFIG", "hidden=True", "hidden: true",
           "from solutions", "import solutions", "_reference")


def student_texts(name: str, built) -> dict[str, str]:
    """Every student-facing text: the committed folder and the freshly built student zip."""
    texts = {}
    folder = ROOT / "assignments" / name
    for path in folder.rglob("*"):
        if path.is_file():
            texts[f"assignments/{name}/{path.relative_to(folder)}"] = path.read_text(encoding="utf-8")
    with zipfile.ZipFile(built[name].student_zip) as zf:
        for entry in zf.namelist():
            texts[f"{built[name].student_zip.name}:{entry}"] = zf.read(entry).decode("utf-8")
    return texts


def _long_lines(source: str, minimum: int = 30) -> set[str]:
    lines = {line.strip() for line in source.splitlines()}
    return {line for line in lines if len(line) >= minimum and not line.startswith(("#", '"""', "'''"))}


def hidden_tests(name: str, built) -> dict[str, str]:
    """Name -> source of every hidden test function in the autograder bundle."""
    found = {}
    with zipfile.ZipFile(built[name].autograder_zip) as zf:
        for entry in (n for n in zf.namelist() if n.startswith("tests/")):
            source = zf.read(entry).decode()
            for node in ast.parse(source).body:
                if isinstance(node, ast.FunctionDef) and "hidden=True" in ast.unparse(node.decorator_list[0]):
                    found[node.name] = ast.get_source_segment(source, node)
    return found


def _normalised(text: str) -> str:
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def reference_bodies(name: str) -> set[str]:
    """Every two consecutive code lines (not docstrings, not comments) of the reference's functions.

    Pairs rather than single lines: a lone line such as ``for p, g in zip(params, grads):``
    may well appear in a prompt, while two lines of the reference in a row are its code.
    """
    module = importlib.import_module(f"solutions.{name}")
    # A lab's module re-exports the shared models: their code counts as this assignment's reference.
    modules = {module} | {importlib.import_module(node.module) for node in ast.walk(ast.parse(inspect.getsource(module)))
                          if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("solutions.")}
    windows = set()
    for mod in modules:
        windows |= _code_windows(inspect.getsource(mod))
    return windows


def _code_windows(source: str) -> set[str]:
    windows = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef):
            body = node.body[1:] if ast.get_docstring(node) else node.body
            code = "\n".join(ast.get_source_segment(source, statement) or "" for statement in body)
            lines = [line for line in _normalised(code).splitlines() if not line.startswith("#")]
            windows |= {f"{a}\n{b}" for a, b in zip(lines, lines[1:]) if len(a) + len(b) >= 30}
    return windows


@pytest.mark.parametrize("name", NAMES)
def test_no_solution_or_hidden_markers(name, built):
    """Is every marker of solutions and hidden tests absent from student-facing files?"""
    for where, text in student_texts(name, built).items():
        for marker in MARKERS:
            assert marker not in text, f"{where} contains {marker!r}"


@pytest.mark.parametrize("name", NAMES)
def test_no_hidden_test_reaches_students(name, built):
    """Is no hidden test (its name or any line of its body) in a student-facing file?"""
    hidden = hidden_tests(name, built)
    assert hidden, "the autograder should have hidden tests"
    texts = student_texts(name, built)
    for test_name, source in hidden.items():
        body = _long_lines(source) - _public_lines(texts)
        for where, text in texts.items():
            assert test_name not in text, f"{where} names the hidden test {test_name}"
            leaked = [line for line in body if line in text]
            assert not leaked, f"{where} contains lines of the hidden test {test_name}: {leaked[:2]}"


def _public_lines(texts: dict[str, str]) -> set[str]:
    # Public tests legitimately share boilerplate with hidden ones (the testkit import,
    # for instance): only lines that appear in no public test count as hidden.
    return {line for where, text in texts.items() if "/tests/" in where for line in _long_lines(text)}


@pytest.mark.parametrize("name", NAMES)
def test_no_reference_code_reaches_students(name, built):
    """Is no line of the reference implementation in a student-facing file (docstrings are shared on purpose)?"""
    bodies = reference_bodies(name)
    assert bodies
    for where, text in student_texts(name, built).items():
        text = _normalised(text)
        leaked = [window for window in bodies if window in text]
        assert not leaked, f"{where} contains reference code: {leaked[:3]}"


@pytest.mark.parametrize("name", NAMES)
def test_student_notebook_has_no_outputs(name, built):
    """Does the student notebook carry no outputs, which could show the reference's results?"""
    import json

    nb = json.loads((ROOT / "assignments" / name / f"{name}.ipynb").read_text(encoding="utf-8"))
    assert all(not c.get("outputs") and c.get("execution_count") is None
               for c in nb["cells"] if c["cell_type"] == "code")
