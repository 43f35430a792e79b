"""Project files of one window: new, open, save, save as, recent files, examples, drag and
drop, autosave and crash recovery.

:class:`ProjectFiles` is a controller the main window owns. It reads and writes through the
core (:func:`load_project`, :func:`save_project`) and changes the open project only through
the window's :class:`ProjectDocument`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

from ..core.errors import UserInputError
from ..core.pack import model as m
from ..core.project import PROJECT_SUFFIX, Project, load_project, save_project
from .autosave import Autosave
from .disk_watch import DiskGuard, lock_dir
from .document import ProjectDocument
from .prefs import Prefs

__all__ = ["PROJECT_FILTER", "ProjectFiles", "dropped_project", "file_stem"]

MAX_RECENT = 8
AUTOSAVE_DELAY_MS = 2000
PROJECT_FILTER = "archassist projects (*.archassist.yaml);;YAML files (*.yaml *.yml);;All files (*)"


class ProjectFiles(QObject):
    """Opens and saves the window's document, keeps the recent-files list and the autosave.

    Args:
        window: the main window (parent of dialogs, owner of the status bar).
        document: the window's open project.
        prefs: where recent files and the last folders are remembered.
        autosave: this session's autosave slot, or None (no autosave, no recovery).
    """

    def __init__(
        self,
        window: QMainWindow,
        document: ProjectDocument,
        prefs: Prefs,
        autosave: Autosave | None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.document = document
        self.pack: m.Pack = document.pack
        self.prefs = prefs
        self.autosave = autosave
        self.disk = DiskGuard(lock_dir() if prefs.persistent else None, self)
        self.disk.changed_on_disk.connect(self._on_changed_on_disk)
        self.examples_menu: QMenu | None = None
        self.recent_menu: QMenu | None = None
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave_timer.timeout.connect(self.write_autosave)
        document.recommendation_ready.connect(self.schedule_autosave)
        # After every undoable change, notes included (they do not recompute). Not on the
        # change's own signals alone: QUndoStack.push() runs redo() before the stack turns
        # unclean, so the first edit after a save would look unmodified there.
        document.undo_stack.indexChanged.connect(self.schedule_autosave)

    def _status(self, text: str, ms: int = 4000) -> None:
        self.window.statusBar().showMessage(text, ms)

    # --- open and save ---

    def maybe_save(self) -> bool:
        """Ask to save unsaved changes. False when the user cancelled."""
        if not self.document.is_modified():
            return True
        answer = QMessageBox.question(
            self.window,
            "Save changes?",
            f"Do you want to save the changes to {self.document.display_name()}?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_project(self) -> None:
        if not self.maybe_save():
            return
        self.document.load(Project(pack_id=self.pack.id, pack_version=self.pack.version), None)
        self.disk.track(None)
        self.discard_autosave()

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        start = self.prefs.folder("lastProjectDir")
        path, _ = QFileDialog.getOpenFileName(self.window, "Open project", start, PROJECT_FILTER)
        if path:
            self.open_path(Path(path), ask_to_save=False)

    def open_path(self, path: Path, *, ask_to_save: bool = True, as_copy: bool = False) -> bool:
        """Open a project or answers file. A file that cannot be read is reported and left alone.

        ``as_copy`` opens it untitled (used for the shipped examples), so Save asks where.
        """
        if ask_to_save and not self.maybe_save():
            return False
        try:
            project = load_project(path, self.pack)
        except UserInputError as exc:
            QMessageBox.critical(self.window, "Cannot open project", str(exc))
            return False
        except OSError as exc:
            QMessageBox.critical(
                self.window, "Cannot open project", f"{path}: {exc.strerror or exc}"
            )
            return False
        if as_copy and not project.title:
            project = replace(project, title=path.name.removesuffix(PROJECT_SUFFIX))
        self.document.load(project, None if as_copy else path)
        self.discard_autosave()
        shared = self.disk.track(None if as_copy else path)
        if not as_copy:
            self.add_recent(path)
            self.prefs.set_value("lastProjectDir", str(path.parent))
        if shared:
            QMessageBox.warning(self.window, "Project open in another window", shared)
        if project.messages:
            QMessageBox.information(
                self.window,
                "Project adjusted to the knowledge pack",
                "The project was opened, with these changes. Dropped answers are kept in the "
                "file under 'dropped' when you save.\n\n" + "\n".join(project.messages),
            )
        self._status(f"Opened {path.name}")
        return True

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self.write(self.document.path)

    def save_as(self) -> bool:
        start_dir = self.prefs.folder("lastProjectDir")
        name = file_stem(self.document.display_name())
        suggested = str(Path(start_dir) / f"{name}{PROJECT_SUFFIX}")
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Save project", suggested, PROJECT_FILTER
        )
        if not path:
            return False
        target = Path(path)
        if not target.name.endswith((".yaml", ".yml")):
            target = target.with_name(target.name + PROJECT_SUFFIX)
        ok = self.write(target)
        if ok:
            self.add_recent(target)
            self.prefs.set_value("lastProjectDir", str(target.parent))
        return ok

    def write(self, path: Path) -> bool:
        if path == self.disk.path and self.disk.changed_since_known():
            answer = QMessageBox.question(
                self.window,
                "Project changed on disk",
                f"{path.name} was changed by another program or window since you opened or "
                "saved it. Replace that version with yours? (No saves yours under another name.)",
                QMessageBox.StandardButton.Yes
                | QMessageBox.StandardButton.No
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer == QMessageBox.StandardButton.No:
                return self.save_as()
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            save_project(path, self.document.project, self.pack)
        except OSError as exc:
            # the document stays modified; offer another place rather than a dead end
            answer = QMessageBox.warning(
                self.window,
                "Cannot save project",
                f"{path}: {exc.strerror or exc}\n\nThe changes are not saved yet. "
                "Save them somewhere else?",
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Save:
                return self.save_as()
            return False
        self.document.mark_saved(path)
        if path == self.disk.path:
            self.disk.saved()
        else:
            shared = self.disk.track(path)
            if shared:
                self._status(shared, 8000)
        self.discard_autosave()
        self._status(f"Saved {path.name}")
        return True

    def _on_changed_on_disk(self, path: Path) -> None:
        """Another program changed the open file: reload if nothing here is unsaved."""
        if not path.exists():
            self._status(f"{path.name} was removed or renamed on disk; Save writes it again", 8000)
            return
        if self.document.is_modified():
            self._status(f"{path.name} changed on disk; saving will ask before replacing it", 8000)
            return
        answer = QMessageBox.question(
            self.window,
            "Project changed on disk",
            f"{path.name} was changed by another program or window. Load that version?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.open_path(path, ask_to_save=False)

    # --- examples and recent files ---

    def attach_menus(self, examples_menu: QMenu, recent_menu: QMenu) -> None:
        """Fill File > Open Example and File > Open Recent, and keep them current."""
        self.examples_menu, self.recent_menu = examples_menu, recent_menu
        self.fill_examples()
        self.fill_recent()

    def example_files(self) -> list[Path]:
        folder = Path(self.pack.path) / "examples"
        return sorted(folder.glob(f"*{PROJECT_SUFFIX}")) if folder.is_dir() else []

    def fill_examples(self) -> None:
        menu = self.examples_menu
        if menu is None:
            return
        menu.clear()
        examples = self.example_files()
        for path in examples:
            title = path.name.removesuffix(PROJECT_SUFFIX).replace("-", " ").replace("_", " ")
            a = menu.addAction(title.capitalize())
            a.triggered.connect(lambda _c=False, p=path: self.open_path(p, as_copy=True))
        menu.setEnabled(bool(examples))

    def recent_files(self) -> list[str]:
        value = self.prefs.value("recentFiles", [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def add_recent(self, path: Path) -> None:
        p = str(path.resolve())
        files = [p] + [f for f in self.recent_files() if f != p]
        self.prefs.set_value("recentFiles", files[:MAX_RECENT])
        self.fill_recent()

    def fill_recent(self) -> None:
        menu = self.recent_menu
        if menu is None:
            return
        menu.clear()
        files = self.recent_files()
        for i, f in enumerate(files):
            a = menu.addAction(f"&{i + 1} {Path(f).name}")
            a.setStatusTip(f)
            a.triggered.connect(lambda _c=False, p=f: self.open_path(Path(p)))
        if files:
            menu.addSeparator()
            menu.addAction("Clear Recent Files", self.clear_recent)
        menu.setEnabled(bool(files))

    def clear_recent(self) -> None:
        self.prefs.set_value("recentFiles", [])
        self.fill_recent()

    # --- drag and drop ---

    def open_dropped(self, event: QDropEvent) -> bool:
        """Accept a dropped project file and open it once the drop has returned."""
        path = dropped_project(event)
        if path is None:
            event.ignore()
            return False
        event.acceptProposedAction()
        # open after the drop returns, so a dialog does not block the drag source
        QTimer.singleShot(0, self, lambda: self.open_path(path))
        return True

    # --- autosave and recovery ---

    def schedule_autosave(self, _rec: object = None) -> None:
        if self.autosave is not None and self.document.is_modified():
            self._autosave_timer.start()

    def write_autosave(self) -> None:
        if self.autosave is None or not self.document.is_modified():
            return
        try:
            self.autosave.write(self.document.project, self.pack, self.document.path)
        except OSError as exc:
            self._status(f"Autosave failed: {exc}", 6000)

    def discard_autosave(self) -> None:
        self._autosave_timer.stop()
        if self.autosave is not None:
            self.autosave.discard()

    def offer_recovery(self) -> bool:
        """After a crash, offer to restore the newest unsaved work. True if restored."""
        if self.autosave is None:
            return False
        orphans = self.autosave.orphans()
        if not orphans:
            return False
        orphan = orphans[0]
        when = dt.datetime.fromtimestamp(orphan.saved_at).strftime("%Y-%m-%d %H:%M")
        what = orphan.original.name if orphan.original else "an untitled project"
        answer = QMessageBox.question(
            self.window,
            "Restore unsaved work?",
            f"archassist did not close properly last time. Restore the unsaved changes to "
            f"{what} from {when}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            orphan.discard()
            return False
        try:
            project = load_project(orphan.project_file, self.pack)
        except UserInputError as exc:
            QMessageBox.critical(self.window, "Cannot restore", str(exc))
            return False
        self.document.load(project, orphan.original, modified=True)
        orphan.discard()
        self.write_autosave()
        return True

    def close(self) -> None:
        """The window closes cleanly: no autosave left behind, the open file released."""
        self.disk.release()
        self._autosave_timer.stop()
        if self.autosave is not None:
            self.autosave.close()
            self.autosave = None


def file_stem(name: str) -> str:
    """``name`` (a project title, say) usable as a file name on every desktop system.

    >>> file_stem('Fraud: A/B test?')
    'Fraud- A-B test-'
    """
    return "".join("-" if c in '<>:"/\\|?*' or ord(c) < 32 else c for c in name).strip(" .")


def dropped_project(event: QDragEnterEvent | QDropEvent) -> Path | None:
    """The first local YAML file in a drag, if any."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix in (".yaml", ".yml"):
                return path
    return None
