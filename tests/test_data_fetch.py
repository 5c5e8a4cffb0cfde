"""`dlcourse data fetch`, against a fake PhysioNet served from 127.0.0.1 (never the internet)."""
from __future__ import annotations

import hashlib
import http.server
import threading
from pathlib import Path

import pytest

from autograder import data_fetch
from autograder.cli import main
from autograder.data_fetch import fetch, parse_sha256sums

AFDB_RECORDS = ["04015", "08455"]
GAIT_RECORDS = ["als1", "control2", "park3"]


def _sums(files: dict[str, bytes], extra: dict[str, str] | None = None) -> bytes:
    lines = [f"{hashlib.sha256(body).hexdigest()} {name}" for name, body in files.items()]
    lines += [f"{digest} {name}" for name, digest in (extra or {}).items()]
    return ("\n".join(lines) + "\n").encode()


def _write_db(root: Path, db: str, files: dict[str, bytes], sums: bytes) -> dict[str, bytes]:
    folder = root / db / "1.0.0"
    folder.mkdir(parents=True)
    for name, body in files.items():
        (folder / name).write_bytes(body)
    (folder / "SHA256SUMS.txt").write_bytes(sums)
    return files


def _fixture_tree(root: Path) -> dict[str, dict[str, bytes]]:
    """A fake afdb (2 records, like PhysioNet's: .dat, .hea-, old/ are listed but not wanted) and gaitndd."""
    afdb = {"RECORDS": "".join(f"{r}\n" for r in AFDB_RECORDS).encode(),
            "ANNOTATORS": b"atr\treference rhythm annotations\nqrs\tunaudited beat annotations\n",
            "notes.txt": b"Notes on the fake afdb.\n"}
    for i, r in enumerate(AFDB_RECORDS):
        afdb[f"{r}.atr"] = bytes([i, 1, 2, 3]) * 50
        afdb[f"{r}.qrs"] = bytes([i, 9, 8]) * 300
        afdb[f"{r}.hea"] = f"{r} 2 250 9205760\n".encode()
    unwanted = {"04015.dat": hashlib.sha256(b"signals").hexdigest(),
                "04015.hea-": hashlib.sha256(b"old header").hexdigest(),
                "old/04015.atr": hashlib.sha256(b"old atr").hexdigest()}
    gait = {"RECORDS": "".join(f"{r}\n" for r in GAIT_RECORDS).encode(),
            "subject-description.txt": b"ID\tGROUP\tAGE(YRS)\nals1\tsubjects\t70\n"}
    for i, r in enumerate(GAIT_RECORDS):
        gait[f"{r}.ts"] = f"22.3200\t1.28{i}3\t1.3533\n23.6000\t1.2800\t1.2633\n".encode()
    _write_db(root, "afdb", afdb, _sums(afdb, unwanted))
    _write_db(root, "gaitndd", gait, _sums(gait, {"als1.let": hashlib.sha256(b"x").hexdigest()}))
    return {"afdb": afdb, "gaitndd": gait}


class _Server:
    """http.server in a thread on an ephemeral port of 127.0.0.1, counting GETs by path."""

    def __init__(self, root: Path):
        self.requests: list[str] = []
        self.user_agents: set[str] = set()
        self.fail_once: dict[str, int] = {}  # path -> status to answer once before serving it
        server = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(root), **kwargs)

            def do_GET(self):
                server.requests.append(self.path)
                server.user_agents.add(self.headers.get("User-Agent", ""))
                status = server.fail_once.pop(self.path, None)
                if status is not None:
                    self.send_error(status)
                    return
                super().do_GET()

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/files"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)
        self.thread.start()

    def downloads(self) -> list[str]:
        return [p.rsplit("/", 1)[-1] for p in self.requests]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)
        assert not self.thread.is_alive()


@pytest.fixture
def physionet(tmp_path):
    """(server, fixture files by database, destination root); the server is shut down afterwards."""
    served = tmp_path / "served"
    files = _fixture_tree(served / "files")
    server = _Server(served)
    try:
        yield server, files, tmp_path / "dest"
    finally:
        server.close()


def _run(server, dest, names=None, **kwargs):
    kwargs.setdefault("timeout", 5)
    kwargs.setdefault("backoff", 0.01)
    return fetch(names, dest, base_url=server.url, **kwargs)


def _assert_tree(dest: Path, db: str, files: dict[str, bytes]):
    on_disk = {p.name for p in (dest / db).iterdir()}
    assert on_disk == set(files) | {"SHA256SUMS.txt"}, "exactly the wanted files, no temporaries"
    for name, body in files.items():
        assert (dest / db / name).read_bytes() == body


def test_full_fetch_gets_the_wanted_files_and_they_match(physionet):
    """Does a fetch of both databases download SHA256SUMS.txt and RECORDS first, then exactly the files
    the labs need (no .dat, .hea-, old/, .let), each byte-identical to the server's?"""
    server, files, dest = physionet
    reports = _run(server, dest)
    assert [r.database for r in reports] == ["afdb", "gaitndd"] and all(r.ok for r in reports)
    _assert_tree(dest, "afdb", files["afdb"])
    _assert_tree(dest, "gaitndd", files["gaitndd"])
    assert server.requests[:2] == ["/files/afdb/1.0.0/SHA256SUMS.txt", "/files/afdb/1.0.0/RECORDS"]
    assert len(server.requests) == len(files["afdb"]) + len(files["gaitndd"]) + 2
    assert all(ua.startswith("dlcourse/") for ua in server.user_agents)


def test_second_fetch_downloads_nothing(physionet, capsys):
    """Is a second fetch resumable: every file present with the right hash, so no request for any of them
    (only a no-op); and does a deleted file alone come back?"""
    server, files, dest = physionet
    _run(server, dest)
    server.requests.clear()
    reports = _run(server, dest)
    assert all(r.ok and not r.downloaded for r in reports)
    assert server.requests == []
    assert "already present, ok" in capsys.readouterr().out
    (dest / "gaitndd" / "park3.ts").unlink()
    (dest / "afdb" / "08455.qrs").write_bytes(b"truncated")
    _run(server, dest)
    assert sorted(server.downloads()) == ["08455.qrs", "park3.ts"]
    _assert_tree(dest, "afdb", files["afdb"])
    _assert_tree(dest, "gaitndd", files["gaitndd"])


def test_force_downloads_everything_again(physionet):
    """Does --force download every file again even though all are present and valid?"""
    server, files, dest = physionet
    _run(server, dest, ["gaitndd"])
    server.requests.clear()
    [report] = _run(server, dest, ["gaitndd"], force=True)
    assert report.ok and not report.present
    assert sorted(server.downloads()) == sorted([*files["gaitndd"], "SHA256SUMS.txt"])


def test_corrupted_file_is_reported_by_name_and_not_kept(physionet):
    """Is a served file whose bytes do not match SHA256SUMS.txt an error naming it, with no file (and no
    temporary) left behind, while the other files are still fetched?"""
    server, files, dest = physionet
    served = dest.parent / "served" / "files" / "afdb" / "1.0.0" / "04015.atr"
    served.write_bytes(b"corrupted" + files["afdb"]["04015.atr"])
    [report] = _run(server, dest, ["afdb"])
    assert not report.ok and len(report.errors) == 1
    assert "04015.atr" in report.errors[0] and "mismatch" in report.errors[0]
    assert not (dest / "afdb" / "04015.atr").exists()
    assert not any(p.name.endswith(".part") for p in (dest / "afdb").iterdir())
    assert (dest / "afdb" / "08455.atr").read_bytes() == files["afdb"]["08455.atr"]


def test_missing_sha256_line_is_an_error_and_nothing_is_downloaded(physionet):
    """Is a wanted file with no line in SHA256SUMS.txt an error naming it, never downloaded unchecked?"""
    server, files, dest = physionet
    sums = dest.parent / "served" / "files" / "gaitndd" / "1.0.0" / "SHA256SUMS.txt"
    sums.write_text("".join(line + "\n" for line in sums.read_text().splitlines()
                            if not line.endswith(" control2.ts")))
    [report] = _run(server, dest, ["gaitndd"])
    assert len(report.errors) == 1 and "control2.ts" in report.errors[0] and "no line" in report.errors[0]
    assert "control2.ts" not in server.downloads()
    assert not (dest / "gaitndd" / "control2.ts").exists()


def test_404_gives_a_clear_error(physionet):
    """Is a listed file the server does not have (404) reported with its name and the status, not retried?"""
    server, files, dest = physionet
    (dest.parent / "served" / "files" / "afdb" / "1.0.0" / "notes.txt").unlink()
    [report] = _run(server, dest, ["afdb"])
    assert len(report.errors) == 1
    assert "notes.txt" in report.errors[0] and "404" in report.errors[0]
    assert server.downloads().count("notes.txt") == 1
    assert not (dest / "afdb" / "notes.txt").exists()


def test_transient_error_is_retried(physionet, capsys):
    """Is a 503 retried (with a short backoff) and the file then fetched?"""
    server, files, dest = physionet
    server.fail_once["/files/gaitndd/1.0.0/als1.ts"] = 503
    [report] = _run(server, dest, ["gaitndd"])
    assert report.ok
    assert server.downloads().count("als1.ts") == 2
    assert "retrying" in capsys.readouterr().out
    _assert_tree(dest, "gaitndd", files["gaitndd"])


def test_unreachable_server_gives_up_after_retries(tmp_path):
    """Does a refused connection end, after the retries, in one error naming SHA256SUMS.txt?"""
    [report] = fetch(["afdb"], tmp_path, base_url="http://127.0.0.1:9/files", timeout=2, retries=1,
                     backoff=0.01)
    assert len(report.errors) == 1 and "SHA256SUMS.txt" in report.errors[0] and "2 tries" in report.errors[0]
    assert list((tmp_path / "afdb").iterdir()) == []


def test_parse_sha256sums_accepts_sha256sum_styles_and_rejects_garbage():
    h = "ab" * 32
    assert parse_sha256sums(f"{h} a\n{h.upper()}  b c\n{h} *d\n\n# note\n") == {"a": h, "b c": h, "d": h}
    with pytest.raises(data_fetch.FetchError, match="line 1"):
        parse_sha256sums("<html>not found</html>\n")


def test_cli_returns_zero_on_success(physionet, capsys):
    """Does `dlcourse data fetch gaitndd --dest ... --base-url ...` exit 0 and say so?"""
    server, files, dest = physionet
    assert main(["data", "fetch", "gaitndd", "--dest", str(dest), "--base-url", server.url]) == 0
    assert "Fetched and verified gaitndd" in capsys.readouterr().out
    _assert_tree(dest, "gaitndd", files["gaitndd"])


def test_cli_returns_nonzero_with_a_message_on_failure(physionet, capsys):
    """Does the CLI exit non-zero and name the failing file on stderr; and refuse an unknown database?"""
    server, files, dest = physionet
    (dest.parent / "served" / "files" / "afdb" / "1.0.0" / "08455.hea").unlink()
    assert main(["data", "fetch", "afdb", "--dest", str(dest), "--base-url", server.url]) == 1
    err = capsys.readouterr().err
    assert "08455.hea" in err and "404" in err
    assert main(["data", "fetch", "mitdb", "--dest", str(dest), "--base-url", server.url]) == 2
    assert "unknown database" in capsys.readouterr().err


def test_default_destination_is_data_physionet_under_the_repo():
    """Does the fetch go, by default, to data/physionet/<db>/ of the repository (git-ignored)?"""
    from autograder.assignments import ROOT

    assert data_fetch.default_dest_root() == ROOT / "data" / "physionet"
