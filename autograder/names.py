"""People's names as students write them in file names: ``name1_name2_name3_lab_01.pdf``.

Used by the PDF report reader (who wrote this report) and by whole-class grading (who
belongs to an informal group). Only ever hints: nothing is keyed on them.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath

STOP = {"lab", "labo", "report", "rapport", "tp", "group", "groupe", "final", "v2", "copy"}


def fold(text: str) -> str:
    """Lower case, no accents, NFC first (macOS uploads are NFD)."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFC", text))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def names_in_file(file_name: str) -> list[str]:
    """The member names a group file name lists before ``lab``/``report`` or a number."""
    stem = PurePosixPath(file_name).stem
    names = []
    for part in re.split(r"[_\s\-]+", stem):
        if not part:
            continue
        if part.isdigit() or fold(part) in STOP or re.fullmatch(r"\(\d+\)", part):
            # the names must end where the lab's name starts: name1_name2_lab_01
            return names if len(names) >= 2 else []
        names.append(part)
    return []
