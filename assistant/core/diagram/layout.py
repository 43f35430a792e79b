"""Layered layout of architecture diagrams, left to right or top down.

:func:`layout` takes a :class:`~assistant.core.diagram.scene.Diagram` and returns a copy with every
node box, group box, edge polyline and edge-label box filled in. It is pure Python (no Qt), so the
GUI, the exporters and the CLI draw the same picture.

The algorithm is a Sugiyama-style layered layout extended to nested groups:

1. Cycles are broken by reversing the edges that point backwards in the greedy Eades-Lin-Smyth
   order (nodes and edges are taken in id order, so the input order does not matter); layers are
   topological generations (Kahn's algorithm, as networkx computes them), then nodes that only
   feed later stages (sources, chains hanging off them) are pulled right, next to their first
   successor.
2. Ranks are doubled: nodes sit on even ranks; edge labels and the bends of long edges are dummy
   leaves on the odd ranks and on the node ranks they cross. Every group is a block that is
   contiguous in each rank it spans; sibling blocks keep one order in all ranks, so their boxes
   can be stacked without overlapping. Barycenter sweeps reorder the blocks to reduce crossings.
3. Vertical positions come from a separation-constraint DAG over leaves and group borders
   (padding, title band), compacted Brandes-Koepf style in four directions and combined by
   median, which keeps every constraint satisfied.
4. Columns are placed left to right leaving room for group borders, titles and one vertical
   channel per edge bend; edges are routed horizontal-vertical-horizontal through the channels.
5. Pinned nodes are then moved to their pins, the groups holding them grown to enclose them, and
   the edges touching them re-routed around node boxes.

Top down is the same layout transposed (a group's title then lies across the order axis, and
the leaves an edge comes into keep clear of it). ``auto`` weighs rows left to right against top
down with :mod:`.quality` (see :func:`layout`).

A diagram of several paths (top-level groups of style ``"path"``) is laid out part by part
and stacked by :mod:`.stack`. Each stage is a module (:mod:`.ranking`, :mod:`.ordering`,
:mod:`.placement`, :mod:`.routing`, :mod:`.pins`) holding a mixin over the shared
:class:`~.state.LayoutState`; node and text sizes are in :mod:`.sizes`. This module validates
the input, runs the stages and builds the result.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import replace

from assistant.core.diagram.ordering import Ordering
from assistant.core.diagram.pins import Pins
from assistant.core.diagram.placement import Placement
from assistant.core.diagram.quality import bends, crossings
from assistant.core.diagram.ranking import Ranking, topological_generations
from assistant.core.diagram.routing import Routing
from assistant.core.diagram.scene import Diagram, Edge, Group, Rect
from assistant.core.diagram.sizes import (
    DIRECTIONS,
    GROUP_PADDING,
    ICON_SIZE,
    ICON_TOP,
    LABEL_PADDING,
    MARGIN,
    NODE_HEIGHT,
    NODE_LABEL_GAP,
    NODE_LABEL_INSET,
    NODE_WIDTH,
    TITLE_GAP,
    TITLE_INSET_X,
    TITLE_INSET_Y,
    LayoutError,
    Measure,
    estimate_text_size,
    node_label_lines,
    node_size,
    side_node_size,
    title_rect,
    wrap_label,
)
from assistant.core.diagram.stack import path_groups, stack_paths
from assistant.core.diagram.wrap import (
    ASPECT_RANGE,
    TARGET_WIDTH,
    Drawing,
    choose_rows,
    fits_page,
)

__all__ = [
    "DIRECTIONS",
    "GROUP_PADDING",
    "ICON_SIZE",
    "ICON_TOP",
    "LABEL_PADDING",
    "MARGIN",
    "NODE_HEIGHT",
    "NODE_LABEL_GAP",
    "NODE_LABEL_INSET",
    "NODE_WIDTH",
    "TITLE_BAND",
    "TITLE_GAP",
    "TITLE_INSET_X",
    "TITLE_INSET_Y",
    "LayoutError",
    "Measure",
    "estimate_text_size",
    "layout",
    "node_label_lines",
    "node_size",
    "title_rect",
    "topological_generations",
    "wrap_label",
]


TITLE_BAND = 40.0
"""Height the exporters add above a diagram for its title (kept in mind for the aspect)."""


def layout(
    diagram: Diagram,
    pins: Mapping[str, tuple[float, float]] | None = None,
    measure: Callable[[str], tuple[float, float]] | None = None,
    direction: str = "auto",
) -> Diagram:
    """Return a copy of ``diagram`` with all geometry filled in.

    Args:
        diagram: the model; existing geometry in it is ignored.
        pins: node id -> (x, y) of the node box's top-left corner. Pinned nodes are placed
            there exactly (``Node.pinned`` is set) and the groups holding them grow to enclose
            them; the other nodes keep the positions they would have without pins. Pins for
            ids not in the diagram are ignored (a project may outlive a node).
        measure: (width, height) in px of a line of text; defaults to
            :func:`estimate_text_size`.
        direction: ``"lr"`` one row left to right; ``"tb"`` top down; ``"auto"`` (default)
            one row left to right when it fits a page (between 0.6:1 and 2.2:1 with the
            title band and margins, and at most 1,200 px wide:
            :func:`assistant.core.diagram.wrap.fits_page`). When it does not, the flow
            wrapped into as many rows as it takes to fit
            (:func:`assistant.core.diagram.wrap.choose_rows`), or top down if that drawing
            fits the page too, with no more edge crossings and fewer bends than the rows
            (:mod:`.quality`; rows cost a detour for every edge that crosses a cut). Ties
            keep the rows, so the choice is deterministic. A diagram with top-level groups
            of style ``"path"`` (several inference paths) is stacked: what lies outside them
            as a band on top, each path's frame below it (:mod:`.stack`).

    Raises:
        LayoutError: (a ``ValueError``) naming every edge with an unknown end, every duplicate
            id and every group with an unknown or cyclic parent; or an unknown direction.

    >>> from assistant.core.diagram.scene import Node
    >>> d = layout(Diagram(nodes=(Node("a", "Client"), Node("b", "Endpoint")),
    ...                    edges=(Edge("a", "b", "HTTPS"),)), direction="lr")
    >>> a, b = d.node("a").rect, d.node("b").rect
    >>> a.right < b.x and a.y == b.y
    True
    >>> d.edges[0].points == ((a.right - 36, a.y + 32), (b.x + 36, b.y + 32))  # icon to icon
    True
    >>> layout(Diagram()).bounds
    Rect(x=0, y=0, w=0, h=0)
    """
    if direction not in DIRECTIONS:
        raise LayoutError(f"unknown direction {direction!r} (valid: {', '.join(DIRECTIONS)})")
    _validate(diagram)
    if not diagram.nodes and not diagram.groups:
        return replace(diagram, bounds=Rect(0, 0, 0, 0))
    measure = _cached(measure or estimate_text_size)
    paths = path_groups(diagram) if direction == "auto" else ()
    if paths:
        return _stacked(diagram, paths, measure, pins)
    engine = _Engine(diagram, measure, direction == "tb")
    engine.run()
    if direction == "tb":
        engine.transpose()
    if direction == "auto":
        engine = _rows_or_top_down(diagram, measure, engine, TITLE_BAND if diagram.title else 0.0)
    if pins:
        engine.apply_pins(pins)
    return engine.result()


def _stacked(
    diagram: Diagram,
    paths: tuple[Group, ...],
    measure: Measure,
    pins: Mapping[str, tuple[float, float]] | None,
) -> Diagram:
    """A multi-path diagram: its parts laid out on their own and stacked (see :mod:`.stack`),
    then the pins applied as in a single layout."""

    def part(sub: Diagram, ports: Mapping[str, str], width: float) -> Diagram:
        engine = _Engine(sub, measure, ports=ports)
        engine.run()
        if ports:  # the ports' column takes no room in the stack: let the row be that wider
            width += engine.port_slack()
        engine.wrap(0.0, width, (0.0, math.inf), 0.0, shortest=True)
        return engine.result()

    stacked = stack_paths(diagram, paths, part, measure)
    if not pins or not any(n.id in pins for n in diagram.nodes):
        return stacked
    engine = _Engine(diagram, measure)
    engine.run()  # the state the pins need (ranks, groups' members, edges' ends)
    engine.adopt(stacked)
    engine.apply_pins(pins)
    return engine.result()


def _rows_or_top_down(
    diagram: Diagram, measure: Measure, engine: _Engine, title_band: float
) -> _Engine:
    """``auto`` for one drawing: the row that fits the page, else the rows or the top-down
    drawing, whichever reads better (the rule is in :func:`layout`'s docstring)."""
    if fits_page(engine.drawing(), title_band):
        return engine
    engine.wrap(title_band)
    row_width: dict[int, float] = {}  # top down, a rank is a row of side-labelled nodes
    for i, node in enumerate(engine.nodes):
        row_width[engine.layer[i]] = (
            row_width.get(engine.layer[i], 0.0) + side_node_size(node.label, measure)[0]
        )
    if max(row_width.values(), default=0.0) + 2 * MARGIN > TARGET_WIDTH:
        return engine  # top down could not fit the page width: skip laying it out
    top_down = _Engine(diagram, measure, top_down=True)
    top_down.run(ordered=engine)  # the same ranks and order: only the sizes differ
    top_down.transpose()
    rows, tb = engine.drawing().edges, top_down.drawing()
    if (
        fits_page(tb, title_band)
        and crossings(tb.edges) <= crossings(rows)
        and bends(tb.edges) < bends(rows)
    ):
        return top_down
    return engine


def _cached(measure: Measure) -> Measure:
    cache: dict[str, tuple[float, float]] = {}

    def cached(text: str) -> tuple[float, float]:
        size = cache.get(text)
        if size is None:
            w, h = measure(text)
            size = cache[text] = (float(w), float(h))
        return size

    return cached


def _validate(diagram: Diagram) -> None:
    """Collect every structural problem and raise them together."""
    errors: list[str] = []
    node_ids: set[str] = set()
    for node in diagram.nodes:
        if node.id in node_ids:
            errors.append(f"node {node.id!r}: duplicate id")
        node_ids.add(node.id)
    parents: dict[str, str | None] = {}
    for group in diagram.groups:
        if group.id in parents:
            errors.append(f"group {group.id!r}: duplicate id")
        parents[group.id] = group.parent
    for group in diagram.groups:
        if group.parent is not None and group.parent not in parents:
            errors.append(f"group {group.id!r}: unknown parent group {group.parent!r}")
    for group_id in parents:
        seen = {group_id}
        parent = parents[group_id]
        while parent is not None and parent in parents:
            if parent in seen:
                errors.append(f"group {group_id!r}: its parent groups form a cycle")
                break
            seen.add(parent)
            parent = parents[parent]
    for node in diagram.nodes:
        if node.group is not None and node.group not in parents:
            errors.append(f"node {node.id!r}: unknown group {node.group!r}")
    for i, edge in enumerate(diagram.edges):
        for end, node_id in (("source", edge.source), ("target", edge.target)):
            if node_id not in node_ids:
                errors.append(f"edge {edge.id!r} (#{i}): unknown {end} node {node_id!r}")
    if errors:
        raise LayoutError("cannot lay out diagram:\n" + "\n".join(errors))


class _Engine(Ranking, Ordering, Placement, Routing, Pins):
    """One layout run: the stages in order, then the laid-out copy of the diagram."""

    def transpose(self) -> None:
        """Swap x and y of everything placed: the engine's left-to-right frame becomes top
        down (only the real geometry is swapped; pins then apply in real coordinates)."""

        def swap(r: Rect) -> Rect:
            return Rect(r.y, r.x, r.h, r.w)

        self.node_rects = [swap(r) for r in self.node_rects]
        self.group_rects = [swap(r) for r in self.group_rects]
        self.label_rects = [swap(r) if r is not None else None for r in self.label_rects]
        self.points = [tuple((y, x) for x, y in pts) for pts in self.points]

    def port_slack(self) -> float:
        """How much wider the drawing is with its ports and their edges' ends than without
        (:func:`assistant.core.diagram.stack.extent` leaves them out)."""
        port = self.is_port
        kept = [r for i, r in enumerate(self.node_rects) if not port[i]]
        points = []
        for k, pts in enumerate(self.points):
            s, t = self.src[k], self.tgt[k]  # the points run from source to target
            points.append(pts[1 if port[s] else 0 : len(pts) - 1 if port[t] else None])
        whole = self.drawing().extent()
        labels = tuple(self.label_rects)
        trimmed = Drawing(tuple(kept), tuple(self.group_rects), labels, tuple(points))
        return whole.w - trimmed.extent().w

    def drawing(self) -> Drawing:
        return Drawing(
            tuple(self.node_rects),
            tuple(self.group_rects),
            tuple(self.label_rects),
            tuple(self.points),
        )

    def adopt(self, laid: Diagram) -> None:
        """Take the geometry of ``laid`` (this diagram laid out another way) as this run's."""
        nodes = {n.id: n.rect for n in laid.nodes}
        groups = {g.id: g.rect for g in laid.groups}
        self.node_rects = [nodes[n.id] or Rect(0, 0, 0, 0) for n in self.nodes]
        self.group_rects[1:] = [groups[g.id] or Rect(0, 0, 0, 0) for g in self.groups]
        self.points = [laid.edges[i].points for i in self.edge_order]
        self.label_rects = [laid.edges[i].label_rect for i in self.edge_order]

    def wrap(
        self,
        title_band: float,
        width: float = TARGET_WIDTH,
        aspect_range: tuple[float, float] = ASPECT_RANGE,
        margin: float = MARGIN,
        shortest: bool = False,
    ) -> None:
        """Wrap the finished row into rows when it is too long for a page (``shortest``:
        see :func:`choose_rows`)."""
        drawing = choose_rows(self.drawing(), title_band, width, aspect_range, margin, shortest)
        self.node_rects = list(drawing.nodes)
        self.group_rects = list(drawing.groups)
        self.label_rects = list(drawing.labels)
        self.points = list(drawing.edges)

    def run(self, ordered: _Engine | None = None) -> None:
        """The stages in order; ``ordered``: a finished run of the same diagram (the other
        direction) whose crossing reduction this run takes over when it has the same
        structure (:meth:`Ordering.same_structure`), not repeating it."""
        self._layer()
        self._build_leaves()
        self._build_blocks()
        if ordered is not None and self.same_structure(ordered):
            self.adopt_order(ordered)
        else:
            self._reduce_crossings()
        self._final_orders()
        self._assign_y()
        self._place_ports()
        self._place_x()
        self._route()

    def result(self) -> Diagram:
        by_id_node = {n.id: i for i, n in enumerate(self.nodes)}
        nodes = tuple(
            replace(
                node,
                rect=self.node_rects[by_id_node[node.id]],
                pinned=self.pinned[by_id_node[node.id]],
                label_side=self.label_side,
            )
            for node in self.diagram.nodes
        )
        by_id_group = {g.id: i + 1 for i, g in enumerate(self.groups)}
        groups = tuple(
            replace(group, rect=self.group_rects[by_id_group[group.id]])
            for group in self.diagram.groups
        )
        edges: list[Edge | None] = [None] * len(self.edges)
        for k, original in enumerate(self.edge_order):
            edges[original] = replace(
                self.diagram.edges[original],
                points=self.points[k],
                label_rect=self.label_rects[k],
            )
        box = self.drawing().extent()  # the boxes, the labels and the edges' points
        x0, y0 = min(0.0, box.x - MARGIN), min(0.0, box.y - MARGIN)
        bounds = Rect(x0, y0, box.right + MARGIN - x0, box.bottom + MARGIN - y0)
        return replace(
            self.diagram,
            nodes=nodes,
            groups=groups,
            edges=tuple(e for e in edges if e is not None),
            bounds=bounds,
        )
