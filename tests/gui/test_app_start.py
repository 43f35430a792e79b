"""Start-up: the cyclic collector paused while the app starts comes back after the first paint."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from assistant.gui import app as gui_app


@pytest.fixture
def collector_state() -> Iterator[None]:
    was_enabled = gc.isenabled()
    yield
    gc.unfreeze()  # the test process's objects go back to the collector
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


def test_collector_resumes_after_first_paint(qtbot: Any, collector_state: None) -> None:
    gui_app.pause_collector()
    assert not gc.isenabled()
    window = QLabel("start")
    qtbot.addWidget(window)
    gui_app.resume_collector_after_paint(window)
    assert not gc.isenabled()  # nothing painted yet
    window.show()
    qtbot.waitUntil(gc.isenabled, timeout=gui_app.COLLECTOR_PAUSE_MAX_MS // 2)
    assert gc.get_freeze_count() > 0  # what start-up made is not walked again


def test_resume_is_idempotent(collector_state: None) -> None:
    gui_app.pause_collector()
    gui_app.resume_collector()
    frozen = gc.get_freeze_count()
    gui_app.resume_collector()  # the fallback timer after the paint already resumed
    assert gc.isenabled() and gc.get_freeze_count() == frozen
