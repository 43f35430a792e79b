"""``archassist screenshot``: render a workspace offscreen to PNG (docs, and looking at the UI)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["render_screenshot"]


def _ensure_platform() -> None:
    """Use the offscreen platform when there is no display (CI, ssh, the CLI on a server)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def render_screenshot(
    out: Path | str,
    *,
    pack_dir: Path | None = None,
    answers: Path | None = None,
    workspace: str = "plan",
    size: tuple[int, int] = (1400, 900),
) -> Path:
    """Build the main window without touching user settings, load ``answers``, save a PNG.

    Raises:
        PackError, UserInputError: the pack or the answers file is invalid.
        OSError: the PNG cannot be written.
    """
    _ensure_platform()
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtWidgets import QApplication

    from ..core.atomic import atomic_write_bytes
    from ..core.errors import UserInputError
    from ..core.pack import load_pack
    from ..core.paths import default_pack_dir
    from ..core.project import load_answers
    from .app import make_application
    from .mainwindow import MainWindow

    app = make_application()
    pack = load_pack(pack_dir or default_pack_dir())
    window = MainWindow(pack, persistent=False)
    try:
        if answers is not None:
            project = load_answers(answers, pack)
            window.document.load(project, Path(answers))
        if workspace not in window.available_workspaces():
            have = ", ".join(window.available_workspaces())
            raise UserInputError(f"workspace '{workspace}' is not available (have: {have})")
        window.set_workspace(workspace)
        window.resize(*size)
        window.show()
        for _ in range(3):
            app.processEvents()
        if workspace == "plan":
            window.plan.flush()
            window.plan.view.fit()
            app.processEvents()
        image = window.grab().toImage()
        buf = QBuffer()
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buf, "PNG")  # type: ignore[call-overload]  # str works at run time
        target = Path(out)
        atomic_write_bytes(target, bytes(buf.data().data()))
        return target
    finally:
        window.document.undo_stack.setClean()
        window.close()
        window.deleteLater()
        QApplication.processEvents()
