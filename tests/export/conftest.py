"""Export test fixtures: Qt offscreen, the mini pack's recommendation, hand-made diagrams."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from .export_samples import hostile_diagram, showcase_diagram

# the real-program checks need Chromium and npm packages: run by hand (realtools/README.md)
collect_ignore = ["realtools"]


@pytest.fixture(scope="session")
def mini_rec(mini_pack):  # type: ignore[no-untyped-def]
    from assistant.core.decide.engine import recommend

    return recommend(mini_pack, {"traffic": "steady"})


@pytest.fixture
def hostile():  # type: ignore[no-untyped-def]
    return hostile_diagram()


@pytest.fixture
def showcase():  # type: ignore[no-untyped-def]
    return showcase_diagram()


@pytest.fixture(autouse=True)
def _qt_app(qapp):  # type: ignore[no-untyped-def]
    """pytest-qt's QApplication, so the exporters never create a bare QGuiApplication that
    the GUI tests running later in the same process could not use."""
    return qapp
