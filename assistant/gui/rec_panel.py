"""The recommendation panel: a summary row per decision area, details that fold, and a mark
on what the last answer changed.

It renders :func:`~assistant.gui.rec_html.panel_html`; links other than ``fold:`` go out
through :attr:`RecommendationPanel.link_activated` for the Plan workspace to follow.

A refresh replaces only the parts that changed (the head, an area's row and details) when
the areas are the same as before, as after most answers: Qt then parses and lays out those
blocks alone. With every area's details open a whole refresh took 17-33 ms (HTML parse
~7 ms, layout ~12 ms for ~31 kB), the changed parts 3-16 ms (bench_panel.py). The result
is the document a whole refresh gives (compared with ``toHtml()`` in the tests).
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, QUrl, Signal
from PySide6.QtGui import QTextCursor, QTextDocument, QTextDocumentFragment
from PySide6.QtWidgets import QTextBrowser, QWidget

from ..core.decide.engine import Recommendation
from ..core.pack import model as m
from .rec_html import AreaChange, changes, panel_body, panel_parts
from .theme import Theme

_Parts = tuple[str, tuple[tuple[str, str], ...]]  # head, (area id, row) per area

__all__ = ["RecommendationPanel"]


class RecommendationPanel(QTextBrowser):
    """Shows one :class:`Recommendation` at a time; remembers which areas are open.

    Signals:
        link_activated(QUrl): a link that is not a fold (question, node, source).
        folds_changed(): an area's details were opened or closed.
    """

    link_activated = Signal(QUrl)
    folds_changed = Signal()

    def __init__(self, pack: m.Pack, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recommendationPanel")
        self.setAccessibleName("Recommendation")
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._on_link)
        # a scroll bar that comes and goes makes Qt lay the text out twice per refresh
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.document().setUndoRedoEnabled(False)  # patched parts must not pile up as undo
        self.pack = pack
        self.theme = theme
        self.rec: Recommendation | None = None
        self.expanded: set[str] = set()
        # None until an answer changed something after the project was opened
        self.changed: tuple[AreaChange, ...] | None = None
        self._html = ""
        self._parts: _Parts | None = None  # what the document shows, part by part
        self.last_refresh = ""  # "same", "patched" or "whole": what the last refresh did

    def show_recommendation(self, rec: Recommendation, *, compare: bool = True) -> None:
        """Show ``rec``; with ``compare``, mark what differs from the one shown before when
        the answers differ (a moved node or a new title keeps the last answer's marks).
        ``compare=False`` (a project opened or started) clears the marks.
        """
        previous = self.rec
        self.rec = rec
        if not compare or previous is None:
            self.changed = None
        elif dict(previous.answers) != dict(rec.answers):
            self.changed = changes(previous, rec)
        self.refresh()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._parts = None  # every part's colours change: lay it all out again
        self.refresh()

    def refresh(self, *, force: bool = False) -> None:
        """Lay the HTML out again if it changed (or all of it with ``force``), keeping the
        scroll position."""
        if self.rec is None:
            return
        parts = panel_parts(
            self.pack, self.rec, self.theme, expanded=self.expanded, changed=self.changed
        )
        head, rows = parts
        html = panel_body(self.theme, head + "".join(row for _area, row in rows))
        if html == self._html and not force:
            self.last_refresh = "same"
            return
        bar = self.verticalScrollBar()
        scroll = bar.value()
        with QSignalBlocker(self):
            if not force and self._patch(parts):
                self.last_refresh = "patched"
            else:
                self.setHtml(html)
                self.last_refresh = "whole"
        bar.setValue(scroll)
        self._html = html
        self._parts = parts

    def _patch(self, new: _Parts) -> bool:
        """Replace the parts of the document that differ from ``new``; False (nothing
        done) unless the same areas are shown in the same order and some part is the same."""
        old = self._parts
        if old is None or [a for a, _ in old[1]] != [a for a, _ in new[1]]:
            return False
        before = [old[0], *(row for _a, row in old[1])]
        after = [new[0], *(row for _a, row in new[1])]
        if all(b != a for b, a in zip(before, after, strict=True)):
            return False
        doc = self.document()
        starts = self._part_starts(doc, [a for a, _ in new[1]])
        if starts is None:
            return False
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        for i in reversed(range(len(after))):  # from the end: earlier positions stay put
            if before[i] == after[i]:
                continue
            start = starts[i]
            end = starts[i + 1] - 1 if i + 1 < len(starts) else doc.characterCount() - 1
            part = QTextDocument()
            part.setHtml(panel_body(self.theme, after[i]))
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertFragment(QTextDocumentFragment(part))
            # the part's first block takes the place of the old one: its format too
            cursor.setPosition(start)
            cursor.setBlockFormat(part.begin().blockFormat())
            cursor.setBlockCharFormat(part.begin().charFormat())
        cursor.endEditBlock()
        return True

    @staticmethod
    def _part_starts(doc: QTextDocument, areas: list[str]) -> list[int] | None:
        """Where each part begins: 0 for the head, then each area row's block (the one
        holding its ``area-<id>`` anchor); None if an anchor is missing."""
        found: dict[str, int] = {}
        block = doc.begin()
        while block.isValid():
            first = block.begin()
            if not first.atEnd():
                for name in first.fragment().charFormat().anchorNames():
                    if name.startswith("area-"):
                        found[name.removeprefix("area-")] = block.position()
            block = block.next()
        if any(a not in found for a in areas):
            return None
        return [0, *(found[a] for a in areas)]

    def set_expanded(self, area_id: str, on: bool) -> None:
        if (area_id in self.expanded) == on:
            return
        if on:
            self.expanded.add(area_id)
        else:
            self.expanded.discard(area_id)
        self.refresh()
        self.folds_changed.emit()

    def set_all_expanded(self, on: bool) -> None:
        areas = {a.id for a in self.rec.areas} if self.rec is not None else set()
        self.expanded = set(areas) if on else set()
        self.refresh()
        self.folds_changed.emit()

    def show_area(self, area_id: str) -> None:
        """Open one area's details and scroll to its row."""
        self.set_expanded(area_id, True)
        self.scrollToAnchor(f"area-{area_id}")

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() != "fold":
            self.link_activated.emit(url)
            return
        target = url.path()
        if target in ("*all", "*none"):
            self.set_all_expanded(target == "*all")
        else:
            self.set_expanded(target, target not in self.expanded)
