"""What students and graders receive: normalised notebooks, rewritten tests, deterministic zips.

Same sources, same bytes: zip entries are sorted and stamped 1980-01-01, notebook
cell ids are numbered, and nothing carries a time of day or a path of this machine.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import nbformat

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
EXECUTABLE = {"run_autograder", "setup.sh"}

OTTER_INIT = re.compile(r"import otter\s*\ngrader = otter\.Notebook\((?P<args>[^)]*)\)")
OTTER_IMPORT = "from otter.test_files import test_case"
CHECK_IMPORT = "from dlcourse_check import test_case"


def student_notebook(path: Path) -> bytes:
    """Otter's student notebook, pointed at ``dlcourse_check`` and with reproducible cell ids."""
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:03d}"
        if cell.cell_type == "code":
            cell.source = OTTER_INIT.sub(r"import dlcourse_check\ngrader = dlcourse_check.Notebook(\g<args>)",
                                         cell.source)
            cell.outputs, cell.execution_count = [], None
            cell.source = cell.source.replace("# Initialize Otter", "# Initialize the public self-checks")
    nb.metadata = {"kernelspec": nb.metadata["kernelspec"], "language_info": {"name": "python"},
                   "otter": {"assignment_name": nb.metadata["otter"]["assignment_name"]}}
    nb.nbformat, nb.nbformat_minor = 4, 5
    return (nbformat.writes(nb) + "\n").encode("utf-8")


def student_test_file(path: Path) -> bytes:
    """A public test file that imports its decorator from ``dlcourse_check`` instead of Otter."""
    text = path.read_text(encoding="utf-8")
    if OTTER_IMPORT not in text:
        raise ValueError(f"{path.name}: not an Otter exception-based test file")
    return text.replace(OTTER_IMPORT, CHECK_IMPORT, 1).encode("utf-8")


def read_zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist() if not i.is_dir()}


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A zip of ``files`` (archive name -> content) whose bytes depend on nothing else."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            mode = 0o755 if Path(name).name in EXECUTABLE else 0o644
            info.external_attr = (0o100000 | mode) << 16
            info.create_system = 3  # Unix, so that the mode above is honoured on extraction
            zf.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()


def keep_in_bundle(name: str) -> bool:
    """Leave out interpreter caches and editor debris that a build directory may pick up."""
    parts = Path(name).parts
    return "__pycache__" not in parts and not name.endswith((".pyc", ".pyo")) and ".ipynb_checkpoints" not in parts
