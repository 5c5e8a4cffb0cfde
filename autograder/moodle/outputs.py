"""What goes back to Moodle and to the instructor: worksheet, feedback zip, summary, dashboard."""
from __future__ import annotations

import html
import io
import zipfile
from pathlib import Path

import pandas as pd

NEARLY_ALL_FAIL = 0.10   # a hidden test passed by fewer than 10 % of graded submissions may be wrong


def feedback_html(assignment: str, result: dict) -> str:
    """The student's report: per question score and messages; never test code or expected values."""
    parts = [f"<h2>{html.escape(assignment)}: {result.get('score', 0):g} / {result.get('possible', 0):g}</h2>"]
    if result.get("status") != "graded":
        parts.append(f"<p><b>{html.escape(str(result.get('status')))}</b>: {html.escape(result.get('reason', ''))}</p>")
    parts.append("<table><tr><th>question</th><th>score</th><th>what to look at</th></tr>")
    for q in result.get("questions", []):
        parts.append(f"<tr><td>{html.escape(q['name'])}</td><td>{q['score']:g} / {q['possible']:g}</td>"
                     f"<td>{html.escape(q.get('message') or '')}</td></tr>")
    parts.append("</table>")
    notes = [n for n in result.get("notes", []) if not n.startswith("report question")]
    if notes:
        parts.append("<p>Notes: " + "<br>".join(html.escape(n) for n in notes) + "</p>")
    return "".join(parts)


def _page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse}"
            "td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}.flag{color:#a40}</style></head>"
            f"<body>{body}</body></html>")


def _svg(fig) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    import matplotlib.pyplot as plt
    plt.close(fig)
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def write_all(out: Path, sheet, worksheet_path: Path, rows: dict, results: dict, participants: dict,
              assignment: str, refused: list) -> None:
    feedback = {pid: feedback_html(assignment, results[row.sha256]) for pid, row in rows.items() if row.sha256}
    # 1. the worksheet: same header, grades and feedback filled where graded
    for pid, row in rows.items():
        if row.grade is not None:
            sheet.set_grade(participants[pid], row.grade, feedback[pid])
    sheet.write(out / Path(worksheet_path).name)

    # 2. feedback files, named as Moodle's importer expects (participant id in field 2)
    with zipfile.ZipFile(out / "feedback.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        for pid, row in rows.items():
            if pid in feedback:
                label = (row.name or "Participant").replace("_", " ").replace("/", " ")
                zf.writestr(f"{label}_{pid}_assignfeedback_file/feedback.html",
                            _page(f"{assignment}: feedback", feedback[pid]))

    # 3. the class summary, the flags, the dashboard
    table = pd.DataFrame([{"identifier": f"Participant {r.participant}", "name": r.name, "status": r.status,
                           "grade": r.grade, "score": r.score, "possible": r.possible, "file": r.file,
                           "sha256": r.sha256, "flags": "; ".join(r.flags)} for r in rows.values()])
    table.to_csv(out / "summary.csv", index=False)
    flagged = table[table["flags"] != ""]
    flagged.to_csv(out / "flagged.csv", index=False)
    tests = pd.DataFrame([{"question": t["question"], "test": t["name"], "hidden": t["hidden"], "passed": t["passed"]}
                          for r in results.values() if r.get("status") in ("graded",) for t in r.get("tests", [])])
    (out / "dashboard.html").write_text(_dashboard(assignment, table, tests, refused), encoding="utf-8")


def _dashboard(assignment: str, table: pd.DataFrame, tests: pd.DataFrame, refused: list) -> str:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    body = [f"<h1>{html.escape(assignment)}: class summary</h1>",
            f"<p>{len(table)} worksheet rows; {int((table['status'] == 'graded').sum())} graded, "
            f"{int(table['status'].str.contains('flag').sum())} flagged.</p>"]
    graded = table.dropna(subset=["score"])
    if len(graded):
        fig, ax = plt.subplots(figsize=(6, 3))
        ax.hist(graded["score"] / graded["possible"] * 100, bins=range(0, 105, 5), color="#4a7")
        ax.set_xlabel("score (%)")
        ax.set_ylabel("submissions")
        ax.set_title("score histogram")
        body.append(_svg(fig))
    if len(tests):
        per_question = tests.groupby("question")["passed"].mean()
        fig, ax = plt.subplots(figsize=(6, 3))
        ax.bar(per_question.index, per_question.values * 100, color="#47a")
        ax.set_ylabel("tests passed (%)")
        ax.set_title("pass rate per question")
        body.append(_svg(fig))
        per_test = tests.groupby(["question", "test", "hidden"])["passed"].mean().reset_index()
        body.append("<h2>Pass rate per test</h2><table><tr><th>question</th><th>test</th><th>hidden</th>"
                    "<th>passed</th><th></th></tr>")
        for _, t in per_test.iterrows():
            warn = "possibly a wrong test: nearly everyone fails it" if t["passed"] < NEARLY_ALL_FAIL else ""
            body.append(f"<tr><td>{html.escape(t['question'])}</td><td>{html.escape(t['test'])}</td>"
                        f"<td>{'yes' if t['hidden'] else 'no'}</td><td>{t['passed'] * 100:.0f} %</td>"
                        f"<td class=\"flag\">{warn}</td></tr>")
        body.append("</table>")
    flagged = table[table["flags"] != ""]
    body.append(f"<h2>Flagged rows ({len(flagged)})</h2><table><tr><th>identifier</th><th>name</th>"
                "<th>status</th><th>reasons</th></tr>")
    for _, r in flagged.iterrows():
        body.append(f"<tr><td>{html.escape(r['identifier'])}</td><td>{html.escape(str(r['name']))}</td>"
                    f"<td>{html.escape(r['status'])}</td><td class=\"flag\">{html.escape(r['flags'])}</td></tr>")
    body.append("</table>")
    if refused:
        body.append("<h2>Entries of the download that were refused</h2><ul>" +
                    "".join(f"<li>{html.escape(n)}: {html.escape(r)}</li>" for n, r in refused) + "</ul>")
    return _page(f"{assignment}: class summary", "".join(body))
