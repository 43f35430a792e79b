"""The Explore workspace: search and browse services, facts and relations.

Everything shown comes from the core (``graph.search``, :class:`KnowledgeGraph`);
this module only renders it. The neighbourhood of a service is composed into a
:class:`~assistant.core.diagram.scene.Diagram`, laid out by the core layout and drawn by
the same :class:`~assistant.gui.canvas.DiagramView` as the Plan workspace.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.diagram.scene import Diagram, Edge, Node
from ..core.pack import model as m
from ..core.pack.graph import KnowledgeGraph, build_graph, search
from ..core.vocab import CATEGORY_TITLES, DOMAIN_TITLES
from ..core.vocab import RELATION_WORDS as KIND_WORDS
from .canvas import DiagramView

__all__ = ["ExploreWorkspace", "NeighbourhoodView", "neighbourhood_diagram"]

ROLE_KEY = Qt.ItemDataRole.UserRole
SEARCH_DELAY_MS = 120
# Below this the 11 px labels of the graph are hard to read: a bigger graph scrolls instead.
MIN_FIT_ZOOM = 0.8

# Relations that read the same both ways: the neighbourhood graph may draw them either way.
SYMMETRIC_KINDS = frozenset({"alternative_to", "incompatible_with", "integrates_with"})
SYMMETRIC = "\0symmetric"  # a key in neighbourhood_diagram's edge map, never a service id


def neighbourhood_diagram(pack: m.Pack, graph: KnowledgeGraph, service_id: str) -> Diagram:
    """The services one relation away from ``service_id``, with their relations as edges.

    The layout runs left to right, so a service that only points at the subject stands to
    its left and one the subject points at to its right. Symmetric relations ("alternative
    to", "incompatible with", "integrates with") may point either way: they are turned so
    the two sides hold about as many services, which halves the height of a hub's graph
    and so doubles the size it can be drawn at.
    """
    centre = pack.services[service_id]
    suggested = [x for x in centre.status.suggest if x in pack.services]
    ids = list(dict.fromkeys([*graph.neighbourhood(service_id, radius=1), *suggested]))
    near = set(ids)
    nodes = []
    for sid in ids:
        s = pack.services[sid]
        nodes.append(
            Node(
                id=sid,
                label=s.label,
                service=sid,
                icon=s.icon,
                drawio=s.drawio or None,
                category=s.category,
            )
        )
    labels: dict[tuple[str, str], list[str]] = {}
    relations = [(r.source, r.kind, r.target, r.label) for r in pack.relations]
    relations += [(s.id, "part_of", s.part_of, "") for s in pack.services.values() if s.part_of]
    for source, kind, target, label in relations:
        if source in near and target in near and source != target:
            # only edges touching the centre: the neighbours' own web would hide the subject
            if service_id not in (source, target):
                continue
            key = (source, target)
            text = label or KIND_WORDS.get(kind, kind)
            if kind in SYMMETRIC_KINDS:
                if (target, source) in labels:
                    continue  # symmetric relations once
                key = (SYMMETRIC, source if target == service_id else target)
            labels.setdefault(key, [])
            if text not in labels[key]:
                labels[key].append(text)
    for x in suggested:  # what AWS suggests instead of a closed service belongs next to it
        labels.setdefault((service_id, x), []).append("AWS suggests instead")
    directed = {other for pair in labels if pair[0] != SYMMETRIC for other in pair}
    left = sum(1 for a, b in labels if b == service_id and a != SYMMETRIC)
    right = sum(1 for a, b in labels if a == service_id)
    edges: dict[tuple[str, str], list[str]] = {}
    for (a, b), texts in labels.items():
        if a == SYMMETRIC:
            if b in directed and (service_id, b) in labels:
                a, b = service_id, b  # beside its other edge with the subject
            elif b in directed:
                a, b = b, service_id
            elif left < right:
                a, b, left = b, service_id, left + 1
            else:
                a, b, right = service_id, b, right + 1
        for text in texts:
            if text not in edges.setdefault((a, b), []):
                edges[(a, b)].append(text)
    title = f"Around {centre.name}"
    from ..core.diagram.layout import layout

    return layout(
        Diagram(
            nodes=tuple(nodes),
            edges=tuple(Edge(a, b, "; ".join(t)) for (a, b), t in edges.items()),
            title=title,
        )
    )


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


def _link(kind: str, key: str, text: str) -> str:
    return f'<a href="{kind}:{html.escape(key, quote=True)}">{html.escape(text)}</a>'


def _ext(url: str, text: str) -> str:
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(text)}</a>'


class ExploreWorkspace(QWidget):
    """Search-as-you-type, a tree by category and exam domain, a detail pane, a graph.

    Signals:
        selection_changed(str): ``service:<id>`` or ``fact:<id>`` now shown.
        option_activated(str): the user followed a link to a Plan option (``area.option``).
    """

    selection_changed = Signal(str)
    option_activated = Signal(str)
    results_ready = Signal(int)

    def __init__(self, pack: m.Pack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ExploreWorkspace")
        self.pack = pack
        self.graph = build_graph(pack)
        self.current: str | None = None

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

        self.graph_title = QLabel()
        self.graph_title.setObjectName("neighbourhoodTitle")
        self.graph_title.setContentsMargins(6, 4, 6, 4)
        self.canvas = NeighbourhoodView()
        self.canvas.node_clicked.connect(lambda sid: self.show_key(f"service:{sid}"))
        self.canvas.setAccessibleName("Neighbourhood graph")
        self.canvas.setObjectName("neighbourhood")
        # room for three rows of boxes at the smallest fit zoom
        self.canvas.setMinimumHeight(280)
        graph_box = QWidget()
        gv = QVBoxLayout(graph_box)
        gv.setContentsMargins(0, 0, 0, 0)
        gv.setSpacing(0)
        gv.addWidget(self.graph_title)
        gv.addWidget(self.canvas, 1)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.detail)
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
        # the full name too: a narrow tree cuts long ones off
        item.setToolTip(0, f"<b>{html.escape(text)}</b><br>{html.escape(s.summary)}")
        for f in sorted(self.graph.facts_about(s.id), key=lambda f: f.id):
            child = QTreeWidgetItem([f.statement])
            child.setData(0, ROLE_KEY, f"fact:{f.id}")
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

    def show_key(self, key: str) -> None:
        """Show ``service:<id>`` or ``fact:<id>`` in the detail pane (and its graph)."""
        kind, _, ident = key.partition(":")
        if kind == "service" and ident in self.pack.services:
            self.detail.setHtml(self.service_html(self.pack.services[ident]))
            self._show_graph(ident)
        elif kind == "fact" and ident in self.pack.facts:
            fact = self.pack.facts[ident]
            self.detail.setHtml(self.fact_html(fact))
            if fact.about and fact.about[0] in self.pack.services:
                self._show_graph(fact.about[0])
        else:
            return
        if key != self.current:
            self.current = key
            self.selection_changed.emit(key)

    def _show_graph(self, service_id: str) -> None:
        name = self.pack.services[service_id].name
        diagram = neighbourhood_diagram(self.pack, self.graph, service_id)
        ids = [n.id for n in diagram.nodes]
        self.graph_title.setText(
            f"  Neighbourhood of {name}: {len(ids) - 1} related service(s)"
            + ("  \u2014 click a box to open it" if len(ids) > 1 else "")
        )
        self.canvas.subject = service_id
        self.canvas.set_diagram(diagram)
        self.canvas.fit()

    # --- HTML -----------------------------------------------------------------------------

    def _status_html(self, s: m.Service) -> str:
        st = s.status
        if st.state == "available":
            return ""
        what = "Discontinued" if st.state == "discontinued" else "Closed to new customers"
        since = f" since {st.since.isoformat()}" if st.since else ""
        parts = [f"<b>{what}{since}.</b> {html.escape(st.note)}"]
        if st.suggest:
            links = ", ".join(
                _link("service", x, self.pack.services[x].name)
                for x in st.suggest
                if x in self.pack.services
            )
            parts.append(f"AWS suggests instead: {links}.")
        if st.source is not None:
            parts.append(f"Source: {_ext(st.source.url, st.source.title)}")
        return (
            '<table width="100%" cellpadding="8" style="background:#fff4e5;'
            'border:1px solid #e8a33d"><tr><td style="color:#5c3b00">'
            + "<br>".join(parts)
            + "</td></tr></table>"
        )

    def _facts_table(self, facts: list[m.Fact]) -> str:
        if not facts:
            return "<p><i>No facts recorded.</i></p>"
        any_notes = any(f.exam_notes for f in facts)
        head = "<tr><th align=left>Fact</th><th align=left>Today</th>"
        head += "<th align=left>Exam notes</th>" if any_notes else ""
        head += "<th align=left>Source (checked)</th></tr>"
        rows = []
        for f in facts:
            today = html.escape(f.value_text()) if f.value is not None else ""
            notes = ""
            if f.exam_notes is not None:
                nv = (
                    m.format_value(f.exam_notes.value, f.unit)
                    if f.exam_notes.value is not None
                    else ""
                )
                notes = (
                    f'<span style="color:#b35c00"><b>{html.escape(nv)}</b> '
                    f"{html.escape(f.exam_notes.statement)}</span>"
                )
            cells = [
                _link("fact", f.id, f.statement),
                f"<b>{today}</b>",
            ]
            if any_notes:
                cells.append(notes)
            cells.append(f"{_ext(f.source.url, f.source.title)} ({f.checked.isoformat()})")
            rows.append("<tr>" + "".join(f"<td valign=top>{c}</td>" for c in cells) + "</tr>")
        return (
            '<table cellspacing="0" cellpadding="4" border="1" style="border-collapse:collapse;'
            'border-color:#d0d0d0" width="100%">' + head + "".join(rows) + "</table>"
        )

    def _options_html(self, keys: list[str]) -> str:
        out = []
        for key in keys:
            area_id, _, option_id = key.partition(".")
            try:
                area = self.pack.area(area_id)
                option = self.pack.option(area_id, option_id)
            except KeyError:
                continue
            out.append(f"<li>{_link('option', key, f'{area.title}: {option.title}')}</li>")
        return "<ul>" + "".join(out) + "</ul>" if out else ""

    def service_html(self, s: m.Service) -> str:
        cat = CATEGORY_TITLES.get(s.category, s.category)
        domains = ", ".join(DOMAIN_TITLES.get(d, d) for d in s.domains)
        parts = [f"<h2>{html.escape(s.name)}</h2>"]
        meta = html.escape(cat) + (f" \u00b7 {html.escape(domains)}" if domains else "")
        parts.append(f'<p style="color:#6b6b6b">{meta}</p>')
        parts.append(self._status_html(s))
        parts.append(f"<p>{html.escape(s.summary)}</p>")
        parts.append("<h3>Use cases</h3><ul>")
        parts += [f"<li>{html.escape(u)}</li>" for u in s.use_cases]
        parts.append("</ul>")
        facts = sorted(self.graph.facts_about(s.id), key=lambda f: f.id)
        parts.append(f"<h3>Facts ({len(facts)})</h3>")
        parts.append(self._facts_table(facts))
        rels = self.graph.neighbours(s.id)
        if rels:
            parts.append("<h3>Relations</h3><ul>")
            for a, kind, b, label in rels:
                sa, sb = self.pack.services[a], self.pack.services[b]
                words = KIND_WORDS.get(kind, kind)
                extra = f" <i>({html.escape(label)})</i>" if label else ""
                parts.append(
                    f"<li>{_link('service', a, sa.name)} {words} "
                    f"{_link('service', b, sb.name)}{extra}</li>"
                )
            parts.append("</ul>")
        options = self._options_html(self.graph.options_using(s.id))
        if options:
            parts.append("<h3>Plan options that use it</h3>" + options)
        if s.url:
            parts.append(f"<p>Documentation: {_ext(s.url, s.url)}</p>")
        return "".join(parts)

    def fact_html(self, f: m.Fact) -> str:
        parts = [f"<h2>{html.escape(f.statement)}</h2>"]
        if f.value is not None:
            parts.append(f"<p>Today: <b>{html.escape(f.value_text())}</b></p>")
        if f.exam_notes is not None:
            nv = (
                m.format_value(f.exam_notes.value, f.unit) if f.exam_notes.value is not None else ""
            )
            parts.append(
                '<table cellpadding="6" border="1" style="border-collapse:collapse">'
                "<tr><th>As AWS is today</th><th>As the exam notes say</th></tr>"
                f"<tr><td>{html.escape(f.value_text())}<br>{html.escape(f.statement)}</td>"
                f'<td style="color:#b35c00">{html.escape(nv)}<br>'
                f"{html.escape(f.exam_notes.statement)}</td></tr></table>"
            )
        parts.append(
            f"<p>Source: {_ext(f.source.url, f.source.title)} (checked {f.checked.isoformat()})</p>"
        )
        about = [_link("service", x, self.pack.services[x].name) for x in f.about]
        parts.append(f"<p>About: {', '.join(about)}</p>")
        citing = self._options_html(self.graph.citing(f.id))
        if citing:
            parts.append("<h3>Plan options whose rules use it</h3>" + citing)
        parts.append(f'<p style="color:#6b6b6b">id: {html.escape(f.id)}</p>')
        return "".join(parts)
