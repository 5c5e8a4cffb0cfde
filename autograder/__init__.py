"""The code behind the ``dlcourse`` command: build, verify, grade, Moodle in/out."""

__version__ = "0.1.0"
