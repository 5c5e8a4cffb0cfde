"""dlcourse build: committed student folders stay current, bundles are complete and reproducible."""
from __future__ import annotations

import json
import stat
import zipfile
from pathlib import Path

import pytest

from autograder.assignments import ROOT, all_assignments, get
from autograder.build import build_assignment
from autograder.build.master import MasterError, render
from autograder.build.stubs import solution_cell

NAMES = [a.name for a in all_assignments()]
SIX = ["activations", "backprop", "convolution", "losses", "optimizers", "perceptron"]


def test_every_concept_exercise_has_a_master():
    """Is there a master notebook for each of the six concept exercises?"""
    assert set(SIX) <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_committed_assignment_is_not_stale(name, built):
    """Is assignments/<name>/ exactly what `dlcourse build` makes from solutions/ today?"""
    committed = ROOT / "assignments" / name
    on_disk = {str(p.relative_to(committed)): p.read_bytes() for p in committed.rglob("*") if p.is_file()}
    fresh = built[name].student_files
    assert sorted(on_disk) == sorted(fresh), f"assignments/{name} is stale: run `dlcourse build {name}`"
    stale = [f for f in fresh if on_disk[f] != fresh[f]]
    assert not stale, f"assignments/{name}: {stale} differ from a fresh build: run `dlcourse build {name}`"


def test_build_is_byte_for_byte_reproducible(built, tmp_path):
    """Does a second build of the same sources give the same bytes, zips included?"""
    again = build_assignment(get("activations"), tmp_path / "assignments", tmp_path / "dist")
    first = built["activations"]
    assert again.student_zip.read_bytes() == first.student_zip.read_bytes()
    assert again.autograder_zip.read_bytes() == first.autograder_zip.read_bytes()


@pytest.mark.parametrize("name", NAMES)
def test_student_zip_holds_what_a_student_needs(name, built):
    """Does the student zip hold the notebook, public tests, helpers, figures, requirements and README?"""
    with zipfile.ZipFile(built[name].student_zip) as zf:
        names = set(zf.namelist())
        readme = zf.read(f"{name}/README.md").decode()
        requirements = zf.read(f"{name}/requirements.txt").decode().split()
        notebook = json.loads(zf.read(f"{name}/{name}.ipynb"))
    for required in (f"{name}.ipynb", "README.md", "requirements.txt", "dlcourse_check.py", "dlcourse_testkit.py"):
        assert f"{name}/{required}" in names
    assert any(n.startswith(f"{name}/tests/q") for n in names)
    for step in ("python -m venv venv", "pip install -r requirements.txt", "jupyter lab"):
        assert step in readme
    assert not any(r.startswith("otter") for r in requirements), "students must not need otter-grader"
    assert notebook["metadata"]["otter"]["assignment_name"] == name
    assert all(not c.get("outputs") for c in notebook["cells"] if c["cell_type"] == "code")
    sources = ["".join(c["source"]) for c in notebook["cells"]]
    assert any("dlcourse_check.Notebook" in s for s in sources)
    assert not any("import otter" in s for s in sources)


@pytest.mark.parametrize("name", NAMES)
def test_autograder_zip_holds_everything_the_grader_needs(name, built):
    """Does the autograder zip hold Otter's entry points, all tests (hidden too), the reference and a manifest?"""
    with zipfile.ZipFile(built[name].autograder_zip) as zf:
        names = set(zf.namelist())
        manifest = json.loads(zf.read("dlcourse-autograder.json"))
        tests = "".join(zf.read(n).decode() for n in names if n.startswith("tests/"))
        mode = zf.getinfo("run_autograder").external_attr >> 16
    for required in ("run_autograder", "run_otter.py", "otter_config.json", "files/dlcourse_testkit.py",
                     "files/dlcourse_check.py", f"files/solutions/{name}.py"):
        assert required in names
    assert "hidden=True" in tests
    assert not any("__pycache__" in n for n in names)
    assert mode & stat.S_IXUSR
    assert manifest["assignment"] == name and manifest["questions"] == built[name].questions
    assert manifest["total_points"] == pytest.approx(sum(built[name].questions.values()))
    assert manifest["total_points"] > 0


@pytest.mark.parametrize("name", NAMES)
def test_shipped_reference_package_is_complete(name, built):
    """Does every `solutions.*` import inside the autograder's reference package name a module it ships?"""
    import ast

    with zipfile.ZipFile(built[name].autograder_zip) as zf:
        shipped = {n[len("files/"):-len(".py")].replace("/", ".") for n in zf.namelist()
                   if n.startswith("files/solutions/") and n.endswith(".py")}
        sources = {n: zf.read(f"files/{n.replace('.', '/')}.py").decode() for n in shipped}
    modules = shipped | {m[: -len(".__init__")] for m in shipped if m.endswith(".__init__")}
    missing = set()
    for module, source in sources.items():
        for node in ast.walk(ast.parse(source)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            missing |= {f"{module} -> {n}" for n in names if n.startswith("solutions") and n not in modules}
    assert not missing, f"the bundle imports modules it does not ship: {sorted(missing)}"


def test_solution_cell_for_a_function():
    """Does a solution cell keep the reference's signature and docstring and delegate inside the markers?"""
    code = solution_cell("solutions.activations", ["leaky_relu"])
    assert code.startswith("def leaky_relu(z, alpha=0.01):\n")
    assert '"""z where z >= 0, else alpha·z."""' in code
    body = code.split("# BEGIN SOLUTION")[1].split("# END SOLUTION")[0]
    assert "from solutions.activations import leaky_relu as _reference" in body
    compile(code, "cell", "exec")


def test_solution_cell_for_a_class():
    """Does a class get a stub per public method, each delegating to one reference instance?"""
    code = solution_cell("solutions.optimizers", ["Momentum"])
    assert code.startswith("class Momentum:\n")
    assert "def __init__(self, lr, momentum=0.9):" in code and "def step(self, params, grads):" in code
    namespace = {}
    exec(code, namespace)
    import numpy as np

    p = [np.ones(2)]
    opt = namespace["Momentum"](lr=0.5)
    opt.step(p, [np.ones(2)])
    np.testing.assert_allclose(p[0], [0.5, 0.5])


def test_solution_cell_refuses_unknown_names():
    """Is a directive naming something the reference lacks refused at build time?"""
    with pytest.raises(ValueError, match="not a function, class or plain answer"):
        solution_cell("solutions.activations", ["softplus"])
    with pytest.raises(ValueError, match="not a function, class or plain answer"):
        solution_cell("solutions.activations", ["np"])


def test_unknown_directive_is_refused(tmp_path, monkeypatch):
    """Does a master with a misspelt directive fail the build with the file and the directive named?"""
    from autograder import assignments

    masters = tmp_path / "masters"
    masters.mkdir()
    (masters / "demo.py").write_text("# %%\n# dlcourse: solutoin sigmoid\n")
    monkeypatch.setattr(assignments, "MASTERS", masters)
    with pytest.raises(MasterError, match="solutoin"):
        render(assignments.Assignment("demo"), tmp_path)
