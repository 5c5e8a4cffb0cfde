"""Moodle's "Download all submissions" zip, read safely and keyed on participant (or group) ids.

Every layout of ``../shared/docs/moodle-formats.md`` §1: folders (4.1 and later) and flat, the
pre-4.1 trailing underscore, blind marking (``Participant_N``), team submissions
(``<Group>_<groupid>_...``, ``Default group``), online text, sub-folders, odd and duplicate
names, accents in NFC or NFD. Names are never used to key anything; the id in the folder
name is. Unsafe entries (absolute paths, ``..``, symlinks, oversized or over-compressed
entries) are refused with a reason and reported, never extracted.
"""
from __future__ import annotations

import hashlib
import re
import stat
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

MAX_ENTRY = 100 * 1024**2
MAX_TOTAL = 2 * 1024**3
MAX_RATIO = 200          # uncompressed / compressed, beyond which an entry is a zip bomb
PLUGIN = r"assign(?:submission|feedback)_[a-z]+"
# <label>_<id>_<plugin>[_] (the id is absent for "Default group")
OWNER = re.compile(rf"^(?P<label>.*?)(?:_(?P<id>\d+))?_(?P<plugin>{PLUGIN})(?P<trail>_?)$")
FLAT = re.compile(rf"^(?P<label>.*?)(?:_(?P<id>\d+))?_(?P<plugin>{PLUGIN})_(?P<name>.+)$")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass
class SubmittedFile:
    path: str          # the file's path in the student's area ("lab_01.ipynb", "figures/loss.png")
    data: bytes
    plugin: str        # assignsubmission_file, assignsubmission_onlinetext, ...

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class Owner:
    """Whose submission: a participant (id), a team group (group id) or Moodle's "Default group"."""
    kind: str            # "participant", "group" (an id that the worksheet does not know as a participant), "default"
    id: str | None
    label: str           # the name part of the folder (full name, "Participant", group name): shown, never keyed
    files: list[SubmittedFile] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}" if self.id else f"{self.kind}:{self.label}"


@dataclass
class Download:
    owners: dict[str, Owner] = field(default_factory=dict)
    refused: list[tuple[str, str]] = field(default_factory=list)   # (entry name, reason)


def _unsafe(info: zipfile.ZipInfo) -> str | None:
    name = info.filename
    mode = info.external_attr >> 16
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or "\\" in name:
        return "absolute path"
    if ".." in PurePosixPath(name).parts:
        return "path traversal (..)"
    if stat.S_ISLNK(mode):
        return "symbolic link"
    if info.file_size > MAX_ENTRY:
        return f"larger than {MAX_ENTRY // 1024**2} MB"
    if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 10 * 1024**2:
        return "compression ratio of a zip bomb"
    return None


def read_download(path: Path, participant_ids: set[str] | None = None) -> Download:
    """Owners and their files. ``participant_ids`` (from the worksheet) tells participant ids from
    team group ids; without it every id is taken for a participant."""
    download = Download()
    try:
        archive = zipfile.ZipFile(path)
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ValueError(f"{path}: not a readable zip ({exc})") from None
    total = 0
    for info in infos:
        name = nfc(info.filename)
        if info.is_dir():
            continue
        reason = _unsafe(info)
        total += info.file_size
        if reason is None and total > MAX_TOTAL:
            reason = f"the zip unpacks to more than {MAX_TOTAL // 1024**3} GB"
        if reason:
            download.refused.append((name, reason))
            continue
        parts = PurePosixPath(name).parts
        owner_match, inner = None, None
        if len(parts) > 1:
            owner_match = OWNER.match(parts[0])
            inner = "/".join(parts[1:])
        if owner_match is None:
            flat = FLAT.match(parts[-1]) if len(parts) == 1 else None
            if flat is None:
                download.refused.append((name, "not a Moodle submission entry (no <name>_<id>_assignsubmission_... "
                                               "folder)"))
                continue
            owner_match, inner = flat, flat.group("name")
        label, ident, plugin = owner_match.group("label"), owner_match.group("id"), owner_match.group("plugin")
        if plugin.startswith("assignfeedback"):
            download.refused.append((name, "a feedback file, not a submission"))
            continue
        if label == "Default group" and ident is None:
            kind = "default"
        elif ident is None:
            download.refused.append((name, "no participant or group id in the folder name"))
            continue
        elif participant_ids is not None and ident not in participant_ids:
            kind = "group"
        else:
            kind = "participant"
        # pre-4.1 team prefix "Group 02-Name" / "Default group-Name": the id is still the participant's
        owner = Owner(kind, ident, label.split("-", 1)[1] if kind == "participant" and "-" in label and
                      label.split("-", 1)[0].startswith(("Group", "Default group")) else label)
        owner = download.owners.setdefault(owner.key, owner)
        try:
            data = archive.read(info)
        except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as exc:
            download.refused.append((name, f"cannot be unpacked ({type(exc).__name__})"))
            continue
        owner.files.append(SubmittedFile(inner, data, plugin))
    return download
