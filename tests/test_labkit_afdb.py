"""labkit.afdb: the MIT-BIH AF Database reader and writer, on hand-made records and on the real copy."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

# labkit.afdb imports wfdb with its pandas deprecation warnings silenced; import it first.
from solutions.labkit.afdb import read_afdb, read_afdb_record, write_afdb_record
import wfdb  # noqa: E402  (after labkit, on purpose)

# The direct wfdb calls below (the README snippet) raise wfdb's own pandas deprecation warnings.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

PHYSIONET = Path(__file__).resolve().parents[2] / "shared" / "data" / "physionet"
AFDB = PHYSIONET / "afdb"


def expected_labels(beats, changes):
    """Rhythm in force at the end of every RR interval, by a plain loop (the reader's oracle)."""
    out = []
    for b in beats[1:]:
        current = changes[0][1]  # beats before the first annotation take the first rhythm
        for s, r in changes:
            if s <= b:
                current = r
        out.append(int(current == "(AFIB"))
    return np.array(out)


# --------------------------------------------------------------------------- round trip

def test_round_trip_beats_and_labels(tmp_path):
    rng = np.random.default_rng(1)
    beats = np.cumsum(rng.integers(40, 400, size=3000)) + 17
    # Changes before the first beat, on a beat exactly, between beats, and flutter (not AF).
    changes = [(5, "(N"), (int(beats[100]), "(AFIB"), (int(beats[700]) + 3, "(AFL"),
               (int(beats[900]) - 1, "AFIB"), (int(beats[2000]), "(N")]
    stem = write_afdb_record(tmp_path, "r01", beats, changes)
    rec = read_afdb_record(stem)
    assert rec.record == "r01" and rec.group == "afdb" and rec.meta["fs"] == 250
    np.testing.assert_array_equal(rec.meta["beat_samples"], beats)
    np.testing.assert_array_equal(rec.intervals, np.diff(beats) / 250.0)
    norm = [(s, r if r.startswith("(") else "(" + r) for s, r in changes]
    np.testing.assert_array_equal(rec.labels, expected_labels(beats, norm))
    assert rec.meta["rhythm_changes"] == norm
    assert rec.labels.dtype == np.int64 and rec.intervals.dtype == np.float64
    # The change placed exactly on a beat applies to the interval that ends on it.
    assert rec.labels[99] == 1 and rec.labels[98] == 0


def test_beats_before_the_first_rhythm_take_the_first_rhythm(tmp_path):
    beats = np.arange(100, 100 + 50 * 200, 200)
    stem = write_afdb_record(tmp_path, "late", beats, [(int(beats[20]), "(AFIB"), (int(beats[30]), "(N")])
    rec = read_afdb_record(stem)
    assert rec.labels[:29].tolist() == [1] * 29 and rec.labels[29:].sum() == 0


def test_long_gaps_and_other_fs(tmp_path):
    # Gaps above 1023 samples need WFDB's SKIP words; fs comes from the header.
    beats = np.array([0, 10, 2000, 70_000, 70_128, 5_000_000, 5_000_100])
    stem = write_afdb_record(tmp_path, "gaps", beats, [(0, "(N")], fs=128)
    rec = read_afdb_record(stem)
    np.testing.assert_array_equal(rec.meta["beat_samples"], beats)
    np.testing.assert_allclose(rec.intervals, np.diff(beats) / 128.0)
    assert (tmp_path / "gaps.hea").read_bytes() == b"gaps 0 128\n"


def test_stem_may_carry_an_extension(tmp_path):
    stem = write_afdb_record(tmp_path, "x1", [10, 300, 600], [(0, "(N")])
    a = read_afdb_record(str(stem) + ".qrs")
    b = read_afdb_record(stem.with_name("x1.atr"))
    np.testing.assert_array_equal(a.intervals, b.intervals)


def test_files_have_the_physionet_structure(tmp_path):
    stem = write_afdb_record(tmp_path, "s1", [61, 200, 358], [(30, "(N"), (250, "(AFIB")])
    assert (tmp_path / "s1.hea").read_bytes() == b"s1 0 250\n"
    for ext in ("qrs", "atr"):
        data = (tmp_path / f"s1.{ext}").read_bytes()
        assert len(data) % 2 == 0 and data.endswith(b"\x00\x00")
    q = wfdb.rdann(str(stem), "qrs")
    a = wfdb.rdann(str(stem), "atr")
    assert q.symbol == ["N"] * 3 and a.symbol == ["+", "+"] and list(a.aux_note) == ["(N", "(AFIB"]
    assert q.fs == 250  # wfdb finds fs in the header, as for the real files


def test_read_afdb_uses_records_file_else_qrs_files(tmp_path):
    for name in ("b2", "a1", "c3"):
        write_afdb_record(tmp_path, name, [10, 300, 600], [(0, "(N")])
    assert [r.record for r in read_afdb(tmp_path)] == ["a1", "b2", "c3"]
    (tmp_path / "RECORDS").write_text("c3\nb2\n")
    assert [r.record for r in read_afdb(tmp_path)] == ["b2", "c3"]


# --------------------------------------------------------------------------- errors

@pytest.fixture
def good(tmp_path):
    return write_afdb_record(tmp_path, "g1", np.arange(100, 20_000, 200), [(50, "(N"), (5000, "(AFIB")])


@pytest.mark.parametrize("ext", ["qrs", "atr"])
def test_missing_annotation_file(good, ext):
    good.with_name(f"g1.{ext}").unlink()
    with pytest.raises(FileNotFoundError, match=rf"g1\.{ext}.*missing"):
        read_afdb_record(good)


def test_missing_header_means_250_hz(good):
    good.with_name("g1.hea").unlink()
    assert read_afdb_record(good).meta["fs"] == 250


@pytest.mark.parametrize("cut", [1, 2, 3, 11])
def test_truncated_beat_file(good, cut):
    path = good.with_name("g1.qrs")
    path.write_bytes(path.read_bytes()[:-cut])
    with pytest.raises(ValueError, match=r"g1\.qrs.*truncated"):
        read_afdb_record(good)


def test_empty_file(good):
    good.with_name("g1.atr").write_bytes(b"")
    with pytest.raises(ValueError, match=r"g1\.atr.*empty"):
        read_afdb_record(good)


def test_corrupt_rhythm_file(good):
    path = good.with_name("g1.atr")
    raw = bytearray(path.read_bytes())
    raw[2] = 0xFF  # the first aux note now claims 255 bytes
    path.write_bytes(bytes(raw))
    with pytest.raises(ValueError, match=r"g1\.atr.*corrupt"):
        read_afdb_record(good)


def test_rhythm_file_without_rhythms(good):
    good.with_name("g1.atr").write_bytes(good.with_name("g1.qrs").read_bytes())
    with pytest.raises(ValueError, match=r"g1\.atr.*no rhythm annotations"):
        read_afdb_record(good)


def test_bad_header(good):
    good.with_name("g1.hea").write_text("g1 0 fast\n")
    with pytest.raises(ValueError, match=r"g1\.hea.*sampling frequency"):
        read_afdb_record(good)


def test_missing_folder_and_listed_record(tmp_path, good):
    with pytest.raises(FileNotFoundError, match="no such folder"):
        read_afdb(tmp_path / "nope")
    (good.parent / "RECORDS").write_text("g1\nghost\n")
    with pytest.raises(FileNotFoundError, match=r"ghost\.qrs"):
        read_afdb(good.parent)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(FileNotFoundError, match="no records"):
        read_afdb(empty)


@pytest.mark.parametrize("beats, changes, match", [
    ([10, 10, 20], [(0, "(N")], "strictly increasing"),
    ([30, 20, 40], [(0, "(N")], "strictly increasing"),
    ([10], [(0, "(N")], "at least two"),
    ([10, 20.5], [(0, "(N")], "whole sample"),
    ([10, 20], [], "at least one rhythm"),
    ([10, 20], [(5, "(N"), (1, "(AFIB")], "sorted"),
])
def test_writer_rejects_bad_input(tmp_path, beats, changes, match):
    with pytest.raises(ValueError, match=match):
        write_afdb_record(tmp_path, "bad", beats, changes)


# --------------------------------------------------------------------------- real data

needs_real = pytest.mark.skipif(not (AFDB / "RECORDS").is_file(),
                                reason=f"real AF database not present at {AFDB}")


@pytest.fixture(scope="module")
def real():
    if not (AFDB / "RECORDS").is_file():
        pytest.skip(f"real AF database not present at {AFDB}")
    return read_afdb(AFDB)


@needs_real
def test_real_all_records_and_counts(real):
    names = sorted((AFDB / "RECORDS").read_text().split())
    assert [r.record for r in real] == names and len(names) == 25
    # README: 1,221,534 RR intervals; no beat precedes its record's first rhythm
    # annotation, so none is lost beyond the first beat of every record.
    assert sum(len(r) for r in real) == 1_221_534
    assert sum(len(r.meta["beat_samples"]) for r in real) == 1_221_534 + 25
    af = sum(int(r.labels.sum()) for r in real)
    assert af == 519_792
    assert af / 1_221_534 == pytest.approx(0.426, abs=0.001)
    rhythms = Counter()
    for r in real:
        rhythms.update(r.meta["rhythm"].tolist())
    assert rhythms == {"(N": 663_212, "(AFIB": 519_792, "(J": 26_819, "(AFL": 11_711}


@needs_real
def test_real_per_record_af_share(real):
    share = {r.record: r.labels.mean() for r in real}
    assert share["07162"] == 1.0 and share["07859"] == 1.0
    for name in ("00735", "04015", "05091", "06453"):
        assert share[name] < 0.02
    assert all(r.meta["fs"] == 250 for r in real)


@needs_real
def test_real_rr_range(real):
    rr = np.concatenate([r.intervals for r in real])
    assert rr.min() == pytest.approx(0.064) and rr.max() == pytest.approx(14.396)
    hours = np.array([r.intervals.sum() / 3600 for r in real])
    assert np.all((hours > 9.0) & (hours < 10.3))


@needs_real
@pytest.mark.parametrize("name", ["04015", "03665"])
def test_readme_snippet_agrees(real, name):
    q = wfdb.rdann(str(AFDB / name), "qrs")
    a = wfdb.rdann(str(AFDB / name), "atr")
    rr = np.diff(q.sample) / 250.0
    rhythm = np.array([s.strip("\x00") for s in a.aux_note])
    idx = np.searchsorted(a.sample, q.sample[1:], side="right") - 1
    label = rhythm[np.clip(idx, 0, None)]
    rec = next(r for r in real if r.record == name)
    np.testing.assert_array_equal(rec.intervals, rr)
    np.testing.assert_array_equal(rec.labels, (label == "(AFIB").astype(int))
    np.testing.assert_array_equal(rec.meta["rhythm"], label)


@needs_real
def test_writer_reproduces_a_real_record_byte_for_byte(real, tmp_path):
    rec = next(r for r in real if r.record == "04015")
    write_afdb_record(tmp_path, "04015", rec.meta["beat_samples"], rec.meta["rhythm_changes"])
    for ext in ("qrs", "atr", "hea"):
        assert (tmp_path / f"04015.{ext}").read_bytes() == (AFDB / f"04015.{ext}").read_bytes(), ext
