"""The recommendation panel: a summary row per decision area, details that fold, and a mark
on what the last answer changed.

It renders :func:`~assistant.gui.rec_html.panel_html`; links other than ``fold:`` go out
through :attr:`RecommendationPanel.link_activated` for the Plan workspace to follow.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from ..core.decide.engine import Recommendation
from ..core.pack import model as m
from .rec_html import AreaChange, changes, panel_html
from .theme import Theme

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
        self.pack = pack
        self.theme = theme
        self.rec: Recommendation | None = None
        self.expanded: set[str] = set()
        # None until an answer changed something after the project was opened
        self.changed: tuple[AreaChange, ...] | None = None
        self._html = ""

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
        self.refresh()

    def refresh(self, *, force: bool = False) -> None:
        """Lay the HTML out again if it changed (or with ``force``), keeping the scroll
        position."""
        if self.rec is None:
            return
        html = panel_html(
            self.pack, self.rec, self.theme, expanded=self.expanded, changed=self.changed
        )
        if html == self._html and not force:
            return
        bar = self.verticalScrollBar()
        scroll = bar.value()
        with QSignalBlocker(self):
            self.setHtml(html)
        bar.setValue(scroll)
        self._html = html

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
