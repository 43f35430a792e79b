"""Start-up: the cyclic collector paused while the app starts comes back after the first paint."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
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


def test_pack_comes_from_the_cache_and_its_errors_still_show(
    mini_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialogs: Any
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("ARCHASSIST_NO_CACHE", raising=False)
    entries = tmp_path / "cache" / "archassist" / "packs"
    pack = gui_app.load_pack_or_report(mini_copy)
    assert pack is not None and len(list(entries.glob("*.pickle"))) == 1  # stored
    again = gui_app.load_pack_or_report(mini_copy)
    assert again is not None and again.services.keys() == pack.services.keys()
    (mini_copy / "services.yaml").write_text("services:\n  - id: [broken\n")
    assert gui_app.load_pack_or_report(mini_copy) is None
    (shown,) = dialogs.texts("critical")
    assert "services.yaml:3:1: malformed YAML" in shown  # the first problem, with its place
