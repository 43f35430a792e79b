"""A star laid out as a ring: one subject in the middle, its neighbours around it.

The layered layout draws a hub with twenty neighbours as a comb, two tall columns of ten. Around
a ring the same graph is about square and every edge is short and straight. Neighbours pointing
at the subject come first from the lower left, those it points at last towards the lower
right (as the layered layout would put them left and right); below the subject, where its
label is, the ring leaves a gap. Edges run straight from icon side to icon side; each edge
label is put where it overlaps no other label and no node.
"""

from __future__ import annotations

import math
from dataclasses import replace

from assistant.core.diagram.scene import Diagram, Edge, Point, Rect
from assistant.core.diagram.sizes import MARGIN, LayoutError, icon_rect, node_size

__all__ = ["ring_layout"]

_GAP = 36.0  # between two neighbours along the ring
_BOTTOM_GAP = math.radians(80)  # left free below the subject, where its label is
_MIN_RADIUS = 220.0
_LABEL_AT = (0.5, 0.62, 0.38, 0.72, 0.28, 0.8)  # where along an edge its label may go


def _clip(centre: Point, towards: Point, box: Rect) -> Point:
    """Where the segment from ``centre`` (inside ``box``) to ``towards`` leaves ``box``."""
    (cx, cy), (tx, ty) = centre, towards
    dx, dy = tx - cx, ty - cy
    scales = []
    if dx:
        scales.append(((box.right if dx > 0 else box.x) - cx) / dx)
    if dy:
        scales.append(((box.bottom if dy > 0 else box.y) - cy) / dy)
    f = min(s for s in scales if s > 0) if scales else 0.0
    return (cx + dx * f, cy + dy * f)


def _angles(n: int) -> list[float]:
    """``n`` angles (radians; y points down, so they turn clockwise) evenly round the ring,
    from the lower left through the top to the lower right, leaving a gap below the subject
    where its label is.

    >>> [round(math.degrees(a)) for a in _angles(3)]
    [177, 270, 363]
    """
    start = math.pi / 2 + _BOTTOM_GAP / 2
    step = (2 * math.pi - _BOTTOM_GAP) / n
    return [start + (i + 0.5) * step for i in range(n)]


def ring_layout(diagram: Diagram, subject: str) -> Diagram:
    """``diagram`` (a star around ``subject``: every edge touches it) with its neighbours on
    a ring, drawn straight from icon to icon.

    >>> from assistant.core.diagram.scene import Node
    >>> d = ring_layout(Diagram(nodes=(Node("c", "Centre"), Node("a", "A"), Node("b", "B")),
    ...                         edges=(Edge("a", "c", "feeds"), Edge("c", "b", "stores in"))), "c")
    >>> d.node("a").rect.center[0] < d.node("c").rect.center[0] < d.node("b").rect.center[0]
    True
    """
    ids = {n.id for n in diagram.nodes}
    if subject not in ids:
        raise LayoutError(f"ring layout: no node {subject!r}")
    if any(subject not in (e.source, e.target) for e in diagram.edges):
        raise LayoutError("ring layout: every edge must touch the subject")
    sizes = {n.id: node_size(n.label) for n in diagram.nodes}
    centres = _centres(diagram, subject, sizes)
    rects = {}
    for node in diagram.nodes:
        w, h = sizes[node.id]
        cx, cy = centres[node.id]
        rects[node.id] = Rect(cx - w / 2, cy - h / 2, w, h)
    edges = _straight_edges(diagram.edges, rects)
    nodes = tuple(replace(n, rect=rects[n.id]) for n in diagram.nodes)
    return _normalised(replace(diagram, nodes=nodes, edges=edges))


def _centres(
    diagram: Diagram, subject: str, sizes: dict[str, tuple[float, float]]
) -> dict[str, Point]:
    """The centre of each node: the subject at the origin, the others round the ring, left
    to right what points at the subject first and what it points at last."""
    incoming = {e.source for e in diagram.edges if e.target == subject}
    others = [n for n in diagram.nodes if n.id != subject]
    others = [n for n in others if n.id in incoming] + [n for n in others if n.id not in incoming]
    # The ring is long enough for every box side by side (and never tighter than a minimum).
    room = sum(max(sizes[n.id]) + _GAP for n in others)
    radius = max(_MIN_RADIUS, room / (2 * math.pi - _BOTTOM_GAP) / 1.1)
    centres: dict[str, Point] = {subject: (0.0, 0.0)}
    for node, angle in zip(others, _angles(len(others)), strict=True):
        centres[node.id] = (radius * 1.25 * math.cos(angle), radius * math.sin(angle))
    return centres


def _straight_edges(edges: tuple[Edge, ...], rects: dict[str, Rect]) -> tuple[Edge, ...]:
    """Each edge straight from icon side to icon side, its label where it overlaps no node
    and no label placed before it."""
    icons = {nid: icon_rect(r) for nid, r in rects.items()}
    placed: list[Rect] = list(rects.values())
    routed = []
    for e in edges:
        src, dst = icons[e.source], icons[e.target]
        start = _clip(src.center, dst.center, src)
        end = _clip(dst.center, src.center, dst)
        label = _label_box(e, start, end, placed)
        if label is not None:
            placed.append(label)
        routed.append(replace(e, points=(start, end), label_rect=label))
    return tuple(routed)


def _label_box(edge: Edge, start: Point, end: Point, placed: list[Rect]) -> Rect | None:
    if not edge.label:
        return None
    w, h = 7.0 * len(edge.label) + 8, 18.0
    box = None
    for f in _LABEL_AT:
        x = start[0] + (end[0] - start[0]) * f
        y = start[1] + (end[1] - start[1]) * f
        box = Rect(x - w / 2, y - h / 2, w, h)
        if not any(box.intersects(r) for r in placed):
            return box
    return box


def _normalised(d: Diagram) -> Diagram:
    """Moved so the drawing starts at (MARGIN, MARGIN), with its bounds."""
    rects = [n.rect for n in d.nodes if n.rect is not None]
    rects += [e.label_rect for e in d.edges if e.label_rect is not None]
    x0 = min(r.x for r in rects) - MARGIN
    y0 = min(r.y for r in rects) - MARGIN
    x1 = max(r.right for r in rects) + MARGIN
    y1 = max(r.bottom for r in rects) + MARGIN

    def move(r: Rect | None) -> Rect | None:
        return None if r is None else Rect(r.x - x0, r.y - y0, r.w, r.h)

    nodes = tuple(replace(n, rect=move(n.rect)) for n in d.nodes)
    edges = tuple(
        replace(
            e,
            points=tuple((x - x0, y - y0) for x, y in e.points),
            label_rect=move(e.label_rect),
        )
        for e in d.edges
    )
    return replace(d, nodes=nodes, edges=edges, bounds=Rect(0, 0, x1 - x0, y1 - y0))
