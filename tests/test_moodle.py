"""Moodle in and out: every download layout keyed on ids, the worksheet byte-exact, groups, resumable runs."""
from __future__ import annotations

import io
import shutil
import stat
import unicodedata
import zipfile
from pathlib import Path

import pytest

from autograder.moodle.download import read_download
from autograder.moodle.groups import match_names
from autograder.names import names_in_file
from autograder.moodle.worksheet import Worksheet


def zip_bytes(entries: dict, symlink: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return buffer.getvalue()


LAYOUTS = {
    "Clémentine Dupont_645204_assignsubmission_file/lab_01.ipynb": ("participant", "645204", "lab_01.ipynb"),
    "Léa Moreau_645222_assignsubmission_file/figures/loss_curve.png": ("participant", "645222",
                                                                       "figures/loss_curve.png"),
    "Participant_1077290_assignsubmission_file/lab_01.ipynb": ("participant", "1077290", "lab_01.ipynb"),
    "Group 02_703_assignsubmission_file/garcia_obrien_lab_01.pdf": ("group", "703", "garcia_obrien_lab_01.pdf"),
    "Default group_assignsubmission_file/report.pdf": ("default", None, "report.pdf"),
    "Jules Haas_307268_assignsubmission_file_lab_01.ipynb": ("participant", "307268", "lab_01.ipynb"),
    "Jules Haas_307268_assignsubmission_onlinetext_onlinetext.html": ("participant", "307268", "onlinetext.html"),
    "Ana Lopez_307269_assignsubmission_file_/lab_01.ipynb": ("participant", "307269", "lab_01.ipynb"),
    "Group 02-Lena Marie Vogt_530480_assignsubmission_file_lab_01.ipynb": ("participant", "530480", "lab_01.ipynb"),
}


def test_every_layout_is_keyed_on_its_id(tmp_path):
    path = tmp_path / "dl.zip"
    path.write_bytes(zip_bytes({name: b"x" for name in LAYOUTS}))
    ids = {"645204", "645222", "1077290", "307268", "307269", "530480"}
    download = read_download(path, ids)
    assert not download.refused
    found = {(o.kind, o.id, f.path) for o in download.owners.values() for f in o.files}
    assert found == set(LAYOUTS.values())
    assert download.owners["participant:530480"].label == "Lena Marie Vogt"


def test_nfd_names_are_normalised_and_do_not_split_a_student(tmp_path):
    nfd = unicodedata.normalize("NFD", "Clémentine Dupont")
    path = tmp_path / "dl.zip"
    path.write_bytes(zip_bytes({f"{nfd}_645204_assignsubmission_file/a.ipynb": b"1",
                                "Clémentine Dupont_645204_assignsubmission_file/b.pdf": b"2"}))
    download = read_download(path, {"645204"})
    assert len(download.owners) == 1 and len(download.owners["participant:645204"].files) == 2


def test_unsafe_entries_are_refused_with_a_reason(tmp_path):
    path = tmp_path / "dl.zip"
    path.write_bytes(zip_bytes({"../evil_1_assignsubmission_file/x.ipynb": b"x", "/abs_2_assignsubmission_file/y": b"y",
                                "notes.txt": b"z"}, symlink="Eve_3_assignsubmission_file/link"))
    download = read_download(path, {"1", "2", "3"})
    reasons = dict(download.refused)
    assert not download.owners
    assert "traversal" in reasons["../evil_1_assignsubmission_file/x.ipynb"]
    assert "absolute" in reasons["/abs_2_assignsubmission_file/y"]
    assert "symbolic link" in reasons["Eve_3_assignsubmission_file/link"]
    assert "not a Moodle submission entry" in reasons["notes.txt"]


def test_zip_bombs_are_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("A_1_assignsubmission_file/bomb.ipynb", b"\0" * (120 * 1024**2))
    path = tmp_path / "dl.zip"
    path.write_bytes(buffer.getvalue())
    assert "larger than" in read_download(path, {"1"}).refused[0][1]


SHEET = ('\ufeffIdentifier,"Full name","Email address",Status,Grade,"Maximum grade","Grade can be changed",'
         '"Last modified (submission)","Last modified (grade)","Feedback comments"\n'
         '"Participant 645209","María García",maria@x.example,"No submission",,100.00,Yes,-,-,\n'
         '"Participant 645213","Jules Haas",jules@x.example,"Submitted for grading - 1 day 1 hour late",,100.00,Yes,'
         '"Sunday, 16 March 2025, 1:19 AM",-,\n')


def test_worksheet_round_trip_keeps_header_bytes_and_caps_grades(tmp_path):
    path = tmp_path / "Grades.csv"
    path.write_bytes(SHEET.encode())
    sheet = Worksheet.read(path)
    assert sheet.to_bytes() == SHEET.encode()  # unchanged, byte for byte
    rows = sheet.ids()
    sheet.set_grade(rows["645213"], 120.0, "<p>Good, \"really\"</p>")
    out = sheet.to_bytes()
    assert out.startswith(b"\xef\xbb\xbfIdentifier,\"Full name\"") and b"\r" not in out
    assert SHEET.splitlines()[0].encode("utf-8") in out.splitlines()[0]
    line = out.decode("utf-8-sig").splitlines()[2]
    assert ',100.00,100.00,' in line and '"<p>Good, ""really""</p>"' in line
    again = Worksheet.read(_write(tmp_path / "again.csv", out))
    assert len(again.rows[1]) == len(again.header)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_worksheet_without_required_columns_is_refused(tmp_path):
    with pytest.raises(ValueError, match="Last modified"):
        Worksheet.read(_write(tmp_path / "x.csv", b"Identifier,Grade\n\"Participant 1\",\n"))


def test_group_names_in_file_names():
    assert names_in_file("dupont_pena_moreau_lab_01.pdf") == ["dupont", "pena", "moreau"]
    assert names_in_file("lab_01.ipynb") == [] and names_in_file("activations_submission.zip") == []
    full = {"1": "Clémentine Dupont", "2": "Iñaki Peña", "3": "Lucía Dupont"}
    matched, unknown = match_names(["dupont", "pena", "smith"], full, uploaders={"1"})
    assert matched == {"dupont": "1", "pena": "2"} and unknown == ["smith"]


@pytest.fixture(scope="module")
def demo_class(built, tmp_path_factory):
    from autograder.moodle.synthetic import make_class
    out = tmp_path_factory.mktemp("class")
    notebook = built["activations"].student_zip.parents[2] / "assignments" / "activations" / "activations.ipynb"
    return make_class("activations", notebook, out / "moodle", n=30, seed=3), built["activations"].autograder_zip, out


def test_whole_class_every_row_graded_or_flagged_and_resumable(demo_class):
    from autograder.moodle.batch import grade_moodle

    synthetic, bundle, out = demo_class
    first = grade_moodle(bundle, synthetic.download, synthetic.worksheet, out / "graded", workers=2, progress=False)
    rows = {r.participant: r for r in first.rows}
    assert len(rows) == 30
    for pid, row in rows.items():
        assert (row.grade is not None and row.status.startswith("graded")) or row.flags, (pid, row)
    for pid, kind in synthetic.kinds.items():
        row = rows[pid]
        if kind in ("correct", "late", "odd name", "export zip", "correct-alternative", "group PDF 1"):
            assert row.grade == 100.0, (kind, row)
        if kind in ("stub", "forged", "patched numpy"):
            assert row.grade is None or row.grade < 100, (kind, row)
        if kind in ("missing", "online text", "broken", "named in a group file, uploaded nothing"):
            assert row.grade is None and row.flags, (kind, row)
    sheet = Worksheet.read(out / "graded" / synthetic.worksheet.name)
    original = Worksheet.read(synthetic.worksheet)
    assert sheet.header_line == original.header_line
    assert all(float(sheet.value(r, "Grade") or 0) <= 100 for r in sheet.rows)
    with zipfile.ZipFile(out / "graded" / "feedback.zip") as zf:
        names = zf.namelist()
    graded_ids = {pid for pid, r in rows.items() if r.sha256}
    assert {n.split("_")[-3] for n in names} == graded_ids
    assert all(n.endswith("_assignfeedback_file/feedback.html") for n in names)
    text = (out / "graded" / "dashboard.html").read_text()
    assert "<svg" in text and "Flagged rows" in text
    second = grade_moodle(bundle, synthetic.download, synthetic.worksheet, out / "graded", workers=2, progress=False)
    assert second.graded_now == 0 and second.from_store == len(first.results)
    assert [(r.participant, r.grade) for r in second.rows] == [(r.participant, r.grade) for r in first.rows]


def test_a_stopped_run_resumes_where_it_stopped(demo_class, tmp_path):
    from autograder.moodle.batch import grade_moodle
    from autograder.moodle.store import Store

    synthetic, bundle, out = demo_class
    target = tmp_path / "graded"
    shutil.copytree(out / "graded", target)
    store = Store(target / "results.sqlite")
    keys = [k for (k,) in store.db.execute("SELECT key FROM results")]
    store.db.execute("DELETE FROM results WHERE key IN (?, ?)", keys[:2])  # as if killed before these two
    store.db.commit()
    store.close()
    again = grade_moodle(bundle, synthetic.download, synthetic.worksheet, target, workers=1, progress=False)
    assert again.graded_now == 2 and again.from_store == len(keys) - 2


def test_dashboard_renders_in_a_headless_browser(demo_class, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip("no Chromium installed (Debian package chromium)")
    import subprocess
    _, _, out = demo_class
    page = out / "graded" / "dashboard.html"
    if not page.exists():
        pytest.skip("the class run did not happen in this session")
    shot = tmp_path / "shot.png"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", f"--user-data-dir={tmp_path / 'profile'}",
                    f"--screenshot={shot}", "--window-size=1200,2000", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    assert shot.stat().st_size > 10_000


def test_the_same_batch_runs_on_a_dask_cluster(demo_class, tmp_path):
    from distributed import LocalCluster

    from autograder.moodle.batch import grade_moodle

    synthetic, bundle, out = demo_class
    local = grade_moodle(bundle, synthetic.download, synthetic.worksheet, out / "graded", workers=2, progress=False)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = grade_moodle(bundle, synthetic.download, synthetic.worksheet, tmp_path / "cluster",
                              progress=False, scheduler=cluster.scheduler_address)
    assert remote.graded_now == len(remote.results) > 0
    assert [(r.participant, r.grade) for r in remote.rows] == [(r.participant, r.grade) for r in local.rows]


def test_team_mode_fills_every_member_row_and_default_group_is_flagged(demo_class, tmp_path):
    import json

    from autograder.grade.specimens import notebook_with, reference_source
    from autograder.moodle.batch import grade_moodle

    synthetic, bundle, _ = demo_class
    stub_path = bundle.parents[2] / "assignments" / "activations" / "activations.ipynb"
    notebook = json.dumps(notebook_with(json.loads(stub_path.read_text()), reference_source("activations")))
    header = ('\ufeffIdentifier,"Full name","Email address",Status,Group,Grade,"Maximum grade",'
              '"Grade can be changed","Last modified (submission)","Last modified (grade)","Feedback comments"')
    rows = [('"Participant 111"', "Ana Lopez", "Group 02"), ('"Participant 112"', "Ben Okafor", "Group 02"),
            ('"Participant 113"', "Chloé Silva", "Default group"), ('"Participant 114"', "Dário Costa", "Group 03")]
    lines = [header] + [f'{i},"{n}",x@y.example,"Submitted for grading","{g}",,20.00,Yes,-,-,' for i, n, g in rows]
    sheet = tmp_path / "Grades.csv"
    sheet.write_bytes(("\n".join(lines) + "\n").encode())
    download = tmp_path / "dl.zip"
    download.write_bytes(zip_bytes({"Group 02_703_assignsubmission_file/activations.ipynb": notebook.encode(),
                                    "Default group_assignsubmission_file/activations.ipynb": notebook.encode()}))
    batch = grade_moodle(bundle, download, sheet, tmp_path / "out", workers=1, progress=False)
    by_id = {r.participant: r for r in batch.rows}
    assert by_id["111"].grade == by_id["112"].grade == 20.0
    assert by_id["113"].grade == 20.0 and any("Default group" in f for f in by_id["113"].flags)
    assert by_id["114"].grade is None and "no submission" in by_id["114"].flags


def test_a_rebuilt_autograder_regrades_everything(demo_class, tmp_path):
    from autograder.moodle.batch import grade_moodle

    synthetic, bundle, out = demo_class
    changed = tmp_path / "activations-autograder.zip"
    with zipfile.ZipFile(bundle) as src, zipfile.ZipFile(changed, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.comment = b"rebuilt"
    target = tmp_path / "graded"
    first = grade_moodle(bundle, synthetic.download, synthetic.worksheet, target, workers=2, progress=False)
    again = grade_moodle(changed, synthetic.download, synthetic.worksheet, target, workers=2, progress=False)
    assert again.from_store == 0 and again.graded_now == len(again.results) == len(first.results) > 0
