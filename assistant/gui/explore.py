"""The Explore workspace: search and browse services, facts and relations.

Everything shown comes from the core (``graph.search``, :class:`KnowledgeGraph`, the
neighbourhood diagram of :mod:`assistant.core.decide.neighbourhood`); this module only
renders it, with the same :class:`~assistant.gui.canvas.DiagramView` as the Plan workspace.
Pages visited are kept for Back and Forward (Alt+Left, Alt+Right), like a browser's.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.decide.neighbourhood import neighbourhood_diagram
from ..core.diagram.scene import Diagram
from ..core.pack import model as m
from ..core.pack.graph import build_graph, search
from ..core.vocab import CATEGORY_TITLES, DOMAIN_TITLES
from .canvas import DiagramView
from .explore_html import fact_html, service_html
from .theme import Theme, current_theme

__all__ = ["ExploreWorkspace", "NeighbourhoodView"]

ROLE_KEY = Qt.ItemDataRole.UserRole
SEARCH_DELAY_MS = 120
# Below this the 11 px labels of the graph are hard to read: a bigger graph scrolls instead.
MIN_FIT_ZOOM = 0.8
MAX_HISTORY = 200  # pages kept for Back


class NeighbourhoodView(DiagramView):
    """The shared diagram view whose "fit" never shrinks the graph below :data:`MIN_FIT_ZOOM`.

    A graph too big to fit at that zoom is shown around its subject, with scroll bars.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.subject: str | None = None

    def fit(self) -> None:
        super().fit()
        if self.zoom() >= MIN_FIT_ZOOM:
            return
        # not set_zoom(): that would stop following the content on resize and on the next graph
        self.resetTransform()
        self.scale(MIN_FIT_ZOOM, MIN_FIT_ZOOM)
        item = self.diagram_scene().node_items.get(self.subject or "")
        if item is not None:
            self.centerOn(item.sceneBoundingRect().center())
        else:
            self.centerOn(self.sceneRect().center())
        self.zoom_changed.emit(self.zoom())


class ExploreWorkspace(QWidget):
    """Search-as-you-type, a tree by category and exam domain, a detail pane, a graph.

    Signals:
        selection_changed(str): ``service:<id>`` or ``fact:<id>`` now shown.
        option_activated(str): the user followed a link to a Plan option (``area.option``).
        results_ready(int): a search finished with this many matches.
    """

    selection_changed = Signal(str)
    option_activated = Signal(str)
    results_ready = Signal(int)

    def __init__(self, pack: m.Pack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ExploreWorkspace")
        self.pack = pack
        self.graph = build_graph(pack)
        self.theme: Theme = current_theme()
        self.current: str | None = None
        self.back_keys: list[str] = []  # pages before the current one, the newest last
        self.forward_keys: list[str] = []  # pages gone back from, the nearest last
        self._diagram: Diagram | None = None
        self._items: dict[str, list[QTreeWidgetItem]] = {}  # page key -> its tree items

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("exploreSearch")
        self.search_edit.setPlaceholderText("Search services, facts and terms…")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName("Search the knowledge")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_edit.returnPressed.connect(self._open_first_result)

        self.results = QListWidget()
        self.results.setObjectName("exploreResults")
        self.results.setAccessibleName("Search results")
        self.results.itemActivated.connect(self._on_item)
        self.results.currentItemChanged.connect(lambda cur, _prev: self._on_item(cur))

        self.by_category = self._tree("Browse by category")
        self.by_domain = self._tree("Browse by exam domain")
        self._fill_trees()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.by_category, "Category")
        self.tabs.addTab(self.by_domain, "Exam domain")
        self.tabs.addTab(self.results, "Results")

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(8, 8, 4, 8)
        lv.addWidget(self.search_edit)
        lv.addWidget(self.tabs)

        self.detail = QTextBrowser()
        self.detail.setObjectName("exploreDetail")
        self.detail.setAccessibleName("Details")
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(self._on_link)
        self._build_navigation()
        detail_box = QWidget()
        dv = QVBoxLayout(detail_box)
        dv.setContentsMargins(0, 0, 0, 0)
        dv.setSpacing(0)
        dv.addWidget(self.nav_bar)
        dv.addWidget(self.detail, 1)

        self.graph_title = QLabel()
        self.graph_title.setObjectName("neighbourhoodTitle")
        self.graph_title.setContentsMargins(6, 4, 6, 4)
        self.canvas = NeighbourhoodView()
        self.canvas.node_clicked.connect(lambda sid: self.show_key(f"service:{sid}"))
        self.canvas.setAccessibleName("Neighbourhood graph")
        self.canvas.setObjectName("neighbourhood")
        self.canvas.set_theme(self.theme)
        # room for three rows of boxes at the smallest fit zoom
        self.canvas.setMinimumHeight(280)
        graph_box = QWidget()
        gv = QVBoxLayout(graph_box)
        gv.setContentsMargins(0, 0, 0, 0)
        gv.setSpacing(0)
        gv.addWidget(self.graph_title)
        gv.addWidget(self.canvas, 1)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(detail_box)
        right.addWidget(graph_box)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 1)
        right.setSizes([400, 500])  # the graph needs room to be legible after "fit"
        right.setChildrenCollapsible(False)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([400, 1000])  # the tree's longest names fit at the default size
        split.setChildrenCollapsible(False)
        self.splitter, self.right_splitter = split, right
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_search)

        first = next(iter(sorted(pack.services.values(), key=lambda s: s.category)), None)
        preferred = "sagemaker-serverless" if "sagemaker-serverless" in pack.services else None
        start = preferred or (first.id if first else None)
        if start:
            self.show_key(f"service:{start}")
        else:
            self.detail.setHtml("<p>This knowledge pack has no services.</p>")

    # --- building --------------------------------------------------------------------------

    def _build_navigation(self) -> None:
        self.nav_bar = QToolBar("Navigation")
        self.nav_bar.setObjectName("exploreNavigation")
        self.nav_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.back_action = QAction("◀ Back", self)
        self.back_action.setShortcut(QKeySequence("Alt+Left"))
        self.back_action.setToolTip("Back to the page before (Alt+Left)")
        self.back_action.triggered.connect(self.go_back)
        self.forward_action = QAction("Forward ▶", self)
        self.forward_action.setShortcut(QKeySequence("Alt+Right"))
        self.forward_action.setToolTip("Forward again (Alt+Right)")
        self.forward_action.triggered.connect(self.go_forward)
        for action in (self.back_action, self.forward_action):
            # only while Explore shows: Plan and Study keep Alt+arrows for themselves
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
            self.nav_bar.addAction(action)
        self._update_navigation()

    def _tree(self, name: str) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setHeaderHidden(True)
        tree.setAccessibleName(name)
        tree.setUniformRowHeights(True)
        tree.currentItemChanged.connect(lambda cur, _prev: self._on_item(cur))
        return tree

    def _service_item(self, s: m.Service) -> QTreeWidgetItem:
        text = s.name
        if s.status.state != "available":
            text += "  (closed)" if s.status.state == "closed" else "  (discontinued)"
        item = QTreeWidgetItem([text])
        item.setData(0, ROLE_KEY, f"service:{s.id}")
        self._items.setdefault(f"service:{s.id}", []).append(item)
        # the full name too: a narrow tree cuts long ones off
        item.setToolTip(0, f"<b>{html.escape(text)}</b><br>{html.escape(s.summary)}")
        for f in sorted(self.graph.facts_about(s.id), key=lambda f: f.id):
            child = QTreeWidgetItem([f.statement])
            child.setData(0, ROLE_KEY, f"fact:{f.id}")
            self._items.setdefault(f"fact:{f.id}", []).append(child)
            child.setToolTip(0, f"<p>{html.escape(f.statement)}</p>")  # rich text wraps
            item.addChild(child)
        return item

    def _fill_trees(self) -> None:
        services = sorted(self.pack.services.values(), key=lambda s: s.name.lower())
        for cat in m.CATEGORIES:
            members = [s for s in services if s.category == cat]
            if not members:
                continue
            top = QTreeWidgetItem([f"{CATEGORY_TITLES.get(cat, cat)} ({len(members)})"])
            top.setData(0, ROLE_KEY, None)
            for s in members:
                top.addChild(self._service_item(s))
            self.by_category.addTopLevelItem(top)
        for dom in m.DOMAINS:
            members = [s for s in services if dom in s.domains]
            if not members:
                continue
            top = QTreeWidgetItem([f"{DOMAIN_TITLES.get(dom, dom)} ({len(members)})"])
            for s in members:
                top.addChild(self._service_item(s))
            self.by_domain.addTopLevelItem(top)
        self.by_category.expandToDepth(0)

    # --- search ----------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def set_search(self, text: str) -> None:
        """Search now (no typing delay)."""
        self.search_edit.setText(text)
        self._search_timer.stop()
        self._run_search()

    def _run_search(self) -> None:
        term = self.search_edit.text().strip()
        self.results.blockSignals(True)
        self.results.clear()
        if not term:
            self.results.blockSignals(False)
            self.tabs.setCurrentWidget(self.by_category)
            self.results_ready.emit(0)
            return
        matches = search(self.pack, term, limit=80)
        for match in matches:
            if match.kind == "service":
                s = self.pack.services[match.id]
                text = f"{s.name} \u2014 {CATEGORY_TITLES.get(s.category, s.category)}"
            else:
                text = f"Fact: {match.title}"
            item = QListWidgetItem(text)
            item.setData(ROLE_KEY, f"{match.kind}:{match.id}")
            item.setToolTip(match.title)
            self.results.addItem(item)
        if not matches:
            empty = QListWidgetItem(f"Nothing matches \u201c{term}\u201d.")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(empty)
        self.results.blockSignals(False)
        self._select_in_results(self.current)
        self.tabs.setCurrentWidget(self.results)
        self.results_ready.emit(len(matches))

    def result_keys(self) -> list[str]:
        out = []
        for i in range(self.results.count()):
            key = self.results.item(i).data(ROLE_KEY)
            if key:
                out.append(str(key))
        return out

    def _open_first_result(self) -> None:
        self._search_timer.stop()
        self._run_search()
        keys = self.result_keys()
        if keys:
            self.results.setCurrentRow(0)
            self.show_key(keys[0])

    # --- showing -------------------------------------------------------------------------

    def _on_item(self, item: QTreeWidgetItem | QListWidgetItem | None) -> None:
        if item is None:
            return
        key = item.data(0, ROLE_KEY) if isinstance(item, QTreeWidgetItem) else item.data(ROLE_KEY)
        if key:
            self.show_key(str(key))

    def _on_link(self, url: QUrl) -> None:
        text = url.toString()
        kind, _, key = text.partition(":")
        if kind in ("service", "fact"):
            self.show_key(text)
        elif kind == "option":
            self.option_activated.emit(key)
        elif kind in ("http", "https"):
            QDesktopServices.openUrl(url)

    def show_key(self, key: str, *, remember: bool = True) -> None:
        """Show ``service:<id>`` or ``fact:<id>`` in the detail pane (and its graph).

        With ``remember`` the page shown before goes on the Back list and Forward is
        forgotten, as in a browser; Back and Forward themselves pass False.
        """
        if not self._render(key):
            return
        self._select(key)
        if key == self.current:
            return
        if remember and self.current is not None:
            self.back_keys = [*self.back_keys, self.current][-MAX_HISTORY:]
            self.forward_keys = []
        self.current = key
        self._update_navigation()
        self.selection_changed.emit(key)

    def _render(self, key: str) -> bool:
        """The page of ``key`` in the detail pane, its graph below; False: no such page."""
        kind, _, ident = key.partition(":")
        if kind == "service" and ident in self.pack.services:
            service = self.pack.services[ident]
            self.detail.setHtml(service_html(self.pack, self.graph, service, self.theme))
            self._show_graph(ident)
        elif kind == "fact" and ident in self.pack.facts:
            fact = self.pack.facts[ident]
            self.detail.setHtml(fact_html(self.pack, self.graph, fact, self.theme))
            if fact.about and fact.about[0] in self.pack.services:
                self._show_graph(fact.about[0])
        else:
            return False
        return True

    def go_back(self) -> None:
        """Show the page before this one (Alt+Left)."""
        if not self.back_keys or self.current is None:
            return
        self.forward_keys.append(self.current)
        self.show_key(self.back_keys.pop(), remember=False)

    def go_forward(self) -> None:
        """Show the page gone back from (Alt+Right)."""
        if not self.forward_keys or self.current is None:
            return
        self.back_keys.append(self.current)
        self.show_key(self.forward_keys.pop(), remember=False)

    def _update_navigation(self) -> None:
        self.back_action.setEnabled(bool(self.back_keys))
        self.forward_action.setEnabled(bool(self.forward_keys))

    def _select(self, key: str | None) -> None:
        """Mark the page shown, and only it, in the trees and the results: a selection
        left on another page would say the wrong thing and could not be clicked again."""
        for tree in (self.by_category, self.by_domain):
            item = next((i for i in self._items.get(key or "", []) if i.treeWidget() is tree), None)
            with QSignalBlocker(tree):
                tree.clearSelection()
                if item is None:
                    tree.setCurrentIndex(QModelIndex())
                else:
                    tree.setCurrentItem(item)
                    item.setSelected(True)
                    tree.scrollToItem(item)
        self._select_in_results(key)

    def _select_in_results(self, key: str | None) -> None:
        with QSignalBlocker(self.results):
            self.results.clearSelection()
            self.results.setCurrentRow(-1)
            for row in range(self.results.count()):
                item = self.results.item(row)
                if key is not None and item.data(ROLE_KEY) == key:
                    self.results.setCurrentItem(item)
                    break

    def diagram_on_screen(self) -> Diagram | None:
        """The neighbourhood diagram shown now (what File > Export writes from Explore)."""
        return self._diagram

    def set_theme(self, theme: Theme) -> None:
        """Redraw the graph and the page in ``theme`` (the OS switched light or dark)."""
        self.theme = theme
        self.canvas.set_theme(theme)
        if self.current is not None:
            self._render(self.current)

    def _show_graph(self, service_id: str) -> None:
        name = self.pack.services[service_id].name
        diagram = neighbourhood_diagram(self.pack, self.graph, service_id)
        self._diagram = diagram
        ids = [n.id for n in diagram.nodes]
        self.graph_title.setText(
            f"  Neighbourhood of {name}: {len(ids) - 1} related service(s)"
            + ("  \u2014 click a box to open it" if len(ids) > 1 else "")
        )
        self.canvas.subject = service_id
        self.canvas.set_diagram(diagram)
        self.canvas.fit()
