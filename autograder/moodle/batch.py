"""``dlcourse grade-moodle``: a Moodle download in, the worksheet, feedback zip and class summary out.

1. The worksheet names every participant (``Participant N``); the download zip is read by id
   (:mod:`download`); each participant's or team's gradable file is chosen.
2. Identical files (informal groups upload the same PDF or notebook N times) are graded once:
   files are keyed by content hash, and results are kept in SQLite (:mod:`store`), so a run
   that is stopped resumes, and a re-run grades nothing new.
3. Grading runs on all local cores, one worker process per core, each with its own sandboxes; with
   ``scheduler`` (a Dask distributed address) the same tasks run on that cluster's workers.
4. Every worksheet row ends graded or flagged with a reason; a submission that breaks the
   engine is flagged, and the batch goes on. ``audit.jsonl`` records what was done to each.
"""
from __future__ import annotations

import concurrent.futures
import datetime as _dt
import hashlib
import json
import os
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from autograder.moodle.download import Owner, SubmittedFile, read_download
from autograder.moodle.groups import match_names
from autograder.names import names_in_file
from autograder.moodle.store import Store, result_key
from autograder.moodle.worksheet import Worksheet

GRADABLE = (".ipynb", ".zip", ".pdf")


@dataclass
class Row:
    """One worksheet row's outcome."""
    participant: str
    name: str
    owner: str | None = None
    file: str | None = None
    sha256: str | None = None
    score: float | None = None
    possible: float | None = None
    grade: float | None = None
    status: str = "flagged"
    flags: list[str] = field(default_factory=list)


def choose_file(owner: Owner, assignment: str) -> tuple[SubmittedFile | None, list[str]]:
    """The one file to grade in a submission, and notes about the others."""
    files = [f for f in owner.files if f.plugin == "assignsubmission_file"
             and PurePosixPath(f.path).suffix.lower() in GRADABLE]
    notes = []
    if not files:
        kinds = sorted({f.plugin.split("_", 1)[1] + ":" + PurePosixPath(f.path).name for f in owner.files})
        return None, [f"no notebook, zip or PDF in the submission ({', '.join(kinds) or 'no files'})"]
    order = {".ipynb": 0, ".zip": 1, ".pdf": 2}
    files.sort(key=lambda f: (order[PurePosixPath(f.path).suffix.lower()],
                              assignment not in PurePosixPath(f.path).stem, f.path))
    chosen = files[0]
    same_kind = [f for f in files if PurePosixPath(f.path).suffix.lower() == PurePosixPath(chosen.path).suffix.lower()]
    if len(same_kind) > 1:
        notes.append(f"{len(same_kind)} {PurePosixPath(chosen.path).suffix} files; graded {chosen.path}")
    return chosen, notes


# ----------------------------------------------------------------------------- worker processes
_BUNDLE = None


def _init_worker(bundle_path: str) -> None:
    global _BUNDLE
    from autograder.grade.engine import Bundle
    _BUNDLE = Bundle(Path(bundle_path))


def _grade_on_cluster(bundle_bytes: bytes, name: str, data: bytes, device: str) -> dict:
    """A Dask task: the autograder travels with the task (a few hundred KB) and is opened once per
    worker process (cached by its hash)."""
    global _BUNDLE
    digest = hashlib.sha256(bundle_bytes).hexdigest()
    if _BUNDLE is None or getattr(_BUNDLE, "digest", None) != digest:
        from autograder.grade.engine import Bundle
        folder = Path(tempfile.mkdtemp(prefix="dlcourse-cluster-"))
        (folder / "autograder.zip").write_bytes(bundle_bytes)
        _BUNDLE = Bundle(folder / "autograder.zip")
        _BUNDLE.digest = digest
    return _grade_one(name, data, device)


def _grade_one(name: str, data: bytes, device: str) -> dict:
    from autograder.grade.engine import grade
    with tempfile.TemporaryDirectory(prefix="dlcourse-moodle-") as tmp:
        path = Path(tmp) / PurePosixPath(name).name
        path.write_bytes(data)
        try:
            return grade(_BUNDLE, path, device=device).to_dict()
        except Exception as exc:  # the engine itself failed on this file: flag it, keep going
            return {"status": "crashed", "reason": f"the grader failed ({type(exc).__name__})",
                    "score": 0.0, "possible": 0.0, "questions": [], "tests": [], "notes": [],
                    "traceback": traceback.format_exc()[-2000:]}


# ----------------------------------------------------------------------------- the batch
@dataclass
class BatchResult:
    rows: list[Row]
    results: dict[str, dict]          # sha256 -> result
    refused: list[tuple[str, str]]
    out: Path
    graded_now: int
    from_store: int


def _run_local(bundle_path: Path, todo, device: str, workers: int):
    with concurrent.futures.ProcessPoolExecutor(max_workers=min(workers, len(todo)), initializer=_init_worker,
                                                initargs=(str(bundle_path),)) as pool:
        futures = {pool.submit(_grade_one, file.path, file.data, device): sha for sha, file in todo}
        for future in concurrent.futures.as_completed(futures):
            yield futures[future], future


def _run_cluster(bundle_path: Path, todo, device: str, scheduler: str):
    from distributed import Client, as_completed

    with Client(scheduler) as client:
        bundle = client.scatter(Path(bundle_path).read_bytes(), broadcast=True)
        futures = {client.submit(_grade_on_cluster, bundle, file.path, file.data, device, pure=False): sha
                   for sha, file in todo}
        for future in as_completed(list(futures)):
            yield futures[future], future


def grade_moodle(bundle_path: Path, download_path: Path, worksheet_path: Path, out: Path, *,
                 workers: int | None = None, device: str = "cpu", progress: bool = True,
                 scheduler: str | None = None) -> BatchResult:
    from autograder.grade.engine import Bundle

    if not Path(bundle_path).is_file():
        raise ValueError(f"{bundle_path}: grade-moodle needs the autograder zip (its hash keys the stored results)")
    out.mkdir(parents=True, exist_ok=True)
    audit = open(out / "audit.jsonl", "a", encoding="utf-8")

    def log(**event):
        event["time"] = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
        audit.write(json.dumps(event, ensure_ascii=False) + "\n")
        audit.flush()

    sheet = Worksheet.read(worksheet_path)
    participants = sheet.ids()
    with Bundle(bundle_path) as bundle:
        assignment = bundle.name
    autograder = hashlib.sha256(Path(bundle_path).read_bytes()).hexdigest()[:16]
    download = read_download(download_path, set(participants))
    for name, reason in download.refused:
        log(event="refused entry", entry=name, reason=reason)

    full_names = {pid: sheet.value(row, "Full name") for pid, row in participants.items()}
    group_of = {pid: sheet.value(row, "Group") for pid, row in participants.items()}
    rows = {pid: Row(pid, full_names[pid] or f"Participant {pid}") for pid in participants}

    # which file each participant is graded on
    chosen: dict[str, tuple[Owner, SubmittedFile]] = {}
    for owner in download.owners.values():
        file, notes = choose_file(owner, assignment)
        if owner.kind == "participant":
            members = [owner.id] if owner.id in rows else []
            if not members:
                log(event="unknown participant", owner=owner.key, reason="not in the worksheet")
        elif owner.kind == "group":
            members = [pid for pid, g in group_of.items() if g and g == owner.label]
            if not members:
                log(event="unknown group", owner=owner.key, reason="no worksheet row has this group")
        else:
            members = [pid for pid, g in group_of.items() if g == "Default group"]
            notes.append("a team submission of students in no group (Moodle's 'Default group'): check who sent it")
        for pid in members:
            rows[pid].owner = owner.key
            rows[pid].flags += notes
            if file is not None:
                chosen[pid] = (owner, file)
            log(event="submission", participant=pid, owner=owner.key, file=file.path if file else None,
                sha256=file.sha256 if file else None, notes=notes)

    # grade each distinct file once
    store = Store(out / "results.sqlite")
    unique: dict[str, SubmittedFile] = {f.sha256: f for _, f in chosen.values()}
    results: dict[str, dict] = {}
    todo = []
    for sha, file in unique.items():
        cached = store.get(result_key(sha, autograder, device))
        if cached is not None:
            results[sha] = cached
        else:
            todo.append((sha, file))
    from_store = len(results)
    workers = workers or os.cpu_count() or 1
    if todo:
        bar = None
        if progress:
            from tqdm import tqdm
            bar = tqdm(total=len(todo), desc=f"grading {assignment}", unit="submission")
        running = (_run_cluster(bundle_path, todo, device, scheduler) if scheduler
                   else _run_local(bundle_path, todo, device, workers))
        for sha, future in running:
            try:
                result = future.result()
            except Exception as exc:  # a worker process died: the file is flagged, the batch goes on
                result = {"status": "crashed", "reason": f"the grading process died ({type(exc).__name__})",
                          "score": 0.0, "possible": 0.0, "questions": [], "tests": [], "notes": []}
            results[sha] = result
            store.put(result_key(sha, autograder, device), sha, autograder, result)
            log(event="graded", sha256=sha, status=result.get("status"), score=result.get("score"),
                possible=result.get("possible"), where=scheduler or "local")
            if bar is not None:
                bar.update(1)
        if bar is not None:
            bar.close()
    store.close()

    # rows: grades, group checks, flags
    uploaders: dict[str, list[str]] = {}
    for pid, (_, file) in chosen.items():
        uploaders.setdefault(file.sha256, []).append(pid)
    by_names: dict[tuple, set[str]] = {}
    for pid, (owner, file) in chosen.items():
        row = rows[pid]
        result = results[file.sha256]
        row.file, row.sha256 = file.path, file.sha256
        row.score, row.possible = result.get("score"), result.get("possible")
        status = result.get("status")
        if status in ("graded", "needs manual grading") and row.possible:
            maximum = sheet.maximum(participants[pid]) or row.possible
            row.grade = min(round(row.score / row.possible * maximum, 2), maximum)
            row.status = "graded" if status == "graded" else "flagged"
        if status != "graded":
            row.flags.append(f"{status}: {result.get('reason', '')}".strip(": "))
        names = names_in_file(file.path)
        if names and owner.kind == "participant":
            matched, unknown = match_names(names, {p: full_names[p] for p in participants},
                                           set(uploaders.get(file.sha256, [])))
            by_names.setdefault(tuple(sorted(n.lower() for n in names)), set()).add(file.sha256)
            if pid not in matched.values() and full_names[pid]:
                row.flags.append(f"uploaded {file.path}, whose name does not name them")
            for name, other in matched.items():
                if other not in chosen:
                    rows[other].flags.append(f"named in {file.path}, which others uploaded, but uploaded nothing; "
                                             f"the group's grade would be {row.grade}")
            if unknown:
                row.flags.append(f"{file.path} names {', '.join(unknown)}, who match no one in the worksheet")
    for names, shas in by_names.items():
        if len(shas) > 1:
            for sha in shas:
                for pid in uploaders[sha]:
                    rows[pid].flags.append("group members uploaded different versions of the group file; "
                                           "each was graded on their own upload")
    for pid, row in rows.items():
        if row.owner is None:
            row.flags.append("no submission")
        row.flags = list(dict.fromkeys(row.flags))
        if row.flags and row.status == "graded":
            row.status = "graded, flagged"
        log(event="row", participant=pid, status=row.status, grade=row.grade, flags=row.flags)
    audit.close()

    from autograder.moodle import outputs
    outputs.write_all(out, sheet, worksheet_path, rows, results, participants, assignment, download.refused)
    return BatchResult(list(rows.values()), results, download.refused, out, len(todo), from_store)
