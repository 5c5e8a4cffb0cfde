"""Render a master source (a Jupytext percent script) into the Otter Assign master notebook.

The source holds the narrative, the questions, public and hidden tests, and two
directives in code cells, which the build replaces:

``# dlcourse: solution name, name``
    the solution cell for those contract names, generated from the reference module
    (see :mod:`autograder.build.stubs`), wrapped in Otter's solution markers;
``# dlcourse: figure slug Alt text``
    the rest of the cell draws a picture with the reference; it runs here and the cell
    becomes a markdown cell showing ``figures/slug.svg``.

The ASSIGNMENT CONFIG cell is generated too, so every assignment is configured alike.
"""
from __future__ import annotations

import re
from pathlib import Path

import jupytext
import nbformat
import yaml

from autograder.assignments import Assignment
from autograder.build.figures import render_svg
from autograder.build.stubs import solution_cell

DIRECTIVE = re.compile(r"^#\s*dlcourse:\s*(?P<kind>\w+)\s*(?P<args>.*)$")
SHIPPED_FILES = ["dlcourse_testkit.py", "dlcourse_check.py"]
KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}


class MasterError(ValueError):
    pass


def assignment_config(assignment: Assignment) -> dict:
    return {
        "name": assignment.name,
        "init_cell": True,
        "check_all_cell": True,
        "export_cell": {"pdf": False, "run_tests": True,
                        "instructions": "Upload the zip file this cell writes to Moodle."},
        "generate": {"seed": 42, "show_hidden": True, "pdf": False},
        "tests": {"files": True, "ok_format": False},
        "files": SHIPPED_FILES + assignment.shipped_packages,
        "autograder_files": ["solutions"],
        "solutions_pdf": False,
        "run_tests": True,
    }


def _raw(text: str):
    return nbformat.v4.new_raw_cell(text)


def render(assignment: Assignment, build_dir: Path) -> tuple[Path, dict[str, str]]:
    """Write ``build_dir/<name>.ipynb``; return its path and the figures (slug -> SVG text)."""
    source = jupytext.read(assignment.master)
    config = yaml.safe_dump(assignment_config(assignment), sort_keys=False)
    cells = [_raw("# ASSIGNMENT CONFIG\n" + config)]
    figures: dict[str, str] = {}
    for cell in source.cells:
        lines = cell.source.splitlines()
        match = DIRECTIVE.match(lines[0]) if cell.cell_type == "code" and lines else None
        if match is None:
            cells.append(_clean(cell))
            continue
        kind, args = match["kind"], match["args"].strip()
        if kind == "solution":
            names = [n.strip() for n in args.split(",") if n.strip()]
            cells += [_raw("# BEGIN SOLUTION"),
                      nbformat.v4.new_code_cell(solution_cell(assignment.reference_module, names)),
                      _raw("# END SOLUTION")]
        elif kind == "figure":
            slug, _, alt = args.partition(" ")
            if not re.fullmatch(r"[a-z0-9_]+", slug) or slug in figures:
                raise MasterError(f"{assignment.master.name}: bad or repeated figure name {slug!r}")
            figures[slug] = render_svg("\n".join(lines[1:]), slug)
            cells.append(nbformat.v4.new_markdown_cell(f"![{alt or slug}](figures/{slug}.svg)"))
        else:
            raise MasterError(f"{assignment.master.name}: unknown directive {kind!r}")
    nb = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": KERNELSPEC,
                                                         "language_info": {"name": "python"}})
    path = build_dir / f"{assignment.name}.ipynb"
    nbformat.write(nb, path)
    return path, figures


def _clean(cell):
    """Copy a cell without Jupytext's bookkeeping metadata."""
    maker = {"code": nbformat.v4.new_code_cell, "markdown": nbformat.v4.new_markdown_cell,
             "raw": nbformat.v4.new_raw_cell}[cell.cell_type]
    return maker(cell.source)
