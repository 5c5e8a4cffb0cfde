"""Where student code runs: a separate, limited process that the grader talks to through two pipes.

Two ways to start it, chosen by :func:`isolation` (``DLCOURSE_SANDBOX=bwrap|rlimit``
forces one):

* **bwrap** (bubblewrap, Debian package ``bubblewrap``): new user, PID, network, IPC and
  mount namespaces. The host's files are read-only; ``/tmp``, home folders, the dlcourse
  source tree and the grader's own folders are hidden behind empty tmpfs mounts, so
  the hidden tests, the reference package and other students' work are not there to
  read; the only writable folder is the scratch folder; no network but a private
  loopback; everything it started dies with it.
* **rlimit** (fallback where bubblewrap is missing or cannot create namespaces): the
  same resource limits, a separate session and user, and a private network namespace
  when the grader runs as root, but **no file hiding**: a student could read files that
  the worker's user may read. ``docs/grading.md`` says how to run it safely.

Both apply, per worker: CPU seconds, memory (address space for data), processes,
file size and open files (``setrlimit``); the wall clock is the grader's (every
request has a deadline, and a worker that misses one is killed with all its
processes). The process limit is a ``pids`` cgroup where the grader may make one
(``RLIMIT_NPROC`` does not bind root), else ``RLIMIT_NPROC``; the cgroup also lets the
grader kill every process the worker left behind.
"""
from __future__ import annotations

import ctypes
import functools
import itertools
import os
import resource
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from autograder.grade import wire

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BOX = "/tmp/box"           # the scratch folder, as the worker sees it under bwrap
GRADER_DIR = ".grader"     # the worker's own code, inside the scratch folder


@dataclass(frozen=True)
class Limits:
    """Per-worker limits. Memory is RLIMIT_DATA (heap and private writable mappings), which,
    unlike RLIMIT_AS, leaves room for the large reserved mappings of PyTorch and CUDA."""
    cpu_s: int = 300
    memory_bytes: int = 4 * 1024**3
    processes: int = 256
    file_bytes: int = 64 * 1024**2
    open_files: int = 1024


class SandboxDied(Exception):
    """The worker stopped answering: ``reason`` is ``timeout``, ``crashed`` or ``protocol``."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@functools.lru_cache(maxsize=None)
def bwrap_works() -> bool:
    """Whether bubblewrap is installed and can create its namespaces here."""
    path = shutil.which("bwrap")
    if not path:
        return False
    try:
        done = subprocess.run([path, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--proc", "/proc",
                               "--dev", "/dev", "true"], capture_output=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def isolation() -> str:
    forced = os.environ.get("DLCOURSE_SANDBOX", "").strip().lower()
    if forced in ("bwrap", "rlimit"):
        if forced == "bwrap" and not bwrap_works():
            raise RuntimeError("DLCOURSE_SANDBOX=bwrap, but bubblewrap is not installed or cannot run here")
        return forced
    return "bwrap" if bwrap_works() else "rlimit"


class PidsCgroup:
    """A cgroup (v1 ``pids`` or v2) that caps and later kills every process of one worker.

    ``RLIMIT_NPROC`` counts per user and does not bind root, so a grader running as root
    caps processes here; where no cgroup can be made (no permission), it stays inactive
    and the PID namespace (bwrap) or the process group is what ends the processes."""

    _count = itertools.count()

    def __init__(self, max_pids: int):
        self.path = None
        for base in (Path("/sys/fs/cgroup/pids"), Path("/sys/fs/cgroup")):
            if not (base / "cgroup.procs").exists():
                continue
            path = base / f"dlcourse-{os.getpid()}-{next(self._count)}"
            try:
                path.mkdir()
                (path / "pids.max").write_text(str(max_pids))
                self.path = path
                return
            except OSError:
                try:
                    path.rmdir()
                except OSError:
                    pass

    def join(self) -> None:
        """Move the calling process in (called in the child before exec)."""
        if self.path is not None:
            (self.path / "cgroup.procs").write_text(str(os.getpid()))

    def kill_all(self) -> None:
        if self.path is None:
            return
        for _ in range(50):
            try:
                pids = [int(p) for p in (self.path / "cgroup.procs").read_text().split()]
            except OSError:
                break
            if not pids:
                break
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.02)
        try:
            self.path.rmdir()
        except OSError:
            pass
        self.path = None


def _count_processes(uid: int) -> int:
    count = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    count += 1
            except OSError:
                pass
    return count


def _preexec(limits: Limits, cgroup: PidsCgroup, new_netns: bool, nproc_limit: int | None):
    def setup():
        os.setsid()
        cgroup.join()
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an over-long write fails; it does not kill
        if new_netns:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.unshare(0x40000000)  # CLONE_NEWNET: only a (down) loopback; best effort
        for which, value in ((resource.RLIMIT_CPU, limits.cpu_s), (resource.RLIMIT_DATA, limits.memory_bytes),
                             (resource.RLIMIT_FSIZE, limits.file_bytes), (resource.RLIMIT_NOFILE, limits.open_files),
                             (resource.RLIMIT_CORE, 0)):
            resource.setrlimit(which, (value, value))
        if nproc_limit is not None:
            resource.setrlimit(resource.RLIMIT_NPROC, (nproc_limit, nproc_limit))
    return setup


def _hidden_paths(extra: list[Path]) -> list[str]:
    """Folders the worker must not see: temporary folders, homes, the grader's source and data."""
    candidates = [Path("/tmp"), Path("/var/tmp"), Path("/home"), Path("/root"), Path("/srv"), Path("/mnt"),
                  Path("/media"), Path.home(), ROOT, Path.cwd(), *extra]
    for name in ("solutions", "autograder"):  # wherever the trusted packages were imported from
        module = sys.modules.get(name)
        if module is not None and getattr(module, "__file__", None):
            candidates.append(Path(module.__file__).resolve().parent)
    hidden = []
    for path in candidates:
        try:
            path = path.resolve()
        except OSError:
            continue
        if path.is_dir() and str(path) != "/" and str(path) not in hidden:
            hidden.append(str(path))
    return sorted(hidden, key=lambda p: p.count("/"))


def _python_dirs() -> list[str]:
    dirs = {sys.prefix, sys.base_prefix, sys.exec_prefix, str(Path(sys.executable).resolve().parent.parent)}
    return sorted(d for d in dirs if d and Path(d).is_dir())


def _site_packages_dir(name: str) -> str | None:
    import importlib.util
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return list(spec.submodule_search_locations)[0]


def bwrap_argv(scratch: Path, hide: list[Path], hide_torch: bool, gpu: bool) -> list[str]:
    argv = [shutil.which("bwrap"), "--die-with-parent", "--new-session", "--unshare-all", "--uid", "65534",
            "--gid", "65534",
            "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
    for path in _hidden_paths(hide):
        argv += ["--tmpfs", path]
    for path in _python_dirs():
        argv += ["--ro-bind", path, path]
    if hide_torch:
        torch_dir = _site_packages_dir("torch")
        if torch_dir:
            argv += ["--tmpfs", torch_dir]
    if gpu:
        for dev in sorted(Path("/dev").glob("nvidia*")):
            argv += ["--dev-bind", str(dev), str(dev)]
    argv += ["--bind", str(scratch), BOX, "--chdir", BOX]  # HOME and TMPDIR: the worker's environment
    return argv


class Sandbox:
    """One worker process: start it, send requests with deadlines, kill it and all it started."""

    def __init__(self, public_files: dict[str, bytes], *, limits: Limits = Limits(), env: dict | None = None,
                 hide: list[Path] = (), hide_torch: bool = False, gpu: bool = False, mode: str | None = None,
                 start_timeout: float = 60.0, preload: list[str] = ()):
        self.mode = mode or isolation()
        self.limits = limits
        self.events: list[dict] = []
        self._tmp = tempfile.mkdtemp(prefix="dlcourse-box-")
        self.scratch = Path(self._tmp) / "box"
        self.scratch.mkdir()
        for name, data in public_files.items():
            target = self.scratch / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        grader = self.scratch / GRADER_DIR
        grader.mkdir()
        shutil.copy(HERE / "worker.py", grader / "worker.py")
        shutil.copy(HERE / "wire.py", grader / "wire.py")
        root = os.geteuid() == 0
        self.cgroup = PidsCgroup(limits.processes)
        request_r, request_w = os.pipe()
        reply_r, reply_w = os.pipe()
        inside = BOX if self.mode == "bwrap" else str(self.scratch)
        command = [sys.executable, "-E", "-s", f"{inside}/{GRADER_DIR}/worker.py", str(request_r), str(reply_w),
                   ",".join(preload)]
        if self.mode == "bwrap":
            command = bwrap_argv(self.scratch, list(hide), hide_torch, gpu) + command
        worker_env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONHASHSEED": "0",
                      "PYTHONDONTWRITEBYTECODE": "1", "MPLBACKEND": "Agg", "OMP_NUM_THREADS": "1",
                      "HOME": inside, "TMPDIR": inside, "PYTHONPATH": inside, **(env or {})}
        nproc = None if root else _count_processes(os.geteuid()) + limits.processes
        self._log = open(self.scratch / ".worker.log", "wb")
        self.process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log, cwd=str(self.scratch),
            env=worker_env, pass_fds=(request_r, reply_w),
            preexec_fn=_preexec(limits, self.cgroup, root and self.mode == "rlimit", nproc))
        os.close(request_r)
        os.close(reply_w)
        self._out, self._in = request_w, reply_r
        self.started = time.monotonic()
        try:
            ready = self._wait(start_timeout)
        except SandboxDied as exc:
            # Nothing of the student's has run yet: the log is the worker's own start-up error.
            raise SandboxDied(exc.reason, f"{exc.detail}; the worker could not start: {self.startup_log()}") from None
        if ready.get("event") != "ready":
            self.close()
            raise SandboxDied("protocol", "the worker did not start")

    # ------------------------------------------------------------------ requests
    def request(self, message: dict, timeout: float, on_callback=None) -> dict:
        """Send ``message``; return the reply. Events are kept in ``events``; callbacks (the
        worker calling a grader function) are answered by ``on_callback(message) -> reply``."""
        deadline = time.monotonic() + timeout
        try:
            wire.send(self._out, message)
        except (BrokenPipeError, OSError):
            raise self._died("crashed", "the worker is gone")
        while True:
            reply = self._wait(deadline - time.monotonic())
            if "event" in reply:
                self.events.append(reply)
                continue
            if reply.get("op") == "callback":
                if on_callback is None:
                    raise self._died("protocol", "unexpected callback")
                try:
                    wire.send(self._out, on_callback(reply))
                except (BrokenPipeError, OSError):
                    raise self._died("crashed", "the worker is gone")
                continue
            if "failure" in reply:
                raise self._died("protocol", str(reply["failure"])[:300])
            return reply

    def _wait(self, timeout: float) -> dict:
        if timeout <= 0:
            raise self._died("timeout")
        ready, _, _ = select.select([self._in], [], [], timeout)
        if not ready:
            raise self._died("timeout")
        try:
            return wire.receive(self._in)
        except EOFError:
            raise self._died("crashed", self._exit_detail())
        except (wire.WireError, OSError) as exc:
            raise self._died("protocol", str(exc))

    def _exit_detail(self) -> str:
        try:
            code = self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            return "the worker closed its channel"
        if code < 0:
            name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else str(-code)
            return f"killed by {name}"
        return f"exited with status {code}"

    def startup_log(self) -> str:
        if getattr(self, "_tmp", None) is None:
            return getattr(self, "last_log", "")
        try:
            return (self.scratch / ".worker.log").read_text(errors="replace")[-600:].strip()
        except OSError:
            return ""

    def _died(self, reason: str, detail: str = "") -> SandboxDied:
        self.last_log = self.startup_log()
        self.close()
        return SandboxDied(reason, detail)

    # ------------------------------------------------------------------ ending
    def close(self) -> None:
        process = getattr(self, "process", None)
        if process is not None and process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        if getattr(self, "cgroup", None) is not None:
            self.cgroup.kill_all()  # whatever escaped the session (a setsid'd child in rlimit mode)
        for fd in ("_out", "_in"):
            if getattr(self, fd, None) is not None:
                try:
                    os.close(getattr(self, fd))
                except OSError:
                    pass
                setattr(self, fd, None)
        if getattr(self, "_log", None) is not None:
            self._log.close()
            self._log = None
        if getattr(self, "_tmp", None):
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False
