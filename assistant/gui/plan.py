"""The Plan workspace: the diagram in the middle; questions, recommendation and facts in
dock widgets around it that the user can move, float or hide.

It renders what the document's :class:`~assistant.core.decide.engine.Recommendation` says and
forwards edits to the :class:`~assistant.gui.document.ProjectDocument`; nothing here
decides anything. The workspace is a QMainWindow of its own inside the window's stack of
workspaces, so its docks exist only where Plan is shown and Explore and Study keep the
whole window.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QSignalBlocker, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QHideEvent,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..core.decide.engine import Recommendation
from .canvas import DiagramView
from .diagram_text import diagram_text
from .document import ProjectDocument
from .paths_bar import PathsBar
from .questionnaire import QuestionnaireWidget
from .rec_html import node_html
from .rec_panel import RecommendationPanel
from .theme import Theme, current_theme

__all__ = ["LAYOUT_VERSION", "PlanWorkspace", "ProjectInfoWidget"]

LAYOUT_VERSION = 1  # of the dock layout in saveState(); a new version drops a saved layout
# Dock sizes the first time (a saved layout wins): the docks share one column, so the
# diagram keeps more than 60 % of a 1400 x 900 window.
DOCK_WIDTH = 400
QUESTIONS_SHARE = 0.55


class ProjectInfoWidget(QWidget):
    """The project's title and notes, edited in place; every edit goes to the document.

    Undo and redo are the document's (Edit menu, Ctrl+Z), also while typing here: the
    fields' own undo would keep a second history that disagrees with the Edit menu.
    """

    def __init__(self, document: ProjectDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projectInfo")
        self.document = document
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("projectTitle")
        self.title_edit.setAccessibleName("Project title")
        self.title_edit.setPlaceholderText("Untitled")
        self.title_edit.setClearButtonEnabled(True)
        self.title_edit.textEdited.connect(document.set_title)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setObjectName("projectNotes")
        self.notes_edit.setAccessibleName("Project notes")
        self.notes_edit.setPlaceholderText(
            "Context, constraints, decisions still open, who to ask…"
        )
        self.notes_edit.setUndoRedoEnabled(False)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.textChanged.connect(self._on_notes_edited)
        for editor in (self.title_edit, self.notes_edit):
            editor.installEventFilter(self)
        hint = QLabel(
            "The title heads the diagram and every export and names the window; "
            "the notes go into the Markdown and HTML reports. Both are saved in the project file."
        )
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        form = QFormLayout(self)
        form.setContentsMargins(12, 12, 12, 12)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Title:", self.title_edit)
        form.addRow("&Notes:", self.notes_edit)
        form.addRow("", hint)
        document.info_changed.connect(self.show_info)
        self.show_info()

    def show_info(self) -> None:
        """Show the document's title and notes, keeping the cursor when the text is the same."""
        doc = self.document
        if self.title_edit.text() != doc.title:
            self.title_edit.setText(doc.title)
        if self.notes_edit.toPlainText() != doc.notes:
            with QSignalBlocker(self.notes_edit):
                self.notes_edit.setPlainText(doc.notes)

    def _on_notes_edited(self) -> None:
        self.document.set_notes(self.notes_edit.toPlainText())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Undo/Redo left unaccepted in ShortcutOverride reach the Edit menu's actions instead
        # of the focused field (Qt offers the key to the focus widget first); a key press
        # that still arrives (nothing to undo) must not undo the field's own history.
        kinds = (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
        if event.type() in kinds and isinstance(event, QKeyEvent):
            sk = QKeySequence.StandardKey
            if event.matches(sk.Undo) or event.matches(sk.Redo):
                event.ignore()
                return True
        return super().eventFilter(watched, event)


class PlanWorkspace(QMainWindow):
    """The diagram as the central widget; Questions, Recommendation and Facts as docks.

    ``defer_offscreen`` (the app's start): questions below the fold are built after the
    first paint (see :class:`~assistant.gui.questionnaire.QuestionnaireWidget`).

    Signals:
        recommendation_shown(Recommendation): the panel shows it (after the diagram).
        diagram_only_changed(bool): the docks were hidden for the diagram alone, or back.
    """

    recommendation_shown = Signal(object)  # the Recommendation now on screen
    diagram_only_changed = Signal(bool)

    def __init__(
        self,
        document: ProjectDocument,
        parent: QWidget | None = None,
        *,
        defer_offscreen: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PlanWorkspace")
        self.document = document
        self.pack = document.pack
        self.theme: Theme = current_theme()
        self._selected_node: str | None = None
        self._panel_pending = False
        self._panel_compare = False
        self._opened = True  # a project was just opened or started: nothing to compare with
        self._diagram_only_state: QByteArray | None = None
        self._hidden_state: QByteArray | None = None  # the layout while another workspace shows
        self._parked: list[QDockWidget] = []  # floating docks hidden with the workspace
        self._sized = False

        self.questionnaire = QuestionnaireWidget(self.pack, defer_offscreen=defer_offscreen)
        self.questionnaire.answer_edited.connect(self._on_answer_edited)
        self.paths_bar = PathsBar(document)  # the project's inference paths, above the questions
        self.panel = RecommendationPanel(self.pack, self.theme)
        self.panel.link_activated.connect(self._on_link)
        self.details = QTextBrowser()
        self.details.setObjectName("nodeDetails")
        self.details.setAccessibleName("Selected service")
        self.details.setOpenLinks(False)
        self.details.anchorClicked.connect(self._on_link)
        self.details.setPlaceholderText("Click a service in the diagram to see its facts.")

        self.view = DiagramView()
        self.view.empty_text = "Answer the questions to see your architecture"
        self.view.node_clicked.connect(self.show_node)
        self.view.node_moved.connect(self.document.pin)
        self.diagram_text = QPlainTextEdit()
        self.diagram_text.setReadOnly(True)
        self.diagram_text.setObjectName("diagramText")
        self.diagram_text.setAccessibleName("Diagram as text")
        self.project_info = ProjectInfoWidget(document)
        self._build_tools()

        self.diagram_tabs = QTabWidget()
        self.diagram_tabs.setObjectName("diagramTabs")
        self.diagram_tabs.setDocumentMode(True)
        self.diagram_tabs.addTab(self.view, "Diagram")
        self.diagram_tabs.addTab(self.diagram_text, "Diagram as text")
        self.diagram_tabs.addTab(self.project_info, "Project")
        # the tools share the tabs' row: every pixel of height goes to the diagram
        self.diagram_tabs.setCornerWidget(self.tools, Qt.Corner.TopRightCorner)
        self.setCentralWidget(self.diagram_tabs)
        self._build_docks()

        self.view.set_theme(self.theme)
        document.path_changed.connect(self._on_path_changed)
        document.recommendation_ready.connect(self.show_recommendation)
        self.show_recommendation(document.rec)
        self.flush()

    # --- building ---

    def _build_tools(self) -> None:
        self.tools = QToolBar("Diagram")
        self.tools.setObjectName("diagramTools")
        self.tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.tools.addAction("Zoom in", self.view.zoom_in).setToolTip("Zoom in (Ctrl++)")
        self.tools.addAction("Zoom out", self.view.zoom_out).setToolTip("Zoom out (Ctrl+-)")
        self.tools.addAction("Fit", self.view.fit).setToolTip("Fit the diagram into the view")
        self.tools.addAction("Actual size", self.view.reset_zoom)
        self.reset_layout_action = self.tools.addAction("Reset layout", self.document.clear_pins)
        self.reset_layout_action.setToolTip("Forget the places of nodes you dragged")
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoomLabel")
        self.zoom_label.setContentsMargins(8, 0, 4, 0)
        self.tools.addWidget(self.zoom_label)
        self.view.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{z * 100:.0f} %"))
        self.tools.addSeparator()
        self.diagram_only_action = QAction("&Diagram Only", self, checkable=True)
        self.diagram_only_action.setShortcut(QKeySequence("F11"))
        self.diagram_only_action.setToolTip("Hide the panels and show the diagram alone (F11)")
        self.diagram_only_action.setStatusTip(
            "Hide the panels around the diagram, or bring them back"
        )
        self.diagram_only_action.toggled.connect(self.set_diagram_only)
        self.tools.addAction(self.diagram_only_action)
        self.reset_docks_action = QAction("Reset &Panels", self)
        self.reset_docks_action.setStatusTip("Put the Plan panels back where they started")
        self.reset_docks_action.triggered.connect(self.reset_docks)

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState() finds docks by object name
        dock.setWidget(widget)
        dock.setAllowedAreas(Qt.DockWidgetArea.AllDockWidgetAreas)
        return dock

    def _build_docks(self) -> None:
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowNestedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
        )
        questions = QWidget()
        box = QVBoxLayout(questions)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.paths_bar)
        box.addWidget(self.questionnaire, 1)
        self.questions_dock = self._dock("Questions", "questionsDock", questions)
        self.recommendation_dock = self._dock("Recommendation", "recommendationDock", self.panel)
        self.facts_dock = self._dock("Facts", "factsDock", self.details)
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        self.addDockWidget(left, self.questions_dock)
        self.addDockWidget(left, self.recommendation_dock)
        self.splitDockWidget(self.questions_dock, self.recommendation_dock, Qt.Orientation.Vertical)
        self.tabifyDockWidget(self.recommendation_dock, self.facts_dock)
        self.recommendation_dock.raise_()
        for dock in self.docks():
            dock.toggleViewAction().setStatusTip(f"Show or hide the {dock.windowTitle()} panel")
        self._default_state = self.saveState(LAYOUT_VERSION)

    def docks(self) -> tuple[QDockWidget, ...]:
        return (self.questions_dock, self.recommendation_dock, self.facts_dock)

    def view_actions(self) -> list[QAction]:
        """For the window's View menu: a toggle per dock, Diagram Only, Reset Panels."""
        toggles = [d.toggleViewAction() for d in self.docks()]
        return [*toggles, self.diagram_only_action, self.reset_docks_action]

    # --- dock layout ---

    def _size_docks(self) -> None:
        """The first layout's proportions, once the workspace has its size."""
        self._sized = True
        height = max(self.height(), 400)
        share = int(height * QUESTIONS_SHARE)
        self.resizeDocks([self.questions_dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
        self.resizeDocks(
            [self.questions_dock, self.recommendation_dock],
            [share, height - share],
            Qt.Orientation.Vertical,
        )
        self._default_state = self.saveState(LAYOUT_VERSION)

    def save_layout(self) -> QByteArray:
        """The dock layout to remember: as the user arranged it, not as Diagram Only or
        another workspace left it for the moment."""
        if self._hidden_state is not None:
            return self._hidden_state
        if self._diagram_only_state is not None:
            return self._diagram_only_state
        return self.saveState(LAYOUT_VERSION)

    def restore_layout(self, state: object) -> bool:
        """Bring back a layout from :meth:`save_layout`; False (layout unchanged) when it
        is not one (another version, or junk in the settings file)."""
        if not isinstance(state, (QByteArray, bytes)):
            return False
        ok = self.restoreState(QByteArray(state), LAYOUT_VERSION)
        self._sized = self._sized or ok
        return ok

    def reset_docks(self) -> None:
        self.set_diagram_only(False)
        self.restoreState(self._default_state, LAYOUT_VERSION)
        for dock in self.docks():
            dock.show()
        self.recommendation_dock.raise_()

    def is_diagram_only(self) -> bool:
        return self._diagram_only_state is not None

    def set_diagram_only(self, on: bool) -> None:
        """Hide every dock for the diagram alone, or bring back the layout from before."""
        if on == self.is_diagram_only():
            return
        if on:
            self._diagram_only_state = self.saveState(LAYOUT_VERSION)
            for dock in self.docks():
                dock.hide()
        else:
            state, self._diagram_only_state = self._diagram_only_state, None
            if state is not None:
                self.restoreState(state, LAYOUT_VERSION)
        with QSignalBlocker(self.diagram_only_action):
            self.diagram_only_action.setChecked(on)
        self.diagram_only_changed.emit(on)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if event.spontaneous():
            return
        if not self._sized:
            self._size_docks()
        for dock in self._parked:
            dock.show()
        self._parked = []
        self._hidden_state = None
        self._enable_view_actions(True)

    def hideEvent(self, event: QHideEvent) -> None:
        # Another workspace took the window (not a minimised window): the docks are Plan's,
        # so floating ones go too, and the View menu's Plan entries rest.
        if not event.spontaneous() and self.window() is not self:
            self._hidden_state = self.saveState(LAYOUT_VERSION)
            self._parked = [d for d in self.docks() if d.isFloating() and not d.isHidden()]
            for dock in self._parked:
                dock.hide()
            self._enable_view_actions(False)
        super().hideEvent(event)

    def _enable_view_actions(self, on: bool) -> None:
        for action in self.view_actions():
            action.setEnabled(on)

    # --- rendering ---

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.view.set_theme(theme)
        self.questionnaire.set_theme(theme)
        self.panel.set_theme(theme)
        if self._selected_node is not None:
            self.details.setHtml(
                node_html(self.pack, self.document.rec, self._selected_node, theme)
            )

    def show_recommendation(self, rec: Recommendation) -> None:
        """Update every view of ``rec`` at once, keeping focus and scroll positions.

        The questionnaire and the diagram update synchronously; the panel follows in the
        same event-loop turn, before the next frame, and a burst of edits lays it out only
        once. After a project was opened or started there is nothing to mark as changed.
        """
        self.questionnaire.show_recommendation(rec, self.document.answers)
        self.view.set_diagram(rec.diagram)
        self.diagram_text.setPlainText(diagram_text(rec.diagram))
        if self._selected_node is not None:
            if self._selected_node in self.view.diagram_scene().node_items:
                self.view.select_node(self._selected_node)
                self.details.setHtml(node_html(self.pack, rec, self._selected_node, self.theme))
            else:
                self._selected_node = None
                self.details.clear()
        self.reset_layout_action.setEnabled(bool(self.document.pins))
        if not self._panel_pending:
            self._panel_pending = True
            self._panel_compare = True
            QTimer.singleShot(0, self, self._update_panel)
        if self._opened:
            self._opened = False
            self._panel_compare = False

    def _on_path_changed(self) -> None:
        # ProjectDocument.load() clears the undo history, then recomputes; a save keeps it
        if self.document.undo_stack.count() == 0:
            self._opened = True

    def _update_panel(self) -> None:
        self._panel_pending = False
        rec = self.document.rec
        self.panel.show_recommendation(rec, compare=self._panel_compare)
        self.recommendation_shown.emit(rec)

    def flush(self) -> None:
        """Bring the panel up to date now (screenshots, tests)."""
        if self._panel_pending:
            self._update_panel()

    def show_area(self, area_id: str) -> None:
        """Open one decision area's details in the recommendation panel and show it."""
        self.flush()
        self.set_diagram_only(False)
        self.recommendation_dock.show()
        self.recommendation_dock.raise_()
        self.panel.show_area(area_id)

    def edit_project_info(self) -> None:
        """Show the Project tab with the title selected, ready to type."""
        self.diagram_tabs.setCurrentWidget(self.project_info)
        self.project_info.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.project_info.title_edit.selectAll()

    def show_node(self, node_id: str) -> None:
        self._selected_node = node_id
        self.view.select_node(node_id)
        self.details.setHtml(node_html(self.pack, self.document.rec, node_id, self.theme))
        if not self.is_diagram_only():
            self.facts_dock.show()
            self.facts_dock.raise_()

    # --- edits ---

    def _on_answer_edited(self, qid: str, value: object) -> None:
        try:
            self.document.set_answer(qid, value)
        except ValueError as exc:  # the editors keep values in range; this is a safety net
            QMessageBox.warning(self, "Answer not accepted", str(exc))
            self.questionnaire.questions[qid].show_answer(self.document.answers.get(qid))
            return
        # an answer is about the recommendation: bring its tab to the front of the facts'
        if self.facts_dock in self.tabifiedDockWidgets(self.recommendation_dock):
            self.recommendation_dock.raise_()

    def _on_link(self, url: QUrl) -> None:
        scheme = url.scheme()
        if scheme == "question":
            self.set_diagram_only(False)
            self.questions_dock.show()
            self.questions_dock.raise_()
            self.questionnaire.focus_question(url.path())
        elif scheme == "node":
            self.show_node(url.path())
        elif scheme in ("http", "https"):
            QDesktopServices.openUrl(url)
