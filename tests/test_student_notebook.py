"""The student side end to end: the notebook runs in a real kernel, grader.check answers, export writes the upload."""
from __future__ import annotations

import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from autograder.assignments import all_assignments

NAMES = [a.name for a in all_assignments()]


def run_notebook(folder, name, answer=None):
    """Execute the notebook in ``folder`` (answer cells replaced by ``answer`` if given); return the executed cells."""
    path = folder / f"{name}.ipynb"
    nb = nbformat.read(path, as_version=4)
    if answer is not None:
        for cell in nb.cells:
            if "otter_answer_cell" in cell.metadata.get("tags", []):
                cell.source = answer
    nbformat.write(nb, path)  # export() packs the saved file, as in JupyterLab after a save
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    return nb.cells


def check_outputs(cells) -> list[str]:
    texts = []
    for cell in cells:
        if cell.cell_type == "code" and "grader.check(" in cell.source:
            texts.append("".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs))
    return texts


@pytest.fixture(autouse=True)
def quick_labs(monkeypatch):
    """Labs shrink their data and epochs when LAB_QUICK=1 (the kernel inherits the environment)."""
    monkeypatch.setenv("LAB_QUICK", "1")
    monkeypatch.setenv("MPLBACKEND", "Agg")


@pytest.mark.parametrize("name", NAMES)
def test_completed_notebook_passes_its_public_checks_and_exports(name, built, tmp_path):
    """With correct answers filled in, does every grader.check pass and the export cell write the zip?"""
    folder = tmp_path / name
    shutil.copytree(built[name].student_zip.parents[2] / "assignments" / name, folder)
    cells = run_notebook(folder, name, answer=f"from solutions.{name} import *")
    outputs = check_outputs(cells)
    assert outputs, "the notebook has grader.check cells"
    for text in outputs:
        assert "public tests passed" in text
        n_ok, n_all = text.split(": ")[1].split(" public")[0].split(" of ")
        assert n_ok == n_all, text
    assert (folder / f"{name}_submission.zip").is_file()


def test_untouched_stub_runs_to_the_end(built, tmp_path):
    """Does the untouched stub run to the end, each check reporting failures instead of crashing?"""
    name = NAMES[0]
    folder = tmp_path / name
    shutil.copytree(built[name].student_zip.parents[2] / "assignments" / name, folder)
    outputs = check_outputs(run_notebook(folder, name))
    assert outputs and all(" 0 of " in text for text in outputs)
    assert (folder / f"{name}_submission.zip").is_file()
