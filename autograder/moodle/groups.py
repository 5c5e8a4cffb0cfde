"""Informal groups: members named in a shared file name (``name1_name2_name3_lab_01.pdf``).

Names in file names are only hints (reordered, accents dropped, a member who never
uploaded): they are matched to the worksheet's full names loosely (accents and case
ignored, any part of the full name), and only ever used to raise a flag for the
instructor, never to move a grade.
"""
from __future__ import annotations

import re

from autograder.names import fold


def match_names(names: list[str], full_names: dict[str, str], uploaders: set[str] = frozenset()
                ) -> tuple[dict[str, str], list[str]]:
    """``(name in file -> participant id, names matching nobody)``. A name that matches several people
    is resolved among those who uploaded this very file, else it matches none (ambiguous)."""
    matched, unknown = {}, []
    for name in names:
        key = fold(name)
        hits = [pid for pid, full in full_names.items() if key in re.split(r"[\s\-']+", fold(full))]
        if len(hits) > 1:
            hits = [pid for pid in hits if pid in uploaders] or hits
        if len(hits) == 1:
            matched[name] = hits[0]
        else:
            unknown.append(name)
    return matched, unknown
