"""The diagram canvas: a QGraphicsScene drawn from a :class:`~assistant.core.diagram.scene.Diagram`.

The model stays apart from the scene (as in orange-canvas-core): :meth:`DiagramScene.set_diagram`
rebuilds the items from a laid-out diagram and keeps id-to-item maps; the scene never changes
the model. Dragging a node only reports the new place (``node_moved``); whoever owns the
project pins it and hands back a new diagram.
"""

from __future__ import annotations

import math
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from ..core.diagram.layout import (
    ICON_SIZE,
    ICON_TOP,
    NODE_LABEL_GAP,
    TITLE_INSET_X,
    TITLE_INSET_Y,
    node_label_lines,
)
from ..core.diagram.scene import Diagram, Edge, Group, Node, Rect
from ..core.io.paths import resource_path
from .theme import LIGHT, Theme

__all__ = ["DiagramScene", "DiagramView", "icon_renderer"]

# Fonts in scene pixels: the core layout sizes text at 7 px per character, 14 px per line.
LABEL_PX = 11
TITLE_PX = 11
EDGE_LABEL_PX = 10
LINE_H = 14.0
_WIDGET_DEV = 1  # QInternal::Widget: painting on screen (pixmap cache); else vectors
MIN_ZOOM, MAX_ZOOM = 0.1, 8.0


@lru_cache(maxsize=128)
def icon_renderer(icon: str) -> QSvgRenderer:
    """The shared renderer for ``resources/icons/<icon>.svg`` (``generic`` when missing).

    SVG is drawn as vectors at paint time, so icons stay sharp at any zoom and on
    high-DPI screens.
    """
    path = resource_path("icons", f"{icon}.svg")
    if not path.is_file():
        path = resource_path("icons", "generic.svg")
    return QSvgRenderer(str(path))


_PIXMAPS: dict[tuple[str, int], QPixmap] = {}


def icon_pixmap(icon: str, device_px: int) -> QPixmap:
    """The icon rasterised at ``device_px`` device pixels, cached.

    Drawing a cached pixmap is several times faster than rendering the SVG on every paint,
    and rasterising at the device size (zoom x devicePixelRatio) keeps it sharp.
    """
    key = (icon, device_px)
    pix = _PIXMAPS.get(key)
    if pix is None:
        if len(_PIXMAPS) > 512:
            _PIXMAPS.clear()
        image = QImage(device_px, device_px, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        p = QPainter(image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        icon_renderer(icon).render(p, QRectF(0, 0, device_px, device_px))
        p.end()
        pix = QPixmap.fromImage(image)
        _PIXMAPS[key] = pix
    return pix


def _qrect(r: Rect) -> QRectF:
    return QRectF(r.x, r.y, r.w, r.h)


def _font(px: int, bold: bool = False) -> QFont:
    f = QFont()
    f.setPixelSize(px)
    f.setBold(bold)
    return f


class NodeItem(QGraphicsObject):
    """An icon with its label beneath, like mingrammer/diagrams; draggable to pin it."""

    def __init__(self, node: Node, rect: Rect, theme: Theme) -> None:
        super().__init__()
        self.node = node
        self.theme = theme
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
        self._label_font = _font(LABEL_PX)

    # geometry as the core layout sized it: a square icon at the top, label lines below
    def icon_rect(self) -> QRectF:
        return QRectF((self._size.width() - ICON_SIZE) / 2, ICON_TOP, ICON_SIZE, ICON_SIZE)

    def label_rect(self) -> QRectF:
        top = ICON_TOP + ICON_SIZE + NODE_LABEL_GAP
        return QRectF(0, top, self._size.width(), self._size.height() - top)

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self._size.width(), self._size.height()).adjusted(-4, -4, 4, 4)

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
        device_px = max(8, min(1024, round(ICON_SIZE * scale)))
        if device_px >= 1024 or painter.device().devType() != _WIDGET_DEV:
            icon_renderer(self.node.icon).render(painter, ir)  # print/export: vectors
        else:
            source = QRectF(0, 0, device_px, device_px)
            painter.drawPixmap(ir, icon_pixmap(self.node.icon, device_px), source)
        painter.setPen(QColor(t.text))
        painter.setFont(self._label_font)
        lr = self.label_rect()
        for i, line in enumerate(node_label_lines(self.node.label)):
            box = QRectF(-8, lr.top() + i * LINE_H, self._size.width() + 16, LINE_H)
            painter.drawText(
                box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, line
            )
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


class GroupItem(QGraphicsItem):
    """A labelled container drawn behind its members."""

    def __init__(self, group: Group, rect: Rect, depth: int, theme: Theme) -> None:
        super().__init__()
        self.model = group  # not "group": QGraphicsItem.group() is a Qt method
        self.theme = theme
        self._rect = QRectF(0, 0, rect.w, rect.h)
        self.setPos(rect.x, rect.y)
        self.setZValue(depth)
        self.setToolTip(group.label)
        self._font = _font(TITLE_PX, bold=True)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        border, fill, style = self.theme.group_colors(self.model.style)
        pen = QPen(QColor(border), 1.4, style)
        painter.setPen(pen)
        painter.setBrush(QColor(fill))
        painter.drawRoundedRect(self._rect, 6, 6)
        painter.setFont(self._font)
        painter.setPen(QColor(self.theme.group_label))
        title = QRectF(TITLE_INSET_X, TITLE_INSET_Y, self._rect.width() - TITLE_INSET_X - 4, LINE_H)
        text = QFontMetricsF(self._font).elidedText(
            self.model.label, Qt.TextElideMode.ElideRight, title.width()
        )
        painter.drawText(title, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)


class EdgeItem(QGraphicsItem):
    """An orthogonal polyline with an arrowhead and a label on a background plate."""

    ARROW = 9.0

    def __init__(self, edge: Edge, points: list[QPointF], label_rect: QRectF | None, theme: Theme):
        super().__init__()
        self.edge = edge
        self.theme = theme
        self._points = points
        self._label_rect = label_rect
        self._font = _font(EDGE_LABEL_PX)
        path = QPainterPath(points[0])
        for p in points[1:]:
            path.lineTo(p)
        self._path = path
        self._arrow = self._arrow_head(points)
        box = path.boundingRect().united(self._arrow.boundingRect())
        if label_rect is not None:
            box = box.united(label_rect)
        self._bounds = box.adjusted(-4, -4, 4, 4)
        self.setZValue(5)
        if edge.label:
            self.setToolTip(edge.label)

    def _arrow_head(self, pts: list[QPointF]) -> QPolygonF:
        tip, before = pts[-1], pts[-2]
        angle = math.atan2(tip.y() - before.y(), tip.x() - before.x())
        a = self.ARROW
        left = QPointF(tip.x() - a * math.cos(angle - 0.4), tip.y() - a * math.sin(angle - 0.4))
        right = QPointF(tip.x() - a * math.cos(angle + 0.4), tip.y() - a * math.sin(angle + 0.4))
        return QPolygonF([tip, left, right])

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        t = self.theme
        color = QColor(t.edge)
        painter.setPen(
            QPen(
                color,
                1.4,
                Qt.PenStyle.SolidLine,
                Qt.PenCapStyle.RoundCap,
                Qt.PenJoinStyle.RoundJoin,
            )
        )
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawPolygon(self._arrow)
        if self.edge.label and self._label_rect is not None:
            painter.setFont(self._font)
            plate = self._label_rect
            painter.setBrush(QColor(t.edge_label_bg))
            painter.drawRoundedRect(plate, 3, 3)
            painter.setPen(QColor(t.muted if not t.dark else t.text))
            painter.drawText(plate, Qt.AlignmentFlag.AlignCenter, self.edge.label)


class DiagramScene(QGraphicsScene):
    """Items for one diagram, with maps from model ids to items."""

    node_clicked = Signal(str)
    node_moved = Signal(str, float, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme: Theme = LIGHT
        self.diagram: Diagram = Diagram()
        self.node_items: dict[str, NodeItem] = {}
        self.group_items: dict[str, GroupItem] = {}
        self.edge_items: dict[str, EdgeItem] = {}
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
        rects = _node_rects(diagram)
        keep = self._keep_theme
        self._keep_theme = True

        groups: dict[str, GroupItem] = {}
        for group in diagram.groups:
            if group.rect is None:
                continue
            old = self.group_items.pop(group.id, None)
            if keep and old is not None and old.model == group:
                groups[group.id] = old
                continue
            if old is not None:
                self.removeItem(old)
            depth = len(diagram.group_chain(group.id))
            item = GroupItem(group, group.rect, depth, self.theme)
            self.addItem(item)
            groups[group.id] = item

        edges: dict[str, EdgeItem] = {}
        fm: QFontMetricsF | None = None
        for edge in diagram.edges:
            old_edge = self.edge_items.pop(edge.id, None)
            if keep and old_edge is not None and old_edge.edge == edge:
                edges[edge.id] = old_edge
                continue
            if old_edge is not None:
                self.removeItem(old_edge)
            points = [QPointF(x, y) for x, y in edge.points]
            if len(points) < 2:
                points = _straight(rects.get(edge.source), rects.get(edge.target))
            if len(points) < 2:
                continue
            label_rect = None
            if edge.label:
                fm = fm or QFontMetricsF(_font(EDGE_LABEL_PX))
                w, h = fm.horizontalAdvance(edge.label) + 6, fm.height() + 2
                if edge.label_rect is not None:
                    c = _qrect(edge.label_rect).center()
                    w = max(w, edge.label_rect.w)
                    h = max(h, edge.label_rect.h)
                else:
                    mid = len(points) // 2
                    c = points[mid - 1] + (points[mid] - points[mid - 1]) / 2
                label_rect = QRectF(c.x() - w / 2, c.y() - h / 2, w, h)
            edge_item = EdgeItem(edge, points, label_rect, self.theme)
            self.addItem(edge_item)
            edges[edge.id] = edge_item

        nodes: dict[str, NodeItem] = {}
        for node in diagram.nodes:
            rect = rects.get(node.id)
            old_node = self.node_items.pop(node.id, None)
            if keep and old_node is not None and old_node.node == node and node.rect is not None:
                nodes[node.id] = old_node
                continue
            if old_node is not None:
                self.removeItem(old_node)
            if rect is None:
                continue
            node_item = NodeItem(node, rect, self.theme)
            self.addItem(node_item)
            nodes[node.id] = node_item

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
        bounds = diagram.bounds
        box = _qrect(bounds) if bounds is not None else self.itemsBoundingRect()
        self.setSceneRect(box.adjusted(-20, -20, 20, 20))

    def select_node(self, node_id: str | None) -> None:
        self._selected = node_id
        for nid, item in self.node_items.items():
            item.setSelected(nid == node_id)


def _node_rects(diagram: Diagram) -> dict[str, Rect]:
    """Node rectangles; a node the layout left without one goes on a fallback row."""
    out: dict[str, Rect] = {}
    x = 0.0
    for n in diagram.nodes:
        if n.rect is not None:
            out[n.id] = n.rect
        else:
            out[n.id] = Rect(x, 0, 96, 96)
            x += 140
    return out


def _straight(a: Rect | None, b: Rect | None) -> list[QPointF]:
    if a is None or b is None:
        return []
    return [QPointF(a.right, a.center[1]), QPointF(b.x, b.center[1])]


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

    # --- events ---

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
