"""Every input is graded as its notebook or refused with a specific reason, never a crash."""
from __future__ import annotations

import io
import json
import zipfile

import nbformat
import pytest

from autograder.grade.submission import Ungradable, load_bytes, strip_ipython


def notebook_bytes(cells, kernel="python3", otter=True, version=4) -> bytes:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) if isinstance(c, str) else c for c in cells]
    nb.metadata["kernelspec"] = {"name": kernel, "display_name": kernel, "language": "python"}
    if otter:
        nb.metadata["otter"] = {"assignment_name": "activations"}
    return nbformat.writes(nb).encode()


def zip_of(files: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def test_a_notebook_gives_its_code_cells_without_plumbing_and_with_any_kernel_name():
    data = notebook_bytes(["from dlcourse_check import Notebook\ngrader = Notebook('x')", "x = 1",
                           nbformat.v4.new_markdown_cell("text"), "grader.check('q1')", "def f():\n    return 2"],
                          kernel="dl-course-env")
    sub = load_bytes(data, "a.ipynb")
    assert [c.source for c in sub.cells] == ["x = 1", "def f():\n    return 2"]
    assert [c.index for c in sub.cells] == [1, 4] and sub.assignment_name == "activations"


def test_missing_otter_metadata_and_cleared_outputs_are_fine():
    sub = load_bytes(notebook_bytes(["y = 2"], otter=False), "renamed.json")
    assert sub.assignment_name is None and sub.cells[0].source == "y = 2"


def test_nbformat_3_is_converted():
    v3 = {"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [{"cells": [
        {"cell_type": "code", "input": "z = 3", "language": "python", "outputs": [], "metadata": {}}]}]}
    sub = load_bytes(json.dumps(v3).encode(), "old.ipynb")
    assert sub.cells[0].source == "z = 3" and any("format 3" in n for n in sub.notes)


def test_ipython_syntax_becomes_plain_python_with_the_same_line_numbers():
    assert strip_ipython("%matplotlib inline\nx = 1\n!pip install foo") == "pass\nx = 1\npass"
    assert strip_ipython("%%time\ny = 2") == "pass\ny = 2"
    assert strip_ipython("%%bash\nrm -rf /") == ""


@pytest.mark.parametrize("data, words", [
    (b"", "empty"),
    (b'{"cells": [', "JSON is broken at line 1"),
    (b'{"hello": 1}', "not a notebook"),
    (b"\xff\xfe garbage", "not a notebook, a zip or a PDF"),
    (b"{\xff\xfe}", "not UTF-8"),
    (b"PK\x03\x04 truncated", "not a readable zip"),
])
def test_bad_files_get_a_specific_reason(data, words):
    with pytest.raises(Ungradable, match=words):
        load_bytes(data, "sub.ipynb")


def test_export_zip_with_one_notebook_is_graded_as_it():
    data = zip_of({"activations.ipynb": notebook_bytes(["a = 1"]), "dlcourse-submission.json": b"{}",
                   "__MACOSX/._activations.ipynb": b"junk"})
    sub = load_bytes(data, "export.zip")
    assert sub.kind == "zip" and sub.cells[0].source == "a = 1"


def test_zip_with_two_notebooks_or_none_is_refused_with_the_names():
    with pytest.raises(Ungradable, match="2 notebooks.*a.ipynb, b/b.ipynb"):
        load_bytes(zip_of({"a.ipynb": notebook_bytes([]), "b/b.ipynb": notebook_bytes([])}), "s.zip")
    with pytest.raises(Ungradable, match="holds no notebook.*report.docx"):
        load_bytes(zip_of({"report.docx": b"x"}), "s.zip")


def test_zip_bombs_are_refused_before_unpacking():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("big.ipynb", b"\0" * (210 * 1024**2))
    with pytest.raises(Ungradable, match="too large"):
        load_bytes(buffer.getvalue(), "bomb.zip")


def _pdf(attachments=None, password=None) -> bytes:
    from pypdf import PdfWriter
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    for name, data in (attachments or {}).items():
        writer.add_attachment(name, data)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_with_an_embedded_notebook_is_graded_as_that_notebook():
    sub = load_bytes(_pdf({"activations.ipynb": notebook_bytes(["q = 5"])}), "report.pdf")
    assert sub.kind == "pdf" and sub.cells[0].source == "q = 5"


@pytest.mark.parametrize("pdf, words", [
    (lambda: _pdf(), "no text layer"),
    (lambda: _pdf(password="secret"), "encrypted"),
    (lambda: b"%PDF-1.7\n garbage", "not a readable PDF"),
])
def test_pdfs_without_a_notebook_get_a_reason(pdf, words):
    with pytest.raises(Ungradable, match=words):
        load_bytes(pdf(), "report.pdf")


def test_a_zip_inside_a_zip_is_opened_once_more():
    inner = zip_of({"activations.ipynb": notebook_bytes(["b = 2"])})
    sub = load_bytes(zip_of({"export.zip": inner}), "outer.zip")
    assert sub.cells[0].source == "b = 2" and any("unpacked export.zip" in n for n in sub.notes)
