"""Catalogues of wrong, correct-but-different and hostile implementations, one module per assignment.

They prove that the hidden tests discriminate (see ``autograder/discrimination.py``
and ``dlcourse discrimination``). Instructor-only: never shipped to students.
"""
