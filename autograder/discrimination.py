"""Do the hidden tests discriminate? Grade the reference, the stub and catalogues of variants.

Each assignment has a catalogue (``solutions/catalogue/<name>.py``) of
implementations that replace some contract functions of the reference:

- ``WRONG``: plausible mistakes; each must lose points on at least one *hidden* test;
- ``CORRECT``: other valid implementations; each must get full marks;
- ``HOSTILE``: forged return values (always-true ``__eq__``, ``__array_function__``,
  Tensor and ndarray subclasses, ...); every test that calls a forged function must fail.

Scores use Otter's own test-file loader and scoring rules on the autograder's test
files, so they are the scores ``otter run`` would give these implementations. The
catalogue is trusted code, run in this process.
"""
from __future__ import annotations

import ast
import importlib
import json
import textwrap
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from autograder.feedback import student_message
from autograder.shipped import register

STUB_SKIP = ("dlcourse_check", "grader.")


@dataclass
class CaseOutcome:
    question: str
    name: str
    params: tuple[str, ...]
    hidden: bool
    points: float
    passed: bool
    message: str = ""


@dataclass
class Outcome:
    label: str
    kind: str
    cases: list[CaseOutcome] = field(default_factory=list)

    @property
    def score(self) -> float:
        return sum(c.points for c in self.cases if c.passed)

    @property
    def possible(self) -> float:
        return sum(c.points for c in self.cases)

    @property
    def failed_hidden(self) -> list[CaseOutcome]:
        return [c for c in self.cases if c.hidden and not c.passed]

    def ok(self, reference_score: float, forged: set[str] = frozenset()) -> bool:
        """Whether this variant was judged as its catalogue says it must be."""
        if self.kind == "reference" or self.kind == "correct":
            return self.score == self.possible
        if self.kind == "stub":
            return self.score == 0
        if self.kind == "wrong":
            return self.score < reference_score and bool(self.failed_hidden)
        if self.kind == "hostile":
            touched = [c for c in self.cases if forged & set(c.params)]
            return bool(touched) and not any(c.passed for c in touched)
        raise ValueError(self.kind)


def load_test_files(tests_dir: Path):
    from otter.test_files import ExceptionTestFile

    register()
    return [ExceptionTestFile.from_file(str(p)) for p in sorted(Path(tests_dir).glob("*.py"))]


def run_tests(test_files, env: dict, label: str, kind: str) -> Outcome:
    """Run every test case as Otter's ExceptionTestFile.run does (any Exception fails the case)."""
    outcome = Outcome(label, kind)
    for tf in test_files:
        for tc in tf.test_cases:
            passed, message = True, ""
            try:
                with warnings.catch_warnings():
                    # A variant's own warnings are noise here; a test that turns warnings
                    # into errors sets its own filter inside this one.
                    warnings.simplefilter("ignore")
                    tc.body.call_func(env)
            except Exception as exc:
                passed, message = False, student_message(tc.failure_message, exc)
            params = tuple(tc.body._get_func_params())
            outcome.cases.append(CaseOutcome(tf.name, tc.name, params, tc.hidden, float(tc.points), passed, message))
    return outcome


def reference_env(module: str) -> dict:
    env = {"np": np, "__name__": "__main__"}
    env.update({k: v for k, v in vars(importlib.import_module(module)).items() if not k.startswith("__")})
    return env


def variant_env(module: str, code: str) -> dict:
    env = reference_env(module)
    exec(compile(textwrap.dedent(code), f"<variant of {module}>", "exec"), env)
    return env


def _only_imports(source: str) -> bool:
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return False
    return bool(body) and all(isinstance(node, (ast.Import, ast.ImportFrom)) for node in body)


def stub_env(notebook: Path) -> dict:
    """The student notebook's answers as handed out (every answer still ``...``), with its imports.

    Only answer cells and import-only cells run: the labs' data and training cells
    would need working models, and write files.
    """
    env: dict = {"__name__": "__main__"}
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] != "code" or any(s in source for s in STUB_SKIP):
            continue
        if "otter_answer_cell" in cell.get("metadata", {}).get("tags", []) or _only_imports(source):
            exec(compile(source, str(notebook), "exec"), env)
    return env


def forged_names(code: str) -> set[str]:
    return {n.name for n in ast.parse(textwrap.dedent(code)).body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}


@dataclass
class Report:
    assignment: str
    reference: Outcome
    stub: Outcome
    variants: list[tuple[Outcome, set[str]]]

    def of_kind(self, kind: str):
        return [(o, f) for o, f in self.variants if o.kind == kind]

    def judged_ok(self, kind: str) -> tuple[int, int]:
        rows = self.of_kind(kind)
        return sum(o.ok(self.reference.score, f) for o, f in rows), len(rows)

    @property
    def all_ok(self) -> bool:
        return (self.reference.ok(self.reference.score) and self.stub.ok(self.reference.score)
                and all(o.ok(self.reference.score, f) for o, f in self.variants))


def evaluate(assignment: str, tests_dir: Path, student_notebook: Path) -> Report:
    import torch

    # The labs' tests train tiny models many times over; on a busy 2-core machine torch's
    # default threads make each tiny loop many times slower than one thread does.
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        return _evaluate(assignment, tests_dir, student_notebook)
    finally:
        torch.set_num_threads(threads)


def _evaluate(assignment: str, tests_dir: Path, student_notebook: Path) -> Report:
    module = f"solutions.{assignment}"
    catalogue = importlib.import_module(f"solutions.catalogue.{assignment}")
    test_files = load_test_files(tests_dir)
    reference = run_tests(test_files, reference_env(module), "reference", "reference")
    stub = run_tests(test_files, stub_env(student_notebook), "stub", "stub")
    variants = []
    for kind, table in (("wrong", catalogue.WRONG), ("correct", catalogue.CORRECT),
                        ("hostile", getattr(catalogue, "HOSTILE", {}))):
        for label, code in table.items():
            outcome = run_tests(test_files, variant_env(module, code), label, kind)
            variants.append((outcome, forged_names(code) if kind == "hostile" else set()))
    return Report(assignment, reference, stub, variants)
