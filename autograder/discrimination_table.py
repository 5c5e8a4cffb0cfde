"""The discrimination table: one row per assignment, built from fresh or up-to-date bundles."""
from __future__ import annotations

import json
import tempfile
import zipfile
from pathlib import Path

from rich.table import Table

from autograder.assignments import Assignment
from autograder.build import build_assignment, source_digest
from autograder.discrimination import Report, evaluate


def _bundle_is_current(assignment: Assignment, dist_dir: Path, assignments_dir: Path) -> bool:
    zip_path = dist_dir / assignment.name / f"{assignment.name}-autograder.zip"
    notebook = assignments_dir / assignment.name / f"{assignment.name}.ipynb"
    if not (zip_path.is_file() and notebook.is_file()):
        return False
    with zipfile.ZipFile(zip_path) as zf:
        manifest = json.loads(zf.read("dlcourse-autograder.json"))
    return manifest.get("source_sha256") == source_digest(assignment)


def discrimination_reports(assignments: list[Assignment], dist_dir: Path, assignments_dir: Path) -> list[Report]:
    reports = []
    with tempfile.TemporaryDirectory(prefix="dlcourse-discrimination-") as tmp:
        tmp = Path(tmp)
        for assignment in assignments:
            dist, folders = dist_dir, assignments_dir
            if not _bundle_is_current(assignment, dist, folders):
                # Stale or missing bundles are rebuilt aside, never over the committed folders.
                dist, folders = tmp / "dist", tmp / "assignments"
                build_assignment(assignment, folders, dist)
            unpacked = tmp / "unpacked" / assignment.name
            with zipfile.ZipFile(dist / assignment.name / f"{assignment.name}-autograder.zip") as zf:
                zf.extractall(unpacked)
            notebook = folders / assignment.name / f"{assignment.name}.ipynb"
            reports.append(evaluate(assignment.name, unpacked / "tests", notebook))
    return reports


def _pct(score: float, possible: float) -> str:
    return f"{100 * score / possible:.0f} %" if possible else "n/a"


def render_table(reports: list[Report]) -> Table:
    table = Table(title="Do the hidden tests discriminate?")
    for column in ("exercise", "reference", "stub", "wrong caught (on a hidden test)", "correct accepted",
                   "forged refused"):
        table.add_column(column, justify="left" if column == "exercise" else "right")
    for r in reports:
        wrong, correct, hostile = r.judged_ok("wrong"), r.judged_ok("correct"), r.judged_ok("hostile")
        table.add_row(r.assignment, _pct(r.reference.score, r.reference.possible), _pct(r.stub.score, r.stub.possible),
                      f"{wrong[0]}/{wrong[1]}", f"{correct[0]}/{correct[1]}", f"{hostile[0]}/{hostile[1]}")
    return table
