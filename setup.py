"""Puts the shipped data into the wheel as package data of ``assistant``.

The knowledge pack and the icons live at the top of the repository (``knowledge/``,
``resources/``), which is fixed. A wheel copies them to ``assistant/data/`` so an installed
app finds them through ``importlib.resources`` (see ``assistant/core/io/paths.py``); an
editable install reads them where they are. Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
DATA_TREES = ("knowledge", "resources")
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".*", "screenshot-*.png")


class BuildPyWithData(build_py):
    """build_py, then knowledge/ and resources/ copied into assistant/data/."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the checkout's folders
        target = Path(self.build_lib) / "assistant" / "data"
        for name in DATA_TREES:
            dest = target / name
            shutil.rmtree(dest, ignore_errors=True)
            shutil.copytree(HERE / name, dest, ignore=SKIP)


setup(cmdclass={"build_py": BuildPyWithData})
