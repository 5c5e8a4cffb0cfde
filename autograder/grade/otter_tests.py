"""Otter's exception-based test files, loaded with Otter's own classes but without ``import otter``.

``import otter`` pulls in Otter's whole API (IPython, nbconvert, pandas, fica: about
0.8 s, a third of grading a small notebook), and none of it is needed to run a test
file. So the two modules that define the format (``abstract_test``, ``exception_test``)
are loaded from the installed package under a private name, and test files are executed
with ``from otter.test_files import test_case`` answered by them. Scoring stays Otter's:
``resolve_test_file_points`` and ``TestFile.score`` are Otter's code.
"""
from __future__ import annotations

import builtins
import functools
import importlib
import importlib.util
import sys
import types
from pathlib import Path

PRIVATE = "_dlcourse_otter_test_files"


@functools.lru_cache(maxsize=None)
def _otter():
    spec = importlib.util.find_spec("otter")
    if spec is None or not spec.origin:
        raise ImportError("otter-grader is not installed")
    package = types.ModuleType(PRIVATE)
    package.__path__ = [str(Path(spec.origin).parent / "test_files")]
    sys.modules[PRIVATE] = package
    abstract = importlib.import_module(f"{PRIVATE}.abstract_test")
    exception = importlib.import_module(f"{PRIVATE}.exception_test")
    shim = types.ModuleType("otter.test_files")
    shim.test_case = exception.test_case
    return abstract, exception, shim


def TestCaseResult(*args, **kwargs):  # noqa: N802 - Otter's dataclass
    return _otter()[0].TestCaseResult(*args, **kwargs)


def load(path: Path):
    """The ``ExceptionTestFile`` of ``path``, as Otter's ``ExceptionTestFile.from_file`` builds it."""
    _, exception, shim = _otter()
    source = Path(path).read_text(encoding="utf-8")

    def importer(name, globals=None, locals=None, fromlist=(), level=0):
        if name == "otter.test_files" and level == 0:
            return shim
        return builtins.__import__(name, globals, locals, fromlist, level)

    env = {"__builtins__": {**vars(builtins), "__import__": importer}}
    exec(compile(source, str(path), "exec"), env)
    if "name" not in env:
        raise ValueError(f"test file {path} does not define 'name'")
    cases = []
    for value in list(env.values()):
        if isinstance(value, exception.test_case):
            if value.name is None:
                value.name = f"{env['name']} - {len(cases) + 1}"
            cases.append(value.to_dataclass())
    cases = exception.ExceptionTestFile.resolve_test_file_points(env.get("points"), cases)
    test_file = exception.ExceptionTestFile(env["name"], Path(path).as_posix(), cases,
                                            all_or_nothing=env.get("all_or_nothing", False))
    test_file.source = source
    return test_file
