"""Starting the desktop app: the QApplication, the pack, the main window."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from .. import __version__
from ..core.errors import PackError
from ..core.io.paths import default_pack_dir, resource_path
from ..core.pack import model as m
from .theme import apply_color_scheme

__all__ = [
    "load_pack_or_report",
    "make_application",
    "pause_collector",
    "resume_collector",
    "resume_collector_after_paint",
    "run_app",
]

ORGANIZATION = "archassist"
APP_NAME = "archassist"
MAX_SHOWN_PROBLEMS = 25
# The collector comes back at the latest this long after the window was shown, should its
# first paint never come (a window closed at once, a platform that never exposes it).
COLLECTOR_PAUSE_MAX_MS = 3000


def pause_collector() -> None:
    """Pause Python's cyclic garbage collector for the start-up.

    Start-up makes some 45,000 objects that live as long as the app (modules, the pack,
    the widgets' wrappers); the collector walked them about 120 times before the first
    paint (55-70 ms of the start-up, measured with gc.callbacks) and found next to nothing
    to free. Reference counting still frees everything else at once.
    :func:`resume_collector_after_paint` turns it back on.
    """
    gc.disable()


def resume_collector() -> None:
    """Collect once, freeze what survives, turn the collector back on (idempotent).

    Frozen start-up objects are never walked again, so later full collections (while
    the user answers) only look at what was made since.
    """
    if gc.isenabled():
        return
    gc.collect()
    gc.freeze()
    gc.enable()


class _AfterFirstPaint(QObject):
    """Resumes the collector in the event-loop turn after ``window``'s first paint."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, resume_collector)
        return False


def resume_collector_after_paint(window: QWidget) -> None:
    """Resume the collector paused by :func:`pause_collector` once ``window`` has painted
    (or after ``COLLECTOR_PAUSE_MAX_MS`` at the latest), so its pause costs no frame."""
    _AfterFirstPaint(window)
    QTimer.singleShot(COLLECTOR_PAUSE_MAX_MS, resume_collector)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, set up once: names (for QSettings and the data dir), style, colours."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName("archassist")
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    args = list(argv) if argv is not None else [sys.argv[0]]
    if sys.platform not in ("darwin", "win32"):
        # Qt's -style option rather than app.setStyle("Fusion"): that returns the QStyle,
        # and PySide builds the QStyle type's Python enums (hundreds of members) the
        # first time it hands one out, ~10-15 ms of the start for nothing we use
        args += ["-style", "Fusion"]
    app = QApplication(args)
    icon = resource_path("app-icon.svg")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    apply_color_scheme(app)
    return app


def load_pack_or_report(pack_dir: Path | None) -> m.Pack | None:
    """Load the pack; on errors show them in a dialog and return None.

    Through the pack cache, as the CLI's commands do: an unchanged pack comes back from
    the user's cache folder (~10 ms instead of ~130 ms CPU for the shipped pack), and a
    pack with problems is never cached, so its errors are shown all the same.
    """
    from ..core.pack.loader import load_pack

    folder = pack_dir or default_pack_dir()
    try:
        return load_pack(folder, cache=True)
    except PackError as exc:
        shown = exc.problems[:MAX_SHOWN_PROBLEMS]
        more = len(exc.problems) - len(shown)
        text = "\n".join(str(p) for p in shown) + (f"\n… and {more} more" if more > 0 else "")
        QMessageBox.critical(
            None,
            "Cannot load the knowledge pack",
            f"The knowledge pack in {folder} has errors:\n\n{text}",
        )
        return None


def run_app(project: Path | None = None, pack_dir: Path | None = None) -> int:
    """Open the desktop app (with ``project`` if given). Returns the exit code."""
    pause_collector()
    app = make_application()
    pack = load_pack_or_report(pack_dir)
    if pack is None:
        resume_collector()
        return 1
    from .mainwindow import MainWindow

    window = MainWindow(pack, defer_offscreen=True)
    resume_collector_after_paint(window)
    window.show()
    restored = window.offer_recovery()
    if project is not None and not restored:
        window.open_path(project, ask_to_save=False)
    return app.exec()
