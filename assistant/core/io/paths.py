"""The one place that knows where the app's data lives, in a checkout and when frozen."""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["default_pack_dir", "resource_path", "root_dir", "schema_path"]


def root_dir() -> Path:
    """The folder that holds ``knowledge/`` and ``resources/``.

    In a PyInstaller bundle that is ``sys._MEIPASS``; in a checkout or an
    editable install it is the project root beside the ``assistant`` package.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[3]


def default_pack_dir() -> Path:
    return root_dir() / "knowledge" / "aws-ml"


def resource_path(*parts: str) -> Path:
    return root_dir().joinpath("resources", *parts)


def schema_path() -> Path:
    return Path(__file__).resolve().parents[2] / "schema" / "pack.schema.json"
