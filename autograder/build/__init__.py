"""``dlcourse build``: master sources in, student folders and zips and autograder zips out.

For each assignment:

- ``assignments/<name>/``: the student notebook, public tests, shipped helpers, figures,
  requirements.txt and README.md (committed; never edited by hand);
- ``dist/<name>/<name>-student.zip``: that folder, zipped;
- ``dist/<name>/<name>-autograder.zip``: Otter's autograder bundle (public and hidden
  tests, reference package) plus ``dlcourse-autograder.json``.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from autograder import __version__
from autograder.assignments import ROOT, Assignment
from autograder.build import bundle
from autograder.build.master import SHIPPED_FILES, render
from autograder.build.otter_assign import run_otter_assign
from autograder.shipped import HERE as SHIPPED_DIR

REFERENCE_DIR = ROOT / "solutions"
README_TEMPLATE = Path(__file__).with_name("student_readme.md")


@dataclass
class BuildResult:
    name: str
    student_files: dict[str, bytes]
    student_zip: Path
    autograder_zip: Path
    questions: dict[str, float]


def _reference_files() -> dict[str, bytes]:
    """The reference package as the autograder ships it: its modules and the given code they import
    (``solutions.device`` uses ``solutions.labkit``); not the masters and catalogues."""
    files = {f"solutions/{p.name}": p.read_bytes() for p in sorted(REFERENCE_DIR.glob("*.py"))}
    files.update({f"solutions/{k}": v for k, v in _package_files("labkit").items()})
    return files


def _package_files(package: str) -> dict[str, bytes]:
    """A package of given code (e.g. labkit), as it travels beside the notebook: its .py files."""
    return {f"{package}/{p.name}": p.read_bytes() for p in sorted((REFERENCE_DIR / package).glob("*.py"))}


def source_digest(assignment: Assignment) -> str:
    """A hash of everything a build of ``assignment`` is made from (its 'autograder version')."""
    h = hashlib.sha256()
    parts = [assignment.master, README_TEMPLATE, *sorted(Path(__file__).parent.glob("*.py")),
             *(SHIPPED_DIR / f for f in SHIPPED_FILES)]
    for path in parts:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    shipped = {k: v for p in assignment.shipped_packages for k, v in _package_files(p).items()}
    for name, data in {**_reference_files(), **shipped}.items():
        h.update(name.encode() + b"\0" + data)
    return h.hexdigest()


def _title(notebook: bytes, name: str) -> str:
    for cell in json.loads(notebook)["cells"]:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return name


def _question_points(tests_dir: Path) -> dict[str, float]:
    from otter.test_files import ExceptionTestFile

    return {p.stem: float(sum(tc.points for tc in ExceptionTestFile.from_file(str(p)).test_cases))
            for p in sorted(tests_dir.glob("*.py"))}


def build_assignment(assignment: Assignment, assignments_dir: Path, dist_dir: Path) -> BuildResult:
    with tempfile.TemporaryDirectory(prefix=f"dlcourse-build-{assignment.name}-") as tmp:
        work = Path(tmp)
        for name in SHIPPED_FILES:
            shutil.copy(SHIPPED_DIR / name, work / name)
        shipped_packages = {k: v for p in assignment.shipped_packages for k, v in _package_files(p).items()}
        for arcname, data in {**_reference_files(), **shipped_packages}.items():
            (work / arcname).parent.mkdir(parents=True, exist_ok=True)
            (work / arcname).write_bytes(data)
        master, figures = render(assignment, work)
        out = work / "out"
        run_otter_assign(master, out)

        student_dir, ag_dir = out / "student", out / "autograder"
        notebook = bundle.student_notebook(student_dir / master.name)
        files = {master.name: notebook}
        for test in sorted((student_dir / "tests").glob("*.py")):
            files[f"tests/{test.name}"] = bundle.student_test_file(test)
        for name in SHIPPED_FILES:
            files[name] = (SHIPPED_DIR / name).read_bytes()
        files.update(shipped_packages)
        for slug, svg in figures.items():
            files[f"figures/{slug}.svg"] = svg.encode("utf-8")
        files["requirements.txt"] = ("\n".join(assignment.student_requirements) + "\n").encode()
        files["README.md"] = README_TEMPLATE.read_text(encoding="utf-8").format(
            title=_title(notebook, assignment.name), name=assignment.name).encode("utf-8")

        questions = _question_points(ag_dir / "tests")
        (ag_zip,) = ag_dir.glob("*-autograder_*.zip")
        grader_files = {k: v for k, v in bundle.read_zip(ag_zip).items() if bundle.keep_in_bundle(k)}
        # What the grader's sandbox may see: exactly what students get (never tests/ or files/).
        grader_files.update({f"public/{k}": v for k, v in files.items()})
        grader_files["dlcourse-autograder.json"] = json.dumps({
            "assignment": assignment.name,
            "lab": assignment.is_lab,
            "questions": questions,
            "total_points": sum(questions.values()),
            "source_sha256": source_digest(assignment),
            "dlcourse_version": __version__,
        }, indent=2, sort_keys=True).encode()

    target = assignments_dir / assignment.name
    if target.exists():
        shutil.rmtree(target)
    for arcname, data in files.items():
        (target / arcname).parent.mkdir(parents=True, exist_ok=True)
        (target / arcname).write_bytes(data)
    out_dir = dist_dir / assignment.name
    out_dir.mkdir(parents=True, exist_ok=True)
    student_zip = out_dir / f"{assignment.name}-student.zip"
    student_zip.write_bytes(bundle.zip_bytes({f"{assignment.name}/{k}": v for k, v in files.items()}))
    autograder_zip = out_dir / f"{assignment.name}-autograder.zip"
    autograder_zip.write_bytes(bundle.zip_bytes(grader_files))
    return BuildResult(assignment.name, files, student_zip, autograder_zip, questions)
