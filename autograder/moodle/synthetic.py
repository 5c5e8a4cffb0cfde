"""A realistic synthetic Moodle class: the download zip and the grading worksheet, for demos and tests.

Students hand in correct, partial, untouched, broken and hostile notebooks, exported zips and PDFs
(with the notebook embedded), informal groups upload one PDF each (one group with a member who
uploaded nothing, one with two versions), some submit late, some not at all, some only online text;
names carry accents (some in NFD, as from macOS) and files have the odd names Moodle produces.
"""
from __future__ import annotations

import io
import json
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from autograder.grade.specimens import catalogue, notebook_with, reference_source

FIRST = ["Clémentine", "Siobhán", "Lena Marie", "Léa", "Iñaki", "María", "Jules", "Łukasz", "Zoë", "Ana", "Ben",
         "Chloé", "Dário", "Emil", "Fatima", "Gökhan", "Hanna", "Ines", "Jonas", "Kaito", "Lucía", "Marek", "Noé",
         "Oskar", "Paula", "Quentin", "Rosa", "Søren", "Tomás", "Uma"]
LAST = ["Dupont", "OBrien", "Vogt", "Moreau", "Bernard", "García", "Haas", "Kowalski", "Nguyen", "Lopez", "Okafor",
        "Pena", "Müller", "Rossi", "Schmidt", "Yılmaz", "Novak", "Silva", "Jansen", "Costa"]
HEADER = ('Identifier,"Full name","Email address",Status,Grade,"Maximum grade","Grade can be changed",'
          '"Last modified (submission)","Last modified (grade)","Feedback comments"')
FORGED = ("\nclass _Forged:\n    def __eq__(self, other): return True\n    def __array_function__(self, *a, **k): "
          "return True\n\ndef sigmoid(z):\n    return _Forged()\n")


@dataclass
class SyntheticClass:
    download: Path
    worksheet: Path
    kinds: dict[str, str]    # participant id -> what they handed in


def _pdf_with(notebook: dict, name: str) -> bytes:
    from autograder.shipped.dlcourse_check import notebook_pdf
    return notebook_pdf(json.dumps(notebook).encode(), name)


def make_class(assignment: str, student_notebook: Path, out: Path, n: int = 60, seed: int = 0) -> SyntheticClass:
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    stub = json.loads(Path(student_notebook).read_text(encoding="utf-8"))
    base = reference_source(assignment)
    table = catalogue(assignment)
    wrong = list(table["wrong"].values())
    correct = list(table["correct"].values())
    ids = [str(x) for x in rng.choice(np.arange(600000, 700000), size=n, replace=False)]
    names = []
    for i in range(n):
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]}"
        names.append(unicodedata.normalize("NFD", name) if i % 9 == 4 else name)
    entries: dict[str, bytes] = {}
    kinds: dict[str, str] = {}
    statuses: dict[str, str] = {}

    def folder(i: int) -> str:
        return f"{names[i]}_{ids[i]}_assignsubmission_file"

    groups = [(0, 1, 2), (3, 4, 5), (6, 7, 8)]   # informal groups: the first members of the class
    grouped = {i for g in groups for i in g}
    for g_number, members in enumerate(groups):
        surnames = "_".join(names[i].split()[-1].lower() for i in members)
        file_name = f"{surnames}_lab_01.pdf"
        notebook = notebook_with(stub, base + (wrong[g_number] if g_number else ""))
        pdf = _pdf_with(notebook, f"{assignment}.ipynb")
        for k, i in enumerate(members):
            if g_number == 1 and k == 2:
                kinds[ids[i]] = "named in a group file, uploaded nothing"
                continue
            data = pdf
            if g_number == 2 and k == 1:  # one member uploads an older version
                data = _pdf_with(notebook_with(stub, base + wrong[-1]), f"{assignment}.ipynb")
            entries[f"{folder(i)}/{file_name}"] = data
            kinds[ids[i]] = f"group PDF {g_number + 1}"
    plan = ["correct", "correct", "partial", "partial", "correct-alternative", "stub", "broken", "forged",
            "patched numpy", "os._exit", "export zip", "missing", "online text", "late", "odd name"]
    for i in range(n):
        if i in grouped:
            continue
        pid, kind = ids[i], plan[int(rng.integers(len(plan)))]
        kinds[pid] = kind
        name = f"{assignment}.ipynb"
        if kind in ("correct", "late", "odd name"):
            notebook = notebook_with(stub, base)
            if kind == "odd name":
                name = f"{assignment} (1).ipynb"
        elif kind == "partial":
            notebook = notebook_with(stub, base + wrong[int(rng.integers(len(wrong)))])
        elif kind == "correct-alternative":
            notebook = notebook_with(stub, base + correct[int(rng.integers(len(correct)))])
        elif kind == "stub":
            notebook = stub
        elif kind == "forged":
            notebook = notebook_with(stub, base + FORGED)
        elif kind == "patched numpy":
            notebook = notebook_with(stub, "import numpy as np\nnp.allclose = lambda *a, **k: True\n")
        elif kind == "os._exit":
            notebook = notebook_with(stub, base + "\nimport os\nos._exit(0)\n")
        elif kind == "export zip":
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w") as zf:
                zf.writestr(name, json.dumps(notebook_with(stub, base)))
                zf.writestr("dlcourse-submission.json", "{}")
            entries[f"{folder(i)}/{assignment}_submission.zip"] = buffer.getvalue()
            continue
        elif kind == "broken":
            entries[f"{folder(i)}/{name}"] = json.dumps(notebook_with(stub, base))[:-400].encode()
            continue
        elif kind == "online text":
            entries[f"{names[i]}_{pid}_assignsubmission_onlinetext/onlinetext.html"] = \
                b'<!DOCTYPE html><html><head><meta charset="UTF-8"></head><body><p>see Colab</p></body></html>'
            continue
        elif kind == "missing":
            continue
        notebook = dict(notebook, metadata={**notebook.get("metadata", {}), "author_hint": names[i]})
        entries[f"{folder(i)}/{name}"] = json.dumps(notebook).encode()  # each student's file differs, as in life
        if kind == "late":
            statuses[pid] = "Submitted for grading - 1 day 2 hours late"
    download = out / f"DL-2026-{assignment}-48213.zip"
    with zipfile.ZipFile(download, "w", zipfile.ZIP_DEFLATED) as zf:
        for entry in sorted(entries):
            zf.writestr(entry, entries[entry])
    lines = [HEADER]
    for i, pid in enumerate(ids):
        submitted = any(e.split("/")[0].split("_")[1] == pid for e in entries if "/" in e)
        status = statuses.get(pid, "Submitted for grading" if submitted else "No submission")
        email = f"student{i:02d}@etu.univ.example"
        lines.append(f'"Participant {pid}","{unicodedata.normalize("NFC", names[i])}",{email},"{status}",,100.00,'
                     f'Yes,{"-" if not submitted else chr(34) + "Sunday, 16 March 2025, 1:19 AM" + chr(34)},-,')
    worksheet = out / f"Grades-DL-2026-{assignment}-48213.csv"
    worksheet.write_bytes(("\ufeff" + "\n".join(lines) + "\n").encode("utf-8"))
    return SyntheticClass(download, worksheet, kinds)
