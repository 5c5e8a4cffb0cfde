"""labkit.plots: valid PNG files, returned paths, no figure left open."""
from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # headless; the plots themselves never touch pyplot

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from solutions.labkit.plots import plot_confusion_matrix, plot_learning_curves, plot_roc  # noqa: E402
from solutions.labkit.training import History  # noqa: E402

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def no_open_figures():
    before = plt.get_fignums()
    yield
    assert plt.get_fignums() == before  # the functions closed (or never registered) their figures


def assert_png(path, returned):
    path = Path(path)
    assert Path(returned) == path and path.is_file()
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE
    assert len(data) > 5_000  # a real drawing, not an empty canvas
    assert b"IEND" in data[-12:]


def test_learning_curves(tmp_path):
    hist = History(train_loss=[0.7, 0.5, 0.4, 0.35, 0.3], val_loss=[0.72, 0.6, 0.55, 0.58, 0.62],
                   best_epoch=3, seconds=1.0, device="cpu")
    path = tmp_path / "figures" / "curves.png"  # the folder is created
    assert_png(path, plot_learning_curves(hist, path))


def test_learning_curves_without_validation_or_from_a_dict(tmp_path):
    hist = History(train_loss=[0.7, 0.5, 0.4], val_loss=[], best_epoch=3)
    assert_png(tmp_path / "a.png", plot_learning_curves(hist, tmp_path / "a.png"))
    as_dict = {"train_loss": [0.7, 0.5], "val_loss": [0.8, 0.6]}
    assert_png(tmp_path / "b.png", plot_learning_curves(as_dict, str(tmp_path / "b.png")))


@pytest.mark.parametrize("labels", [["not AF", "AF"], ["control", "ALS", "HD", "PD"]])
def test_confusion_matrix(tmp_path, labels):
    rng = np.random.default_rng(0)
    y_true = rng.integers(0, len(labels), 100)
    y_pred = np.where(rng.random(100) < 0.7, y_true, rng.integers(0, len(labels), 100))
    path = tmp_path / "cm.png"
    assert_png(path, plot_confusion_matrix(y_true, y_pred, labels, path))


def test_confusion_matrix_with_an_absent_class(tmp_path):
    path = tmp_path / "cm.png"
    assert_png(path, plot_confusion_matrix([0, 0, 1], [0, 1, 1], ["control", "ALS", "HD", "PD"], path))


def test_roc(tmp_path):
    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, 200)
    scores = np.clip(0.35 * y + rng.uniform(0, 0.65, 200), 0, 1)
    assert_png(tmp_path / "roc.png", plot_roc(y, scores, tmp_path / "roc.png"))


def test_roc_with_one_class_does_not_fail(tmp_path):
    assert_png(tmp_path / "roc1.png", plot_roc(np.zeros(20), np.linspace(0, 1, 20), tmp_path / "roc1.png"))


def test_pyplot_figures_of_the_caller_are_left_alone(tmp_path):
    fig = plt.figure()
    try:
        plot_roc([0, 1, 0, 1], [0.1, 0.9, 0.3, 0.6], tmp_path / "r.png")
        assert plt.fignum_exists(fig.number)
    finally:
        plt.close(fig)
