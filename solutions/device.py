"""Where the torch side of the references runs: CUDA when present, else the CPU."""
from __future__ import annotations

import os

import torch

ENV_VAR = "DLCOURSE_DEVICE"


def default_device() -> torch.device:
    """The device to use: ``$DLCOURSE_DEVICE`` if set, else CUDA when available, else CPU.

    The override exists so that a GPU machine can still be made to run (and test)
    the CPU path, and so that an explicit ``cuda`` request fails loudly instead of
    silently falling back.
    """
    requested = os.environ.get(ENV_VAR, "").strip()
    if requested:
        device = torch.device(requested)
        if device.type == "cuda" and not torch.cuda.is_available():
            raise RuntimeError(f"{ENV_VAR}={requested!r} but no CUDA device is available")
        return device
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")
