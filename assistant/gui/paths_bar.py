"""The inference paths of a project: show one, add, name, copy and remove them.

A self-contained widget over a :class:`ProjectDocument` (it can sit in any dock or
layout): a tab per path - or a single "Shared answers" tab for a project with one need -
and buttons that call the document, whose undoable changes come back as
``paths_changed``. Names are asked with :func:`ask_name`, which tests replace.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .document import ProjectDocument

__all__ = ["PathsBar", "ask_name"]

SHARED_TAB = "Shared answers"


def ask_name(parent: QWidget, title: str, label: str, text: str) -> str | None:
    """A name from the user, or None when they cancel."""
    name, ok = QInputDialog.getText(parent, title, label, text=text)
    return name.strip() if ok and name.strip() else None


class PathsBar(QWidget):
    """Tabs for the project's inference paths with Add, Copy, Rename and Remove."""

    def __init__(self, document: ProjectDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pathsBar")
        self.document = document
        self.tabs = QTabBar()
        self.tabs.setObjectName("pathTabs")
        self.tabs.setAccessibleName("Inference paths")
        self.tabs.setExpanding(False)
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._on_tab)
        self.tabs.tabBarDoubleClicked.connect(lambda i: self.rename(i) if i >= 0 else None)
        self.tabs.setUsesScrollButtons(True)
        # one small menu button keeps the bar as narrow as the questions
        menu = QMenu(self)
        self.add_action = self._action(menu, "&Add Path…", "Add an inference path", self.add)
        self.copy_action = self._action(
            menu, "&Copy Path…", "A new path with this path's answers", self._copy_current
        )
        self.rename_action = self._action(menu, "&Rename Path…", "Name this path", self._rename)
        self.remove_action = self._action(menu, "Re&move Path", "Remove this path", self._remove)
        self.menu_button = QToolButton()
        self.menu_button.setObjectName("pathsMenuButton")
        self.menu_button.setText("Paths")
        self.menu_button.setToolTip("Add, copy, rename or remove inference paths")
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_button.setMenu(menu)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setObjectName("pathsHint")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.tabs, 1)
        row.addWidget(self.menu_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        self._updating = False
        document.paths_changed.connect(self.refresh)
        self.refresh()

    def _action(self, menu: QMenu, text: str, tip: str, slot: Callable[[], None]) -> QAction:
        action = menu.addAction(text)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _copy_current(self) -> None:
        self.copy(self.tabs.currentIndex())

    def _rename(self) -> None:
        self.rename(self.tabs.currentIndex())

    def _remove(self) -> None:
        self.remove(self.tabs.currentIndex())

    # --- showing ---

    def refresh(self) -> None:
        """Rebuild the tabs from the document (after any change, undo or load)."""
        self._updating = True
        while self.tabs.count():
            self.tabs.removeTab(0)
        paths = self.document.paths
        for p in paths:
            self.tabs.addTab(p.name)
        if not paths:
            self.tabs.addTab(SHARED_TAB)
        self.tabs.setCurrentIndex(max(self.document.current_path, 0))
        self._updating = False
        several = bool(paths)
        for a in (self.copy_action, self.rename_action, self.remove_action):
            a.setEnabled(several)
        self.hint.setText(
            "Each path has its own answers on top of the shared ones; the diagram draws all paths."
            if several
            else "One need. Add a path for another one (say a real-time API and a nightly"
            " batch job)."
        )

    def path_names(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    # --- changing ---

    def _on_tab(self, index: int) -> None:
        if not self._updating and self.document.paths:
            self.document.set_current_path(index)

    def add(self) -> None:
        name = ask_name(self, "Add path", "Name of the new path:", "nightly batch")
        if name is not None:
            self.document.add_path(name)

    def copy(self, index: int) -> None:
        if not 0 <= index < len(self.document.paths):
            return
        source = self.document.paths[index].name
        name = ask_name(self, "Copy path", f"Name of the copy of '{source}':", f"{source} copy")
        if name is not None:
            self.document.copy_path(index, name)

    def rename(self, index: int) -> None:
        if not 0 <= index < len(self.document.paths):
            return
        old = self.document.paths[index].name
        name = ask_name(self, "Rename path", "New name:", old)
        if name is None or name == old:
            return
        if any(p.name == name for p in self.document.paths):
            QMessageBox.information(self, "Rename path", f"A path named '{name}' exists.")
            return
        self.document.rename_path(index, name)

    def remove(self, index: int) -> None:
        if 0 <= index < len(self.document.paths):
            self.document.remove_path(index)
