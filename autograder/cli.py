"""The ``dlcourse`` command line: one sub-command per pipeline stage."""
from __future__ import annotations

import argparse
import sys

from rich.console import Console
from rich.table import Table


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dlcourse", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("verify", help="prove the reference solutions against PyTorch and print a table")
    p.add_argument("--seed", type=int, default=0, help="seed of the random inputs (default 0)")
    p.add_argument("--device", default=None, help="cpu or cuda (default: CUDA when present, else CPU)")
    p.set_defaults(func=_verify)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
