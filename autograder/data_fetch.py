"""Opt-in download of the real PhysioNet databases the labs use, checked against PhysioNet's SHA-256 lists.

``dlcourse data fetch [afdb|gaitndd ...]`` is the only caller: nothing in the project runs this
implicitly, and the tests serve a fake PhysioNet from 127.0.0.1.

For each database it fetches, from ``<base-url>/<db>/<version>/``:

1. ``SHA256SUMS.txt`` (PhysioNet's list of every file's SHA-256; it cannot check itself, so it is only
   checked to be a well-formed list) and ``RECORDS`` (checked against that list);
2. the files the labs read, built from ``RECORDS``: for ``afdb`` every record's ``.atr``, ``.qrs`` and
   ``.hea`` (not the ~18 MB ``.dat`` signals) plus ``ANNOTATORS`` and ``notes.txt`` where the list names
   them; for ``gaitndd`` every ``.ts`` plus ``subject-description.txt``.

Every file is written to a temporary file next to its destination and renamed into place only once its
SHA-256 matches its line in ``SHA256SUMS.txt``; a file with no line (never downloaded), or a download that
does not match (discarded), is an error naming the file. A file already present with the right hash is not
downloaded again (so an interrupted fetch resumes), unless ``force`` is set; one present with a wrong hash
is downloaded again and replaced only by a copy that verifies.
"""
from __future__ import annotations

import hashlib
import http.client
import os
import re
import socket
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TextIO

DEFAULT_BASE_URL = "https://physionet.org/files"
SUMS = "SHA256SUMS.txt"
RECORDS = "RECORDS"
CHUNK = 1 << 16
# HTTP statuses worth another try; anything else (404, 403, ...) fails at once.
TRANSIENT_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
_SAFE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.+-]*")
_SUM_LINE = re.compile(r"([0-9a-fA-F]{64}) [ *]?(.+)")


def _user_agent() -> str:
    try:
        from importlib.metadata import version

        v = version("dlcourse")
    except Exception:  # not installed (a bare checkout): the name is what matters
        v = "dev"
    return f"dlcourse/{v} (dlcourse data fetch; Python urllib)"


USER_AGENT = _user_agent()


@dataclass(frozen=True)
class Database:
    name: str
    version: str
    title: str
    files_for_record: Callable[[str], list[str]]
    extra_required: tuple[str, ...] = ()
    extra_if_listed: tuple[str, ...] = ()

    def wanted(self, records: list[str], sums: dict[str, str]) -> list[str]:
        """The data files to fetch after SHA256SUMS.txt and RECORDS, in a stable order."""
        names = [n for r in records for n in self.files_for_record(r)]
        names += list(self.extra_required)
        names += [n for n in self.extra_if_listed if n in sums]
        return list(dict.fromkeys(names))


DATABASES: dict[str, Database] = {
    "afdb": Database(
        name="afdb", version="1.0.0", title="MIT-BIH Atrial Fibrillation Database",
        files_for_record=lambda r: [f"{r}.atr", f"{r}.qrs", f"{r}.hea"],
        extra_if_listed=("ANNOTATORS", "notes.txt"),
    ),
    "gaitndd": Database(
        name="gaitndd", version="1.0.0", title="Gait in Neurodegenerative Disease Database",
        files_for_record=lambda r: [f"{r}.ts"],
        extra_required=("subject-description.txt",),
    ),
}


class FetchError(Exception):
    """A file could not be fetched or did not verify; the message names the file."""


@dataclass
class FetchReport:
    database: str
    dest: Path
    downloaded: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def default_dest_root() -> Path:
    """``data/physionet`` under the repository root; each database goes in its own sub-folder."""
    from autograder.assignments import ROOT

    return ROOT / "data" / "physionet"


def parse_sha256sums(text: str) -> dict[str, str]:
    """``{file name: lower-case hex digest}`` from ``sha256sum``-style lines (``HASH NAME``, ``HASH  NAME``
    or ``HASH *NAME``); blank lines and ``#`` comments are skipped, anything else is an error."""
    sums: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _SUM_LINE.fullmatch(line)
        if not m:
            raise FetchError(f"{SUMS} line {number} is not 'SHA256 NAME': {line[:80]!r}")
        sums[m.group(2)] = m.group(1).lower()
    if not sums:
        raise FetchError(f"{SUMS} lists no files")
    return sums


def parse_records(text: str) -> list[str]:
    records = [line.strip() for line in text.splitlines() if line.strip()]
    for r in records:
        # Record names become file names and URL paths: refuse anything that could leave the folder.
        if not _SAFE_NAME.fullmatch(r):
            raise FetchError(f"{RECORDS} names an unexpected record {r!r}")
    if not records:
        raise FetchError(f"{RECORDS} lists no records")
    return records


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(CHUNK), b""):
            h.update(chunk)
    return h.hexdigest()


def _human(n: int) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n} B"  # pragma: no cover


class _Transient(Exception):
    """An error worth retrying (a timeout, a dropped connection, a 5xx)."""


def _download_once(url: str, tmp: Path, timeout: float) -> tuple[str, int]:
    """Stream ``url`` into ``tmp``; return (sha256, bytes). Raises FetchError or _Transient."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    h = hashlib.sha256()
    size = 0
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response, open(tmp, "wb") as out:
            expected = response.headers.get("Content-Length")
            for chunk in iter(lambda: response.read(CHUNK), b""):
                h.update(chunk)
                out.write(chunk)
                size += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        if expected is not None and expected.isdigit() and int(expected) != size:
            raise _Transient(f"connection closed after {size} of {expected} bytes")
    except urllib.error.HTTPError as exc:
        if exc.code in TRANSIENT_STATUS:
            raise _Transient(f"HTTP {exc.code} {exc.reason}") from exc
        raise FetchError(f"HTTP {exc.code} {exc.reason} for {url}") from exc
    except urllib.error.URLError as exc:
        raise _Transient(f"{exc.reason}") from exc
    except (TimeoutError, socket.timeout, ConnectionError, http.client.HTTPException) as exc:
        raise _Transient(f"{type(exc).__name__}: {exc}") from exc
    return h.hexdigest(), size


def download(url: str, dest: Path, expected_sha256: str | None, *, name: str, timeout: float = 60.0,
             retries: int = 3, backoff: float = 1.0, note: Callable[[str], None] = lambda s: None) -> int:
    """Download ``url`` to ``dest`` atomically; return the byte count.

    The body goes to a hidden temporary file in ``dest``'s folder, which is renamed onto ``dest`` only
    once its SHA-256 equals ``expected_sha256`` (when given). Transient errors are retried ``retries``
    times, waiting ``backoff``, then twice as long, and so on. On any failure the temporary file is
    removed and ``dest`` is left as it was.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        for attempt in range(retries + 1):
            try:
                digest, size = _download_once(url, tmp, timeout)
                break
            except _Transient as exc:
                if attempt == retries:
                    raise FetchError(f"{name}: giving up after {retries + 1} tries: {exc} ({url})") from exc
                wait = backoff * 2 ** attempt
                note(f"{name}: {exc}; retrying in {wait:g} s ({attempt + 1}/{retries})")
                time.sleep(wait)
            except FetchError as exc:
                raise FetchError(f"{name}: {exc}") from exc
        if expected_sha256 is not None and digest != expected_sha256:
            raise FetchError(f"{name}: SHA-256 mismatch, the download was discarded "
                             f"(expected {expected_sha256}, got {digest}; {url})")
        os.replace(tmp, dest)
        return size
    finally:
        tmp.unlink(missing_ok=True)


def database_url(db: Database, base_url: str = DEFAULT_BASE_URL) -> str:
    return f"{base_url.rstrip('/')}/{db.name}/{db.version}/"


def fetch_database(name: str, dest_root: Path | None = None, *, base_url: str = DEFAULT_BASE_URL,
                   force: bool = False, timeout: float = 60.0, retries: int = 3, backoff: float = 1.0,
                   out: TextIO | None = None) -> FetchReport:
    """Fetch one database into ``dest_root/<name>/``; errors are collected in the report, not raised."""
    out = out if out is not None else sys.stdout
    db = DATABASES[name]
    dest = Path(dest_root if dest_root is not None else default_dest_root()) / db.name
    report = FetchReport(database=db.name, dest=dest)
    root_url = database_url(db, base_url)

    def say(line: str) -> None:
        print(line, file=out, flush=True)

    def get(file: str, expected: str | None, position: str) -> None:
        target = dest / file
        label = f"[{db.name} {position}] {file}"
        if not force and target.is_file():
            if expected is None or sha256_of(target) == expected:
                report.present.append(file)
                say(f"{label}: already present, ok")
                return
            say(f"{label}: local copy does not match {SUMS}, downloading again")
        size = download(root_url + urllib.parse.quote(file), target, expected, name=file, timeout=timeout,
                        retries=retries, backoff=backoff, note=lambda s: say(f"{label}: {s}"))
        report.downloaded.append(file)
        say(f"{label}: downloaded {_human(size)}, " + ("sha256 ok" if expected else "well-formed"))

    say(f"{db.name}: {db.title} v{db.version} from {root_url} into {dest}")
    try:
        # 1. the list of hashes (its own integrity can only be checked by parsing it) ...
        sums_path = dest / SUMS
        if not force and sums_path.is_file():
            try:
                sums = parse_sha256sums(sums_path.read_text(encoding="utf-8"))
                report.present.append(SUMS)
                say(f"[{db.name} 1/2] {SUMS}: already present, ok")
            except (FetchError, UnicodeDecodeError):
                sums = None
                say(f"[{db.name} 1/2] {SUMS}: local copy is not a valid list, downloading again")
            if sums is None:
                sums_path.unlink()
        if force or not sums_path.is_file():
            get(SUMS, None, "1/2")
            try:
                sums = parse_sha256sums(sums_path.read_text(encoding="utf-8"))
            except (FetchError, UnicodeDecodeError) as exc:
                sums_path.unlink(missing_ok=True)
                raise FetchError(f"{SUMS}: {exc}") from exc
        # 2. ... then RECORDS, checked against it
        if RECORDS not in sums:
            raise FetchError(f"{RECORDS}: no line for it in {SUMS}")
        get(RECORDS, sums[RECORDS], "2/2")
        records = parse_records((dest / RECORDS).read_text(encoding="utf-8"))
    except FetchError as exc:
        report.errors.append(str(exc))
        say(f"{db.name}: ERROR {exc}")
        return report

    wanted = db.wanted(records, sums)
    for i, file in enumerate(wanted, 1):
        position = f"{i}/{len(wanted)}"
        if file not in sums:
            message = f"{file}: no line for it in {SUMS}, so it cannot be verified (not downloaded)"
            report.errors.append(message)
            say(f"[{db.name} {position}] ERROR {message}")
            continue
        try:
            get(file, sums[file], position)
        except FetchError as exc:
            report.errors.append(str(exc))
            say(f"[{db.name} {position}] ERROR {exc}")
    say(f"{db.name}: {len(records)} records; {len(report.downloaded)} file(s) downloaded, "
        f"{len(report.present)} already present, {len(report.errors)} error(s); in {dest}")
    return report


def fetch(names: list[str] | None = None, dest_root: Path | None = None, **kwargs) -> list[FetchReport]:
    """Fetch the named databases (default: all) in turn; see ``fetch_database``."""
    unknown = [n for n in names or [] if n not in DATABASES]
    if unknown:
        raise KeyError(f"unknown database(s) {', '.join(unknown)}; choose from {', '.join(DATABASES)}")
    return [fetch_database(n, dest_root, **kwargs) for n in (names or list(DATABASES))]
