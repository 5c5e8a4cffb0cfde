"""The ``dlcourse`` command line: one sub-command per pipeline stage."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from autograder.assignments import ROOT


def _verify(args: argparse.Namespace) -> int:
    import torch

    from autograder.verify import verify
    from solutions.device import default_device

    device = torch.device(args.device) if args.device else default_device()
    if device.type == "cuda" and not torch.cuda.is_available():
        Console(stderr=True).print("[red]--device cuda was asked for, but no CUDA device is available[/red]")
        return 2
    results = verify(seed=args.seed, device=device)
    table = Table(title=f"Reference solutions against PyTorch (float64, device {device}, seed {args.seed})")
    for column in ("exercise", "comparisons", "max abs error", "tolerance", "result"):
        table.add_column(column, justify="left" if column in ("exercise", "result") else "right")
    for r in results:
        table.add_row(r.exercise, str(r.comparisons), f"{r.max_error:.2e}", f"{r.tolerance:g}",
                      "[green]ok[/green]" if r.passed else f"[red]FAILED[/red] {r.failures[0]}")
    console = Console()
    console.print(table)
    total = sum(r.comparisons for r in results)
    failed = [r for r in results if not r.passed]
    console.print(f"{total} comparisons, {len(results) - len(failed)} of {len(results)} exercises verified.")
    return 1 if failed else 0


def _selected(names: list[str]):
    from autograder.assignments import all_assignments, get

    return [get(n) for n in names] if names else all_assignments()


def _build(args: argparse.Namespace) -> int:
    from autograder.build import build_assignment

    console = Console()
    try:
        selected = _selected(args.names)
    except KeyError as exc:
        Console(stderr=True).print(f"[red]{exc.args[0]}[/red]")
        return 2
    table = Table(title="dlcourse build")
    for column in ("assignment", "questions", "points", "student files", "seconds"):
        table.add_column(column, justify="left" if column == "assignment" else "right")
    total = time.perf_counter()
    for assignment in selected:
        start = time.perf_counter()
        result = build_assignment(assignment, Path(args.assignments_dir), Path(args.dist_dir))
        table.add_row(assignment.name, str(len(result.questions)), f"{sum(result.questions.values()):g}",
                      str(len(result.student_files)), f"{time.perf_counter() - start:.1f}")
    console.print(table)
    console.print(f"Built {len(selected)} assignment(s) in {time.perf_counter() - total:.1f} s: "
                  f"student folders in {args.assignments_dir}/, zips in {args.dist_dir}/.")
    return 0


def _discrimination(args: argparse.Namespace) -> int:
    from autograder.discrimination_table import discrimination_reports, render_table

    try:
        selected = _selected(args.names)
    except KeyError as exc:
        Console(stderr=True).print(f"[red]{exc.args[0]}[/red]")
        return 2
    reports = discrimination_reports(selected, Path(args.dist_dir), Path(args.assignments_dir))
    console = Console()
    console.print(render_table(reports))
    if args.details:
        for report in reports:
            for outcome, forged in report.variants:
                if not outcome.ok(report.reference.score, forged):
                    console.print(f"[red]{report.assignment}: {outcome.kind} '{outcome.label}' "
                                  f"scored {outcome.score:g}/{outcome.possible:g}[/red]")
    return 0 if all(r.all_ok for r in reports) else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dlcourse", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("verify", help="prove the reference solutions against PyTorch and print a table")
    p.add_argument("--seed", type=int, default=0, help="seed of the random inputs (default 0)")
    p.add_argument("--device", default=None, help="cpu or cuda (default: CUDA when present, else CPU)")
    p.set_defaults(func=_verify)

    for name, func, help_text in (
        ("build", _build, "build student folders, student zips and autograder zips from solutions/"),
        ("discrimination", _discrimination,
         "grade the reference, the stub and the catalogues of variants; print the table"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("names", nargs="*", help="assignments (default: all)")
        p.add_argument("--assignments-dir", default=str(ROOT / "assignments"),
                       help="where the student folders go (default: assignments/)")
        p.add_argument("--dist-dir", default=str(ROOT / "dist"), help="where the zips go (default: dist/)")
        if name == "discrimination":
            p.add_argument("--details", action="store_true", help="list every variant judged wrongly")
        p.set_defaults(func=func)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
