"""Grade one submission against an autograder bundle: the notebook runs in a sandbox, the tests here.

1. The submission is normalised (:mod:`submission`): one notebook's code cells, or a reason.
2. A worker (:mod:`sandbox`) gets the assignment's *public* files and runs the cells.
   A cell that runs past the time limit or kills the worker is left out and the notebook
   is run again without it (the student loses what that cell defined, not everything).
3. The hidden tests (Otter's exception-based files from the bundle) run in this process,
   with the notebook's names as proxies (:mod:`remote`); they compare against the
   reference package from the bundle, which the worker never sees.
4. Scores follow Otter's own rules (``TestFile.score``), so honest work scores what
   ``otter run`` gives it; results are also written as Otter's ``results.json``.
"""
from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import sys
import tempfile
import time
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

from autograder.feedback import student_message
from autograder.grade import submission as submissions
from autograder.grade import wire
from autograder.grade.pdf import TextReport
from autograder.grade.remote import Session
from autograder.grade.results import GradeResult, QuestionResult, TestResult
from autograder.grade.sandbox import Limits, Sandbox, SandboxDied, isolation

MAX_STARTS = 6
DEFAULT_SEED = 42
NOT_RUN = "not run: the notebook's code stopped the grader too often"


@dataclass
class Timeouts:
    notebook_s: float = 120.0   # all cells together
    call_s: float = 60.0        # one call of a student's function from a test
    start_s: float = 60.0


LAB_TIMEOUTS = Timeouts(notebook_s=300.0, call_s=120.0, start_s=90.0)


class Bundle:
    """An autograder zip (or its unpacked folder), unpacked into a private folder."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._tmp = tempfile.mkdtemp(prefix="dlcourse-bundle-")
        os.chmod(self._tmp, 0o700)
        self.dir = Path(self._tmp)
        if self.path.is_dir():
            shutil.copytree(self.path, self.dir, dirs_exist_ok=True)
        else:
            try:
                with zipfile.ZipFile(self.path) as archive:
                    for info in archive.infolist():
                        target = (self.dir / info.filename).resolve()
                        if not str(target).startswith(str(self.dir.resolve()) + os.sep):
                            raise ValueError(f"unsafe path {info.filename!r} in {self.path.name}")
                    archive.extractall(self.dir)
            except (zipfile.BadZipFile, OSError) as exc:
                raise ValueError(f"{self.path}: not an autograder zip ({exc})") from None
        manifest = self.dir / "dlcourse-autograder.json"
        if not manifest.is_file():
            raise ValueError(f"{self.path}: no dlcourse-autograder.json (build it with `dlcourse build`)")
        self.manifest = json.loads(manifest.read_text(encoding="utf-8"))
        self.name = self.manifest["assignment"]
        config = self.dir / "otter_config.json"
        self.seed = json.loads(config.read_text()).get("seed", DEFAULT_SEED) if config.is_file() else DEFAULT_SEED
        self.is_lab = bool(self.manifest.get("lab", self.name.startswith("lab_")))
        self.public = {str(p.relative_to(self.dir / "public")): p.read_bytes()
                       for p in sorted((self.dir / "public").rglob("*")) if p.is_file()
                       and p.suffix != ".ipynb"}
        self.test_paths = sorted((self.dir / "tests").glob("*.py"))

    @contextlib.contextmanager
    def trusted_imports(self):
        """``solutions`` and ``dlcourse_testkit`` as the tests import them: from this bundle."""
        from autograder.shipped import register

        register()
        saved_path = list(sys.path)
        saved = {k: v for k, v in sys.modules.items() if k == "solutions" or k.startswith("solutions.")}
        for key in saved:
            del sys.modules[key]
        sys.path.insert(0, str(self.dir / "files"))
        try:
            yield
        finally:
            sys.path[:] = saved_path
            for key in [k for k in sys.modules if k == "solutions" or k.startswith("solutions.")]:
                del sys.modules[key]
            sys.modules.update(saved)

    def load_tests(self):
        from autograder.grade import otter_tests

        return [otter_tests.load(p) for p in self.test_paths]

    def close(self):
        shutil.rmtree(self._tmp, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


@contextlib.contextmanager
def _device_env(device: str):
    """The tests read DLCOURSE_DEVICE (the device a lab model must run on) in this process too."""
    saved = os.environ.get("DLCOURSE_DEVICE")
    os.environ["DLCOURSE_DEVICE"] = device
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("DLCOURSE_DEVICE", None)
        else:
            os.environ["DLCOURSE_DEVICE"] = saved


def _autograd_forbidden() -> bool:
    testkit = sys.modules.get("dlcourse_testkit")
    return bool(testkit is not None and getattr(testkit, "autograd_forbidden", lambda: False)())


def _new_sandbox(bundle: Bundle, device: str, limits: Limits, timeouts: Timeouts) -> Sandbox:
    env = {"DLCOURSE_DEVICE": device}
    if bundle.is_lab:
        env["LAB_QUICK"] = "1"  # the labs' notebooks shrink their data and epochs (docs/grading.md)
    return Sandbox(bundle.public, limits=limits, env=env, hide=[bundle.dir], hide_torch=not bundle.is_lab,
                   gpu=device == "cuda", start_timeout=timeouts.start_s,
                   preload=["torch"] if bundle.is_lab else [])


class WarmWorkers:
    """Keeps one sandbox started ahead (interpreter up, numpy and, for labs, torch imported),
    so that a batch does not wait for a start per submission. A worker grades one
    submission only: nothing of one student's run can reach the next."""

    def __init__(self, bundle: Bundle, device: str = "cpu", limits: Limits | None = None,
                 timeouts: Timeouts | None = None, count: int | None = None):
        import concurrent.futures

        self.bundle, self.device = bundle, device
        self.timeouts = timeouts or _timeouts(bundle)
        self.limits = limits or _limits(self.timeouts, device)
        self._left = count  # how many will be taken (None: no end); none is started in vain
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
        self._next = self._start_next()

    def _start_next(self):
        if self._left is not None:
            if self._left <= 0:
                return None
            self._left -= 1
        return self._pool.submit(_new_sandbox, self.bundle, self.device, self.limits, self.timeouts)

    def take(self) -> Sandbox | None:
        future, self._next = self._next, self._start_next()
        if future is None:
            return None
        try:
            return future.result()
        except SandboxDied:
            return None

    def close(self):
        if self._next is not None:
            try:
                self._next.result().close()
            except Exception:
                pass
        self._pool.shutdown()


def _timeouts(bundle: Bundle) -> Timeouts:
    return LAB_TIMEOUTS if bundle.is_lab else Timeouts()


def _limits(timeouts: Timeouts, device: str) -> Limits:
    limits = Limits(cpu_s=int(timeouts.notebook_s + 20 * timeouts.call_s))
    # CUDA's host-side allocations need room beyond what a CPU notebook may use
    return dataclasses.replace(limits, memory_bytes=32 * 1024**3) if device == "cuda" else limits


class _Worker:
    """A started sandbox with the notebook run in it, and the notebook's names as proxies."""

    def __init__(self, sandbox: Sandbox, timeouts: Timeouts):
        self.sandbox = sandbox
        self.session = Session(self.sandbox, timeouts.call_s, forbid_autograd=_autograd_forbidden)
        self.cells: list[dict] = []
        self.env: dict = {}

    def run(self, bundle: Bundle, sub: submissions.Submission, skipped: set[int], names: list[str],
            timeouts: Timeouts) -> None:
        cells = [{"index": c.index, "source": c.source} for c in sub.cells if c.index not in skipped]
        self.cells = self.session.request({"op": "run_cells", "cells": cells, "seed": bundle.seed},
                                          timeout=timeouts.notebook_s).get("cells", [])
        self.env = self.session.lookup(names)

    def last_cell(self) -> int | None:
        events = [e.get("index") for e in self.sandbox.events if e.get("event") == "cell"]
        return events[-1] if events else None

    def close(self):
        self.sandbox.close()


def grade(bundle: Bundle, path: Path, *, device: str = "cpu", limits: Limits | None = None,
          timeouts: Timeouts | None = None, warm: WarmWorkers | None = None) -> GradeResult:
    started = time.monotonic()
    result = GradeResult(bundle.name, Path(path).name, "graded", isolation=isolation(), device=device)
    if warm is not None:
        timeouts, limits = warm.timeouts, warm.limits
    timeouts = timeouts or _timeouts(bundle)
    limits = limits or _limits(timeouts, device)
    with bundle.trusted_imports(), _device_env(device):
        test_files = bundle.load_tests()
        try:
            sub = submissions.load(Path(path))
        except TextReport as exc:
            _grade_report(bundle, exc, test_files, result)
        except submissions.Ungradable as exc:
            result.status, result.reason = "invalid input", str(exc)
            _fail_all(result, test_files, f"not graded: {exc}")
        else:
            result.notes += sub.notes
            if bundle.is_lab:
                sub.cells, left_out = submissions.up_to_answers(sub.cells)
                if left_out:
                    result.notes.append(f"{len(left_out)} cells after the last answer (training, evaluation, "
                                        "plots) were not run: the tests train the models themselves")
            if sub.assignment_name and sub.assignment_name != bundle.name:
                result.notes.append(f"the notebook says it is for {sub.assignment_name!r}; graded as {bundle.name!r}")
            _run(bundle, sub, test_files, result, device, limits, timeouts, warm)
    result.seconds = round(time.monotonic() - started, 3)
    return result


def _grade_report(bundle: Bundle, exc, test_files, result: GradeResult) -> None:
    """A PDF report without its notebook: numeric answers through the hidden tests, the rest for a person."""
    from autograder.grade import report

    notebook = report.student_notebook(bundle.dir, bundle.name)
    reading = report.from_pdf(exc.data, exc.name, notebook)
    result.status, result.reason = "needs manual grading", str(exc)
    if reading.members:
        result.notes.append("group members (file name and first page): " + ", ".join(reading.members))
    for key, words in reading.answered.items():
        result.notes.append(f"report question {key} answered: \"{words}...\"")
    if reading.unanswered:
        result.notes.append("report questions with no answer found: " + ", ".join(reading.unanswered))
    env = dict(reading.numbers)
    for tf in test_files:
        tf.test_case_results = []
        for tc in tf.test_cases:
            params = set(tc.body._get_func_params()) - {"env"}
            if params and params <= set(env):
                passed, message = _run_case(tc, env)
            else:
                passed, message = False, "not gradable from a PDF report (no notebook to run)"
            _record_case(tf, tc, passed, message, result)
        _record_question(tf, result)


def _record_case(tf, tc, passed: bool, message: str, result: GradeResult) -> None:
    from autograder.grade.otter_tests import TestCaseResult

    tf.test_case_results.append(TestCaseResult(tc, None if passed else message, passed))
    result.tests.append(TestResult(tf.name, tc.name, tc.hidden, float(tc.points), passed, message))


def _record_question(tf, result: GradeResult) -> None:
    """The question's score by Otter's rules (``TestFile.score``: points, all-or-nothing)."""
    score, possible = float(tf.score), float(tf.possible)
    status = "passed" if score == possible else ("partial" if score > 0 else "failed")
    first = next((t.message for t in result.tests if t.question == tf.name and not t.passed), "")
    result.questions.append(QuestionResult(tf.name, score, possible, status, first))


def _fail_all(result: GradeResult, test_files, message: str) -> None:
    for tf in test_files:
        for tc in tf.test_cases:
            result.tests.append(TestResult(tf.name, tc.name, tc.hidden, float(tc.points), False, message))
        result.questions.append(QuestionResult(tf.name, 0.0, float(tf.possible), "failed", message))


def _start(bundle, sub, skipped, names, device, limits, timeouts, result, warm=None) -> _Worker | None:
    """Start a worker and run the notebook; leave out cells that hang or kill it (at most MAX_STARTS tries)."""
    for attempt in range(MAX_STARTS):
        worker = None
        try:
            ready = warm.take() if warm is not None and attempt == 0 else None
            worker = _Worker(ready or _new_sandbox(bundle, device, limits, timeouts), timeouts)
            worker.run(bundle, sub, skipped, names, timeouts)
            for cell in worker.cells:
                if not cell.get("ok"):
                    line = f", line {cell['line']}" if cell.get("line") else ""
                    note = f"cell {cell.get('index')} raised {cell.get('error')}{line}"
                    if note not in result.notes:
                        result.notes.append(note)
            return worker
        except SandboxDied as exc:
            cell = worker.last_cell() if worker is not None else None
            what = "ran past the time limit" if exc.reason == "timeout" else f"stopped the worker ({exc.detail or exc.reason})"
            if cell is None or cell in skipped:
                result.notes.append(f"the notebook could not be run: {what}")
                result.status = "timeout" if exc.reason == "timeout" else "crashed"
                result.reason = f"the notebook's code {what}"
                return None
            skipped.add(cell)
            result.notes.append(f"cell {cell} {what}; graded without it")
    result.status, result.reason = "crashed", "the notebook could not be run (too many cells failed)"
    return None


def _run(bundle, sub, test_files, result, device, limits, timeouts, warm=None) -> None:
    names = sorted({p for tf in test_files for tc in tf.test_cases for p in tc.body._get_func_params()} - {"env"})
    skipped: set[int] = set()
    preload = _preload(bundle)
    worker = _start(bundle, sub, skipped, names, device, limits, timeouts, result, warm)
    if worker is None:
        _fail_all(result, test_files, f"not graded: {result.reason}")
        return
    preload.join()
    restarts = 0
    poisoned: dict[str, str] = {}
    wire.seed_all(bundle.seed, sys.modules.get("torch"))
    try:
        for tf in test_files:
            tf.test_case_results = []
            for tc in tf.test_cases:
                if worker is None:
                    _record_case(tf, tc, False, NOT_RUN, result)
                    continue
                passed, message = _run_case(tc, worker.env)
                if worker.session.dead is not None:
                    dead = worker.session.dead
                    if worker.session.last_target_name:
                        # a function that hung or crashed the worker fails from now on without running
                        poisoned[worker.session.last_target_name] = dead.reason
                    message = ("the code ran past the time limit" if dead.reason == "timeout"
                               else "the code stopped the grader's worker")
                    if tc.failure_message:
                        message = f"{tc.failure_message} ({message})"
                    passed = False
                    worker.close()
                    worker = None
                    if restarts < MAX_STARTS - 1:
                        restarts += 1
                        worker = _start(bundle, sub, skipped, names, device, limits, timeouts, result)
                        if worker is not None:
                            for name, reason in poisoned.items():
                                if name in worker.env:
                                    worker.env[name] = _Stopped(name, reason)
                _record_case(tf, tc, passed, message, result)
            _record_question(tf, result)
    finally:
        if worker is not None:
            worker.close()


def _preload(bundle: Bundle):
    """Import what the tests will import (torch and the reference, for a lab) while the worker runs
    the notebook: the two overlap instead of adding up."""
    import importlib
    import threading

    def load():
        try:
            if bundle.is_lab:
                import torch  # noqa: F401 - imported for its side effect: loaded once, here
            importlib.import_module(f"solutions.{bundle.name}")
        except Exception:  # the tests will meet the same error and report it
            pass
    thread = threading.Thread(target=load, daemon=True)
    thread.start()
    return thread


class _Stopped:
    """Stands for a student function that hung or crashed the worker in an earlier test."""

    def __init__(self, name: str, reason: str):
        self.__name__, self._reason = name, reason

    def __call__(self, *args, **kwargs):
        raise TimeoutError(f"{self.__name__} {'ran past the time limit' if self._reason == 'timeout' else 'crashed'} "
                           "in an earlier test")


def _run_case(tc, env: dict) -> tuple[bool, str]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tc.body.call_func(env)
        return True, ""
    except Exception as exc:
        return False, student_message(tc.failure_message, exc)


def grade_many(bundle_path: Path, paths: list[Path], device: str = "cpu"):
    """Grade several submissions of one assignment, one fresh worker each, the next one started ahead
    (for one submission too: its worker starts while the tests load)."""
    with Bundle(bundle_path) as bundle:
        warm = WarmWorkers(bundle, device, count=len(paths))
        try:
            for path in paths:
                yield grade(bundle, path, device=device, warm=warm)
        finally:
            warm.close()
