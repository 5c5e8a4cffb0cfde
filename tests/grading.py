"""Helpers of the grading tests: grade a notebook (dict) against a built assignment; the corpus table."""
from __future__ import annotations

import json
from pathlib import Path

from autograder.grade.engine import Bundle, Timeouts, grade

CORPUS_ROWS: list[tuple] = []   # (label, assignment, score, expected, possible, status) for the summary table


def student_notebook(built, name: str) -> dict:
    path = built[name].student_zip.parents[2] / "assignments" / name / f"{name}.ipynb"
    return json.loads(path.read_text(encoding="utf-8"))


def grade_notebook(bundle: Bundle, notebook: dict, tmp_path: Path, label: str = "submission", **kwargs):
    path = Path(tmp_path) / f"{label.replace(' ', '_').replace('/', '_')[:60]}.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return grade(bundle, path, **kwargs)


def with_cell(notebook: dict, source: str, after_answers: bool = True) -> dict:
    """A copy of ``notebook`` with a code cell of ``source`` after its last answer cell (or at the end)."""
    import copy

    notebook = copy.deepcopy(notebook)
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}
    answers = [i for i, c in enumerate(notebook["cells"])
               if "otter_answer_cell" in c.get("metadata", {}).get("tags", [])]
    position = answers[-1] + 1 if after_answers and answers else len(notebook["cells"])
    notebook["cells"].insert(position, cell)
    return notebook


SHORT = Timeouts(notebook_s=20.0, call_s=5.0, start_s=60.0)
