"""Whole-class grading from Moodle: the download zip and worksheet in, grades and feedback out."""
