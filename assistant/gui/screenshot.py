"""``archassist screenshot``: render a workspace offscreen to PNG (docs, and looking at the UI)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.pack import model as m
    from .mainwindow import MainWindow

__all__ = ["render_screenshot"]


def _ensure_platform() -> None:
    """Use the offscreen platform when there is no display (CI, ssh, the CLI on a server)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _study_mid_session(window: MainWindow, pack: m.Pack) -> None:
    """Give ``window`` a Study workspace whose progress lives in memory (never the user's
    file), a few questions into a fixed session: two answered, the third answered wrongly,
    so the picture shows a question, its feedback and the stats chart."""
    from .study import StudyWorkspace

    study = StudyWorkspace(pack, ":memory:")
    # what MainWindow.workspace("study") would build on first use, minus the user's progress
    window.workspaces["study"] = study
    window.stack.addWidget(study)
    for source in ("scenario", ""):
        if study.source_box.findData(source) >= 0:
            study.set_source(source)
            break
    study.length_spin.setValue(10)
    study.start(seed=3)
    for n in range(3):
        item = study.current_item()
        if item is None:
            return
        right = item.correct(study.mode)
        study.answer(right if n != 2 else (right + 1) % len(item.choices))
        if n < 2:
            study.next_question()


def render_screenshot(
    out: Path | str,
    *,
    pack_dir: Path | None = None,
    answers: Path | None = None,
    workspace: str = "plan",
    size: tuple[int, int] = (1400, 900),
    theme: str = "system",
) -> Path:
    """Build the main window without touching user settings, load ``answers``, save a PNG.

    ``theme`` is ``light``, ``dark`` or ``system`` (the OS's colour scheme; light offscreen).

    Raises:
        PackError, UserInputError: the pack or the answers file is invalid.
        OSError: the PNG cannot be written.
    """
    _ensure_platform()
    from PySide6.QtCore import QBuffer, QIODevice, QStandardPaths
    from PySide6.QtWidgets import QApplication

    from ..core.errors import UserInputError
    from ..core.io.atomic import atomic_write_bytes
    from ..core.io.paths import default_pack_dir
    from ..core.pack.loader import load_pack
    from ..core.project import load_answers
    from .app import make_application
    from .mainwindow import MainWindow
    from .theme import chosen_scheme, set_scheme

    app = make_application()
    # whatever a workspace looks up in the standard folders, it is not the user's
    QStandardPaths.setTestModeEnabled(True)
    pack = load_pack(pack_dir or default_pack_dir())
    scheme_before = chosen_scheme(app)
    try:
        set_scheme(app, theme)
    except ValueError as exc:
        raise UserInputError(f"--theme: {exc}") from None
    window = MainWindow(pack, persistent=False)
    try:
        if answers is not None:
            project = load_answers(answers, pack)
            window.document.load(project, Path(answers))
        if workspace not in window.available_workspaces():
            have = ", ".join(window.available_workspaces())
            raise UserInputError(f"workspace '{workspace}' is not available (have: {have})")
        if workspace == "study":
            _study_mid_session(window, pack)
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
        set_scheme(app, scheme_before)
        window.document.undo_stack.setClean()
        window.close()
        window.deleteLater()
        QApplication.processEvents()
