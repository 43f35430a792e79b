"""GUI test setup: offscreen Qt, test-mode user folders, dialogs replaced, Qt warnings fail."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# before anything imports Qt
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

QCoreApplication.setOrganizationName("archassist-tests")
QCoreApplication.setApplicationName("archassist-tests")
QStandardPaths.setTestModeEnabled(True)

# Messages of the offscreen platform itself, not of our code.
QT_LOG_IGNORE = (
    "propagateSizeHints",
    "QFont::setPixelSize: Pixel size <= 0",
    "This plugin does not support raise",  # a floating dock shown offscreen
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(*QT_LOG_IGNORE))


@pytest.fixture(scope="session")
def qapp_cls() -> type[QApplication]:
    return QApplication


@pytest.fixture(autouse=True)
def clean_user_state(qapp: QApplication) -> Iterator[None]:
    """Each test starts with empty settings and no autosaves (test-mode folders only)."""
    assert QStandardPaths.isTestModeEnabled()
    QSettings().clear()
    from assistant.gui.autosave import autosave_dir

    shutil.rmtree(autosave_dir(), ignore_errors=True)
    yield
    QSettings().clear()
    shutil.rmtree(autosave_dir(), ignore_errors=True)


class Dialogs:
    """Records the message boxes a test triggered and answers questions as told."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []  # (kind, title, text)
        self.answers: list[QMessageBox.StandardButton] = []
        self.default = QMessageBox.StandardButton.Discard

    def texts(self, kind: str) -> list[str]:
        return [text for k, _title, text in self.shown if k == kind]


@pytest.fixture(autouse=True)
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    d = Dialogs()

    def record(kind: str) -> Any:
        def show(_parent: object, title: str, text: str, *args: object, **kw: object) -> Any:
            d.shown.append((kind, title, text))
            if kind == "question":
                return d.answers.pop(0) if d.answers else d.default
            return QMessageBox.StandardButton.Ok

        return show

    for kind in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(record(kind)))
    monkeypatch.setattr(
        QMessageBox, "about", staticmethod(lambda _p, t, text: d.shown.append(("about", t, text)))
    )
    return d


@pytest.fixture
def make_window(qtbot: Any, mini_pack: Any) -> Any:
    """Build main windows on the mini pack (or another), closed at the end of the test."""
    from assistant.gui.mainwindow import MainWindow

    def make(pack: Any = None, **kw: Any) -> MainWindow:
        window = MainWindow(pack or mini_pack, **kw)
        qtbot.addWidget(window)
        window.resize(1200, 800)
        return window

    return make


@pytest.fixture
def window(make_window: Any) -> Any:
    w = make_window()
    w.show()
    return w


@pytest.fixture
def save_to(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Make the next Save dialog answer ``path``."""

    def use(path: Path | str) -> None:
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), ""))
        )

    return use
