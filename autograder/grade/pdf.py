"""PDF submissions: the notebook embedded in a student's PDF export, read with pypdf.

A PDF is graded as its notebook when it carries one as an attached file (the students'
``grader.export(pdf=True)`` attaches it). Anything else gets a specific reason:
encrypted, unreadable, scanned (no text layer), or a text report with no notebook, which
is for a person to grade.
"""
from __future__ import annotations

import io

from autograder.grade.submission import MAX_NOTEBOOK_BYTES, Ungradable


class TextReport(Ungradable):
    """A PDF with text but no notebook: its code cannot run; :mod:`report` reads what it can."""

    def __init__(self, message: str, data: bytes, name: str):
        super().__init__(message)
        self.data, self.name = data, name


def reader_of(data: bytes, name: str):
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except Exception as exc:  # pypdf raises many types for damaged files
        raise Ungradable(f"{name} is not a readable PDF ({type(exc).__name__})") from None
    if encrypted:
        raise Ungradable(f"{name} is encrypted (password-protected); hand in an unprotected PDF or the notebook")
    return reader


def notebook_from_pdf(data: bytes, name: str) -> tuple[bytes, str]:
    """The bytes and file name of the one ``.ipynb`` attached to the PDF."""
    reader = reader_of(data, name)
    try:
        attachments = reader.attachments
        notebooks = [(n, contents) for n, contents in attachments.items() if n.lower().endswith(".ipynb")]
    except Exception as exc:
        raise Ungradable(f"{name}: its attached files cannot be read ({type(exc).__name__})") from None
    if len(notebooks) > 1:
        raise Ungradable(f"{name} has {len(notebooks)} notebooks attached; export exactly one")
    if notebooks:
        attached_name, contents = notebooks[0]
        payload = contents[0] if contents else b""
        if len(payload) > MAX_NOTEBOOK_BYTES:
            raise Ungradable(f"{name}: the attached notebook is over {MAX_NOTEBOOK_BYTES // 1024**2} MB")
        return payload, attached_name
    text = "\n".join(page_texts(reader))
    if not text.strip():
        raise Ungradable(f"{name} has no embedded notebook and no text layer (a scan or photo?): "
                         "it needs a person to grade it")
    raise TextReport(f"{name} is a text report with no embedded notebook: its code cannot be run; numeric "
                     "answers were checked, the rest needs a person", data, name)


def page_texts(reader, pages: int = 60) -> list[str]:
    """The text of each of the first ``pages`` pages ("" for a page without text or a damaged one)."""
    texts = []
    for page in list(reader.pages)[:pages]:
        try:
            texts.append(page.extract_text() or "")
        except Exception:  # a damaged page gives no text rather than no grade
            texts.append("")
    return texts
