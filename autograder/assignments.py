"""The assignments dlcourse builds: one master notebook per exercise under ``solutions/masters/``."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MASTERS = ROOT / "solutions" / "masters"

# What a student installs for the concept exercises: no otter-grader (its ~320 MB
# would buy only grader.check, which dlcourse_check does with numpy alone); fpdf2 (pure
# Python, ~1 MB) for the PDF export, so no LaTeX or browser is needed.
STUDENT_REQUIREMENTS = ["numpy>=1.24", "matplotlib>=3.7", "jupyterlab>=4", "fpdf2>=2.7.6"]
# The labs add PyTorch and what the given code (solutions/labkit, shipped as labkit/) needs.
LAB_REQUIREMENTS = STUDENT_REQUIREMENTS + ["torch>=2.1", "scikit-learn>=1.3", "pandas>=2.0", "wfdb>=4.1",
                                           "tqdm>=4.60"]


@dataclass(frozen=True)
class Assignment:
    name: str

    @property
    def master(self) -> Path:
        return MASTERS / f"{self.name}.py"

    @property
    def reference_module(self) -> str:
        return f"solutions.{self.name}"

    @property
    def is_lab(self) -> bool:
        return self.name.startswith("lab_")

    @property
    def student_requirements(self) -> list[str]:
        return list(LAB_REQUIREMENTS if self.is_lab else STUDENT_REQUIREMENTS)

    @property
    def shipped_packages(self) -> list[str]:
        """Packages of given code under solutions/ that travel with the notebook (not solutions)."""
        return ["labkit"] if self.is_lab else []


def all_assignments() -> list[Assignment]:
    return [Assignment(p.stem) for p in sorted(MASTERS.glob("*.py")) if not p.name.startswith("_")]


def get(name: str) -> Assignment:
    known = {a.name: a for a in all_assignments()}
    if name not in known:
        raise KeyError(f"unknown assignment {name!r}; known: {', '.join(sorted(known)) or 'none'}")
    return known[name]
