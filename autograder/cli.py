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


def _data_fetch(args: argparse.Namespace) -> int:
    from autograder.data_fetch import DATABASES, fetch

    unknown = [n for n in args.databases if n not in DATABASES]
    if unknown:
        print(f"unknown database(s) {', '.join(unknown)}; choose from {', '.join(DATABASES)}", file=sys.stderr)
        return 2
    reports = fetch(list(dict.fromkeys(args.databases)) or None, Path(args.dest) if args.dest else None,
                    base_url=args.base_url, force=args.force)
    failed = [r for r in reports if not r.ok]
    # Plain lines (not rich): file names and URLs must not be re-wrapped or read as markup.
    for report in failed:
        print(f"{report.database}: {len(report.errors)} error(s):", file=sys.stderr)
        for message in report.errors:
            print(f"  {message}", file=sys.stderr)
    if not failed:
        print(f"Fetched and verified {', '.join(r.database for r in reports)} "
              f"(in {', '.join(str(r.dest) for r in reports)}).")
    return 1 if failed else 0


def _resolve_bundle(assignment: str, dist_dir: Path) -> Path:
    """An assignment name (its zip in dist/) or a path to an autograder zip or folder."""
    path = Path(assignment)
    if path.exists():
        return path
    candidate = dist_dir / assignment / f"{assignment}-autograder.zip"
    if candidate.is_file():
        return candidate
    raise FileNotFoundError(f"{assignment}: no such autograder zip or folder, and no {candidate} "
                            f"(run `dlcourse build {assignment}` first)")


def _grade(args: argparse.Namespace) -> int:
    import json

    from autograder.grade.engine import grade_many

    err = Console(stderr=True)
    if args.device == "cuda":
        import torch
        if not torch.cuda.is_available():
            err.print("[red]--device cuda: no CUDA device is available here (grade on the CPU, the default)[/red]")
            return 2
    try:
        bundle = _resolve_bundle(args.assignment, Path(args.dist_dir))
    except FileNotFoundError as exc:
        err.print(f"[red]{exc}[/red]")
        return 2
    missing = [s for s in args.submission if not Path(s).exists()]
    if missing:
        err.print(f"[red]{', '.join(missing)}: no such file[/red]")
        return 2
    paths = [Path(s) for s in args.submission]
    try:
        for result, path in zip(grade_many(bundle, paths, device=args.device), paths):
            if args.out:
                out = Path(args.out) if len(paths) == 1 else Path(args.out) / path.stem
                out.mkdir(parents=True, exist_ok=True)
                (out / "results.json").write_text(json.dumps(result.gradescope(), indent=2, ensure_ascii=False)
                                                  + "\n", encoding="utf-8")
                (out / "dlcourse-results.json").write_text(result.to_json() + "\n", encoding="utf-8")
            print(result.to_json() if args.json else result.table(), flush=True)
    except ValueError as exc:  # a broken autograder bundle, not a student's fault
        err.print(f"[red]{exc}[/red]")
        return 2
    return 0


def _grade_moodle(args: argparse.Namespace) -> int:
    from autograder.moodle.batch import grade_moodle

    err = Console(stderr=True)
    try:
        bundle = _resolve_bundle(args.assignment, Path(args.dist_dir))
    except FileNotFoundError as exc:
        err.print(f"[red]{exc}[/red]")
        return 2
    for path in (args.download, args.worksheet):
        if not Path(path).is_file():
            err.print(f"[red]{path}: no such file[/red]")
            return 2
    try:
        batch = grade_moodle(bundle, Path(args.download), Path(args.worksheet), Path(args.out),
                             workers=args.workers, device=args.device, scheduler=args.scheduler)
    except ValueError as exc:
        err.print(f"[red]{exc}[/red]")
        return 2
    _print_batch(batch)
    return 0


def _print_batch(batch) -> None:
    console = Console()
    graded = sum(r.status.startswith("graded") for r in batch.rows)
    flagged = sum(bool(r.flags) for r in batch.rows)
    console.print(f"{len(batch.rows)} worksheet rows: {graded} graded, {flagged} flagged "
                  f"({batch.graded_now} files graded now, {batch.from_store} from earlier runs; "
                  f"{len(batch.refused)} zip entries refused).")
    console.print(f"Upload to Moodle: {batch.out}/Grades-*.csv (grading worksheet) and {batch.out}/feedback.zip; "
                  f"for you: {batch.out}/dashboard.html, summary.csv, flagged.csv, audit.jsonl.")


def _demo(args: argparse.Namespace) -> int:
    from autograder.assignments import get
    from autograder.build import build_assignment
    from autograder.moodle.batch import grade_moodle
    from autograder.moodle.synthetic import make_class

    console = Console()
    start = time.perf_counter()
    name = args.assignment
    dist, assignments = Path(args.dist_dir), ROOT / "assignments"
    bundle = dist / name / f"{name}-autograder.zip"
    if not bundle.is_file():
        console.print(f"building {name} ...")
        build_assignment(get(name), assignments, dist)
    out = Path(args.out)
    synthetic = make_class(name, assignments / name / f"{name}.ipynb", out / "moodle", n=args.students)
    console.print(f"A synthetic Moodle class of {args.students}: {synthetic.download} and {synthetic.worksheet}")
    batch = grade_moodle(bundle, synthetic.download, synthetic.worksheet, out / "graded", workers=args.workers)
    _print_batch(batch)
    console.print(f"demo done in {time.perf_counter() - start:.0f} s")
    return 0


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

    p = sub.add_parser("grade", help="grade one submission (notebook, exported zip or PDF) in a sandbox",
                       description="Grade one submission: its notebook runs in a sandbox, the hidden tests in "
                                   "this process. Prints a table (or JSON); --out writes results.json (Otter's "
                                   "format) and dlcourse-results.json.")
    p.add_argument("assignment", help="assignment name (its zip in --dist-dir) or an autograder zip or folder")
    p.add_argument("submission", nargs="+",
                   help=".ipynb, the zip of grader.export(), or a PDF with the notebook attached (several: "
                        "one fresh sandbox each, the next started ahead; --out gets a folder per submission)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--out", default=None, help="folder for results.json and dlcourse-results.json")
    p.add_argument("--device", default="cpu", choices=["cpu", "cuda"], help="where the labs' models run")
    p.add_argument("--dist-dir", default=str(ROOT / "dist"), help="where the autograder zips are (default: dist/)")
    p.set_defaults(func=_grade)

    p = sub.add_parser("grade-moodle", help="grade a Moodle 'Download all submissions' zip; write the worksheet, "
                                             "feedback zip and class summary")
    p.add_argument("assignment", help="assignment name (its zip in --dist-dir) or an autograder zip")
    p.add_argument("download", help="the zip from Moodle's 'Download all submissions'")
    p.add_argument("--worksheet", required=True, help="the grading worksheet CSV downloaded from the same assignment")
    p.add_argument("--out", required=True, help="output folder (results are kept there between runs)")
    p.add_argument("--workers", type=int, default=None, help="parallel graders (default: one per core)")
    p.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    p.add_argument("--scheduler", default=None,
                   help="a Dask distributed scheduler address (tcp://host:8786): grade on that cluster")
    p.add_argument("--dist-dir", default=str(ROOT / "dist"), help="where the autograder zips are (default: dist/)")
    p.set_defaults(func=_grade_moodle)

    p = sub.add_parser("demo", help="build, make a synthetic Moodle class, grade it and write every output")
    p.add_argument("--assignment", default="activations", help="assignment of the demo (default: activations)")
    p.add_argument("--students", type=int, default=60, help="class size (default 60)")
    p.add_argument("--out", default=str(ROOT / "build" / "demo"), help="output folder (default: build/demo)")
    p.add_argument("--workers", type=int, default=None, help="parallel graders (default: one per core)")
    p.add_argument("--dist-dir", default=str(ROOT / "dist"), help="where the autograder zips are (default: dist/)")
    p.set_defaults(func=_demo)

    data = sub.add_parser("data", help="the real PhysioNet databases of the labs (opt-in download)")
    data_sub = data.add_subparsers(dest="data_command", required=True)
    p = data_sub.add_parser(
        "fetch", help="download afdb and/or gaitndd from PhysioNet and verify them against SHA256SUMS.txt",
        description="Download the annotation files of afdb (.atr, .qrs, .hea; not the .dat signals) and the "
                    ".ts series of gaitndd from PhysioNet, each checked against PhysioNet's SHA256SUMS.txt. "
                    "Files already present with the right hash are not downloaded again.")
    p.add_argument("databases", nargs="*", metavar="DATABASE", help="afdb and/or gaitndd (default: both)")
    p.add_argument("--dest", default=None,
                   help="parent folder; each database goes in DEST/<db>/ (default: data/physionet/)")
    p.add_argument("--base-url", default="https://physionet.org/files",
                   help="replaces https://physionet.org/files in <base-url>/<db>/1.0.0/<file>")
    p.add_argument("--force", action="store_true", help="download every file again, even if present and valid")
    p.set_defaults(func=_data_fetch)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
