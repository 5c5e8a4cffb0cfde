"""Specimen submissions made from the reference and the catalogues: for tests, benchmarks and demos.

A specimen is the distributed student notebook with its first answer cell replaced by
self-contained code (the reference package inlined, then a catalogue variant's
definitions on top) and the other answer cells emptied; every other cell is kept, as a
student would hand it in.
"""
from __future__ import annotations

import copy
import importlib
import json
import re
from pathlib import Path

from autograder.assignments import ROOT

IMPORT_OF_SOLUTIONS = re.compile(r"^from solutions(\.[\w.]+)? import .*$|^import solutions.*$", re.MULTILINE)
FUTURE = re.compile(r"^from __future__ import .*$", re.MULTILINE)


def _dependencies(module: str, seen: list[str]) -> list[str]:
    source = (ROOT / (module.replace(".", "/") + ".py")).read_text(encoding="utf-8")
    for match in re.finditer(r"^from (solutions\.[\w.]+) import", source, re.MULTILINE):
        dep = match.group(1)
        if dep not in seen and not dep.startswith("solutions.labkit"):
            _dependencies(dep, seen)
    if module not in seen:
        seen.append(module)
    return seen


def reference_source(assignment: str) -> str:
    """The reference module and what it imports from ``solutions``, as one cell of code.

    ``solutions.labkit`` is not inlined: students have it as ``labkit``."""
    parts = []
    for module in _dependencies(f"solutions.{assignment}", []):
        source = (ROOT / (module.replace(".", "/") + ".py")).read_text(encoding="utf-8")
        source = FUTURE.sub("", source)
        source = re.sub(r"^from solutions\.labkit", "from labkit", source, flags=re.MULTILINE)
        source = IMPORT_OF_SOLUTIONS.sub("", source)
        parts.append(f"# ---- {module}\n{source}")
    return "\n".join(parts)


def _is_answer(cell: dict) -> bool:
    return cell.get("cell_type") == "code" and "otter_answer_cell" in cell.get("metadata", {}).get("tags", [])


def notebook_with(student_notebook: dict, code: str) -> dict:
    """A copy of the student notebook whose answers are ``code``."""
    notebook = copy.deepcopy(student_notebook)
    answers = [cell for cell in notebook["cells"] if _is_answer(cell)]
    if not answers:
        raise ValueError("the notebook has no answer cells (tagged otter_answer_cell)")
    answers[0]["source"] = code
    for cell in answers[1:]:
        cell["source"] = "pass"
    return notebook


def catalogue(assignment: str) -> dict[str, dict[str, str]]:
    module = importlib.import_module(f"solutions.catalogue.{assignment}")
    return {"wrong": dict(module.WRONG), "correct": dict(module.CORRECT), "hostile": dict(getattr(module, "HOSTILE", {}))}


def specimens(assignment: str, student_notebook: Path, kinds=("wrong", "correct")) -> dict[str, tuple[str, dict]]:
    """``label -> (kind, notebook)``: the reference, the stub, and every catalogue variant of ``kinds``."""
    stub = json.loads(Path(student_notebook).read_text(encoding="utf-8"))
    base = reference_source(assignment)
    out = {"reference": ("reference", notebook_with(stub, base)), "stub": ("stub", stub)}
    for kind, table in catalogue(assignment).items():
        if kind in kinds:
            for label, code in table.items():
                out[label] = (kind, notebook_with(stub, base + "\n\n# ---- variant\n" + code))
    return out


def write(notebook: dict, path: Path) -> Path:
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False), encoding="utf-8")
    return path
