"""Grading speed: this engine against `otter run`, on the same submissions, in one run.

    python benchmarks/grading.py [--assignment activations] [--rounds 3]

Grades the reference, the stub and the first wrong and correct catalogue entries of
the assignment, each ``--rounds`` times with ``dlcourse grade`` (one process per
submission) and with ``otter run``, interleaved so that both see the same machine
load, then all of them again as one ``dlcourse grade`` batch (how a class is graded:
one grader process, a fresh sandbox per submission, the next started ahead). Prints
the median seconds per submission, the ratios, and the peak memory (the largest
process of each command's tree).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from autograder.grade.specimens import catalogue, notebook_with, reference_source  # noqa: E402
from autograder.grade.sandbox import isolation  # noqa: E402


MEASURE = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds, and the peak RSS (MB) of the largest process of the command's tree
    (measured by a fresh parent process, so one command's peak does not hide another's)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], check=True, capture_output=True, text=True,
                          cwd=ROOT)
    return time.perf_counter() - start, int(done.stdout.strip().splitlines()[-1]) / 1024


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--assignment", default="activations")
    p.add_argument("--rounds", type=int, default=3)
    args = p.parse_args()
    name = args.assignment
    if name.startswith("lab_"):
        # The engine runs lab notebooks in quick mode (small data, few epochs); otter run gets the same.
        os.environ["LAB_QUICK"] = "1"
    bundle = ROOT / "dist" / name / f"{name}-autograder.zip"
    if not bundle.is_file():
        subprocess.run([sys.executable, "-m", "autograder.cli", "build", name], check=True, cwd=ROOT)
    stub = json.loads((ROOT / "assignments" / name / f"{name}.ipynb").read_text())
    base = reference_source(name)
    table = catalogue(name)
    cases = {"reference": notebook_with(stub, base), "stub": stub,
             "wrong": notebook_with(stub, base + next(iter(table["wrong"].values()))),
             "correct": notebook_with(stub, base + next(iter(table["correct"].values())))}
    ours, theirs, our_mem, their_mem = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for label, notebook in cases.items():
            path = Path(tmp) / f"{label}.ipynb"
            path.write_text(json.dumps(notebook))
            paths.append(path)
        for _ in range(args.rounds):
            for path in paths:
                out = Path(tmp) / "otter-out"
                out.mkdir(exist_ok=True)
                s, m = timed([sys.executable, "-m", "otter", "run", "--no-logo", "-a", str(bundle), "-o", str(out),
                              str(path)])
                theirs.append(s)
                their_mem.append(m)
                s, m = timed([sys.executable, "-m", "autograder.cli", "grade", str(bundle), str(path), "--json"])
                ours.append(s)
                our_mem.append(m)
        # A batch, as a class is graded: one grader process, a fresh sandbox per submission,
        # the next one started ahead.
        batch = [str(p) for p in paths] * args.rounds
        batch_s, batch_mem = timed([sys.executable, "-m", "autograder.cli", "grade", str(bundle), *batch, "--json"])
    per_batch = batch_s / len(batch)
    mo, mt = statistics.median(ours), statistics.median(theirs)
    print(f"# Grading benchmark: {name}, {len(cases)} submissions x {args.rounds} rounds "
          f"({os.cpu_count()} CPUs, sandbox: {isolation()}, load average at end {os.getloadavg()[0]:.1f})")
    print(f"| engine | median s / submission | min s | peak RSS MB (max) |")
    print(f"|---|---|---|---|")
    print(f"| dlcourse grade | {mo:.2f} | {min(ours):.2f} | {max(our_mem):.0f} |")
    print(f"| dlcourse grade, batch of {len(batch)} | {per_batch:.2f} (mean) | — | {batch_mem:.0f} |")
    print(f"| otter run | {mt:.2f} | {min(theirs):.2f} | {max(their_mem):.0f} |")
    print(f"ratio, one process per submission (otter run / dlcourse grade, medians): {mt / mo:.2f}x")
    print(f"ratio, batch (otter run median / dlcourse grade batch mean): {mt / per_batch:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
