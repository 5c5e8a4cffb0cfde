"""Pictures for the notebooks, drawn at build time from the reference solutions.

Otter Assign strips every output from the student notebook, so a picture that
should be there before the student writes any code is rendered here, as SVG,
and shown by a markdown cell. The SVG is byte-for-byte reproducible: fixed
hash salt, text kept as text, no date or creator stamp.
"""
from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)

STYLE = {
    "svg.hashsalt": "dlcourse",
    "svg.fonttype": "none",
    "figure.figsize": (8.0, 3.2),
    "figure.dpi": 100,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "font.size": 10,
}


class FigureError(RuntimeError):
    pass


def render_svg(code: str, slug: str) -> str:
    """Run the figure cell's ``code`` and return the current figure as SVG text."""
    plt.close("all")
    with plt.rc_context(STYLE):
        try:
            exec(compile(code, f"<figure {slug}>", "exec"), {"__name__": f"figure_{slug}"})
        except Exception as exc:
            raise FigureError(f"figure {slug!r} failed: {type(exc).__name__}: {exc}") from exc
        if not plt.get_fignums():
            raise FigureError(f"figure {slug!r} drew nothing")
        buffer = io.StringIO()
        plt.gcf().savefig(buffer, format="svg", bbox_inches="tight",
                          metadata={"Date": None, "Creator": None})
    plt.close("all")
    return buffer.getvalue()
