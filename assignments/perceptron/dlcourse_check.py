"""Self-checks for students: run the public tests of a dlcourse notebook, and export it for upload.

A light, offline stand-in for ``otter.Notebook`` (same calls: ``grader.check("q1")``,
``grader.check_all()``, ``grader.export()``) that needs only numpy and the
standard library, so that a student's install stays small. The test files are
Otter's exception-based format, so the same files also run under Otter.

Passing the public tests is not a grade: hidden tests decide it.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import html
import inspect
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path


class test_case:  # noqa: N801  (the name and signature of otter.test_files.test_case)
    """Decorator marking a test function, with its points, visibility and messages."""

    def __init__(self, name=None, points=None, hidden=False, success_message=None, failure_message=None):
        self.name, self.points, self.hidden = name, points, hidden
        self.success_message, self.failure_message = success_message, failure_message
        self.test_func = None

    def __call__(self, test_func):
        self.test_func = test_func
        return self

    def call_func(self, env: dict) -> None:
        """Call the test, passing each parameter from the notebook's globals by name (``env`` gets them all)."""
        params = inspect.signature(self.test_func).parameters
        self.test_func(**{p: env if p == "env" else env.get(p) for p in params})


@dataclass
class CaseResult:
    name: str
    passed: bool
    message: str


@dataclass
class QuestionResult:
    question: str
    cases: list[CaseResult] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.cases)

    def summary(self) -> str:
        n_ok = sum(c.passed for c in self.cases)
        head = f"{self.question}: {n_ok} of {len(self.cases)} public tests passed"
        lines = [head] + [f"  ✗ {c.name}: {c.message}" for c in self.cases if not c.passed]
        if self.passed:
            lines.append("  (public tests only: hidden tests decide the grade)")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        colour = "#1a7f37" if self.passed else "#b42318"
        return f'<pre style="color:{colour}">{html.escape(self.summary())}</pre>'


def load_test_file(path: Path) -> tuple[str, list[test_case]]:
    """Execute one test file and return its question name and test cases, in file order."""
    env: dict = {}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), env)
    cases = [v for v in env.values() if isinstance(v, test_case)]
    for i, case in enumerate(cases, 1):
        case.name = case.name or f"{env['name']} - {i}"
    return env["name"], cases


def _message(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class Notebook:
    """``grader = Notebook("perceptron.ipynb")`` in the notebook's first cell."""

    def __init__(self, nb_path: str | None = None, tests_dir: str = "tests"):
        self.nb_path = nb_path
        self.tests_dir = Path(tests_dir)

    def _questions(self) -> list[str]:
        return sorted(p.stem for p in self.tests_dir.glob("*.py"))

    def check(self, question: str, global_env: dict | None = None) -> QuestionResult:
        """Run the public tests of ``question`` against the notebook's current definitions."""
        env = global_env if global_env is not None else inspect.currentframe().f_back.f_globals
        path = self.tests_dir / f"{question}.py"
        if not path.is_file():
            raise FileNotFoundError(f"no tests for {question!r} in {self.tests_dir}/")
        _, cases = load_test_file(path)
        result = QuestionResult(question)
        for case in cases:
            try:
                case.call_func(env)
                result.cases.append(CaseResult(case.name, True, case.success_message or "passed"))
            except Exception as exc:  # any failure of student code is a failed check, never a crash
                message = case.failure_message or _message(exc)
                if case.failure_message and isinstance(exc, AssertionError) and str(exc):
                    message = f"{case.failure_message} ({exc})"
                result.cases.append(CaseResult(case.name, False, message))
        return result

    def check_all(self, global_env: dict | None = None) -> list[QuestionResult]:
        env = global_env if global_env is not None else inspect.currentframe().f_back.f_globals
        results = [self.check(q, env) for q in self._questions()]
        for r in results:
            print(r.summary())
        return results

    def export(self, nb_path: str | None = None, pdf: bool = False, run_tests: bool = False, **_ignored) -> Path:
        """Write ``<notebook>_submission.zip`` (the saved notebook and a manifest) to upload on Moodle;
        with ``pdf=True`` write ``<notebook>_submission.pdf`` instead: the notebook as text, with the
        notebook itself attached inside the PDF, so the PDF can be graded like the notebook.

        Save the notebook first: the file on disk is what gets exported.
        """
        path = Path(nb_path or self.nb_path or "")
        if not path.is_file():
            raise FileNotFoundError(f"cannot find the notebook {str(path)!r}; save it and pass its file name")
        data = path.read_bytes()
        json.loads(data)  # refuse to export a file that is not a notebook at all
        stamp = _dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        manifest = {"notebook": path.name, "sha256": hashlib.sha256(data).hexdigest(), "exported": stamp}
        if pdf:
            out = path.with_name(f"{path.stem}_submission.pdf")
            out.write_bytes(notebook_pdf(data, path.name))
            print(f"Wrote {out}: upload this file to Moodle.")
            return out
        out = path.with_name(f"{path.stem}_submission.zip")
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(path.name, data)
            zf.writestr("dlcourse-submission.json", json.dumps(manifest, indent=2))
        print(f"Wrote {out}: upload this file to Moodle.")
        return out


def _latin1(text: str) -> str:
    # The PDF's built-in fonts cover Latin-1 only; the attached notebook keeps every character.
    return text.encode("latin-1", "replace").decode("latin-1")


def notebook_pdf(data: bytes, name: str) -> bytes:
    """A PDF of the notebook's cells and text outputs, with the notebook attached (fpdf2, pure Python:
    no LaTeX, no browser)."""
    try:
        from fpdf import FPDF
    except ImportError:
        raise ImportError("the PDF export needs fpdf2: pip install fpdf2") from None
    notebook = json.loads(data)
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, _latin1(name), new_x="LMARGIN", new_y="NEXT")
    for cell in notebook.get("cells", []):
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        if cell.get("cell_type") == "code":
            pdf.set_font("Courier", size=8)
            pdf.set_fill_color(240, 240, 240)
            pdf.multi_cell(0, 4, _latin1(source) or " ", fill=True, new_x="LMARGIN", new_y="NEXT")
            for output in cell.get("outputs", []):
                text = output.get("text") or output.get("data", {}).get("text/plain", "")
                text = "".join(text) if isinstance(text, list) else str(text)
                if text:
                    pdf.multi_cell(0, 4, _latin1(text[:4000]), new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("Helvetica", size=10)
            pdf.multi_cell(0, 5, _latin1(source) or " ", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.embed_file(bytes=data, basename=name, desc="the notebook this PDF was made from")
    return bytes(pdf.output())
