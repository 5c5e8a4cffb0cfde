"""Results kept between runs: SQLite, keyed by the submission's content and the autograder's version.

A run killed half-way resumes where it stopped (what was graded is read back); a re-run
changes nothing; a rebuilt autograder (another bundle hash) regrades everything it
affects, and nothing else, because its key differs.
"""
from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    key TEXT PRIMARY KEY,          -- sha256 of the file : autograder hash : device
    file_sha256 TEXT NOT NULL,
    autograder TEXT NOT NULL,
    result TEXT NOT NULL,          -- GradeResult.to_dict() as JSON
    graded_at REAL NOT NULL
)
"""


def result_key(file_sha256: str, autograder: str, device: str) -> str:
    return f"{file_sha256}:{autograder}:{device}"


class Store:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.db = sqlite3.connect(self.path)
        self.db.execute(SCHEMA)
        self.db.commit()

    def get(self, key: str) -> dict | None:
        row = self.db.execute("SELECT result FROM results WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, key: str, file_sha256: str, autograder: str, result: dict) -> None:
        # committed at once: a run killed after this line keeps this result
        self.db.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?)",
                        (key, file_sha256, autograder, json.dumps(result), time.time()))
        self.db.commit()

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM results").fetchone()[0]

    def close(self) -> None:
        self.db.close()
