"""Moodle's offline grading worksheet: read it, fill grades and feedback, write it back importable.

Written as Moodle writes it (``../shared/docs/moodle-formats.md`` §2): UTF-8 with a BOM, ``,``,
``\\n`` line ends, a field quoted only when it holds ``,`` ``"`` a newline, a tab or a space
(``"`` doubled), the header line kept byte for byte, every row with the header's field count,
grades with a ``.`` and never above the maximum, feedback as HTML. Rows are matched by
``Identifier`` (``Participant 1234567``), never by position or name.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

BOM = "\ufeff"
FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n")


def _unescape(cell: str) -> str:
    # Moodle prefixes ' to cells that a spreadsheet would read as formulas; "-" alone is left as is.
    if cell.startswith("'") and len(cell) > 1 and cell[1] in FORMULA and cell != "'-":
        return cell[1:]
    return cell


def _field(value: str) -> str:
    """One field as PHP's fputcsv (no escape character) writes it."""
    if any(ch in value for ch in ',"\n\r\t '):
        return '"' + value.replace('"', '""') + '"'
    return value


@dataclass
class Worksheet:
    header_line: str            # exactly as downloaded (without BOM and line end)
    header: list[str]
    rows: list[list[str]]

    @classmethod
    def read(cls, path: Path) -> "Worksheet":
        text = Path(path).read_bytes().decode("utf-8-sig")
        lines = text.replace("\r\n", "\n").replace("\r", "\n")
        header_line = lines.split("\n", 1)[0]
        table = list(csv.reader(io.StringIO(lines)))
        if not table:
            raise ValueError(f"{path}: empty worksheet")
        header = table[0]
        for needed in ("Identifier", "Grade", "Last modified (grade)"):
            if needed not in header:
                raise ValueError(f"{path}: no {needed!r} column; is this Moodle's grading worksheet?")
        rows = [[_unescape(c) for c in row] for row in table[1:] if row]
        for number, row in enumerate(rows, start=2):
            if len(row) != len(header):
                raise ValueError(f"{path}: line {number} has {len(row)} fields, the header {len(header)}")
        return cls(header_line, header, rows)

    def column(self, name: str) -> int | None:
        return self.header.index(name) if name in self.header else None

    def participant_id(self, row: list[str]) -> str | None:
        m = re.fullmatch(r"Participant (\d+)", row[self.header.index("Identifier")])
        return m.group(1) if m else None

    def ids(self) -> dict[str, list[str]]:
        return {pid: row for row in self.rows if (pid := self.participant_id(row))}

    def value(self, row: list[str], name: str, default: str = "") -> str:
        index = self.column(name)
        return row[index] if index is not None else default

    def maximum(self, row: list[str]) -> float | None:
        for name in ("Maximum grade", "Maximum Grade"):
            raw = self.value(row, name)
            if raw:
                try:
                    return float(raw.replace(",", "."))
                except ValueError:
                    return None
        return None

    def set_grade(self, row: list[str], grade: float, feedback_html: str | None) -> None:
        maximum = self.maximum(row)
        if maximum is not None:
            grade = min(grade, maximum)
        row[self.header.index("Grade")] = f"{max(grade, 0.0):.2f}"
        feedback = self.column("Feedback comments")
        if feedback is not None and feedback_html is not None:
            row[feedback] = feedback_html

    def to_bytes(self) -> bytes:
        lines = [self.header_line] + [",".join(_field(cell) for cell in row) for row in self.rows]
        return (BOM + "\n".join(lines) + "\n").encode("utf-8")

    def write(self, path: Path) -> None:
        Path(path).write_bytes(self.to_bytes())
