"""Shared test setup: Qt never needs a display, and user settings are never touched."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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
    from assistant.core.pack import load_pack

    return load_pack(DATA / "mini")


@pytest.fixture(scope="session")
def shipped_pack():  # type: ignore[no-untyped-def]
    from assistant.core.pack import load_pack
    from assistant.core.paths import default_pack_dir

    return load_pack(default_pack_dir())
