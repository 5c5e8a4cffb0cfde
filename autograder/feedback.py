"""What a student is told about a failed test: what is wrong, never the inputs, expected values or test code."""
from __future__ import annotations


def student_message(failure_message: str | None, exc: BaseException) -> str:
    """The safe message for a test that raised ``exc``.

    ``CheckFailed`` messages come from ``dlcourse_testkit`` and are safe by
    construction (they name the function and the kind of error). Any other
    exception, from a plain ``assert`` or from numpy, may carry values in its text,
    so only its type is named.
    """
    from autograder.shipped.dlcourse_testkit import CheckFailed

    detail = str(exc).strip() if isinstance(exc, CheckFailed) else f"the test stopped with {type(exc).__name__}"
    if failure_message:
        return f"{failure_message} ({detail})" if detail else failure_message
    return detail
