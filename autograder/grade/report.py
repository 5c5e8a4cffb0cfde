"""A lab report handed in as a PDF without its notebook: read as text, for a person to finish grading.

What can be read reliably from the text is read:

* the group: members from the file name (the labs ask for ``name1_name2_name3_lab_01.pdf``) and from
  a "Members:"/"Group:"/"Names:" line on the first page;
* which report questions have an answer: each question of the notebook's report section (``R1``,
  ``Question 2``, ``2.`` or its bold title) and the words under it;
* the numeric answers (the notebook's plain answers such as ``cnn_parameters = ...``), written as
  ``cnn_parameters = 1234`` or ``Question 5: 1234``: they are checked by the assignment's own hidden
  tests, in this process, exactly as a notebook's answers are.

The free-text answers are listed for the instructor; they get no automatic points.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from autograder.names import names_in_file

NUMBER = r"(-?\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?)"
MIN_WORDS = 15


@dataclass
class ReportQuestion:
    key: str       # "R1", "1", ...
    title: str


@dataclass
class ReportReading:
    members: list[str] = field(default_factory=list)
    answered: dict[str, str] = field(default_factory=dict)   # key -> the answer's first words
    unanswered: list[str] = field(default_factory=list)
    numbers: dict[str, float | int] = field(default_factory=dict)  # answer name -> value found


def report_questions(notebook: dict) -> list[ReportQuestion]:
    """The report questions of the distributed notebook: the markdown cell headed "Report questions"."""
    for cell in notebook.get("cells", []):
        source = "".join(cell.get("source", "")) if isinstance(cell.get("source"), list) else cell.get("source", "")
        if cell.get("cell_type") != "markdown" or not re.search(r"^#+ .*Report questions", source, re.M):
            continue
        found = [ReportQuestion(f"R{m.group(1)}", m.group(2).strip()) for m in
                 re.finditer(r"^\*\*R(\d+)\s*\(([^)]*)\)", source, re.M)]
        if not found:
            found = [ReportQuestion(m.group(1), m.group(2).strip(" .")) for m in
                     re.finditer(r"^(\d+)\.\s+\*\*([^*]+)\*\*", source, re.M)]
        return found
    return []


def numeric_answers(notebook: dict) -> dict[str, str]:
    """``answer name -> question`` for the plain answers of the notebook (``name = ...`` in an answer cell)."""
    names = {}
    question = None
    for cell in notebook.get("cells", []):
        source = "".join(cell.get("source", "")) if isinstance(cell.get("source"), list) else cell.get("source", "")
        m = re.search(r"grader\.check\(\s*[\"'](q\d+)[\"']", source)
        tags = cell.get("metadata", {}).get("tags", [])
        if "otter_answer_cell" in tags:
            pending = re.findall(r"^([A-Za-z_]\w*)\s*=\s*\.\.\.", source, re.M)
            for name in pending:
                names[name] = None
            question = pending
        elif m and question:
            for name in question:
                names[name] = m.group(1)
            question = None
    return {k: v for k, v in names.items() if v}


def members_from(file_name: str, first_page: str) -> list[str]:
    members = names_in_file(file_name)
    m = re.search(r"^(?:members|group|names?|authors?)\s*:\s*(.+)$", first_page, re.I | re.M)
    if m:
        for name in re.split(r",|;| and |&", m.group(1)):
            if name.strip() and name.strip() not in members:
                members.append(name.strip())
    return members


def read(text: str, first_page: str, file_name: str, questions: list[ReportQuestion],
         answers: dict[str, str]) -> ReportReading:
    reading = ReportReading(members=members_from(file_name, first_page))
    starts = []
    for q in questions:
        number = q.key.lstrip("R")
        title = re.escape(q.title.split()[0]) if q.title else None
        pattern = rf"(?im)^\W*(?:R{number}\b|(?:question|q)\s*{number}\b|{number}[.)]\s" + \
            (rf"|{title}\b" if title else "") + ")"
        m = re.search(pattern, text)
        if m:
            starts.append((m.start(), q.key))
    starts.sort()
    for i, (start, key) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        words = text[start:end].split()[1:]
        if len(words) >= MIN_WORDS:
            reading.answered[key] = " ".join(words[:40])
    reading.unanswered = [q.key for q in questions if q.key not in reading.answered]
    for name, question in answers.items():
        number = question.lstrip("q")
        m = re.search(rf"\b{re.escape(name)}\s*[=:]\s*{NUMBER}", text) or \
            re.search(rf"(?i)\b(?:question|q)\s*{number}\b[^0-9\n]{{0,60}}{NUMBER}", text)
        if m:
            raw = m.group(1).replace(",", "")
            try:
                reading.numbers[name] = int(raw) if re.fullmatch(r"-?\d+", raw) else float(raw)
            except ValueError:
                pass
    return reading


def from_pdf(data: bytes, file_name: str, notebook: dict) -> ReportReading:
    from autograder.grade.pdf import page_texts, reader_of

    pages = page_texts(reader_of(data, file_name))
    return read("\n".join(pages), pages[0] if pages else "", file_name, report_questions(notebook),
                numeric_answers(notebook))


def student_notebook(bundle_dir: Path, name: str) -> dict:
    path = Path(bundle_dir) / "public" / f"{name}.ipynb"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {"cells": []}
