"""A save that fails keeps the changes: the document stays modified and Save As is offered."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from assistant.core.io import atomic

Btn = QMessageBox.StandardButton


def _answer_warning(monkeypatch: pytest.MonkeyPatch, dialogs: Any, button: Any) -> None:
    def warning(_parent: object, title: str, text: str, *a: object, **k: object) -> Any:
        dialogs.shown.append(("warning", title, text))
        return button

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))


def _read_only(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``folder`` refuses new files (as root, whom mode bits do not stop, by EACCES too)."""
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):
        real = atomic.tempfile.mkstemp

        def mkstemp(*args: Any, **kw: Any) -> Any:
            if Path(str(kw.get("dir"))) == folder:
                raise PermissionError(errno.EACCES, "Permission denied", str(folder))
            return real(*args, **kw)

        monkeypatch.setattr(atomic.tempfile, "mkstemp", mkstemp)


def test_read_only_folder_offers_save_as_and_keeps_the_changes(
    window: Any, dialogs: Any, tmp_path: Path, save_to: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    save_to(locked / "plan.archassist.yaml")
    _read_only(locked, monkeypatch)
    window.document.set_answer("traffic", "spiky")
    _answer_warning(monkeypatch, dialogs, Btn.Cancel)
    assert window.save() is False
    (message,) = dialogs.texts("warning")
    assert "plan.archassist.yaml: Permission denied" in message and "somewhere else" in message
    assert window.document.is_modified() and window.isWindowModified()
    assert window.document.path is None
    assert list(locked.iterdir()) == []

    # the user takes the offer and picks a writable folder
    _answer_warning(monkeypatch, dialogs, Btn.Save)
    window.files.document.path = locked / "plan.archassist.yaml"  # as if opened from there
    save_to(tmp_path / "elsewhere.archassist.yaml")
    assert window.save() is True
    assert (tmp_path / "elsewhere.archassist.yaml").is_file()
    assert not window.document.is_modified()
    assert window.document.path == tmp_path / "elsewhere.archassist.yaml"
    locked.chmod(0o755)


def test_save_onto_a_folder_is_refused_and_stays_dirty(
    window: Any, dialogs: Any, tmp_path: Path, save_to: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "plan.archassist.yaml"
    folder.mkdir()
    save_to(folder)
    window.document.set_answer("gpu", True)
    _answer_warning(monkeypatch, dialogs, Btn.Cancel)
    assert window.save() is False
    assert "is a folder" in dialogs.texts("warning")[0]
    assert window.document.is_modified() and folder.is_dir()


def test_saving_twice_keeps_the_previous_version(window: Any, tmp_path: Path, save_to: Any) -> None:
    target = tmp_path / "plan.archassist.yaml"
    save_to(target)
    window.document.set_answer("traffic", "spiky")
    assert window.save()
    first = target.read_text(encoding="utf-8")
    window.document.set_answer("traffic", "steady")
    assert window.save()
    assert Path(f"{target}~").read_text(encoding="utf-8") == first
    assert "steady" in target.read_text(encoding="utf-8")
