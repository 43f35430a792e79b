"""The one place that knows where the app's data lives: checkout, wheel or frozen bundle.

Three layouts, one answer:

- a PyInstaller bundle keeps ``knowledge/`` and ``resources/`` at ``sys._MEIPASS``;
- a wheel (``pip install .``) ships them as package data in ``assistant/data/``
  (setup.py copies them there), found through :mod:`importlib.resources`;
- a checkout or an editable install reads them at the project root beside ``assistant/``.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

from ..errors import UserInputError

__all__ = [
    "DataNotFoundError",
    "absolute",
    "default_pack_dir",
    "resource_path",
    "root_dir",
    "schema_dir",
    "schema_path",
]


class DataNotFoundError(UserInputError):
    """The shipped data is missing: a broken install, named with every place looked in.

    A UserInputError, so the CLI and the app show the message instead of a traceback.
    """


def _package_dir() -> Path:
    return _installed_package_dir()


@functools.cache
def _installed_package_dir() -> Path:
    # A plain folder for the installs we support (not a zip): files() is then a Path. The
    # package does not move while the process runs: asked once (an export asks ~25 times).
    # A package whose __init__ is a file on disk is read by importlib's FileReader, whose
    # files() is that file's folder: taken as it is (importlib.resources' readers import
    # zipfile, ~5 ms of a command's start); anything else (a frozen bundle) asks files().
    import assistant

    origin = getattr(assistant.__spec__, "origin", None)
    if origin and os.path.isfile(origin):
        return Path(origin).parent
    from importlib import resources

    return Path(str(resources.files("assistant")))


def _candidates() -> list[Path]:
    frozen = getattr(sys, "_MEIPASS", None)
    found = [Path(frozen)] if frozen else []
    package = _package_dir()
    return [*found, package / "data", package.parent]


def root_dir() -> Path:
    """The folder that holds ``knowledge/`` and ``resources/``.

    Raises:
        DataNotFoundError: none of the places holds ``knowledge/`` (a broken install).
    """
    candidates = _candidates()
    for folder in candidates:
        if (folder / "knowledge").is_dir():
            return folder
    looked = ", ".join(str(c) for c in candidates)
    raise DataNotFoundError(f"the shipped knowledge pack is missing (looked in: {looked})")


def default_pack_dir() -> Path:
    return root_dir() / "knowledge" / "aws-ml"


def resource_path(*parts: str) -> Path:
    return root_dir().joinpath("resources", *parts)


def schema_dir() -> Path:
    """The folder of the JSON Schemas, ``assistant/schema/`` (package data in every layout)."""
    return _package_dir() / "schema"


def schema_path(name: str = "pack.schema.json") -> Path:
    """One shipped JSON Schema file."""
    return schema_dir() / name


def absolute(path: Path | str) -> Path:
    """``path`` made absolute against the working folder without resolving symlinks.

    Unlike string joins, the leading ``/`` survives when the working folder is ``/``:

    >>> import os
    >>> old = os.getcwd(); os.chdir("/")
    >>> str(absolute("tmp/x.yaml"))
    '/tmp/x.yaml'
    >>> os.chdir(old)
    """
    return Path(os.path.abspath(os.fspath(path)))
