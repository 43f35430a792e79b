"""The diagram canvas: a QGraphicsScene drawn from a :class:`~assistant.core.diagram.scene.Diagram`.

One scene for the canvas and the exports: every position, size, route, arrowhead, label box,
title and (in light mode) colour comes from :mod:`assistant.export.svg` and
:mod:`assistant.export.style`, so the canvas shows what a PNG, SVG or PDF export writes.

The model stays apart from the scene (as in orange-canvas-core): :meth:`DiagramScene.set_diagram`
rebuilds the items from a laid-out diagram and keeps id-to-item maps; the scene never changes
the model. Dragging a node only reports the new place (``node_moved``); whoever owns the
project pins it and hands back a new diagram.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QKeySequence,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from ..core.diagram.scene import Diagram, Node, Rect
from ..export import style as st
from ..export.icons import icon_for
from ..export.svg import (
    canvas_rect,
    edge_label_box,
    edge_route,
    group_depths,
    group_title,
    node_parts,
)
from .canvas_items import (
    EdgeItem,
    GroupItem,
    GroupTitleItem,
    TitleItem,
    draw_baseline_text,
    font_px,
    qrect,
    text_colour,
)
from .icon_cache import WIDGET_DEVICE, icon_pixmap, icon_renderer
from .theme import LIGHT, Theme

__all__ = ["DiagramScene", "DiagramView", "EdgeItem", "GroupItem", "NodeItem", "icon_renderer"]

MIN_ZOOM, MAX_ZOOM = 0.1, 8.0


class NodeItem(QGraphicsObject):
    """An icon with its label beneath, where the exports draw them; draggable to pin it."""

    def __init__(self, node: Node, rect: Rect, theme: Theme) -> None:
        super().__init__()
        self.node = node
        self.theme = theme
        placed = node if node.rect == rect else replace(node, rect=rect)
        self.parts = node_parts(placed)  # icon square and label lines, as in the SVG
        self.icon = icon_for(node)  # the icon every export draws for this node
        self._origin = QPointF(rect.x, rect.y)
        self._size = QSizeF(rect.w, rect.h)
        self.setPos(rect.x, rect.y)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setZValue(10)
        self.setToolTip(f"{node.label}\nClick for facts; drag to pin it in place.")
        self.setAcceptHoverEvents(True)
        self._hover = False
        self._press_pos: QPointF | None = None
        self._label_font = font_px(st.NODE_LABEL_SIZE)

    def icon_rect(self) -> QRectF:
        """The icon square in item coordinates (the SVG's icon box, moved with the item)."""
        return qrect(self.parts.icon).translated(-self._origin)

    def boundingRect(self) -> QRectF:
        box = QRectF(0, 0, self._size.width(), self._size.height())
        if self.parts.label_box is not None:
            box = box.united(qrect(self.parts.label_box).translated(-self._origin))
        return box.adjusted(-6, -6, 6, 6)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        t = self.theme
        ir = self.icon_rect()
        if self.isSelected() or self._hover or self.node.pinned:
            color = QColor(t.selection if self.isSelected() else t.muted)
            pen = QPen(color, 2 if self.isSelected() else 1)
            if self.node.pinned and not self.isSelected():
                pen.setStyle(Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(ir.adjusted(-4, -4, 4, 4), 8, 8)
        scale = painter.worldTransform().m11() * painter.device().devicePixelRatioF()
        device_px = max(8, min(1024, round(ir.width() * scale)))
        if device_px >= 1024 or painter.device().devType() != WIDGET_DEVICE:
            icon_renderer(self.icon).render(painter, ir)  # print/export: vectors
        else:
            source = QRectF(0, 0, device_px, device_px)
            painter.drawPixmap(ir, icon_pixmap(self.icon, device_px), source)
        painter.setPen(QColor(text_colour(t)))
        x = self.parts.text_x - self._origin.x()
        oy = self._origin.y()
        for line, baseline in zip(self.parts.lines, self.parts.baselines, strict=True):
            draw_baseline_text(painter, x, baseline - oy, line, self._label_font, self.parts.anchor)
        if self.node.pinned:
            # a small dot at the icon's corner says "placed by hand"
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(t.selection))
            painter.drawEllipse(QPointF(ir.right() + 2, ir.top() - 2), 3.5, 3.5)

    def hoverEnterEvent(self, event: object) -> None:
        self._hover = True
        self.update()

    def hoverLeaveEvent(self, event: object) -> None:
        self._hover = False
        self.update()

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self._press_pos = self.pos()
        self.setCursor(Qt.CursorShape.ClosedHandCursor)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        scene = self.scene()
        start, self._press_pos = self._press_pos, None
        if not isinstance(scene, DiagramScene) or start is None:
            return
        moved = (self.pos() - start).manhattanLength() > 2
        node_id, x, y = self.node.id, self.pos().x(), self.pos().y()
        # Queued: a listener may rebuild the scene, which deletes this very item.
        if moved:
            QTimer.singleShot(0, scene, lambda: scene.node_moved.emit(node_id, x, y))
        else:
            QTimer.singleShot(0, scene, lambda: scene.node_clicked.emit(node_id))


class DiagramScene(QGraphicsScene):
    """Items for one diagram, with maps from model ids to items. Geometry, sizes and light
    colours come from the SVG export's functions, so the canvas shows what an export writes."""

    node_clicked = Signal(str)
    node_moved = Signal(str, float, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme: Theme = LIGHT
        self.diagram: Diagram = Diagram()
        self.node_items: dict[str, NodeItem] = {}
        self.group_items: dict[str, GroupItem] = {}
        self.edge_items: dict[str, EdgeItem] = {}
        self.title_item: TitleItem | None = None
        self.group_titles: list[GroupTitleItem] = []
        self._selected: str | None = None
        self._keep_theme = True

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setBackgroundBrush(QBrush(QColor(theme.canvas)))
        self._keep_theme = False  # every item is drawn anew in the new colours
        self.set_diagram(self.diagram)

    def set_diagram(self, diagram: Diagram) -> None:
        """Show ``diagram`` (already laid out).

        Items are keyed by model id. An item whose model value (including its geometry) is
        unchanged is kept; every other one is replaced. A small edit (typing a number) so
        touches only what changed, and the scene never holds state the model does not.
        """
        self.diagram = diagram
        keep = self._keep_theme
        self._keep_theme = True
        placed = _placed(diagram)
        groups = self._sync_groups(placed, keep)
        edges = self._sync_edges(placed, keep)
        nodes = self._sync_nodes(placed, keep)
        # whatever is left belongs to the previous diagram only
        leftover: QGraphicsItem
        for leftover in (
            *self.group_items.values(),
            *self.edge_items.values(),
            *self.node_items.values(),
        ):
            self.removeItem(leftover)
        self.group_items, self.edge_items, self.node_items = groups, edges, nodes
        if self._selected in nodes:
            for nid, n in nodes.items():
                n.setSelected(nid == self._selected)
        else:
            self._selected = None
            self.clearSelection()
        self._set_title_and_rect(placed)

    def _sync_groups(self, diagram: Diagram, keep: bool) -> dict[str, GroupItem]:
        groups: dict[str, GroupItem] = {}
        depths = group_depths(diagram)
        for old_title in self.group_titles:
            self.removeItem(old_title)
        self.group_titles = []
        for group in diagram.groups:
            if group.rect is not None and group_title(group, depths[group.id]) is not None:
                title = GroupTitleItem(group, depths[group.id], self.theme)
                self.addItem(title)
                self.group_titles.append(title)
        for group in diagram.groups:
            old = self.group_items.pop(group.id, None)
            if keep and old is not None and old.model == group:
                groups[group.id] = old
                continue
            if old is not None:
                self.removeItem(old)
            if group.rect is None:
                continue
            item = GroupItem(group, group.rect, depths[group.id], self.theme)
            self.addItem(item)
            groups[group.id] = item
        return groups

    def _sync_edges(self, diagram: Diagram, keep: bool) -> dict[str, EdgeItem]:
        edges: dict[str, EdgeItem] = {}
        for edge in diagram.edges:
            old = self.edge_items.pop(edge.id, None)
            if keep and old is not None and old.edge == edge:
                edges[edge.id] = old
                continue
            if old is not None:
                self.removeItem(old)
            route = edge_route(diagram, edge)
            if len(route) < 2:
                continue
            box = edge_label_box(edge, route)
            item = EdgeItem(
                edge,
                [QPointF(x, y) for x, y in route],
                qrect(box) if box is not None else None,
                self.theme,
            )
            self.addItem(item)
            edges[edge.id] = item
        return edges

    def _sync_nodes(self, diagram: Diagram, keep: bool) -> dict[str, NodeItem]:
        nodes: dict[str, NodeItem] = {}
        for node in diagram.nodes:
            old = self.node_items.pop(node.id, None)
            if keep and old is not None and old.node == node:
                nodes[node.id] = old
                continue
            if old is not None:
                self.removeItem(old)
            if node.rect is None:
                continue
            item = NodeItem(node, node.rect, self.theme)
            self.addItem(item)
            nodes[node.id] = item
        return nodes

    def _set_title_and_rect(self, diagram: Diagram) -> None:
        if self.title_item is not None:
            self.removeItem(self.title_item)
            self.title_item = None
        if not diagram.nodes and not diagram.groups:
            self.setSceneRect(QRectF(0, 0, 1, 1))
            return
        canvas = canvas_rect(diagram)  # the area every export shows
        if diagram.title:
            self.title_item = TitleItem(diagram.title, canvas, self.theme)
            self.addItem(self.title_item)
        self.setSceneRect(qrect(canvas))

    def select_node(self, node_id: str | None) -> None:
        self._selected = node_id
        for nid, item in self.node_items.items():
            item.setSelected(nid == node_id)


def _placed(diagram: Diagram) -> Diagram:
    """The diagram with a box for every node; one the layout left without goes on a
    fallback row, so a half-made diagram still shows every node."""
    if all(n.rect is not None for n in diagram.nodes):
        return diagram
    x = 0.0
    nodes = []
    for n in diagram.nodes:
        if n.rect is None:
            n = replace(n, rect=Rect(x, 0, 120, 96))
            x += 140
        nodes.append(n)
    return replace(diagram, nodes=tuple(nodes))


class DiagramView(QGraphicsView):
    """Zoom, pan and fit around a :class:`DiagramScene`.

    The canvas other workspaces reuse: ``set_diagram()``, ``fit()``, ``zoom_in()``,
    ``zoom_out()``, and the signals ``node_clicked(id)`` and ``node_moved(id, x, y)``.
    Ctrl+wheel zooms, dragging the background pans, dragging a node moves it.
    """

    node_clicked = Signal(str)
    node_moved = Signal(str, float, float)
    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        self._scene = DiagramScene()
        super().__init__(self._scene, parent)
        # A viewport made here, set up by Qt as the one it makes (QGraphicsView's own is a
        # plain QWidget from setViewport(nullptr) too): PySide then knows its Python type.
        # The first viewport() of one Qt made walks every QWidget subclass to find its
        # type, initialising each (~20 ms of the app's start, before the first paint).
        self.setViewport(QWidget())
        self._scene.setParent(self)
        self._scene.node_clicked.connect(self.node_clicked)
        self._scene.node_moved.connect(self.node_moved)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Architecture diagram")
        self.setAccessibleDescription(
            "The diagram of the recommended architecture. "
            "The 'Diagram as text' tab lists it in words."
        )
        self._auto_fit = True
        self.empty_text = ""
        """Drawn centred in the theme's text colour while the diagram is empty (Plan's
        invitation to start); nothing when blank."""

    # --- the API other workspaces use ---

    def diagram_scene(self) -> DiagramScene:
        return self._scene

    def set_theme(self, theme: Theme) -> None:
        self._scene.set_theme(theme)

    def set_diagram(self, diagram: Diagram) -> None:
        """Show ``diagram``; keeps the zoom unless the view still follows the content (fit)."""
        self._scene.set_diagram(diagram)
        if self._auto_fit:
            self.fit()
        if self.empty_text:  # the invitation comes and goes with the whole diagram
            self.viewport().update()

    def fit(self) -> None:
        """Fit the whole diagram into the view (never enlarging past 100 %)."""
        rect = self._scene.sceneRect()
        if rect.isEmpty():
            return
        self.resetTransform()
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.transform().m11() > 1.0:
            self.resetTransform()
            self.centerOn(rect.center())
        self._auto_fit = True
        self.zoom_changed.emit(self.zoom())

    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float) -> None:
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        current = self.zoom()
        if current > 0:
            self.scale(factor / current, factor / current)
        self._auto_fit = False
        self.zoom_changed.emit(self.zoom())

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * 1.25)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / 1.25)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def select_node(self, node_id: str | None) -> None:
        self._scene.select_node(node_id)

    def showing_invitation(self) -> bool:
        """True while the view draws :attr:`empty_text` instead of a diagram."""
        diagram = self._scene.diagram
        return bool(self.empty_text) and not diagram.nodes and not diagram.groups

    # --- events ---

    def paintEvent(self, event: object) -> None:
        super().paintEvent(event)  # type: ignore[arg-type]
        if not self.showing_invitation():
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setPen(QColor(self._scene.theme.text))
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        painter.setFont(font)
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(self.viewport().rect().adjusted(24, 24, -24, -24), flags, self.empty_text)
        painter.end()

    def wheelEvent(self, event: object) -> None:
        from PySide6.QtGui import QWheelEvent

        assert isinstance(event, QWheelEvent)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.set_zoom(self.zoom() * (1.15**steps))
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: object) -> None:
        from PySide6.QtGui import QKeyEvent

        assert isinstance(event, QKeyEvent)
        if event.matches(QKeySequence.StandardKey.ZoomIn) or event.key() == Qt.Key.Key_Plus:
            self.zoom_in()
        elif event.matches(QKeySequence.StandardKey.ZoomOut) or event.key() == Qt.Key.Key_Minus:
            self.zoom_out()
        elif event.key() == Qt.Key.Key_0:
            self.fit()
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self._auto_fit:
            self.fit()
