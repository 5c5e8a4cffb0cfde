"""labkit.gaitndd: the gait database's .ts reader and writer, on hand-made files and on the real copy."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from solutions.labkit.gaitndd import COLUMNS, GROUPS, group_of, read_gait_record, read_gaitndd, write_gait_record

PHYSIONET = Path(__file__).resolve().parents[2] / "shared" / "data" / "physionet"
GAIT = PHYSIONET / "gaitndd"


# --------------------------------------------------------------------------- round trip

def test_round_trip_to_the_text_precision(tmp_path):
    rng = np.random.default_rng(3)
    left = 1.1 + 0.03 * rng.standard_normal(250)
    left[[40, 120]] = [1.9, 12.5]                      # a turn and a stop
    right = left + 0.01 * rng.standard_normal(250)
    path = write_gait_record(tmp_path / "park4", left, right, start=21.0)
    assert path.name == "park4.ts"
    rec = read_gait_record(path)
    assert rec.record == "park4" and rec.group == "park" and rec.labels is None
    np.testing.assert_allclose(rec.intervals, np.round(left, 4), rtol=0, atol=1e-12)
    table = rec.meta["table"]
    assert list(table.columns) == list(COLUMNS) and len(table) == 250
    np.testing.assert_allclose(table["stride_right"], np.round(right, 4), atol=1e-12)
    np.testing.assert_allclose(table["elapsed"], 21.0 + np.cumsum(left), atol=6e-5)


def test_written_columns_are_consistent(tmp_path):
    left = np.full(100, 1.2)
    left[50] = 3.0
    rec = read_gait_record(write_gait_record(tmp_path / "control7.ts", left))
    t = rec.meta["table"]
    np.testing.assert_allclose(np.diff(t["elapsed"]), t["stride_left"][1:], atol=2e-4)
    np.testing.assert_allclose(t["swing_left"] + t["stance_left"], t["stride_left"], atol=2e-4)
    np.testing.assert_allclose(t["swing_left_pct"] + t["stance_left_pct"], 100, atol=0.02)
    np.testing.assert_allclose(t["double_support"], t["stride_left"] - t["swing_left"] - t["swing_right"],
                               atol=3e-4)
    normal = t.drop(index=[49, 50])
    assert normal["swing_left_pct"].between(30, 40).all()
    assert normal["double_support_pct"].between(20, 40).all()
    # On the stop the foot waits on the ground: swing stays short, stance grows.
    assert t["swing_left"][50] < 0.6 and t["stance_left"][50] > 2.0


def test_file_format_matches_physionet(tmp_path):
    path = write_gait_record(tmp_path / "als1.ts", [1.2833, 1.3233], [1.3533, 1.2667], start=21.0367)
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b"" and len(lines) == 3
    fields = lines[0].split(b"\t")
    assert len(fields) == 13
    assert fields[:3] == [b"22.3200", b"1.2833", b"1.3533"]
    assert all(len(f.split(b".")[1]) == (2 if i in (5, 6, 9, 10, 12) else 4) for i, f in enumerate(fields))


def test_read_gaitndd_records_and_order(tmp_path):
    for name in ("park2", "control1", "hunt3", "als1"):
        write_gait_record(tmp_path / f"{name}.ts", [1.0, 1.1, 1.05])
    recs = read_gaitndd(tmp_path)
    assert [r.record for r in recs] == ["als1", "control1", "hunt3", "park2"]
    assert [r.group for r in recs] == ["als", "control", "hunt", "park"]
    (tmp_path / "RECORDS").write_text("park2\ncontrol1\n")
    assert [r.record for r in read_gaitndd(tmp_path)] == ["control1", "park2"]


def test_group_of():
    assert [group_of(n) for n in ("control12", "als3", "hunt20", "park1")] == list(GROUPS)
    with pytest.raises(ValueError, match="group"):
        group_of("patient7")


# --------------------------------------------------------------------------- errors

@pytest.fixture
def good(tmp_path):
    return write_gait_record(tmp_path / "hunt2.ts", 1.1 + 0.01 * np.arange(20) % 0.05)


def test_wrong_number_of_columns(good):
    lines = good.read_text().splitlines()
    lines[4] = "\t".join(lines[4].split("\t")[:12])
    good.write_text("\n".join(lines) + "\n")
    with pytest.raises(ValueError, match=r"hunt2\.ts, line 5: 12 columns, expected 13"):
        read_gait_record(good)


def test_not_a_number(good):
    good.write_text(good.read_text().replace("\t", "\tx", 1))
    with pytest.raises(ValueError, match=r"hunt2\.ts, line 1: not a number"):
        read_gait_record(good)


def test_empty_and_missing_files(good, tmp_path):
    good.write_text("\n")
    with pytest.raises(ValueError, match=r"hunt2\.ts: no strides"):
        read_gait_record(good)
    with pytest.raises(FileNotFoundError, match=r"park9\.ts"):
        read_gait_record(tmp_path / "park9.ts")
    (tmp_path / "RECORDS").write_text("hunt2\nals5\n")
    with pytest.raises(FileNotFoundError, match=r"als5\.ts"):
        read_gaitndd(tmp_path)


def test_unknown_group_name(tmp_path):
    path = write_gait_record(tmp_path / "subject1.ts", [1.0, 1.1])
    with pytest.raises(ValueError, match="subject1"):
        read_gait_record(path)


@pytest.mark.parametrize("kwargs, match", [
    (dict(strides_left=[]), "non-empty"),
    (dict(strides_left=[1.0, -1.0]), "positive"),
    (dict(strides_left=[1.0, 1.1], strides_right=[1.0]), "strides_right"),
    (dict(strides_left=[1.0, 1.1], swing_left=[0.4, 1.2]), "swing_left"),
])
def test_writer_rejects_bad_input(tmp_path, kwargs, match):
    with pytest.raises(ValueError, match=match):
        write_gait_record(tmp_path / "als1.ts", **kwargs)


# --------------------------------------------------------------------------- real data

@pytest.fixture(scope="module")
def real():
    if not (GAIT / "RECORDS").is_file():
        pytest.skip(f"real gait database not present at {GAIT}")
    return read_gaitndd(GAIT)


def test_real_groups_and_stride_counts(real):
    assert len(real) == 64
    assert Counter(r.group for r in real) == {"control": 16, "als": 13, "hunt": 20, "park": 15}
    # README: strides per record (before filtering), min-max (median).
    readme = {"als": (122, 246, 205), "control": (198, 277, 257), "hunt": (167, 310, 245),
              "park": (203, 288, 245)}
    for group, (lo, hi, med) in readme.items():
        n = [len(r) for r in real if r.group == group]
        assert (min(n), max(n)) == (lo, hi)
        assert abs(np.median(n) - med) <= 0.5


def test_real_values_and_outliers(real):
    by = {r.record: r for r in real}
    first = by["als1"].meta["table"].iloc[0]
    assert (first["elapsed"], first["stride_left"], first["stride_right"], first["swing_left"]) == \
        (22.32, 1.2833, 1.3533, 0.4067)
    assert by["als12"].intervals.max() == pytest.approx(55.15)
    assert 29 < by["als4"].intervals.max() < 31
    # Every record starts about 20 s in, except hunt20 (about 63 s: the README's
    # "every record" is not quite right).
    start = {r.record: r.meta["table"]["elapsed"][0] - r.intervals[0] for r in real}
    assert 62 < start.pop("hunt20") < 64
    assert all(20 < s < 22.5 for s in start.values())


def test_real_subject_descriptions(real):
    by = {r.record: r.meta["subject"] for r in real}
    assert by["control1"] == {"age": 57.0, "height": 1.94, "weight": 95.0, "gender": "f",
                              "speed": 1.33, "severity": 0.0}
    assert by["hunt20"]["speed"] is None and by["hunt20"]["severity"] == 9.0  # the split row
    assert by["als13"]["weight"] is None and by["als1"]["age"] == 68.0


def test_real_file_round_trips_through_the_writer(real, tmp_path):
    rec = next(r for r in real if r.record == "park3")
    t = rec.meta["table"]
    path = write_gait_record(tmp_path / "park3.ts", t["stride_left"], t["stride_right"],
                             start=t["elapsed"][0] - t["stride_left"][0],
                             swing_left=t["swing_left"], swing_right=t["swing_right"])
    back = read_gait_record(path).meta["table"]
    for col in ("stride_left", "stride_right", "swing_left", "swing_right", "stance_left"):
        np.testing.assert_allclose(back[col], t[col], atol=1.5e-4)
    np.testing.assert_allclose(back["elapsed"], t["elapsed"], atol=2e-3)
