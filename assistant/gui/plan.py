"""The Plan workspace: questionnaire, live recommendation, diagram canvas.

It renders what the document's :class:`~assistant.core.decide.engine.Recommendation` says and
forwards edits to the :class:`~assistant.gui.document.ProjectDocument`; nothing here
decides anything.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
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
from .questionnaire import QuestionnaireWidget
from .rec_html import node_html, recommendation_html
from .theme import Theme, current_theme

__all__ = ["PlanWorkspace", "ProjectInfoWidget"]


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


class PlanWorkspace(QWidget):
    """Questionnaire on the left; diagram on top, recommendation and details below."""

    recommendation_shown = Signal(object)  # the Recommendation now on screen

    def __init__(self, document: ProjectDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.pack = document.pack
        self.theme: Theme = current_theme()
        self._selected_node: str | None = None
        self._panel_pending = False
        self._panel_html = ""

        self.questionnaire = QuestionnaireWidget(self.pack)
        self.questionnaire.answer_edited.connect(self._on_answer_edited)

        self.panel = QTextBrowser()
        self.panel.setObjectName("recommendationPanel")
        self.panel.setAccessibleName("Recommendation")
        self.panel.setOpenLinks(False)
        self.panel.anchorClicked.connect(self._on_link)

        self.view = DiagramView()
        self.view.node_clicked.connect(self.show_node)
        self.view.node_moved.connect(self.document.pin)
        self.diagram_text = QPlainTextEdit()
        self.diagram_text.setReadOnly(True)
        self.diagram_text.setObjectName("diagramText")
        self.diagram_text.setAccessibleName("Diagram as text")

        self.tools = QToolBar("Diagram")
        self.tools.setObjectName("diagramTools")
        self.tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.tools.addAction("Zoom in", self.view.zoom_in).setToolTip("Zoom in (Ctrl++)")
        self.tools.addAction("Zoom out", self.view.zoom_out).setToolTip("Zoom out (Ctrl+-)")
        self.tools.addAction("Fit", self.view.fit).setToolTip("Fit the diagram into the view")
        self.tools.addAction("Actual size", self.view.reset_zoom)
        self.tools.addSeparator()
        self.reset_layout_action = self.tools.addAction("Reset layout", self.document.clear_pins)
        self.reset_layout_action.setToolTip("Forget the places of nodes you dragged")
        self.zoom_label = QLabel()
        self.zoom_label.setContentsMargins(8, 0, 4, 0)
        self.tools.addWidget(self.zoom_label)
        self.view.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{z * 100:.0f} %"))

        canvas_box = QWidget()
        cl = QVBoxLayout(canvas_box)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(0)
        cl.addWidget(self.tools)
        cl.addWidget(self.view, 1)
        self.diagram_tabs = QTabWidget()
        self.diagram_tabs.setDocumentMode(True)
        self.diagram_tabs.addTab(canvas_box, "Diagram")
        self.diagram_tabs.addTab(self.diagram_text, "Diagram as text")
        self.project_info = ProjectInfoWidget(document)
        self.diagram_tabs.addTab(self.project_info, "Project")

        self.details = QTextBrowser()
        self.details.setObjectName("nodeDetails")
        self.details.setAccessibleName("Selected service")
        self.details.setOpenLinks(False)
        self.details.anchorClicked.connect(self._on_link)
        self.details.setPlaceholderText("Click a service in the diagram to see its facts.")

        # The diagram is laid out left to right, so it gets the full width on top.
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self.panel)
        bottom.addWidget(self.details)
        bottom.setStretchFactor(0, 3)
        bottom.setStretchFactor(1, 1)
        bottom.setSizes([720, 330])
        bottom.setChildrenCollapsible(False)
        self.bottom_splitter = bottom

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.diagram_tabs)
        right.addWidget(bottom)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 1)
        right.setSizes([440, 400])
        right.setChildrenCollapsible(False)
        self.right_splitter = right

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("planSplitter")
        self.splitter.addWidget(self.questionnaire)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([340, 1060])
        self.splitter.setChildrenCollapsible(False)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.splitter)

        self.view.set_theme(self.theme)
        document.recommendation_ready.connect(self.show_recommendation)
        self.show_recommendation(document.rec)
        self.flush()

    def splitters(self) -> dict[str, QSplitter]:
        """The splitters whose state the window keeps in QSettings."""
        return {"main": self.splitter, "right": self.right_splitter, "bottom": self.bottom_splitter}

    # --- rendering ---

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.view.set_theme(theme)
        self.questionnaire.set_theme(theme)
        self._panel_html = ""
        self.show_recommendation(self.document.rec)

    def show_recommendation(self, rec: Recommendation) -> None:
        """Update every view of ``rec`` at once, keeping focus and scroll positions.

        The questionnaire and the diagram update synchronously; the HTML panel (whose text
        layout is the slowest part, ~15 ms on the shipped pack) follows in the same event-loop
        turn, before the next frame, and a burst of edits lays it out only once.
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
            QTimer.singleShot(0, self, self._update_panel)

    def _update_panel(self) -> None:
        self._panel_pending = False
        rec = self.document.rec
        html = recommendation_html(self.pack, rec, self.theme)
        if html != self._panel_html:
            bar = self.panel.verticalScrollBar()
            scroll = bar.value()
            with QSignalBlocker(self.panel):
                self.panel.setHtml(html)
            bar.setValue(scroll)
            self._panel_html = html
        self.recommendation_shown.emit(rec)

    def flush(self) -> None:
        """Bring the panel up to date now (screenshots, tests)."""
        if self._panel_pending:
            self._update_panel()

    def show_area(self, area_id: str) -> None:
        """Scroll the recommendation panel to one decision area."""
        self.flush()
        self.panel.scrollToAnchor(f"area-{area_id}")

    def edit_project_info(self) -> None:
        """Show the Project tab with the title selected, ready to type."""
        self.diagram_tabs.setCurrentWidget(self.project_info)
        self.project_info.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.project_info.title_edit.selectAll()

    def show_node(self, node_id: str) -> None:
        self._selected_node = node_id
        self.view.select_node(node_id)
        self.details.setHtml(node_html(self.pack, self.document.rec, node_id, self.theme))

    # --- edits ---

    def _on_answer_edited(self, qid: str, value: object) -> None:
        try:
            self.document.set_answer(qid, value)
        except ValueError as exc:  # the editors keep values in range; this is a safety net
            QMessageBox.warning(self, "Answer not accepted", str(exc))
            self.questionnaire.questions[qid].show_answer(self.document.answers.get(qid))

    def _on_link(self, url: QUrl) -> None:
        scheme = url.scheme()
        if scheme == "question":
            self.questionnaire.focus_question(url.path())
        elif scheme == "node":
            self.show_node(url.path())
        elif scheme in ("http", "https"):
            QDesktopServices.openUrl(url)
