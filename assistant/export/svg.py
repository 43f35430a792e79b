"""A laid-out :class:`~assistant.core.diagram.scene.Diagram` as a self-contained SVG document.

Pure Python (no Qt). The output is the source for the PNG and PDF exports too, so
it keeps to what QtSvg (SVG Tiny 1.2 plus a little) draws the same way a browser
does. Measured with Qt 6.12, librsvg and Chromium:

* no CSS (``<style>``, ``class``): presentation attributes only;
* no ``<use>`` of a ``<symbol>``: QtSvg ignores the ``width``/``height`` of the
  ``<use>``, so icons are inlined as a ``<g transform=...>`` per node instead;
* no ``<tspan x= dy=>``: QtSvg puts every tspan on one line, so each wrapped line
  is its own ``<text>``;
* no ``<marker>``: QtSvg only draws markers since Qt 6.7 and we support 6.6, so
  arrowheads are explicit triangles;
* ``font-family`` lists: QtSvg takes the whole list as one family name, so the
  Qt renderer asks for the stack resolved to one installed family
  (``font_family=``); browsers get the full generic stack.

Every text is XML-escaped; the document has no ``href`` other than ``#id``.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..core.diagram import sizes as lay
from ..core.diagram.scene import Diagram, Edge, Group, Node, Point, Rect
from ..core.pack.model import Pack
from . import style as st
from .icons import icon_for, icon_markup, load_icon

__all__ = [
    "ARROW_LENGTH",
    "MARGIN",
    "NodeParts",
    "arrowhead_points",
    "canvas_rect",
    "diagram_svg",
    "edge_label_box",
    "edge_route",
    "group_depths",
    "group_title",
    "node_parts",
    "rounded_bends",
    "shorten_end",
    "xml_escape",
]

MARGIN = 24.0
TITLE_BAND = 40.0
LABEL_LINE = 14.0
ARROW_LENGTH = 9.0
ARROW_HALF_WIDTH = 4.5
BEND_RADIUS = 6.0


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # characters not allowed in XML 1.0


def xml_escape(text: str) -> str:
    """Escape ``text`` for XML element content and double-quoted attributes.

    >>> xml_escape('<script>alert(1)</script> & "q"')
    '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;'
    """
    text = _CONTROL.sub("", text)
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def _n(value: float) -> str:
    """A coordinate: at most two decimals, no trailing zeros.

    >>> [_n(v) for v in (3.0, -0.0, 2.5, 2.999, -0.004, 1e20)]
    ['3', '0', '2.5', '3', '0', '100000000000000000000']
    """
    if value % 1 == 0:  # a whole number (most coordinates): nothing to round or trim
        return str(int(value))
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _require(rect: Rect | None, what: str) -> Rect:
    if rect is None:
        raise ValueError(f"{what} has no geometry: lay the diagram out first")
    return rect


# --- geometry shared with the other exporters ------------------------------------------------


@dataclass(frozen=True, slots=True)
class NodeParts:
    """Where a node's icon and label lines go, in diagram coordinates."""

    icon: Rect
    lines: tuple[str, ...]
    baselines: tuple[float, ...]
    label_box: Rect | None  # the area the label text covers, for extents
    text_x: float = 0.0  # where the lines are anchored: their centre, or their start
    anchor: str = "middle"  # SVG text-anchor: "middle" (below the icon) or "start" (beside)


@functools.lru_cache(maxsize=1024)
def node_parts(node: Node) -> NodeParts:
    """The icon square and the label lines of ``node``, as the layout planned them.

    A node box from :func:`assistant.core.diagram.layout.layout` holds the icon at its top and
    the wrapped label below it (the same lines the GUI draws). A smaller box (a
    hand-made diagram) is taken as the icon itself, with the label under it.

    Kept in memory for the nodes last asked for (a value of the frozen node alone): an
    export asks it ~8 times a node (extent, each edge end, the node itself).
    """
    r = _require(node.rect, f"node '{node.id}'")
    if node.label_side == "right" and r.w >= lay.ICON_SIZE and r.h >= lay.ICON_SIZE:
        return _side_parts(node, r)
    needed = lay.ICON_TOP + lay.ICON_SIZE + lay.NODE_LABEL_GAP + LABEL_LINE
    if r.h >= needed and r.w >= lay.ICON_SIZE:
        size = lay.ICON_SIZE
        icon = Rect(r.x + (r.w - size) / 2, r.y + lay.ICON_TOP, size, size)
        lines = [line for line in lay.node_label_lines(node.label) if line.strip()]
        lines = [st.ellipsize(line, st.NODE_LABEL_SIZE, max(r.w, 40)) for line in lines]
    else:
        size = min(st.ICON_SIZE, r.w, r.h)
        icon = Rect(r.x + (r.w - size) / 2, r.y + (r.h - size) / 2, size, size)
        lines = st.wrap_text(node.label, st.NODE_LABEL_SIZE, max(r.w + 24, 120.0), max_lines=3)
    first = max(icon.bottom, r.bottom if r.h < needed else icon.bottom) + lay.NODE_LABEL_GAP
    # baseline of a 12 px line centred in a LABEL_LINE-high row
    baselines = tuple(first + 10.5 + i * LABEL_LINE for i in range(len(lines)))
    box = None
    if lines:
        width = max(st.text_width(line, st.NODE_LABEL_SIZE) for line in lines)
        cx = icon.x + icon.w / 2
        box = Rect(cx - width / 2, first, width, len(lines) * LABEL_LINE + 2)
    return NodeParts(icon, tuple(lines), baselines, box, icon.x + icon.w / 2, "middle")


def _side_parts(node: Node, r: Rect) -> NodeParts:
    """A top-down node: the icon at the left, the label lines beside it, centred on it."""
    icon = lay.icon_rect(r, "right")
    lines = [line for line in lay.wrap_label(node.label, lay.SIDE_LABEL_WIDTH) if line.strip()]
    room = max(r.right - icon.right - lay.SIDE_LABEL_GAP, 40)
    lines = [st.ellipsize(line, st.NODE_LABEL_SIZE, room + 8) for line in lines]
    height = len(lines) * LABEL_LINE
    first = icon.y + (icon.h - height) / 2
    baselines = tuple(first + 10.5 + i * LABEL_LINE for i in range(len(lines)))
    x = icon.right + lay.SIDE_LABEL_GAP
    box = None
    if lines:
        width = max(st.text_width(line, st.NODE_LABEL_SIZE) for line in lines)
        box = Rect(x, first, width, height + 2)
    return NodeParts(icon, tuple(lines), baselines, box, x, "start")


def edge_label_box(edge: Edge, points: tuple[Point, ...] | None = None) -> Rect | None:
    """The white rounded box behind an edge label: the layout's ``label_rect``, widened
    when the text needs more room, or placed on the longest segment when there is none."""
    if not edge.label:
        return None
    text_w = st.text_width(edge.label, st.EDGE_LABEL_SIZE) + 10
    text_h = st.EDGE_LABEL_SIZE + 7
    if edge.label_rect is not None:
        lr = edge.label_rect
        cx, cy = lr.center
        w, h = max(lr.w, text_w), max(lr.h, text_h)
        return Rect(cx - w / 2, cy - h / 2, w, h)
    pts = points if points is not None else edge.points
    if len(pts) < 2:
        return None
    best = max(
        itertools.pairwise(pts), key=lambda s: abs(s[1][0] - s[0][0]) + abs(s[1][1] - s[0][1])
    )
    cx, cy = (best[0][0] + best[1][0]) / 2, (best[0][1] + best[1][1]) / 2
    return Rect(cx - text_w / 2, cy - text_h / 2, text_w, text_h)


def group_depths(diagram: Diagram) -> dict[str, int]:
    """Nesting depth of every group (0 = outermost)."""
    return {g.id: len(diagram.group_chain(g.id)) - 1 for g in diagram.groups}


def edge_route(diagram: Diagram, edge: Edge) -> tuple[Point, ...]:
    """The polyline to draw: the layout's route with its ends moved onto the icons.

    Without a route from the layout, a simple orthogonal one between the node boxes.
    """
    source, target = diagram.node(edge.source), diagram.node(edge.target)
    if len(edge.points) >= 2:
        pts = list(edge.points)
    else:
        # No route from the layout: right side of the source to the left side of the
        # target with one vertical jog.
        a = _require(source.rect, f"node '{edge.source}'")
        b = _require(target.rect, f"node '{edge.target}'")
        (ax, ay), (bx, by) = (a.right, a.center[1]), (b.x, b.center[1])
        mx = (ax + bx) / 2
        pts = (
            [(ax, ay), (bx, by)] if abs(ay - by) < 0.5 else [(ax, ay), (mx, ay), (mx, by), (bx, by)]
        )
    pts[0] = _onto_icon(source, pts[0], pts[1], 0.0)
    pts[-1] = _onto_icon(target, pts[-1], pts[-2], 0.0)
    return tuple(pts)


def _onto_icon(node: Node, end: Point, nxt: Point, gap: float) -> Point:
    """Move an edge end that sits on the side of a node box in to the icon's side.

    A layout node box is wider than its icon (the label needs room), so a line that
    stopped at the box would end in empty space; mingrammer's edges touch the icon.
    Only horizontal ends at the icon's height are moved, so nothing else is crossed.
    """
    if node.rect is None or abs(end[1] - nxt[1]) > 0.01:
        return end
    r, parts = node.rect, node_parts(node)
    icon = parts.icon
    if not icon.y - 5 <= end[1] <= icon.bottom + 5:
        return end
    left, right = icon.x - gap, icon.right + gap
    if end[1] > icon.bottom - ARROW_HALF_WIDTH and parts.label_box is not None:
        # at the height of the label's first line: stop beside the text, not on it
        left = min(left, parts.label_box.x - 4 - gap)
        right = max(right, parts.label_box.right + 4 + gap)
    if abs(end[0] - r.right) < 0.5 and nxt[0] >= end[0]:
        return (min(right, end[0]), end[1])
    if abs(end[0] - r.x) < 0.5 and nxt[0] <= end[0]:
        return (max(left, end[0]), end[1])
    return end


def _union(rects: Iterable[Rect]) -> Rect | None:
    rs = list(rects)
    if not rs:
        return None
    x0 = min(r.x for r in rs)
    y0 = min(r.y for r in rs)
    x1 = max(r.right for r in rs)
    y1 = max(r.bottom for r in rs)
    return Rect(x0, y0, x1 - x0, y1 - y0)


def _content_rect(diagram: Diagram) -> Rect:
    """Everything drawn: node boxes and labels, groups, edges and edge labels."""
    rects: list[Rect] = []
    for node in diagram.nodes:
        parts = node_parts(node)
        rects.append(_require(node.rect, f"node '{node.id}'"))
        if parts.label_box is not None:
            rects.append(parts.label_box)
    rects.extend(g.rect for g in diagram.groups if g.rect is not None)
    for edge in diagram.edges:
        pts = edge_route(diagram, edge)
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        rects.append(Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
        box = edge_label_box(edge, pts)
        if box is not None:
            rects.append(box)
    return _union(rects) or Rect(0, 0, 200, 100)


def canvas_rect(diagram: Diagram) -> Rect:
    """The area an export shows, in diagram units: the layout's ``bounds`` (which has its
    own margin), grown to hold everything drawn plus :data:`MARGIN`, and a band above
    for the title. A PNG at ``scale`` is ``ceil(w*scale) x ceil(h*scale)`` pixels."""
    c = _content_rect(diagram)
    padded = Rect(c.x - MARGIN, c.y - MARGIN, c.w + 2 * MARGIN, c.h + 2 * MARGIN)
    box = _union([padded, diagram.bounds]) if diagram.bounds is not None else padded
    assert box is not None
    if not diagram.title:
        return box
    w = max(box.w, st.text_width(diagram.title, st.TITLE_SIZE, bold=True) + 2 * MARGIN)
    return Rect(box.x, box.y - TITLE_BAND, w, box.h + TITLE_BAND)


# --- drawing ---------------------------------------------------------------------------------


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size: float,
    fill: str,
    family: str,
    anchor: str = "middle",
    weight: str = "normal",
) -> str:
    w = f' font-weight="{weight}"' if weight != "normal" else ""
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-family="{xml_escape(family)}" font-size="{_n(size)}"'
        f'{w} fill="{fill}" text-anchor="{anchor}">{xml_escape(text)}</text>'
    )


def _safe_id(prefix: str, raw: str, used: set[str]) -> str:
    base = prefix + re.sub(r"[^A-Za-z0-9_-]", "_", raw)
    out, i = base, 2
    while out in used:
        out, i = f"{base}-{i}", i + 1
    used.add(out)
    return out


def _group_svg(group: Group, depth: int, family: str, used: set[str]) -> str:
    r = _require(group.rect, f"group '{group.id}'")
    gs = st.group_style(group.style, depth)
    dash = ' stroke-dasharray="6 4"' if gs.dashed else ""
    gid = _safe_id("group-", group.id, used)
    parts = [
        f'<g id="{gid}">',
        f"<title>{xml_escape(group.label)}</title>",
        f'<rect x="{_n(r.x)}" y="{_n(r.y)}" width="{_n(r.w)}" height="{_n(r.h)}" rx="3" ry="3"'
        f' fill="{gs.fill}" stroke="{gs.stroke}" stroke-width="1.25"{dash}/>',
        "</g>",
    ]
    return "".join(parts)


def group_title(group: Group, depth: int) -> tuple[str, Rect] | None:
    """A group's title as drawn (shortened to fit) and the plate behind it, in the group's
    fill: titles are drawn above the edges, so a line passing under one never strikes it out."""
    r = _require(group.rect, f"group '{group.id}'")
    title = st.ellipsize(
        group.label, st.GROUP_TITLE_SIZE, max(r.w - 2 * lay.TITLE_INSET_X, 20), bold=True
    )
    if not title:
        return None
    width = st.text_width(title, st.GROUP_TITLE_SIZE, bold=True)
    plate = Rect(r.x + lay.TITLE_INSET_X - 3, r.y + lay.TITLE_INSET_Y - 1, width + 6, 16)
    return title, plate


def _group_title_svg(group: Group, depth: int, family: str) -> str:
    found = group_title(group, depth)
    if found is None:
        return ""
    title, plate = found
    gs = st.group_style(group.style, depth)
    r = _require(group.rect, f"group '{group.id}'")
    return (
        f'<g><rect x="{_n(plate.x)}" y="{_n(plate.y)}" width="{_n(plate.w)}"'
        f' height="{_n(plate.h)}" rx="2" ry="2" fill="{gs.fill}"/>'
        + _text(
            r.x + lay.TITLE_INSET_X,
            r.y + lay.TITLE_INSET_Y + 10.5,
            title,
            size=st.GROUP_TITLE_SIZE,
            fill=gs.text,
            family=family,
            anchor="start",
            weight="bold",
        )
        + "</g>"
    )


def _node_svg(node: Node, tooltip: str, family: str, used: set[str]) -> str:
    parts_ = node_parts(node)
    nid = _safe_id("node-", node.id, used)
    name = icon_for(node)
    icon = load_icon(name)
    vx, vy, vw, vh = icon.view_box
    scale = min(parts_.icon.w / vw, parts_.icon.h / vh) if vw and vh else 1.0
    transform = f"translate({_n(parts_.icon.x)} {_n(parts_.icon.y)}) scale({scale:.4g})"
    if vx or vy:
        transform += f" translate({_n(-vx)} {_n(-vy)})"
    out = [
        f'<g id="{nid}">',
        f"<title>{xml_escape(tooltip)}</title>",
        f'<g transform="{transform}">{icon_markup(name, nid)}</g>',
    ]
    for line, baseline in zip(parts_.lines, parts_.baselines, strict=True):
        out.append(
            _text(
                parts_.text_x,
                baseline,
                line,
                size=st.NODE_LABEL_SIZE,
                fill=st.TEXT_COLOUR,
                family=family,
                anchor=parts_.anchor,
            )
        )
    out.append("</g>")
    return "".join(out)


Bend = tuple[Point, Point, Point]
"""Where a line stops before a bend, the bend's corner, where the line goes on after it."""


def rounded_bends(points: tuple[Point, ...]) -> tuple[Point, list[Bend], Point]:
    """An orthogonal polyline with its bends rounded: the start, then per bend the point where
    the straight line stops, the bend (the control point of a quadratic curve) and the point
    where the line goes on, then the end. Each renderer draws it in its own syntax.

    >>> rounded_bends(((0, 0), (20, 0), (20, 20)))
    ((0, 0), [((14.0, 0.0), (20, 0), (20.0, 6.0))], (20, 20))
    """
    pts = [points[0]]
    for p in points[1:]:
        if abs(p[0] - pts[-1][0]) > 0.01 or abs(p[1] - pts[-1][1]) > 0.01:
            pts.append(p)
    bends: list[Bend] = []
    for i in range(1, len(pts) - 1):
        (x0, y0), (x1, y1), (x2, y2) = pts[i - 1], pts[i], pts[i + 1]
        l1 = math.hypot(x1 - x0, y1 - y0)
        l2 = math.hypot(x2 - x1, y2 - y1)
        r = min(BEND_RADIUS, l1 / 2, l2 / 2)
        a = (x1 - (x1 - x0) / l1 * r, y1 - (y1 - y0) / l1 * r)
        b = (x1 + (x2 - x1) / l2 * r, y1 + (y2 - y1) / l2 * r)
        bends.append((a, pts[i], b))
    return pts[0], bends, pts[-1]


def _rounded_path(points: tuple[Point, ...]) -> str:
    """The rounded polyline as SVG path data."""
    start, bends, end = rounded_bends(points)
    d = [f"M{_n(start[0])} {_n(start[1])}"]
    for (ax, ay), (x1, y1), (bx, by) in bends:
        d.append(f"L{_n(ax)} {_n(ay)}Q{_n(x1)} {_n(y1)} {_n(bx)} {_n(by)}")
    d.append(f"L{_n(end[0])} {_n(end[1])}")
    return "".join(d)


def shorten_end(points: tuple[Point, ...], by: float) -> tuple[Point, ...]:
    """The polyline with its last segment ``by`` shorter: the line stops under the
    arrowhead, whose tip is the route's end."""
    (x0, y0), (x1, y1) = points[-2], points[-1]
    length = math.hypot(x1 - x0, y1 - y0)
    if length <= by:
        return points
    f = (length - by) / length
    return (*points[:-1], (x0 + (x1 - x0) * f, y0 + (y1 - y0) * f))


def arrowhead_points(points: tuple[Point, ...]) -> tuple[Point, ...]:
    """The arrowhead triangle (tip first) at the end of a route; empty when the route has no
    length. The canvas draws the same triangle.

    >>> arrowhead_points(((0, 0), (20, 0)))
    ((20, 0), (11.0, 4.5), (11.0, -4.5))
    """
    tip = points[-1]
    for prev in reversed(points[:-1]):
        if math.hypot(tip[0] - prev[0], tip[1] - prev[1]) > 0.01:
            break
    else:
        return ()
    dx, dy = tip[0] - prev[0], tip[1] - prev[1]
    length = math.hypot(dx, dy)
    ux, uy = dx / length, dy / length
    bx, by = tip[0] - ux * ARROW_LENGTH, tip[1] - uy * ARROW_LENGTH
    left = (bx - uy * ARROW_HALF_WIDTH, by + ux * ARROW_HALF_WIDTH)
    right = (bx + uy * ARROW_HALF_WIDTH, by - ux * ARROW_HALF_WIDTH)
    return (tip, left, right)


def _arrowhead(points: tuple[Point, ...]) -> str:
    triangle = arrowhead_points(points)
    if not triangle:
        return ""
    pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in triangle)
    return f'<polygon points="{pts}" fill="{st.EDGE_COLOUR}"/>'


def _edge_title(diagram: Diagram, edge: Edge) -> str:
    """What a screen reader says for an edge: "Client -> Endpoint: HTTPS"."""
    text = f"{diagram.node(edge.source).label} → {diagram.node(edge.target).label}"
    return f"{text}: {edge.label}" if edge.label else text


def _edge_svg(diagram: Diagram, edge: Edge, used: set[str]) -> str:
    pts = edge_route(diagram, edge)
    eid = _safe_id("edge-", f"{edge.source}-{edge.target}", used)
    line = shorten_end(pts, ARROW_LENGTH - 1)
    return (
        f'<g id="{eid}"><title>{xml_escape(_edge_title(diagram, edge))}</title>'
        f'<path d="{_rounded_path(line)}" fill="none" stroke="{st.EDGE_COLOUR}"'
        f' stroke-width="1.5" stroke-linejoin="round" stroke-linecap="round"/>'
        f"{_arrowhead(pts)}</g>"
    )


def _edge_label_svg(diagram: Diagram, edge: Edge, family: str) -> str:
    box = edge_label_box(edge, edge_route(diagram, edge))
    if box is None:
        return ""
    cx, cy = box.center
    return (
        f'<g><rect x="{_n(box.x)}" y="{_n(box.y)}" width="{_n(box.w)}" height="{_n(box.h)}"'
        f' rx="4" ry="4" fill="#FFFFFF" stroke="#D5DBDB" stroke-width="0.75"/>'
        + _text(
            cx,
            cy + st.EDGE_LABEL_SIZE * 0.35,
            edge.label,
            size=st.EDGE_LABEL_SIZE,
            fill=st.MUTED_TEXT,
            family=family,
        )
        + "</g>"
    )


def _tooltip(node: Node, pack: Pack | None) -> str:
    service = pack.services.get(node.service) if pack is not None and node.service else None
    if service is None or service.name == node.label:
        return node.label
    return f"{node.label} ({service.name})"


def diagram_svg(
    diagram: Diagram,
    pack: Pack | None = None,
    *,
    transparent: bool = False,
    font_family: str = st.FONT_FAMILY,
) -> str:
    """The laid-out ``diagram`` as a standalone SVG document (UTF-8 text).

    Args:
        diagram: a diagram whose nodes, groups and edges have geometry.
        pack: used for node tooltips (the full service name); optional.
        transparent: leave out the white background.
        font_family: the ``font-family`` of every text; the Qt renderer passes one
            resolved family because QtSvg does not read a fallback list.

    Raises:
        ValueError: the diagram has not been laid out.
    """
    canvas = canvas_rect(diagram)
    used: set[str] = set()
    depths = group_depths(diagram)
    title = diagram.title or "Architecture diagram"
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        f' version="1.1" width="{_n(canvas.w)}" height="{_n(canvas.h)}"'
        f' viewBox="{_n(canvas.x)} {_n(canvas.y)} {_n(canvas.w)} {_n(canvas.h)}"'
        ' role="img" aria-labelledby="diagram-title">\n',
        f'<title id="diagram-title">{xml_escape(title)}</title>\n',
    ]
    if not transparent:
        out.append(
            f'<rect id="background" x="{_n(canvas.x)}" y="{_n(canvas.y)}" width="{_n(canvas.w)}"'
            f' height="{_n(canvas.h)}" fill="#FFFFFF"/>\n'
        )
    if diagram.title:
        out.append(
            _text(
                canvas.x + MARGIN,
                canvas.y + MARGIN + st.TITLE_SIZE * 0.8,
                diagram.title,
                size=st.TITLE_SIZE,
                fill=st.TEXT_COLOUR,
                family=font_family,
                anchor="start",
                weight="bold",
            )
            + "\n"
        )
    out.append('<g id="groups">\n')
    for group in sorted(diagram.groups, key=lambda g: depths[g.id]):
        out.append(_group_svg(group, depths[group.id], font_family, used) + "\n")
    out.append('</g>\n<g id="edges">\n')
    for edge in diagram.edges:
        out.append(_edge_svg(diagram, edge, used) + "\n")
    out.append('</g>\n<g id="group-titles">\n')
    for group in diagram.groups:
        title = _group_title_svg(group, depths[group.id], font_family)
        if title:
            out.append(title + "\n")
    out.append('</g>\n<g id="nodes">\n')
    for node in diagram.nodes:
        out.append(_node_svg(node, _tooltip(node, pack), font_family, used) + "\n")
    out.append('</g>\n<g id="edge-labels">\n')
    for edge in diagram.edges:
        label = _edge_label_svg(diagram, edge, font_family)
        if label:
            out.append(label + "\n")
    out.append("</g>\n</svg>\n")
    return "".join(out)
