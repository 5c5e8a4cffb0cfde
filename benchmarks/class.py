"""Whole-class grading speed: a synthetic Moodle class graded by `dlcourse grade-moodle`, beside
sequential `otter run` on a sample of the same submissions, in one run.

    python benchmarks/class.py [--students 200] [--assignment activations] [--sample 6]

Prints the total time, submissions per minute, and the same figure for `otter run` one after
the other (measured on --sample notebooks of the class, extrapolated per minute).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from autograder.grade.sandbox import isolation  # noqa: E402
from autograder.moodle.batch import grade_moodle  # noqa: E402
from autograder.moodle.download import read_download  # noqa: E402
from autograder.moodle.synthetic import make_class  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--students", type=int, default=200)
    p.add_argument("--assignment", default="activations")
    p.add_argument("--sample", type=int, default=6, help="notebooks timed with otter run")
    p.add_argument("--workers", type=int, default=None)
    args = p.parse_args()
    name = args.assignment
    bundle = ROOT / "dist" / name / f"{name}-autograder.zip"
    if not bundle.is_file():
        subprocess.run([sys.executable, "-m", "autograder.cli", "build", name], check=True, cwd=ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        synthetic = make_class(name, ROOT / "assignments" / name / f"{name}.ipynb", tmp / "moodle", n=args.students)
        start = time.perf_counter()
        batch = grade_moodle(bundle, synthetic.download, synthetic.worksheet, tmp / "graded", workers=args.workers,
                             progress=False)
        total = time.perf_counter() - start
        with_files = sum(1 for r in batch.rows if r.sha256)
        notebooks = [f for o in read_download(synthetic.download).owners.values() for f in o.files
                     if f.path.endswith(".ipynb")][: args.sample]
        otter = []
        for i, file in enumerate(notebooks):
            path = tmp / f"sample{i}.ipynb"
            path.write_bytes(file.data)
            out = tmp / f"otter{i}"
            out.mkdir()
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "otter", "run", "--no-logo", "-a", str(bundle), "-o", str(out),
                            str(path)], capture_output=True, cwd=tmp)
            otter.append(time.perf_counter() - t0)
        shutil.rmtree(tmp / "graded", ignore_errors=True)
    per_otter = sum(otter) / len(otter)
    print(f"# Class benchmark: {name}, {args.students} students ({os.cpu_count()} CPUs, sandbox: {isolation()}, "
          f"workers {args.workers or os.cpu_count()})")
    print(f"- dlcourse grade-moodle: {total:.1f} s for {args.students} worksheet rows ({with_files} with a "
          f"gradable file, {len(batch.results)} distinct files graded): "
          f"{with_files / total * 60:.0f} submissions per minute")
    print(f"- otter run, sequential, on {len(otter)} of the same notebooks: {per_otter:.2f} s each, "
          f"{60 / per_otter:.0f} submissions per minute")
    print(f"- ratio: {with_files / total * 60 / (60 / per_otter):.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
