"""Starting the desktop app: the QApplication, the pack, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import __version__
from ..core.errors import PackError
from ..core.io.paths import default_pack_dir, resource_path
from ..core.pack import model as m
from .theme import apply_color_scheme

__all__ = ["load_pack_or_report", "make_application", "run_app"]

ORGANIZATION = "archassist"
APP_NAME = "archassist"
MAX_SHOWN_PROBLEMS = 25


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
    app = QApplication(argv if argv is not None else [sys.argv[0]])
    if sys.platform not in ("darwin", "win32"):
        app.setStyle("Fusion")
    icon = resource_path("app-icon.svg")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    apply_color_scheme(app)
    return app


def load_pack_or_report(pack_dir: Path | None) -> m.Pack | None:
    """Load the pack; on errors show them in a dialog and return None."""
    from ..core.pack.loader import load_pack

    folder = pack_dir or default_pack_dir()
    try:
        return load_pack(folder)
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
    app = make_application()
    pack = load_pack_or_report(pack_dir)
    if pack is None:
        return 1
    from .mainwindow import MainWindow

    window = MainWindow(pack)
    window.show()
    restored = window.offer_recovery()
    if project is not None and not restored:
        window.open_path(project, ask_to_save=False)
    return app.exec()
