"""How well a laid-out diagram reads: what an edge passes through, where its label sits, how
many bends and crossings it has.

:func:`clearance_problems` lists what a reader would trip over: an edge through a group's
title, an edge through the label of another edge, an edge label nearer another edge's line
than its own. The layout avoids them (tests check every direction on random diagrams and on
the shipped examples) and ``auto`` counts :func:`bends` and :func:`crossings` when it weighs
top down against rows left to right (:func:`assistant.core.diagram.layout.layout`).

>>> from assistant.core.diagram.scene import Diagram, Edge, Group, Node, Rect
>>> a, b = Node("a", "A", rect=Rect(0, 0, 120, 96)), Node("b", "B", rect=Rect(0, 200, 120, 96))
>>> d = Diagram(
...     nodes=(a, b),
...     groups=(Group("g", "Group", rect=Rect(30, 150, 200, 160)),),
...     edges=(Edge("a", "b", points=((60, 56), (60, 208))),),
... )
>>> clearance_problems(d)
["edge 'a->b' passes through the title of group 'g'"]
>>> routes = [e.points for e in d.edges]
>>> bends(routes), crossings(routes)
(0, 0)
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import pairwise

from assistant.core.diagram.routing import segment_hits
from assistant.core.diagram.scene import Diagram, Edge, Point, Rect
from assistant.core.diagram.sizes import Measure, estimate_text_size, title_rect

__all__ = ["bends", "clearance_problems", "crossings"]


def _gap(p: Point, q: Point, r: Rect) -> float:
    """Distance between the axis-parallel segment p-q and the rectangle ``r``."""
    x0, x1 = min(p[0], q[0]), max(p[0], q[0])
    y0, y1 = min(p[1], q[1]), max(p[1], q[1])
    return math.hypot(max(r.x - x1, 0.0, x0 - r.right), max(r.y - y1, 0.0, y0 - r.bottom))


def _line_gap(points: Sequence[Point], r: Rect) -> float:
    return min((_gap(p, q, r) for p, q in pairwise(points)), default=math.inf)


def _is_loop(edge: Edge) -> bool:
    return edge.source == edge.target


def clearance_problems(d: Diagram, measure: Measure = estimate_text_size) -> list[str]:
    """What the edges of laid-out ``d`` run through or sit beside wrongly, one line each.

    An edge must not pass through a group's title (``measure`` sizes it, as in the layout)
    nor through another edge's label; an edge's label must be nearer its own line than any
    other edge's. A self-loop's label is exempt from the last rule: it sits in the next
    column, beside the loop but not always nearest to it.
    """
    out: list[str] = []
    titles = [(g.id, title_rect(g, measure)) for g in d.groups if g.rect is not None]
    labels = [(e.id, e.label_rect) for e in d.edges if e.label_rect is not None]
    for e in d.edges:
        for p, q in pairwise(e.points):
            for gid, t in titles:
                if segment_hits(p, q, t):
                    out.append(f"edge {e.id!r} passes through the title of group {gid!r}")
            for eid, r in labels:
                if r is not e.label_rect and segment_hits(p, q, r):
                    out.append(f"edge {e.id!r} passes through the label of edge {eid!r}")
    for e in d.edges:
        if e.label_rect is None or _is_loop(e):
            continue
        own = _line_gap(e.points, e.label_rect)
        for other in d.edges:
            if other is not e and _line_gap(other.points, e.label_rect) <= own:
                out.append(f"the label of edge {e.id!r} is as near edge {other.id!r} as its own")
    return list(dict.fromkeys(out))


def bends(routes: Sequence[Sequence[Point]]) -> int:
    """How many corners the edge routes (orthogonal polylines) turn, in all."""
    return sum(max(len(points) - 2, 0) for points in routes)


def crossings(routes: Sequence[Sequence[Point]]) -> int:
    """How many times a horizontal piece of one route crosses a vertical piece of another."""
    horizontal: list[tuple[float, float, float, int]] = []
    vertical: list[tuple[float, float, float, int]] = []
    for k, points in enumerate(routes):
        for p, q in pairwise(points):
            if p[1] == q[1]:
                horizontal.append((p[1], min(p[0], q[0]), max(p[0], q[0]), k))
            else:
                vertical.append((p[0], min(p[1], q[1]), max(p[1], q[1]), k))
    vertical.sort()  # by x: each horizontal piece looks only at those strictly inside it
    xs = [v[0] for v in vertical]
    count = 0
    for y, x0, x1, a in horizontal:
        for i in range(bisect_right(xs, x0), bisect_left(xs, x1)):
            _, y0, y1, b = vertical[i]
            if a != b and y0 < y < y1:
                count += 1
    return count
