"""The main window: workspaces, menus, settings; project files are :mod:`.files`'."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings, QSignalBlocker, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from .. import __version__
from ..core.decide.engine import Recommendation
from ..core.errors import UserInputError
from ..core.io.paths import resource_path
from ..core.pack import model as m
from ..core.project import Project
from ..core.vocab import DIAGRAM_FORMATS, EXPORT_FORMATS, EXPORT_SUFFIXES, EXPORT_TITLES
from .autosave import Autosave
from .canvas import DiagramView
from .document import ProjectDocument
from .files import ProjectFiles, dropped_project, file_stem
from .plan import PlanWorkspace
from .prefs import Prefs
from .theme import apply_color_scheme, current_theme

__all__ = ["MainWindow"]

APP_NAME = "archassist"

# Explore and Study, by module and class: imported on first use, since start-up shows Plan
# only and their imports (networkx for the knowledge graph, the quiz) are the heavy ones.
LAZY_WORKSPACES = {
    "explore": ("assistant.gui.explore", "ExploreWorkspace"),
    "study": ("assistant.gui.study", "StudyWorkspace"),
}


class MainWindow(QMainWindow):
    """One project in one window.

    Args:
        pack: the loaded knowledge pack.
        persistent: read and write QSettings, autosave and offer crash recovery. The
            screenshot renderer turns this off so it never touches the user's state.
        defer_offscreen: build what the first frame does not show after it is painted
            (the app's start; a screenshot wants everything at once).
    """

    workspace_changed = Signal(str)

    def __init__(
        self,
        pack: m.Pack,
        *,
        persistent: bool = True,
        parent: QWidget | None = None,
        defer_offscreen: bool = False,
    ):
        super().__init__(parent)
        self.pack = pack
        self.persistent = persistent
        self.setObjectName("MainWindow")
        self.setAcceptDrops(True)
        icon = resource_path("app-icon.svg")
        if icon.is_file():
            self.setWindowIcon(QIcon(str(icon)))

        self.document = ProjectDocument(pack, self)
        self.document.modified_changed.connect(self._update_title)
        self.document.path_changed.connect(self._update_title)
        self.document.info_changed.connect(self._update_title)
        self.prefs = Prefs(persistent)
        self.files = ProjectFiles(
            self, self.document, self.prefs, Autosave() if persistent else None
        )

        self.plan = PlanWorkspace(self.document, defer_offscreen=defer_offscreen)
        self.stack = QStackedWidget()
        self.workspaces: dict[str, QWidget] = {"plan": self.plan}
        self.stack.addWidget(self.plan)
        self.setCentralWidget(self.stack)

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._update_title()
        if persistent:
            self._restore_settings()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.styleHints().colorSchemeChanged.connect(self._on_color_scheme)

    # --- actions and menus ---

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence.StandardKey | str | None = None,
        role: QAction.MenuRole | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: slot())
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        elif shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if role is not None:
            action.setMenuRole(role)
        if tip:
            action.setStatusTip(tip)
        return action

    def _build_actions(self) -> None:
        sk = QKeySequence.StandardKey
        role = QAction.MenuRole
        files = self.files
        self.new_action = self._action("&New", files.new_project, sk.New, tip="Start a new project")
        self.open_action = self._action("&Open…", files.open_dialog, sk.Open, tip="Open a project")
        self.import_aws_action = self._action(
            "Import from AWS &Account…",
            self.import_from_aws,
            tip="Read a live account's endpoints, jobs and streams (read-only) into a new project",
        )
        self.check_design_action = self._action(
            "&Check a Design…",
            self.check_design,
            tip="Judge a design, a project or AWS CLI describe output against the pack's limits",
        )
        self.save_action = self._action("&Save", files.save, sk.Save)
        self.save_as_action = self._action("Save &As…", files.save_as, sk.SaveAs)
        self.project_info_action = self._action(
            "Project &Properties…",
            self.edit_project_info,
            tip="Edit the project's title (it heads the diagram) and notes",
        )
        self.quit_action = self._action("&Quit", self.close, sk.Quit, role.QuitRole)
        self.undo_action = self.document.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(sk.Undo)
        self.redo_action = self.document.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(sk.Redo)
        self.clear_action = self._action("Clear All Answers", self.document.clear_answers)
        self.reset_layout_action = self._action("Reset Diagram Layout", self.document.clear_pins)
        view = self.diagram_view
        self.zoom_in_action = self._action("Zoom &In", lambda: view().zoom_in(), sk.ZoomIn)
        self.zoom_out_action = self._action("Zoom &Out", lambda: view().zoom_out(), sk.ZoomOut)
        self.fit_action = self._action("&Fit Diagram", lambda: view().fit(), "Ctrl+0")
        self.about_action = self._action("&About archassist", self.about, None, role.AboutRole)
        self.about_qt_action = self._action(
            "About &Qt", QApplication.aboutQt, None, role.AboutQtRole
        )
        self.workspace_group = QActionGroup(self)
        self.workspace_actions: dict[str, QAction] = {}
        titles = {"plan": "&Plan", "explore": "&Explore", "study": "&Study"}
        for i, key in enumerate(self.available_workspaces()):
            a = QAction(titles[key], self, checkable=True)
            a.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            a.triggered.connect(lambda _c=False, k=key: self.set_workspace(k))
            self.workspace_group.addAction(a)
            self.workspace_actions[key] = a
        self.workspace_actions["plan"].setChecked(True)
        self.export_actions: dict[str, QAction] = {}
        for fmt in EXPORT_FORMATS:  # every format the CLI writes, in the vocabulary's words
            text = f"{EXPORT_TITLES[fmt]}\u2026"
            a = self._action(text, lambda f=fmt: self.export_dialog(f))  # type: ignore[misc]
            self.export_actions[fmt] = a

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.examples_menu = file_menu.addMenu("Open &Example")
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.files.attach_menus(self.examples_menu, self.recent_menu)
        file_menu.addAction(self.import_aws_action)
        file_menu.addAction(self.check_design_action)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addSeparator()
        file_menu.addAction(self.project_info_action)
        export_menu = file_menu.addMenu("&Export")
        for a in self.export_actions.values():
            export_menu.addAction(a)
        self.export_deck_action = file_menu.addAction("Export &Deck (Anki)\u2026")
        self.export_deck_action.setObjectName("exportDeckAction")
        self.export_deck_action.triggered.connect(lambda _c=False: self.export_deck())
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit = bar.addMenu("&Edit")
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        edit.addAction(self.clear_action)
        edit.addAction(self.reset_layout_action)

        view = bar.addMenu("&View")
        for a in self.workspace_actions.values():
            view.addAction(a)
        view.addSeparator()
        view.addAction(self.zoom_in_action)
        view.addAction(self.zoom_out_action)
        view.addAction(self.fit_action)
        view.addSeparator()
        for a in self.plan.view_actions():  # the Plan's docks, Diagram Only, Reset Panels
            view.addAction(a)

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about_action)
        help_menu.addAction(self.about_qt_action)

    def _build_toolbar(self) -> None:
        bar = QToolBar("Workspaces")
        bar.setObjectName("workspaceBar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.setAccessibleName("Workspaces")
        for a in self.workspace_actions.values():
            bar.addAction(a)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.workspace_bar = bar

    def _build_status_bar(self) -> None:
        p = self.pack
        self.pack_label = QLabel(f"{p.title} {p.version} · knowledge as of {p.as_of.isoformat()}")
        self.pack_label.setAccessibleName("Knowledge pack")
        self.pack_label.setContentsMargins(6, 0, 6, 0)
        self.statusBar().addPermanentWidget(self.pack_label)

    # --- workspaces ---

    def available_workspaces(self) -> list[str]:
        return ["plan", *LAZY_WORKSPACES]

    def workspace(self, key: str) -> QWidget:
        """The workspace widget, built now if this is its first use."""
        widget = self.workspaces.get(key)
        if widget is None:
            if key not in LAZY_WORKSPACES:
                have = ", ".join(self.available_workspaces())
                raise KeyError(f"no workspace '{key}' (have: {have})")
            module, cls = LAZY_WORKSPACES[key]
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                klass = getattr(importlib.import_module(module), cls)
                widget = klass(self.pack)  # Cls(pack, parent=None)
            finally:
                QApplication.restoreOverrideCursor()
            option_activated = getattr(widget, "option_activated", None)
            if option_activated is not None:
                option_activated.connect(self.show_option)
            self.workspaces[key] = widget
            self.stack.addWidget(widget)
        return widget

    def show_option(self, key: str) -> None:
        """Follow a link to a Plan option (``area.option``): show its area in the Plan panel."""
        self.set_workspace("plan")
        self.plan.show_area(key.split(".", 1)[0])

    def set_workspace(self, key: str) -> None:
        widget = self.workspace(key)
        self.stack.setCurrentWidget(widget)
        with QSignalBlocker(self.workspace_group):
            self.workspace_actions[key].setChecked(True)
        for fmt, action in self.export_actions.items():
            # reports, templates and scripts are the Plan's, not a diagram on screen
            if fmt not in DIAGRAM_FORMATS:
                action.setEnabled(not hasattr(widget, "diagram_on_screen"))
        self.workspace_changed.emit(key)

    def diagram_view(self) -> DiagramView:
        """The diagram on screen, for View > Zoom: Explore's graph there, else the Plan's."""
        canvas = getattr(self.stack.currentWidget(), "canvas", None)
        return canvas if isinstance(canvas, DiagramView) else self.plan.view

    def current_workspace(self) -> str:
        current = self.stack.currentWidget()
        return next(k for k, w in self.workspaces.items() if w is current)

    # --- title and dirty state ---

    def _update_title(self) -> None:
        doc = self.document
        name = doc.display_name()
        title = doc.title.strip()
        if title and doc.path is not None:
            name = f"{title} ({doc.path.name})"
        self.setWindowTitle(f"{name}[*] — {APP_NAME}")
        self.setWindowModified(self.document.is_modified())
        if self.document.path is not None:
            self.setWindowFilePath(str(self.document.path))

    def edit_project_info(self) -> None:
        """File > Project Properties: the Plan workspace's Project tab, title ready to type."""
        self.set_workspace("plan")
        self.plan.edit_project_info()

    # --- project files (see .files) ---

    @property
    def autosave(self) -> Autosave | None:
        return self.files.autosave

    @autosave.setter
    def autosave(self, slot: Autosave | None) -> None:
        self.files.autosave = slot

    def maybe_save(self) -> bool:
        """Ask to save unsaved changes. False when the user cancelled."""
        return self.files.maybe_save()

    def new_project(self) -> None:
        self.files.new_project()

    def open_path(self, path: Path, *, ask_to_save: bool = True, as_copy: bool = False) -> bool:
        return self.files.open_path(path, ask_to_save=ask_to_save, as_copy=as_copy)

    def save(self) -> bool:
        return self.files.save()

    def save_as(self) -> bool:
        return self.files.save_as()

    def recent_files(self) -> list[str]:
        return self.files.recent_files()

    def example_files(self) -> list[Path]:
        return self.files.example_files()

    def write_autosave(self) -> None:
        self.files.write_autosave()

    def offer_recovery(self) -> bool:
        """After a crash, offer to restore the newest unsaved work. True if restored."""
        return self.files.offer_recovery()

    # --- export ---

    def import_from_aws(self) -> bool:
        """File > Import from AWS Account (see gui/import_dialog.py)."""
        from .import_dialog import import_into_window

        return import_into_window(self)

    def check_design(self) -> object:
        """File > Check a Design (see gui/check_view.py)."""
        from .check_view import check_design

        return check_design(self, self.pack)

    def export_deck(self) -> Path | None:
        """File > Export Deck: the study items as an Anki deck (see gui/deck_export.py)."""
        from .deck_export import export_deck

        return export_deck(self, self.pack, self._settings_dir("lastExportDir"))

    def export_dialog(self, fmt: str) -> bool:
        """Ask where, then export the diagram on screen with assistant.export: the Plan's
        recommendation, or in Explore the neighbourhood graph shown there."""
        kind, suffix = EXPORT_TITLES[fmt], EXPORT_SUFFIXES[fmt]
        rec, project, title = self._export_source()
        try:
            from ..export import export
        except ImportError as exc:
            QMessageBox.warning(self, "Export not available", f"Exporters are not installed: {exc}")
            return False
        start = self._settings_dir("lastExportDir")
        words = file_stem(title).replace("-", " ").split()
        name = "-".join(words).lower() or "architecture"
        path, _ = QFileDialog.getSaveFileName(
            self, f"Export {kind}", str(Path(start) / f"{name}{suffix}"), f"{kind} (*{suffix})"
        )
        if not path:
            return False
        out = Path(path)
        if not out.suffix:
            out = out.with_suffix(suffix)
        scale, transparent = self._png_options()
        if fmt == "png":
            from .png_options import PngOptionsDialog

            chosen = PngOptionsDialog.ask(self, rec.diagram, scale, transparent)
            if chosen is None:
                return False
            scale, transparent = chosen
        try:
            export(rec, self.pack, fmt, out, scale=scale, transparent=transparent, project=project)
        except (OSError, UserInputError, ValueError) as exc:
            QMessageBox.critical(self, "Export failed", f"{out}: {exc}")
            return False
        self._set_settings_value("lastExportDir", str(out.parent))
        if fmt == "png":
            self._set_settings_value("export/pngScale", scale)
            self._set_settings_value("export/pngTransparent", transparent)
        self.statusBar().showMessage(f"Exported {out.name}", 4000)
        return True

    def _export_source(self) -> tuple[Recommendation, Project | None, str]:
        """(recommendation, project, name) to export: a workspace with a diagram of its
        own (Explore) exports that one, as a recommendation holding nothing else."""
        current = self.stack.currentWidget()
        on_screen = getattr(current, "diagram_on_screen", None)
        diagram = on_screen() if on_screen is not None else None
        if diagram is not None:
            return replace(self.document.rec, areas=(), diagram=diagram), None, diagram.title
        return self.document.rec, self.document.project, self.document.display_name()

    def _png_options(self) -> tuple[float, bool]:
        """The PNG scale and background last used (2x on white at first)."""
        scale = self._settings_value("export/pngScale", 2.0)
        transparent = self._settings_value("export/pngTransparent", False)
        try:  # QSettings may hand back strings (INI files) or junk a user typed
            scale = float(scale)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            scale = 2.0
        if isinstance(transparent, str):
            transparent = transparent.lower() == "true"
        return (scale if 1.0 <= scale <= 4.0 else 2.0), bool(transparent)

    # --- settings ---

    def _settings(self) -> QSettings:
        return self.prefs.settings()

    def _settings_value(self, key: str, default: object) -> object:
        return self.prefs.value(key, default)

    def _settings_dir(self, key: str) -> str:
        return self.prefs.folder(key)

    def _set_settings_value(self, key: str, value: object) -> None:
        self.prefs.set_value(key, value)

    def _restore_settings(self) -> None:
        s = self._settings()
        geometry = s.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self._default_size()
        state = s.value("window/state")
        if state is not None:
            self.restoreState(state)
        state = s.value("plan/layout")
        if state is not None:
            self.plan.restore_layout(state)

    def _default_size(self) -> None:
        screen = self.screen()
        if screen is None:
            return
        avail = screen.availableGeometry()
        self.resize(min(1400, int(avail.width() * 0.9)), min(900, int(avail.height() * 0.9)))

    def _save_settings(self) -> None:
        if not self.persistent:
            return
        s = self._settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("plan/layout", self.plan.save_layout())
        s.sync()

    # --- events ---

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self._save_settings()
        self.files.close()
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_project(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        self.files.open_dropped(event)

    def _on_color_scheme(self, _scheme: object = None) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_color_scheme(app)
        theme = current_theme()
        for widget in self.workspaces.values():  # Plan, and Explore and Study once built
            set_theme = getattr(widget, "set_theme", None)
            if set_theme is not None:
                set_theme(theme)

    # --- about ---

    def about(self) -> None:
        QMessageBox.about(self, f"About {APP_NAME}", about_html(self.pack))


def about_html(pack: m.Pack) -> str:
    """Versions of the app, its pack and its libraries, with their licences."""
    import platform  # here, not at the start: ~2 ms of regular expressions at its import

    import PySide6
    import yaml
    from PySide6.QtCore import qVersion

    try:
        import networkx

        nx_version = networkx.__version__
    except ImportError:  # pragma: no cover - networkx is a dependency
        nx_version = "not installed"
    rows = [
        ("archassist", __version__, "MIT"),
        ("Knowledge pack", f"{pack.title} {pack.version} (as of {pack.as_of.isoformat()})", "MIT"),
        ("Icons", "drawn for archassist", "MIT (resources/icons/LICENSE.txt)"),
        ("Python", platform.python_version(), "PSF License"),
        ("Qt", qVersion(), "LGPL v3"),
        ("PySide6", PySide6.__version__, "LGPL v3"),
        ("networkx", nx_version, "BSD 3-Clause"),
        ("PyYAML", yaml.__version__, "MIT"),
    ]
    table = "".join(f"<tr><td><b>{a}</b></td><td>{b}</td><td>{c}</td></tr>" for a, b, c in rows)
    return (
        f"<h3>archassist {__version__}</h3>"
        "<p>An offline decision assistant for machine-learning architectures on AWS.</p>"
        f'<table cellspacing="4">{table}</table>'
        "<p>AWS and the service names are trademarks of Amazon.com, Inc. or its affiliates; "
        "archassist is not affiliated with AWS. The knowledge is a snapshot: check the linked "
        "sources before you rely on a number.</p>"
    )
