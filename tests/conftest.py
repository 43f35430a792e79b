"""Shared test setup: Qt never needs a display, and user settings are never touched."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# A home of its own for each test run, set before anything reads it: settings, autosaves and
# study progress never touch the user's, and two runs at once never share a settings file.
_HOME = tempfile.mkdtemp(prefix="archassist-tests-home-")
os.environ["HOME"] = _HOME
for _var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ.pop(_var, None)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_HOME, ignore_errors=True)


DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def mini_dir() -> Path:
    return DATA / "mini"


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the mini pack, for tests that break it."""
    target = tmp_path / "mini"
    shutil.copytree(DATA / "mini", target)
    return target


@pytest.fixture(scope="session")
def mini_pack():  # type: ignore[no-untyped-def]
    from assistant.core.pack.loader import load_pack

    return load_pack(DATA / "mini")


@pytest.fixture(scope="session")
def shipped_pack():  # type: ignore[no-untyped-def]
    from assistant.core.io.paths import default_pack_dir
    from assistant.core.pack.loader import load_pack

    return load_pack(default_pack_dir())
