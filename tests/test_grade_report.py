"""PDFs: the students' PDF export grades as its notebook; a text-only report is read for a person."""
from __future__ import annotations

import json

import pytest

from autograder.grade.engine import Bundle, grade
from autograder.grade.report import members_from, numeric_answers, report_questions
from autograder.grade.specimens import notebook_with, reference_source
from autograder.shipped.dlcourse_check import Notebook, notebook_pdf
from tests.grading import student_notebook


def test_pdf_export_embeds_the_notebook_and_grades_like_it(built, tmp_path):
    notebook = notebook_with(student_notebook(built, "activations"), reference_source("activations"))
    path = tmp_path / "activations.ipynb"
    path.write_text(json.dumps(notebook))
    pdf = Notebook(str(path)).export(pdf=True)
    assert pdf.suffix == ".pdf" and pdf.read_bytes().startswith(b"%PDF")
    with Bundle(built["activations"].autograder_zip) as bundle:
        from_pdf, from_notebook = grade(bundle, pdf), grade(bundle, path)
    assert from_pdf.score == from_notebook.score == 13
    assert any("embedded" in n for n in from_pdf.notes)


def test_pdf_text_is_latin1_safe_and_the_attachment_exact():
    import io

    import pypdf
    data = json.dumps({"cells": [{"cell_type": "markdown", "source": "σ(z) → ∞ ✓"}], "metadata": {},
                       "nbformat": 4, "nbformat_minor": 5}).encode()
    reader = pypdf.PdfReader(io.BytesIO(notebook_pdf(data, "x.ipynb")))
    assert reader.attachments["x.ipynb"][0] == data


@pytest.mark.parametrize("lab, first", [("lab_af", "1"), ("lab_gait", "R1")])
def test_report_questions_and_numeric_answers_come_from_the_notebook(built, lab, first):
    notebook = student_notebook(built, lab)
    questions = report_questions(notebook)
    assert len(questions) >= 4 and questions[0].key == first and questions[0].title
    assert numeric_answers(notebook)  # at least one plain answer, mapped to its question


def test_group_members_from_file_name_and_first_page():
    assert members_from("lopez_okafor_nguyen_lab_01.pdf", "Members: Ana Lopez, Ben Okafor") == \
        ["lopez", "okafor", "nguyen", "Ana Lopez", "Ben Okafor"]


def test_text_report_numbers_are_checked_by_the_hidden_tests_and_the_rest_listed(built, tmp_path):
    from fpdf import FPDF

    from solutions import lab_af
    answer = " ".join(["The validation loss flattens while the training loss keeps falling."] * 3)
    text = (f"Lab 1\nMembers: Ana Lopez, Ben Okafor\n\n1. Learning curves. {answer}\n"
            f"2. The best model. {answer}\n\nhead_features_100 = {lab_af.head_features_100}\n"
            f"cnn_parameters = {lab_af.cnn_parameters}\ngru_parameters = {lab_af.gru_parameters + 1}\n")
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, text)
    path = tmp_path / "lopez_okafor_lab_01.pdf"
    path.write_bytes(bytes(pdf.output()))
    with Bundle(built["lab_af"].autograder_zip) as bundle:
        result = grade(bundle, path)
    scores = {q.name: q.score for q in result.questions}
    assert result.status == "needs manual grading"
    assert scores["q4"] == 1 and scores["q5"] == 1 and scores["q6"] == 0 and scores["q1"] == 0
    notes = " ".join(result.notes)
    assert "Ana Lopez" in notes and "report question 1 answered" in notes and "question 2 answered" in notes
    assert "no answer found: 3, 4, 5" in notes
