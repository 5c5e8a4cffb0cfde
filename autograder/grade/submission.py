"""What a student handed in, made gradable: one notebook's code cells, or a specific reason why not.

Accepted: a notebook (``.ipynb``, nbformat 3 or any 4.x, any kernelspec, missing or
foreign Otter metadata, cells reordered, duplicated or without outputs), the zip that
``grader.export()`` writes (or any zip holding exactly one notebook), and a PDF that
embeds the notebook as an attached file (what the students' PDF export writes).
The file's content decides what it is, not its name: Moodle renames files.
"""
from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import nbformat

MAX_NOTEBOOK_BYTES = 50 * 1024**2
MAX_ZIP_TOTAL = 200 * 1024**2
MAX_ZIP_ENTRIES = 2000
# Cells that drive the students' own checks, not their answers (Otter's and dlcourse_check's).
PLUMBING = re.compile(r"^\s*(import otter\b|from dlcourse_check import|grader\s*=|grader\.(check|check_all|export)\b)",
                      re.MULTILINE)
TIMING_MAGICS = {"time", "timeit", "capture", "prun"}


class Ungradable(Exception):
    """The submission cannot be graded; the message says why, in words a student understands."""


@dataclass
class Cell:
    index: int      # position in the notebook, from 0, counting every cell
    source: str     # Python source, IPython syntax removed
    answer: bool = False  # tagged as an answer cell (otter_answer_cell)


@dataclass
class Submission:
    kind: str                       # "notebook", "zip", "pdf"
    notebook_name: str
    cells: list[Cell]
    notes: list[str] = field(default_factory=list)
    assignment_name: str | None = None


def sniff(data: bytes) -> str:
    head = data[:1024].lstrip()
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"{"):
        return "notebook"
    return "unknown"


def load(path: Path) -> Submission:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Ungradable(f"the file could not be read ({exc.strerror or type(exc).__name__})") from None
    return load_bytes(data, path.name)


def load_bytes(data: bytes, name: str) -> Submission:
    if not data:
        raise Ungradable(f"{name} is empty (0 bytes)")
    kind = sniff(data)
    if kind == "notebook":
        return from_notebook(data, name, "notebook")
    if kind == "zip":
        return from_zip(data, name)
    if kind == "pdf":
        from autograder.grade.pdf import notebook_from_pdf
        attached, attached_name = notebook_from_pdf(data, name)
        submission = from_notebook(attached, attached_name, "pdf")
        submission.notes.append(f"graded the notebook embedded in {name}")
        return submission
    raise Ungradable(f"{name} is not a notebook, a zip or a PDF (its content is neither JSON nor a known format)")


def from_zip(data: bytes, name: str, depth: int = 0) -> Submission:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Ungradable(f"{name} is not a readable zip ({exc})") from None
    if len(infos) > MAX_ZIP_ENTRIES or sum(i.file_size for i in infos) > MAX_ZIP_TOTAL:
        raise Ungradable(f"{name} is too large once unpacked (over {MAX_ZIP_TOTAL // 1024**2} MB or "
                         f"{MAX_ZIP_ENTRIES} files)")
    notebooks = [i for i in infos if _wanted(i.filename, ".ipynb")]
    if not notebooks:
        pdfs = [i for i in infos if _wanted(i.filename, ".pdf")]
        if len(pdfs) == 1:
            return load_bytes(_read_member(archive, pdfs[0], name), PurePosixPath(pdfs[0].filename).name)
        inner = [i for i in infos if _wanted(i.filename, ".zip")]
        if len(inner) == 1 and depth < 2:  # a zip of the exported zip, as some students send
            submission = from_zip(_read_member(archive, inner[0], name), inner[0].filename, depth + 1)
            submission.notes.append(f"unpacked {inner[0].filename} from {name}")
            return submission
        listing = ", ".join(sorted(i.filename for i in infos)[:8]) or "nothing"
        raise Ungradable(f"{name} holds no notebook (.ipynb); it holds: {listing}")
    if len(notebooks) > 1:
        names = ", ".join(sorted(i.filename for i in notebooks))
        raise Ungradable(f"{name} holds {len(notebooks)} notebooks ({names}); hand in exactly one")
    (member,) = notebooks
    submission = from_notebook(_read_member(archive, member, name), PurePosixPath(member.filename).name, "zip")
    submission.notes.append(f"graded {member.filename} from {name}")
    return submission


def _wanted(filename: str, suffix: str) -> bool:
    parts = PurePosixPath(filename).parts
    return (filename.lower().endswith(suffix) and not filename.endswith("/") and "__MACOSX" not in parts
            and ".ipynb_checkpoints" not in parts and not PurePosixPath(filename).name.startswith("._"))


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    if info.file_size > MAX_NOTEBOOK_BYTES:
        raise Ungradable(f"{info.filename} in {name} is over {MAX_NOTEBOOK_BYTES // 1024**2} MB")
    try:
        with archive.open(info) as handle:
            data = handle.read(MAX_NOTEBOOK_BYTES + 1)
    except (zipfile.BadZipFile, RuntimeError, OSError, EOFError, zipfile.LargeZipFile) as exc:
        raise Ungradable(f"{info.filename} in {name} cannot be unpacked ({type(exc).__name__})") from None
    if len(data) > MAX_NOTEBOOK_BYTES:
        raise Ungradable(f"{info.filename} in {name} is over {MAX_NOTEBOOK_BYTES // 1024**2} MB")
    return data


def from_notebook(data: bytes, name: str, kind: str) -> Submission:
    if len(data) > MAX_NOTEBOOK_BYTES:
        raise Ungradable(f"{name} is over {MAX_NOTEBOOK_BYTES // 1024**2} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Ungradable(f"{name} is not UTF-8 text, so it is not a notebook") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Ungradable(f"{name} is not a valid notebook: its JSON is broken at line {exc.lineno}, "
                         f"column {exc.colno} (was it edited by hand or cut short?)") from None
    if type(raw) is not dict or ("cells" not in raw and "worksheets" not in raw):
        raise Ungradable(f"{name} is JSON but not a notebook (it has no cells)")
    try:
        notebook = nbformat.reads(text, as_version=4)
    except Exception as exc:  # nbformat raises several types for malformed notebooks
        raise Ungradable(f"{name} is not a valid notebook ({type(exc).__name__})") from None
    notes = []
    major = raw.get("nbformat")
    if major != 4:
        notes.append(f"converted from notebook format {major} to 4")
    cells = []
    for index, cell in enumerate(notebook.cells):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(source)
        if not isinstance(source, str) or PLUMBING.search(source):
            continue
        cleaned = strip_ipython(source)
        if cleaned.strip():
            tags = cell.get("metadata", {}).get("tags", [])
            cells.append(Cell(index, cleaned, isinstance(tags, list) and "otter_answer_cell" in tags))
    otter = notebook.metadata.get("otter") if isinstance(notebook.metadata.get("otter"), dict) else {}
    assignment = otter.get("assignment_name") if isinstance(otter.get("assignment_name"), str) else None
    return Submission(kind, name, cells, notes, assignment)


def strip_ipython(source: str) -> str:
    """Plain Python from a cell: line magics and shell escapes become ``pass`` (same line
    numbers); timing cell magics keep their body; other cell magics drop the cell."""
    lines = source.split("\n")
    first = lines[0].strip() if lines else ""
    if first.startswith("%%"):
        magic = first[2:].split()[0] if first[2:].split() else ""
        if magic not in TIMING_MAGICS:
            return ""
        lines[0] = "pass"
    out = []
    for line in lines:
        stripped = line.lstrip()
        if stripped.startswith(("%", "!")) or re.match(r"^[A-Za-z_][\w.]*\?{1,2}\s*$", stripped):
            out.append(line[: len(line) - len(stripped)] + "pass")
        else:
            out.append(line)
    return "\n".join(out)


def definitions_only(source: str) -> bool:
    """Whether a cell only imports, defines functions or classes, or assigns constants."""
    import ast

    try:
        body = ast.parse(source).body
    except SyntaxError:
        return False
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
                             ast.Pass)):
            continue
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None and \
                all(isinstance(n, (ast.Constant, ast.Tuple, ast.List, ast.Name, ast.UnaryOp, ast.BinOp,
                                   ast.operator, ast.unaryop, ast.Load, ast.Store))
                    for n in ast.walk(node.value)):
            continue
        return False
    return True


def up_to_answers(cells: list[Cell]) -> tuple[list[Cell], list[Cell]]:
    """The cells to run for grading a lab, and those left out: every cell up to the last answer cell,
    and after it only cells that define things (a later training or plotting cell is not graded)."""
    answers = [c.index for c in cells if c.answer]
    if not answers:
        return cells, []
    last = max(answers)
    keep = [c for c in cells if c.index <= last or definitions_only(c.source)]
    kept = {c.index for c in keep}
    return keep, [c for c in cells if c.index not in kept]
