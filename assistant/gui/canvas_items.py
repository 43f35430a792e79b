"""The canvas's drawn pieces other than nodes: groups, their titles, edges and the diagram
title, each placed and styled as the SVG export draws it (see :mod:`assistant.gui.canvas`)."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from ..core.diagram.scene import Edge, Group, Rect
from ..core.diagram.sizes import TITLE_INSET_X, TITLE_INSET_Y
from ..export import style as st
from ..export.svg import (
    ARROW_LENGTH,
    arrowhead_points,
    group_title,
    rounded_bends,
    shorten_end,
)
from ..export.svg import MARGIN as SVG_MARGIN
from .theme import Theme

__all__ = [
    "EdgeItem",
    "GroupItem",
    "GroupTitleItem",
    "TitleItem",
    "draw_baseline_text",
    "font_family",
    "font_px",
    "qrect",
    "text_colour",
]


def qrect(r: Rect) -> QRectF:
    return QRectF(r.x, r.y, r.w, r.h)


@lru_cache(maxsize=1)
def font_family() -> str:
    """The one font family the exports draw with (QtSvg takes exactly one)."""
    from ..export.raster import qt_font_family

    return str(qt_font_family())


def font_px(px: float, bold: bool = False) -> QFont:
    f = QFont(font_family())
    f.setPixelSize(max(1, round(px)))
    f.setBold(bold)
    return f


def text_colour(theme: Theme) -> str:
    return theme.text if theme.dark else st.TEXT_COLOUR


def draw_baseline_text(
    painter: QPainter, x: float, baseline: float, text: str, font: QFont, anchor: str = "middle"
) -> None:
    """Text placed as the SVG places it: at a baseline, centred on ``x`` or starting there."""
    painter.setFont(font)
    if anchor == "middle":
        x -= QFontMetricsF(font).horizontalAdvance(text) / 2
    painter.drawText(QPointF(x, baseline), text)


class GroupItem(QGraphicsItem):
    """A labelled container drawn behind its members, in the exports' group style."""

    def __init__(self, group: Group, rect: Rect, depth: int, theme: Theme) -> None:
        super().__init__()
        self.model = group  # not "group": QGraphicsItem.group() is a Qt method
        self.theme = theme
        self.depth = depth  # 0 = outermost, as in the exports
        self._rect = QRectF(0, 0, rect.w, rect.h)
        self.setPos(rect.x, rect.y)
        self.setZValue(depth + 1)
        self.setToolTip(group.label)
        self.font_px = font_px(st.GROUP_TITLE_SIZE, bold=True)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        gs = st.group_style(self.model.style, self.depth)
        stroke, fill = QColor(gs.stroke), QColor(gs.fill)
        if self.theme.dark:  # same hue on the dark canvas: a faint fill
            fill = QColor(gs.stroke)
            fill.setAlpha(0x22)
        pen = QPen(stroke, 1.25, Qt.PenStyle.DashLine if gs.dashed else Qt.PenStyle.SolidLine)
        if gs.dashed:
            pen.setDashPattern([6 / 1.25, 4 / 1.25])
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(self._rect, 3, 3)


class GroupTitleItem(QGraphicsItem):
    """A group's title on a plate of the group's fill, above the edges (as in the exports)."""

    def __init__(self, group: Group, depth: int, theme: Theme) -> None:
        super().__init__()
        found = group_title(group, depth)
        assert found is not None and group.rect is not None
        self.text, plate = found
        self.model = group
        self.depth = depth
        self.theme = theme
        self._plate = qrect(plate)
        self._origin = QPointF(group.rect.x, group.rect.y)
        self.font_px = font_px(st.GROUP_TITLE_SIZE, bold=True)
        self.setZValue(6)  # above edges (5), below nodes (10)

    def boundingRect(self) -> QRectF:
        return self._plate.adjusted(-2, -2, 2, 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        gs = st.group_style(self.model.style, self.depth)
        painter.setPen(Qt.PenStyle.NoPen)
        if self.theme.dark:
            painter.setBrush(QColor(self.theme.canvas))
            painter.drawRoundedRect(self._plate, 2, 2)
            fill = QColor(gs.stroke)
            fill.setAlpha(0x22)
            painter.setBrush(fill)
        else:
            painter.setBrush(QColor(gs.fill))
        painter.drawRoundedRect(self._plate, 2, 2)
        painter.setPen(QColor(self.theme.group_label if self.theme.dark else gs.text))
        x = self._origin.x() + TITLE_INSET_X
        baseline = self._origin.y() + TITLE_INSET_Y + 10.5
        draw_baseline_text(painter, x, baseline, self.text, self.font_px, anchor="start")


class EdgeItem(QGraphicsItem):
    """The exported edge: the same route, arrowhead and label box as the SVG."""

    def __init__(self, edge: Edge, points: list[QPointF], label_rect: QRectF | None, theme: Theme):
        super().__init__()
        self.edge = edge
        self.theme = theme
        self._points = points
        self._label_rect = label_rect
        self.font_px = font_px(st.EDGE_LABEL_SIZE)
        route = tuple((p.x(), p.y()) for p in points)
        start, bends, end = rounded_bends(shorten_end(route, ARROW_LENGTH - 1))
        path = QPainterPath(QPointF(*start))
        for stop, corner, go_on in bends:  # rounded as every export rounds them
            path.lineTo(QPointF(*stop))
            path.quadTo(QPointF(*corner), QPointF(*go_on))
        path.lineTo(QPointF(*end))
        self._path = path
        self._arrow = QPolygonF([QPointF(x, y) for x, y in arrowhead_points(route)])
        box = path.boundingRect().united(self._arrow.boundingRect())
        if label_rect is not None:
            box = box.united(label_rect)
        self._bounds = box.adjusted(-4, -4, 4, 4)
        self.setZValue(5)
        if edge.label:
            self.setToolTip(edge.label)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        t = self.theme
        color = QColor(t.edge if t.dark else st.EDGE_COLOUR)
        painter.setPen(
            QPen(
                color,
                1.5,
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
            plate = self._label_rect
            painter.setPen(QPen(QColor("#D5DBDB" if not t.dark else t.muted), 0.75))
            painter.setBrush(QColor(t.edge_label_bg if t.dark else "#FFFFFF"))
            painter.drawRoundedRect(plate, 4, 4)
            painter.setPen(QColor(t.text if t.dark else st.MUTED_TEXT))
            c = plate.center()
            draw_baseline_text(
                painter, c.x(), c.y() + st.EDGE_LABEL_SIZE * 0.35, self.edge.label, self.font_px
            )


class TitleItem(QGraphicsSimpleTextItem):
    """The diagram's title, where the exports write it (above the drawing, top left)."""

    def __init__(self, title: str, canvas: Rect, theme: Theme) -> None:
        super().__init__(title)
        font = font_px(st.TITLE_SIZE, bold=True)
        self.setFont(font)
        self.setBrush(QColor(text_colour(theme)))
        baseline = canvas.y + SVG_MARGIN + st.TITLE_SIZE * 0.8
        self.setPos(canvas.x + SVG_MARGIN, baseline - QFontMetricsF(font).ascent())
        self.setZValue(1)
