"""Read and write MIT-BIH Atrial Fibrillation Database records (beat and rhythm annotations).

A record ``NNNNN`` is three files in one folder:

* ``NNNNN.qrs``: one WFDB annotation per detected heartbeat (an automated, unaudited
  QRS detector, so a few beats are missed or spurious);
* ``NNNNN.atr``: the reference rhythm annotations, type ``+`` with the rhythm in the
  aux note (``(N``, ``(AFIB``, ``(AFL``, ``(J``), each marking the start of an episode;
* ``NNNNN.hea``: the header; here it only gives the sampling frequency (250 Hz).

The RR intervals are the differences of successive beat times. Each interval gets the
rhythm in force at its end (the beat that closes it), exactly as in the snippet of the
data README.
"""
from __future__ import annotations

import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from .records import Recording


@contextmanager
def _quiet_wfdb():
    # wfdb 4.x triggers pandas deprecation warnings inside its own code; they say
    # nothing about the data and would clutter the students' notebooks.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        warnings.filterwarnings("ignore", category=FutureWarning)
        warnings.filterwarnings("ignore", module=r"wfdb(\.|$)")
        yield


with _quiet_wfdb():
    import wfdb

DEFAULT_FS = 250.0
AF_RHYTHM = "(AFIB"

# WFDB annotation codes that denote a QRS complex (wfdb.io.annotation.is_qrs);
# any other code in a beat file (noise, comments, rhythm changes) is not a beat.
_BEAT_SYMBOLS = frozenset("NLRaVFJASEj/QB?!enfr")
_SUFFIXES = (".qrs", ".atr", ".hea")


def _stem(stem: str | Path) -> Path:
    stem = Path(stem)
    if stem.suffix in _SUFFIXES:
        stem = stem.with_suffix("")
    return stem


def _read_fs(hea: Path) -> float | None:
    """Sampling frequency from the first line of a WFDB header, or None without a header."""
    if not hea.is_file():
        return None
    lines = [ln.strip() for ln in hea.read_text(errors="replace").splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    if not lines:
        raise ValueError(f"{hea}: empty WFDB header (expected e.g. '{hea.stem} 0 250')")
    fields = lines[0].split()
    if len(fields) < 3:
        # "<record> <n_signals>" with no frequency: WFDB's own default applies.
        return None
    try:
        # The field may read "250/1000(0)" (frequency/counter frequency(base)).
        fs = float(fields[2].split("/")[0])
    except ValueError:
        raise ValueError(f"{hea}: cannot read the sampling frequency from {lines[0]!r}") from None
    if not fs > 0:
        raise ValueError(f"{hea}: sampling frequency must be positive, got {fs}")
    return fs


def _read_annotations(stem: Path, extension: str, what: str):
    path = stem.with_name(f"{stem.name}.{extension}")
    if not path.is_file():
        raise FileNotFoundError(
            f"{path}: {what} file missing (record {stem.name!r} needs {stem.name}.qrs and "
            f"{stem.name}.atr in {stem.parent})")
    data = path.read_bytes()
    # A WFDB annotation file is a sequence of 16-bit words that ends with a zero
    # word; wfdb itself silently returns a shortened record for some truncations.
    if len(data) == 0:
        raise ValueError(f"{path}: empty {what} file")
    if len(data) % 2 or data[-2:] != b"\x00\x00":
        raise ValueError(
            f"{path}: truncated or corrupt {what} file (a WFDB annotation file is made of "
            f"16-bit words and ends with a zero word; this one has {len(data)} bytes and "
            f"ends with {data[-2:].hex()})")
    try:
        with _quiet_wfdb():
            ann = wfdb.rdann(str(stem), extension)
    except Exception as exc:  # wfdb raises IndexError/ValueError/KeyError on bad bytes
        raise ValueError(f"{path}: corrupt WFDB {what} file ({type(exc).__name__}: {exc})") from exc
    samples = np.asarray(ann.sample, dtype=np.int64)
    if samples.size and (samples[0] < 0 or np.any(np.diff(samples) < 0)):
        raise ValueError(f"{path}: corrupt {what} file (annotation times go backwards)")
    return path, ann, samples


def read_afdb_record(stem: str | Path) -> Recording:
    """Read one record's RR intervals and AF labels.

    Parameters
    ----------
    stem : str or Path
        The record path without extension, e.g. ``"data/afdb/04015"`` (a path that
        ends in ``.qrs``, ``.atr`` or ``.hea`` is accepted too).

    Returns
    -------
    Recording
        ``intervals``: RR intervals in seconds (beat sample differences / fs);
        ``labels``: 1 where the rhythm in force at the end of the interval is
        ``(AFIB``, else 0 (atrial flutter ``(AFL`` counts as not AF); beats before the
        first rhythm annotation take the first rhythm. ``meta`` holds ``fs``,
        ``path``, ``beat_samples``, ``rhythm_changes`` (list of ``(sample, rhythm)``)
        and ``rhythm`` (the rhythm string of every interval).

    Raises
    ------
    FileNotFoundError
        When the ``.qrs`` or ``.atr`` file is missing (a missing ``.hea`` means 250 Hz).
    ValueError
        When a file is truncated or corrupt, has fewer than two beats, or has no
        rhythm annotations.
    """
    stem = _stem(stem)
    hea = stem.with_name(f"{stem.name}.hea")
    fs = _read_fs(hea)
    fs = DEFAULT_FS if fs is None else fs

    qrs_path, beats_ann, samples = _read_annotations(stem, "qrs", "beat annotation")
    is_beat = np.array([s in _BEAT_SYMBOLS for s in beats_ann.symbol], dtype=bool)
    beats = samples[is_beat]
    if beats.size < 2:
        raise ValueError(f"{qrs_path}: {beats.size} beat(s); at least two are needed for an RR interval")
    if np.any(np.diff(beats) <= 0):
        k = int(np.flatnonzero(np.diff(beats) <= 0)[0])
        raise ValueError(f"{qrs_path}: two beats at the same sample {beats[k]} (beat {k})")

    atr_path, rhythm_ann, rsamples = _read_annotations(stem, "atr", "rhythm annotation")
    aux = [(a or "").strip("\x00").strip() for a in rhythm_ann.aux_note]
    keep = [i for i, (sym, note) in enumerate(zip(rhythm_ann.symbol, aux))
            if sym == "+" and note.startswith("(")]
    if not keep:
        raise ValueError(
            f"{atr_path}: no rhythm annotations (type '+' with an aux note such as '(N' or '(AFIB')")
    change_samples = rsamples[keep]
    change_rhythms = np.array([aux[i] for i in keep])

    # Rhythm in force at the END of each interval, i.e. at the beat closing it
    # (side="right": a change at exactly that sample already applies).
    idx = np.searchsorted(change_samples, beats[1:], side="right") - 1
    rhythm = change_rhythms[np.clip(idx, 0, None)]

    return Recording(
        record=stem.name,
        intervals=np.diff(beats) / fs,
        labels=(rhythm == AF_RHYTHM).astype(np.int64),
        group="afdb",
        meta={
            "fs": fs,
            "path": str(stem),
            "beat_samples": beats,
            "rhythm_changes": [(int(s), str(r)) for s, r in zip(change_samples, change_rhythms)],
            "rhythm": rhythm,
        },
    )


def _record_names(directory: Path, suffix: str) -> list[str]:
    """Record names from the RECORDS file, else from the files with the given suffix."""
    listing = directory / "RECORDS"
    if listing.is_file():
        names = [ln.strip() for ln in listing.read_text().splitlines()]
        names = [n for n in names if n and not n.startswith("#")]
    else:
        names = [p.stem for p in directory.glob(f"*{suffix}")]
    return sorted(set(names))


def read_afdb(directory: str | Path) -> list[Recording]:
    """Read every record of an AF database folder, sorted by record name.

    The records are those listed in ``RECORDS``, or every ``*.qrs`` file when there
    is no ``RECORDS`` file. See :func:`read_afdb_record`.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"{directory}: no such folder (an AF database folder is expected)")
    names = _record_names(directory, ".qrs")
    if not names:
        raise FileNotFoundError(f"{directory}: no records (no RECORDS file and no *.qrs files)")
    return [read_afdb_record(directory / name) for name in names]


def _rhythm_label(rhythm: str) -> str:
    rhythm = str(rhythm).strip()
    if not rhythm:
        raise ValueError("empty rhythm label")
    return rhythm if rhythm.startswith("(") else "(" + rhythm


def write_afdb_record(directory: str | Path, record: str, beat_samples: Sequence[int],
                      rhythm_changes: Iterable[tuple[int, str]], fs: float = 250) -> Path:
    """Write a record in the format of the MIT-BIH AF Database.

    Parameters
    ----------
    directory : str or Path
        Output folder (created when missing).
    record : str
        Record name, e.g. ``"s01"``; the files are ``<record>.qrs``, ``.atr``, ``.hea``.
    beat_samples : sequence of int
        Sample numbers of the beats, strictly increasing; written as type ``N``.
    rhythm_changes : iterable of (sample, rhythm)
        Where each rhythm starts, e.g. ``[(0, "(N"), (90000, "(AFIB")]``; written as
        type ``+`` annotations with the rhythm as aux note (``"AFIB"`` becomes ``"(AFIB"``).
    fs : float
        Sampling frequency in Hz, written to the annotation-only header
        ``<record> 0 <fs>``.

    Returns
    -------
    Path
        The record's stem, ``directory / record``, ready for :func:`read_afdb_record`.
    """
    directory = Path(directory)
    record = str(record)
    if not record or any(c in record for c in "/\\ \t\n."):
        raise ValueError(f"invalid record name {record!r} (letters, digits, '_' or '-' only)")
    if not fs > 0:
        raise ValueError(f"fs must be positive, got {fs}")

    beats = np.asarray(beat_samples)
    if beats.ndim != 1 or beats.size < 2:
        raise ValueError(f"record {record}: beat_samples must be 1-D with at least two beats")
    if not np.issubdtype(beats.dtype, np.integer):
        if not np.all(beats == np.round(beats)):
            raise ValueError(f"record {record}: beat_samples must be whole sample numbers")
    beats = beats.astype(np.int64)
    if beats[0] < 0 or np.any(np.diff(beats) <= 0):
        raise ValueError(f"record {record}: beat_samples must be non-negative and strictly increasing")

    changes = [(int(s), _rhythm_label(r)) for s, r in rhythm_changes]
    if not changes:
        raise ValueError(f"record {record}: at least one rhythm change (the first rhythm) is needed")
    csamples = np.array([s for s, _ in changes], dtype=np.int64)
    if csamples[0] < 0 or np.any(np.diff(csamples) < 0):
        raise ValueError(f"record {record}: rhythm change samples must be non-negative and sorted")

    directory.mkdir(parents=True, exist_ok=True)
    # No fs inside the annotation files (as in PhysioNet's): the header carries it.
    with _quiet_wfdb():
        wfdb.wrann(record, "qrs", beats, symbol=["N"] * beats.size, write_dir=str(directory))
        wfdb.wrann(record, "atr", csamples, symbol=["+"] * csamples.size,
                   aux_note=[r for _, r in changes], write_dir=str(directory))
    fs_text = str(int(fs)) if float(fs).is_integer() else repr(float(fs))
    # Bytes, not text mode: the same "\n" line ending on every platform.
    (directory / f"{record}.hea").write_bytes(f"{record} 0 {fs_text}\n".encode("ascii"))
    return directory / record
