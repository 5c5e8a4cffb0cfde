"""A graded submission: per question and per test, as data, as Otter's results.json, as a table."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

STATUSES = ("graded", "invalid input", "timeout", "crashed", "needs manual grading")


@dataclass
class TestResult:
    question: str
    name: str
    hidden: bool
    points: float
    passed: bool
    message: str = ""   # safe for the student: never test code, inputs or expected values


@dataclass
class QuestionResult:
    name: str
    score: float
    possible: float
    status: str          # "passed", "partial", "failed"
    message: str = ""


@dataclass
class GradeResult:
    assignment: str
    submission: str
    status: str                      # one of STATUSES: graded even when some tests failed
    questions: list[QuestionResult] = field(default_factory=list)
    tests: list[TestResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)   # what was done to the submission, for the record
    reason: str = ""                 # why it is not plainly graded (invalid input, timeout, crash)
    seconds: float = 0.0
    isolation: str = ""
    device: str = "cpu"

    @property
    def score(self) -> float:
        return round(sum(q.score for q in self.questions), 6)

    @property
    def possible(self) -> float:
        return round(sum(q.possible for q in self.questions), 6)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["score"], data["possible"] = self.score, self.possible
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    def gradescope(self) -> dict:
        """Otter's (Gradescope's) ``results.json``: one entry per question, messages only."""
        tests = []
        for q in self.questions:
            lines = [f"{q.name}: {q.score:g} / {q.possible:g}"]
            lines += [f"- {t.name}: {'passed' if t.passed else 'failed'}" + (f" — {t.message}" if t.message else "")
                      for t in self.tests if t.question == q.name and (not t.passed or not t.hidden)]
            tests.append({"name": q.name, "score": q.score, "max_score": q.possible, "visibility": "visible",
                          "output": "\n".join(lines), "status": "passed" if q.score == q.possible else "failed"})
        output = self.reason or ("; ".join(self.notes) if self.notes else "")
        return {"score": self.score, "tests": tests, "output": output, "extra_data": {"status": self.status}}

    def table(self) -> str:
        width = max([len(q.name) for q in self.questions] + [8])
        rows = [f"{self.assignment} — {self.submission}: {self.status}"
                + (f" ({self.reason})" if self.reason else "")]
        for q in self.questions:
            rows.append(f"  {q.name:<{width}}  {q.score:>6g} / {q.possible:<6g}  {q.status}"
                        + (f"  {q.message}" if q.message else ""))
            for t in self.tests:
                if t.question == q.name and not t.passed:
                    rows.append(f"  {'':<{width}}    ✗ {t.name}: {t.message}")
        rows.append(f"  {'total':<{width}}  {self.score:>6g} / {self.possible:<6g}  "
                    f"({self.seconds:.1f} s, sandbox: {self.isolation}, device: {self.device})")
        rows += [f"  note: {n}" for n in self.notes]
        return "\n".join(rows)
