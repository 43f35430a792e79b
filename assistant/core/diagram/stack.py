"""Diagrams of several paths stacked on a page: a shared band on top, one frame per path below.

A project with several inference paths draws them in one diagram (see
:mod:`assistant.core.decide.multipath`): what the paths share (the raw data, the training job,
the model artifacts) once, and each path in a top-level group of style :data:`PATH_STYLE`. Laid
out as one layered drawing, each path is one long row whose frame spans every column, so it
cannot be wrapped, and the drawing is as wide as the longest path plus the shared stages.

:func:`stack_paths` lays out each part on its own instead: the shared nodes (and any other
node outside the paths) as a band, each path's content wrapped into rows within the page
width (cut where the rows are shortest, not most even: a part has its width given and its
height is the page's), and stacks them: the band on top, the path frames below it, one above
the other, all as wide as the widest. An edge between two parts runs inside each (as the
layered layout routes it, with its label) to a *port*: a point alone in the part's first
column for an edge out of a path (data sources feeding shared storage), in its last column
for an edge out of the band (model artifacts into each path's endpoint). From the port it
goes straight to its own lane in a corridor left (first) or right (last) of everything, along
the corridor and into the other part the same way. A port is the leftmost (rightmost) thing
of its part, so the horizontal piece between the corridor and the port crosses nothing but
its own frame's border.
The ports' columns take no room in the stack (:func:`extent`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from assistant.core.diagram.routing import simplify, union
from assistant.core.diagram.scene import Diagram, Edge, Group, Node, Point, Rect
from assistant.core.diagram.sizes import (
    GROUP_PADDING,
    MARGIN,
    TITLE_GAP,
    TITLE_INSET_X,
    TITLE_INSET_Y,
    Measure,
)

__all__ = ["PAGE_WIDTH", "PATH_STYLE", "BlockLayout", "extent", "path_groups", "stack_paths"]

PATH_STYLE = "path"
"""The style of a top-level group that holds one path of a multi-path diagram."""
PAGE_WIDTH = 1248.0
"""The widest a stacked drawing gets: its 12 px text is still 11.5 px when the drawing is
placed 1,200 px wide (a wrapped single path aims at 1,200 px, with room for its aspect)."""
BlockLayout = Callable[[Diagram, Mapping[str, str], float], Diagram]
"""Lays out one part: (diagram, its port nodes' ids -> "first" or "last" rank, the width its
drawing may take)."""
_GAP = 8.0  # between the band and the first frame, and between two frames
_LANE_SEP = 6.0  # between two lanes of the corridor
_CORRIDOR_PAD = 12.0  # between the innermost lane and the frames
_FRAME_BOTTOM = 8.0  # between a path's content and its frame's bottom (a node box ends in
# empty room below its label already; a group's other sides keep GROUP_PADDING)


def path_groups(diagram: Diagram) -> tuple[Group, ...]:
    """The top-level groups of style :data:`PATH_STYLE`, in the diagram's order.

    >>> path_groups(Diagram(groups=(Group("p", "Path: api", style="path"), Group("vpc", "VPC"))))
    (Group(id='p', label='Path: api', parent=None, style='path', rect=None),)
    """
    return tuple(g for g in diagram.groups if g.parent is None and g.style == PATH_STYLE)


@dataclass(slots=True)
class _Part:
    """One part to lay out on its own: the band (number 0) or a path."""

    nodes: list[Node] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    refs: list[tuple[int, str]] = field(default_factory=list)  # per edge: (original, piece)
    ports: dict[str, str] = field(default_factory=dict)  # port id -> "first" or "last"


def _split(diagram: Diagram, paths: Sequence[Group]) -> tuple[list[_Part], list[int]]:
    """The parts, and the original indices of the edges between two parts."""
    index = {g.id: i + 1 for i, g in enumerate(paths)}
    parents = {g.id: g.parent for g in diagram.groups}

    def part_of(group: str | None) -> int:
        while group is not None and parents.get(group) is not None:
            group = parents[group]
        return index.get(group, 0) if group is not None else 0

    parts = [_Part() for _ in range(len(paths) + 1)]
    node_part: dict[str, int] = {}
    for n in diagram.nodes:
        node_part[n.id] = b = part_of(n.group)
        parts[b].nodes.append(replace(n, group=None if n.group in index else n.group, rect=None))
    for g in diagram.groups:
        if g.id not in index:
            parent = None if g.parent in index else g.parent
            parts[part_of(g.id)].groups.append(replace(g, parent=parent, rect=None))
    crossing: list[int] = []
    for i, e in enumerate(diagram.edges):
        bs, bt = node_part[e.source], node_part[e.target]
        if bs == bt:
            parts[bs].edges.append(replace(e, points=(), label_rect=None))
            parts[bs].refs.append((i, "whole"))
            continue
        crossing.append(i)
        # The label goes with the piece in the band, where the paths' edges to one shared
        # node meet (a path's width is what wraps it into rows). Out of the band, an edge
        # leaves to the right and enters its path from the right (down the right side of the
        # page); out of a path, it leaves and enters on the left.
        at_source = bs != 0
        side = "first" if bs != 0 else "last"
        for b, piece in ((bs, "source"), (bt, "target")):
            port = f"\0{i}{piece}"
            parts[b].nodes.append(Node(port, ""))
            parts[b].ports[port] = side
            label = e.label if at_source == (piece == "source") else ""
            edge = Edge(e.source, port, label) if piece == "source" else Edge(port, e.target, label)
            parts[b].edges.append(edge)
            parts[b].refs.append((i, piece))
    return parts, crossing


def _lanes(parts: list[_Part], crossing: list[int]) -> tuple[int, int]:
    """How many edges between parts run down the left and down the right corridor."""
    right = sum(1 for p in parts for side in p.ports.values() if side == "last") // 2
    return len(crossing) - right, right


def _corridor(lanes: int) -> float:
    return (lanes - 1) * _LANE_SEP + _CORRIDOR_PAD if lanes else 0.0


def extent(d: Diagram, ports: Mapping[str, str]) -> Rect:
    """The box of a laid-out part without its ports and the edge ends at them: an edge from
    a port goes on to its corridor anyway, so the port's own column takes no room.

    >>> d = Diagram(nodes=(Node("a", "A", rect=Rect(0, 0, 120, 96)), Node("p", "", rect=Rect(
    ...     300, 40, 8, 8))), edges=(Edge("a", "p", points=((84, 44), (300, 44))),))
    >>> extent(d, {"p": "last"})
    Rect(x=0, y=0, w=120, h=96)
    """
    rects = [n.rect for n in d.nodes if n.rect is not None and n.id not in ports]
    rects += [g.rect for g in d.groups if g.rect is not None]
    rects += [e.label_rect for e in d.edges if e.label_rect is not None]
    for e in d.edges:
        pts = e.points[1:] if e.source in ports else e.points
        pts = pts[:-1] if e.target in ports else pts
        rects += [Rect(x, y, 0, 0) for x, y in pts]
    return union(rects) if rects else Rect(0, 0, 0, 0)


@dataclass(slots=True)
class _Placed:
    """The stacked geometry, by id and by original edge index."""

    nodes: dict[str, Rect] = field(default_factory=dict)
    groups: dict[str, Rect] = field(default_factory=dict)
    pieces: dict[tuple[int, str], tuple[Point, ...]] = field(default_factory=dict)
    labels: dict[int, Rect] = field(default_factory=dict)

    def add(self, part: _Part, laid: Diagram, dx: float, dy: float) -> None:
        def move(r: Rect) -> Rect:
            return Rect(r.x + dx, r.y + dy, r.w, r.h)

        for n in laid.nodes:
            if n.rect is not None and n.id not in part.ports:
                self.nodes[n.id] = move(n.rect)
        for g in laid.groups:
            if g.rect is not None:
                self.groups[g.id] = move(g.rect)
        for (i, piece), e in zip(part.refs, laid.edges, strict=True):
            self.pieces[(i, piece)] = tuple((x + dx, y + dy) for x, y in e.points)
            if e.label_rect is not None:
                self.labels[i] = move(e.label_rect)


def stack_paths(
    diagram: Diagram,
    paths: Sequence[Group],
    lay_out: BlockLayout,
    measure: Measure,
    page_width: float = PAGE_WIDTH,
) -> Diagram:
    """``diagram`` laid out as a band of what lies outside ``paths`` over a frame per path.

    ``lay_out`` lays out one part within a width (the layout engine, wrapping into rows);
    ``measure`` sizes the frames' titles. See the module's docstring for the picture.
    """
    parts, crossing = _split(diagram, paths)
    lanes_left, lanes_right = _lanes(parts, crossing)
    left = MARGIN + _corridor(lanes_left)
    width = page_width - 2 * MARGIN - _corridor(lanes_left) - _corridor(lanes_right)
    laid = [
        lay_out(
            Diagram(tuple(p.nodes), tuple(p.groups), tuple(p.edges)),
            p.ports,
            width - (2 * GROUP_PADDING if b else 0.0),
        )
        if p.nodes or p.groups
        else None
        for b, p in enumerate(parts)
    ]
    extents = [
        extent(d, p.ports) if d is not None else Rect(0, 0, 0, 0)
        for d, p in zip(laid, parts, strict=True)
    ]
    titles = [measure(g.label) for g in paths]
    frame_w = max(
        [extents[0].w]
        + [e.w + 2 * GROUP_PADDING for e in extents[1:]]
        + [w + 2 * TITLE_INSET_X for w, _ in titles]
    )
    placed = _Placed()
    y = MARGIN
    if laid[0] is not None:
        placed.add(parts[0], laid[0], left - extents[0].x, y - extents[0].y)
        y += extents[0].h + _GAP
    for b, group in enumerate(paths, start=1):
        band = TITLE_INSET_Y + titles[b - 1][1] + TITLE_GAP
        e = extents[b]
        d = laid[b]
        if d is not None:
            placed.add(parts[b], d, left + GROUP_PADDING - e.x, y + band - e.y)
        height = band + e.h + _FRAME_BOTTOM
        placed.groups[group.id] = Rect(left, y, frame_w, height)
        y += height + _GAP
    right = left + frame_w + _CORRIDOR_PAD
    on_right = {i for i in crossing if parts[0].ports.get(f"\0{i}source") == "last"}
    return _assemble(diagram, placed, crossing, on_right, right)


def _assemble(
    diagram: Diagram, placed: _Placed, crossing: list[int], on_right: set[int], right: float
) -> Diagram:
    """The laid-out copy: each edge between parts joined through its lane of a corridor (the
    longest ones outermost, so a lane's horizontal ends cross fewer others)."""
    points: dict[int, tuple[Point, ...]] = {}
    joins: dict[bool, list[tuple[float, int]]] = {False: [], True: []}
    for i in crossing:
        ys, yt = placed.pieces[(i, "source")][-1][1], placed.pieces[(i, "target")][0][1]
        joins[i in on_right].append((-abs(ys - yt), i))
    for side, inner in (
        (False, MARGIN + _corridor(len(joins[False])) - _CORRIDOR_PAD),
        (True, right),
    ):
        for lane, (_, i) in enumerate(sorted(joins[side], reverse=True)):
            x = inner + lane * _LANE_SEP if side else inner - lane * _LANE_SEP
            source, target = placed.pieces[(i, "source")], placed.pieces[(i, "target")]
            points[i] = simplify([*source[:-1], (x, source[-1][1]), (x, target[0][1]), *target[1:]])
    edges = tuple(
        replace(
            e,
            points=points[i] if i in points else placed.pieces[(i, "whole")],
            label_rect=placed.labels.get(i),
        )
        for i, e in enumerate(diagram.edges)
    )
    nodes = tuple(replace(n, rect=placed.nodes[n.id], pinned=False) for n in diagram.nodes)
    groups = tuple(replace(g, rect=placed.groups[g.id]) for g in diagram.groups)
    rects = [*placed.nodes.values(), *placed.groups.values(), *placed.labels.values()]
    rects += [Rect(x, y, 0, 0) for e in edges for x, y in e.points]
    box = union(rects)
    x0, y0 = min(0.0, box.x - MARGIN), min(0.0, box.y - MARGIN)
    bounds = Rect(x0, y0, box.right + MARGIN - x0, box.bottom + MARGIN - y0)
    return replace(diagram, nodes=nodes, groups=groups, edges=edges, bounds=bounds)
