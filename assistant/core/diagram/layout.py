"""Layered left-to-right layout of architecture diagrams.

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
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from itertools import pairwise

from assistant.core.diagram.scene import Diagram, Edge, Group, Point, Rect

__all__ = [
    "GROUP_PADDING",
    "ICON_SIZE",
    "ICON_TOP",
    "LABEL_PADDING",
    "MARGIN",
    "NODE_HEIGHT",
    "NODE_LABEL_GAP",
    "NODE_LABEL_INSET",
    "NODE_WIDTH",
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

Measure = Callable[[str], tuple[float, float]]
"""Returns the (width, height) in px of a single line of text."""

NODE_WIDTH = 120.0
"""Minimum width of a node box; a node whose label needs more is widened."""
NODE_HEIGHT = 96.0
"""Minimum height of a node box: the icon with up to two label lines below it."""
ICON_SIZE = 48.0
"""Side of the square icon, centred horizontally at the top of the node box."""
ICON_TOP = 8.0
"""Distance from the top of the node box to the top of the icon."""
NODE_LABEL_GAP = 4.0
"""Distance from the bottom of the icon to the first label line."""
NODE_LABEL_INSET = 4.0
"""Horizontal room kept between a node's label text and the sides of its box."""
GROUP_PADDING = 16.0
"""Distance from a group's left, right and bottom border to its members."""
TITLE_INSET_X = 10.0
"""Distance from a group's left border to its title text."""
TITLE_INSET_Y = 6.0
"""Distance from a group's top border to its title text."""
TITLE_GAP = 10.0
"""Distance from the bottom of a group's title text to its members."""
LABEL_PADDING = 2.0
"""Room around an edge label's text inside its ``label_rect``."""
MARGIN = 24.0
"""Empty border around the drawing."""

_NODE, _DUMMY, _LABEL, _FILLER = 0, 1, 2, 3
# Half of the minimum vertical distance between two leaves in one rank, by kind.
_LEAF_MARGIN = (12.0, 4.0, 4.0, 0.0)
_GROUP_MARGIN = 10.0
_LABEL_LINE_GAP = 2.0  # between an edge label's box and the edge line below it
_ZONE_MARGIN = 16.0  # between a column (or a group border) and the first or last channel
_CHANNEL_SEP = 8.0  # between two vertical channels in one gap
_PORT_SEP = 10.0  # between two edge ends on one side of a node
_SELF_LOOP_HALF = 6.0
_DETOUR = 24.0
_EPS = 0.01


class LayoutError(ValueError):
    """The diagram cannot be laid out: unknown ids, duplicate ids, a cycle of groups."""


def topological_generations(succs: list[list[int]], indegree: list[int]) -> list[list[int]]:
    """Kahn's algorithm by generations, as ``networkx.topological_generations`` does.

    Written out here because importing networkx costs more start-up time (~150 ms) than the
    rest of the layout put together; the result is the same (see tests/core/test_layout.py).

    >>> topological_generations([[1, 2], [2], []], [0, 1, 2])
    [[0], [1], [2]]
    """
    remaining = list(indegree)
    current = [v for v, d in enumerate(remaining) if d == 0]
    out: list[list[int]] = []
    while current:
        out.append(current)
        following: list[int] = []
        for v in current:
            for w in succs[v]:
                remaining[w] -= 1
                if remaining[w] == 0:
                    following.append(w)
        current = sorted(following)
    if sum(len(g) for g in out) != len(remaining):
        raise ValueError("the graph has a cycle")
    return out


def estimate_text_size(text: str) -> tuple[float, float]:
    """A deterministic stand-in for font metrics: 7 px per character, 14 px high.

    >>> estimate_text_size("HTTPS")
    (35.0, 14.0)
    >>> estimate_text_size("")
    (0.0, 14.0)
    """
    return (7.0 * len(text), 14.0)


def wrap_label(
    text: str, max_width: float, measure: Measure = estimate_text_size
) -> tuple[str, ...]:
    """Split a label into at most two lines, breaking between words.

    The text stays on one line when it fits ``max_width`` (or is a single word); otherwise it
    is split where the wider of the two lines is narrowest, which may still exceed
    ``max_width`` (the node then grows). Explicit newlines are kept as given.

    >>> wrap_label("Amazon S3", 112)
    ('Amazon S3',)
    >>> wrap_label("SageMaker real-time endpoint", 112)
    ('SageMaker', 'real-time endpoint')
    """
    if "\n" in text:
        return tuple(text.split("\n"))
    words = text.split()
    if len(words) < 2 or measure(text)[0] <= max_width:
        return (text,)
    best: tuple[float, int] | None = None
    for i in range(1, len(words)):
        widest = max(measure(" ".join(words[:i]))[0], measure(" ".join(words[i:]))[0])
        if best is None or widest < best[0]:
            best = (widest, i)
    assert best is not None
    return (" ".join(words[: best[1]]), " ".join(words[best[1] :]))


def node_label_lines(label: str, measure: Measure = estimate_text_size) -> tuple[str, ...]:
    """The lines a node's label is drawn in, below its icon.

    >>> node_label_lines("Kinesis Data Firehose delivery stream")
    ('Kinesis Data Firehose', 'delivery stream')
    """
    return wrap_label(label, NODE_WIDTH - 2 * NODE_LABEL_INSET, measure)


def node_size(label: str, measure: Measure = estimate_text_size) -> tuple[float, float]:
    """The (width, height) of a node box: an icon with the wrapped label below it.

    >>> node_size("Amazon S3")
    (120.0, 96.0)
    >>> node_size("AmazonSageMakerModelRegistry")
    (204.0, 96.0)
    """
    lines = node_label_lines(label, measure)
    sizes = [measure(line) for line in lines]
    text_w = max(w for w, _ in sizes)
    text_h = sum(h for _, h in sizes)
    width = max(NODE_WIDTH, text_w + 2 * NODE_LABEL_INSET)
    height = max(NODE_HEIGHT, ICON_TOP + ICON_SIZE + NODE_LABEL_GAP + text_h + 6)
    return (width, height)


def title_rect(group: Group, measure: Measure = estimate_text_size) -> Rect:
    """Where a laid-out group's title text goes: the top-left corner inside its box.

    >>> title_rect(Group("vpc", "VPC", rect=Rect(0, 0, 200, 100)))
    Rect(x=10.0, y=6.0, w=21.0, h=14.0)
    """
    if group.rect is None:
        raise LayoutError(f"group {group.id!r} has not been laid out")
    w, h = measure(group.label)
    return Rect(group.rect.x + TITLE_INSET_X, group.rect.y + TITLE_INSET_Y, w, h)


def layout(
    diagram: Diagram,
    pins: Mapping[str, tuple[float, float]] | None = None,
    measure: Callable[[str], tuple[float, float]] | None = None,
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

    Raises:
        LayoutError: (a ``ValueError``) naming every edge with an unknown end, every duplicate
            id and every group with an unknown or cyclic parent.

    >>> from assistant.core.diagram.scene import Node
    >>> d = layout(Diagram(nodes=(Node("a", "Client"), Node("b", "Endpoint")),
    ...                    edges=(Edge("a", "b", "HTTPS"),)))
    >>> a, b = d.node("a").rect, d.node("b").rect
    >>> a.right < b.x and a.y == b.y
    True
    >>> d.edges[0].points == ((a.right, a.y + 32), (b.x, b.y + 32))
    True
    >>> layout(Diagram()).bounds
    Rect(x=0, y=0, w=0, h=0)
    """
    _validate(diagram)
    if not diagram.nodes and not diagram.groups:
        return replace(diagram, bounds=Rect(0, 0, 0, 0))
    engine = _Engine(diagram, _cached(measure or estimate_text_size))
    engine.run()
    if pins:
        engine.apply_pins(pins)
    return engine.result()


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


def _inversions(seq: Sequence[int], size: int) -> int:
    """Pairs i < j with seq[i] > seq[j] (crossings between two ranks), via a Fenwick tree."""
    tree = [0] * (size + 1)
    total = 0
    for seen, p in enumerate(seq):
        i = p + 1
        not_greater = 0
        while i > 0:
            not_greater += tree[i]
            i -= i & -i
        total += seen - not_greater
        i = p + 1
        while i <= size:
            tree[i] += 1
            i += i & -i
    return total


def _feedback_edges(n: int, src: Sequence[int], tgt: Sequence[int]) -> list[bool]:
    """Which edges to reverse to make the graph acyclic (self-loops are left alone).

    The greedy heuristic of Eades, Lin and Smyth: repeatedly take sinks to the end of a
    sequence and sources to its start, else the node with most outgoing minus incoming edges
    (lowest number on ties); edges pointing backwards in the sequence are reversed.

    >>> _feedback_edges(3, [0, 1, 2], [1, 2, 0])
    [False, False, True]
    """
    outs: list[list[int]] = [[] for _ in range(n)]
    ins: list[list[int]] = [[] for _ in range(n)]
    for a, b in zip(src, tgt, strict=True):
        if a != b:
            outs[a].append(b)
            ins[b].append(a)
    out_deg = [len(o) for o in outs]
    in_deg = [len(i) for i in ins]
    removed = [False] * n
    sinks = [v for v in range(n) if out_deg[v] == 0]
    sources = [v for v in range(n) if in_deg[v] == 0 and out_deg[v] > 0]
    heapq.heapify(sinks)
    heapq.heapify(sources)
    balance = [(in_deg[v] - out_deg[v], v) for v in range(n)]
    heapq.heapify(balance)
    head: list[int] = []
    tail: list[int] = []
    left = n

    def remove(v: int) -> None:
        nonlocal left
        removed[v] = True
        left -= 1
        for w in outs[v]:
            if not removed[w]:
                in_deg[w] -= 1
                heapq.heappush(balance, (in_deg[w] - out_deg[w], w))
                if in_deg[w] == 0 and out_deg[w] > 0:
                    heapq.heappush(sources, w)
        for u in ins[v]:
            if not removed[u]:
                out_deg[u] -= 1
                heapq.heappush(balance, (in_deg[u] - out_deg[u], u))
                if out_deg[u] == 0:
                    heapq.heappush(sinks, u)

    while left:
        if sinks:
            v = heapq.heappop(sinks)
            if not removed[v]:
                tail.append(v)
                remove(v)
        elif sources:
            v = heapq.heappop(sources)
            if not removed[v]:
                head.append(v)
                remove(v)
        else:
            delta, v = heapq.heappop(balance)
            if not removed[v] and delta == in_deg[v] - out_deg[v]:
                head.append(v)
                remove(v)
    position = [0] * n
    for i, v in enumerate(head + tail[::-1]):
        position[v] = i
    return [position[a] > position[b] for a, b in zip(src, tgt, strict=True)]


def _segment_hits(p: Point, q: Point, r: Rect) -> bool:
    """True when the axis-parallel segment p-q passes through the inside of ``r``."""
    if p[1] == q[1]:
        lo, hi = min(p[0], q[0]), max(p[0], q[0])
        return r.y < p[1] < r.bottom and max(lo, r.x) < min(hi, r.right)
    lo, hi = min(p[1], q[1]), max(p[1], q[1])
    return r.x < p[0] < r.right and max(lo, r.y) < min(hi, r.bottom)


def _simplify(points: list[Point]) -> tuple[Point, ...]:
    """Drop repeated points and the middle of three collinear points."""
    out: list[Point] = []
    for p in points:
        if out and abs(out[-1][0] - p[0]) < _EPS and abs(out[-1][1] - p[1]) < _EPS:
            continue
        if len(out) >= 2:
            a, b = out[-2], out[-1]
            if (abs(a[0] - b[0]) < _EPS and abs(b[0] - p[0]) < _EPS) or (
                abs(a[1] - b[1]) < _EPS and abs(b[1] - p[1]) < _EPS
            ):
                out[-1] = p
                continue
        out.append(p)
    return tuple(out)


def _union(rects: Sequence[Rect]) -> Rect:
    x0 = min(r.x for r in rects)
    y0 = min(r.y for r in rects)
    x1 = max(r.right for r in rects)
    y1 = max(r.bottom for r in rects)
    return Rect(x0, y0, x1 - x0, y1 - y0)


class _Engine:
    """The state of one layout run. Leaves (nodes, dummies, edge labels, fillers for empty
    groups) and groups are numbered; group 0 is the invisible root. An ordering item is a leaf
    number ``x >= 0`` or ``~g`` for group ``g``."""

    def __init__(self, diagram: Diagram, measure: Measure) -> None:
        self.diagram = diagram
        self.measure = measure
        self.nodes = sorted(diagram.nodes, key=lambda n: n.id)
        self.node_index = {n.id: i for i, n in enumerate(self.nodes)}
        self.groups = sorted(diagram.groups, key=lambda g: g.id)
        group_index = {g.id: i + 1 for i, g in enumerate(self.groups)}
        edges = diagram.edges
        self.edge_order = sorted(
            range(len(edges)),
            key=lambda i: (edges[i].source, edges[i].target, edges[i].label, i),
        )
        self.edges = [edges[i] for i in self.edge_order]

        ng = len(self.groups) + 1
        self.ng = ng
        self.gparent = [-1] + [group_index[g.parent] if g.parent else 0 for g in self.groups]
        self.gchildren: list[list[int]] = [[] for _ in range(ng)]
        for g in range(1, ng):
            self.gchildren[self.gparent[g]].append(g)
        self.gdepth = [0] * ng
        self.gpre = [0]  # groups in preorder, root first
        stack = [0]
        while stack:
            g = stack.pop()
            if g:
                self.gdepth[g] = self.gdepth[self.gparent[g]] + 1
                self.gpre.append(g)
            stack.extend(reversed(self.gchildren[g]))
        self.title_w = [0.0] * ng
        self.top_inset = [0.0] * ng
        for g in range(1, ng):
            tw, th = measure(self.groups[g - 1].label)
            self.title_w[g] = tw
            self.top_inset[g] = TITLE_INSET_Y + th + TITLE_GAP
        self.node_group = [group_index[n.group] if n.group else 0 for n in self.nodes]

        # Leaves.
        self.kind: list[int] = []
        self.rank: list[int] = []
        self.w: list[float] = []
        self.h: list[float] = []
        self.anchor: list[float] = []  # y of the edge line(s), from the leaf's top
        self.grp: list[int] = []
        self.preds: list[list[int]] = []
        self.succs: list[list[int]] = []
        self.key: list[tuple[int, int]] = []  # initial order
        # Group boxes' tops and bottoms, set by _assign_y.
        self.gtop: list[float] = []
        self.gbottom: list[float] = []
        # Per rank, its leaves top to bottom; per leaf, its index there.
        self.orders: list[list[int]] = []
        self.pos: list[int] = []
        self.dirty: list[bool] = []

    # ----------------------------------------------------------------------------------------
    # Structure

    def run(self) -> None:
        self._layer()
        self._build_leaves()
        self._build_blocks()
        self._reduce_crossings()
        self._final_orders()
        self._assign_y()
        self._place_ports()
        self._place_x()
        self._route()

    def _layer(self) -> None:
        """Break cycles, then layer by topological generations."""
        n = len(self.nodes)
        index = self.node_index
        self.src = [index[e.source] for e in self.edges]
        self.tgt = [index[e.target] for e in self.edges]
        self.reversed = _feedback_edges(n, self.src, self.tgt)
        dag_succs: list[list[int]] = [[] for _ in range(n)]
        indegree = [0] * n
        for k in range(len(self.edges)):
            a, b = self.src[k], self.tgt[k]
            if a == b:
                continue
            if self.reversed[k]:
                a, b = b, a
            dag_succs[a].append(b)
            indegree[b] += 1
        layer = [0] * n
        topo: list[int] = []
        for i, generation in enumerate(topological_generations(dag_succs, indegree)):
            for v in generation:
                layer[v] = i
                topo.append(v)
        # Generations put every node as far left as it can go, so a chain hanging off a late
        # stage would start in layer 0 and need one long edge. Move right, next to its first
        # successor, each node with more outgoing than incoming edges, and each node whose
        # ancestors only lead to it (they follow it): edges get shorter, none longer.
        closed = [False] * n  # all ancestors have a single successor
        topo.sort(key=lambda v: (layer[v], v))
        dag_preds: list[list[int]] = [[] for _ in range(n)]
        for a in range(n):
            for b in dag_succs[a]:
                dag_preds[b].append(a)
        for v in topo:
            closed[v] = all(
                len(dag_succs[p]) == 1 and (closed[p] or not dag_preds[p]) for p in dag_preds[v]
            )
        for v in reversed(topo):
            if dag_succs[v] and (len(dag_succs[v]) > indegree[v] or closed[v]):
                layer[v] = max(layer[v], min(layer[s] for s in dag_succs[v]) - 1)
        used = sorted(set(layer))
        if len(used) != (used[-1] + 1 if used else 0):
            renumber = {old: new for new, old in enumerate(used)}
            layer = [renumber[x] for x in layer]
        self.layer = layer
        # A depth-first preorder from the sources: the initial order within each rank.
        self.preorder = [0] * n
        seen = [False] * n
        counter = 0
        for start in sorted(range(n), key=lambda v: (indegree[v] > 0, v)):
            if seen[start]:
                continue
            stack = [start]
            while stack:
                v = stack.pop()
                if seen[v]:
                    continue
                seen[v] = True
                self.preorder[v] = counter
                counter += 1
                stack.extend(reversed(dag_succs[v]))

    def _add_leaf(
        self,
        kind: int,
        rank: int,
        w: float,
        h: float,
        anchor: float,
        group: int,
        key: tuple[int, int],
    ) -> int:
        self.kind.append(kind)
        self.rank.append(rank)
        self.w.append(w)
        self.h.append(h)
        self.anchor.append(anchor)
        self.grp.append(group)
        self.preds.append([])
        self.succs.append([])
        self.key.append(key)
        return len(self.kind) - 1

    def _link(self, a: int, b: int) -> None:
        self.succs[a].append(b)
        self.preds[b].append(a)

    def _lca(self, a: int, b: int) -> int:
        depth, parent = self.gdepth, self.gparent
        while depth[a] > depth[b]:
            a = parent[a]
        while depth[b] > depth[a]:
            b = parent[b]
        while a != b:
            a, b = parent[a], parent[b]
        return a

    def _chain_below(self, g: int, ancestor: int) -> list[int]:
        """The groups from ``g`` up to, but without, its ancestor ``ancestor``."""
        out = []
        while g != ancestor:
            out.append(g)
            g = self.gparent[g]
        return out

    def _build_leaves(self) -> None:
        measure = self.measure
        for i, node in enumerate(self.nodes):
            w, h = node_size(node.label, measure)
            self._add_leaf(
                _NODE,
                2 * self.layer[i],
                w,
                h,
                ICON_TOP + ICON_SIZE / 2,
                self.node_group[i],
                (self.preorder[i], -1),
            )
        node_lo = [1 << 30] * self.ng
        node_hi = [-1] * self.ng
        for x in range(len(self.nodes)):
            g = self.grp[x]
            while g > 0:
                node_lo[g] = min(node_lo[g], self.rank[x])
                node_hi[g] = max(node_hi[g], self.rank[x])
                g = self.gparent[g]
        self.chains: list[list[int]] = []
        self.label_leaf = [-1] * len(self.edges)
        for k, edge in enumerate(self.edges):
            s, t = self.src[k], self.tgt[k]
            label_size = (0.0, 0.0)
            if edge.label:
                lw, lh = measure(edge.label)
                label_size = (lw + 2 * LABEL_PADDING, lh + 2 * LABEL_PADDING)
            if s == t:
                if edge.label:
                    leaf = self._add_label(
                        label_size, self.rank[s] + 1, self.grp[s], (self.preorder[s], k)
                    )
                    self._link(s, leaf)
                    self.label_leaf[k] = leaf
                self.chains.append([s])
                continue
            a, b = (t, s) if self.reversed[k] else (s, t)
            ra, rb = self.rank[a], self.rank[b]
            lca = self._lca(self.grp[a], self.grp[b])
            leaving = self._chain_below(self.grp[a], lca)
            entering = self._chain_below(self.grp[b], lca)
            label_rank = -1
            if edge.label:
                odd_ranks = (rb - ra) // 2
                middle = (odd_ranks - 1) // 2
                # Near the middle, rounded towards the edge's source.
                label_rank = ra + 1 + 2 * (odd_ranks - 1 - middle if self.reversed[k] else middle)
            chain = [a]
            key = (self.preorder[a], k)
            for r in range(ra + 1, rb):
                # Stay inside the source's groups while they still have nodes further right,
                # and be inside the target's groups once they have begun; where both apply,
                # switch halfway. Other edges then do not have to go around those groups.
                group = lca
                inner_a = next((g for g in leaving if node_hi[g] >= r), -1)
                inner_b = next((g for g in entering if node_lo[g] <= r), -1)
                if inner_a >= 0 and (inner_b < 0 or r - ra < rb - r):
                    group = inner_a
                elif inner_b >= 0:
                    group = inner_b
                if r == label_rank:
                    leaf = self._add_label(label_size, r, group, key)
                    self.label_leaf[k] = leaf
                else:
                    leaf = self._add_leaf(_DUMMY, r, 0.0, 0.0, 0.0, group, key)
                self._link(chain[-1], leaf)
                chain.append(leaf)
            self._link(chain[-1], b)
            chain.append(b)
            self.chains.append(chain)
        # A group with no node still gets a box: give it an invisible filler leaf.
        has_leaf = [False] * self.ng
        for g in self.grp:
            while g > 0 and not has_leaf[g]:
                has_leaf[g] = True
                g = self.gparent[g]
        for g in reversed(self.gpre):
            if g and not has_leaf[g]:
                self._add_leaf(_FILLER, 0, 0.0, 0.0, 0.0, g, (len(self.nodes) + g, 0))
                while g > 0 and not has_leaf[g]:
                    has_leaf[g] = True
                    g = self.gparent[g]

    def _add_label(
        self, size: tuple[float, float], rank: int, group: int, key: tuple[int, int]
    ) -> int:
        # The label box sits just above the edge line, which runs along the leaf's bottom.
        h = size[1] + _LABEL_LINE_GAP
        return self._add_leaf(_LABEL, rank, size[0], h, h, group, key)

    def _build_blocks(self) -> None:
        """Group spans, and each group's children per rank in one initial global order."""
        ng, n_leaves = self.ng, len(self.kind)
        self.n_ranks = max(self.rank) + 1
        lo = [1 << 30] * ng
        hi = [-1] * ng
        self.direct: list[list[int]] = [[] for _ in range(ng)]
        for x in range(n_leaves):
            r = self.rank[x]
            g = self.grp[x]
            self.direct[g].append(x)
            while g >= 0:
                if r < lo[g]:
                    lo[g] = r
                if r > hi[g]:
                    hi[g] = r
                g = self.gparent[g]
        lo[0], hi[0] = 0, self.n_ranks - 1
        self.lo, self.hi = lo, hi
        gkey: list[tuple[int, int]] = [(1 << 30, 0)] * ng
        for x in range(n_leaves):
            g = self.grp[x]
            while g > 0 and self.key[x] < gkey[g]:
                gkey[g] = self.key[x]
                g = self.gparent[g]
        self.at: list[dict[int, list[int]]] = [{} for _ in range(ng)]
        self.gorder: list[list[int]] = [[] for _ in range(ng)]
        for g in range(ng):
            entries = [(self.key[x], x) for x in self.direct[g]]
            entries += [(gkey[c], ~c) for c in self.gchildren[g]]
            entries.sort()
            at = self.at[g]
            for _, item in entries:
                if item >= 0:
                    at.setdefault(self.rank[item], []).append(item)
                else:
                    for r in range(lo[~item], hi[~item] + 1):
                        at.setdefault(r, []).append(item)
            self.gorder[g] = [item for _, item in entries if item < 0]

    # ----------------------------------------------------------------------------------------
    # Ordering

    def _flatten(self, r: int) -> list[int]:
        out: list[int] = []
        at = self.at

        def visit(g: int) -> None:
            for item in at[g].get(r, ()):
                if item >= 0:
                    out.append(item)
                else:
                    visit(~item)

        visit(0)
        return out

    def _set_positions(self, order: list[int]) -> None:
        pos = self.pos
        for i, x in enumerate(order):
            pos[x] = i

    def _crossings(self, orders: list[list[int]]) -> int:
        total = 0
        pos, succs = self.pos, self.succs
        for r in range(self.n_ranks - 1):
            seq: list[int] = []
            for u in orders[r]:
                nb = succs[u]
                if len(nb) == 1:
                    seq.append(pos[nb[0]])
                elif nb:
                    seq.extend(sorted(pos[v] for v in nb))
            if len(seq) > 1:
                total += _inversions(seq, len(orders[r + 1]))
        return total

    def _sort_rank(self, r: int, down: bool) -> None:
        """Reorder rank ``r`` by the barycenters of its neighbours in rank r-1 (or r+1),
        moving whole group blocks; leaves without neighbours keep their slots."""
        neighbours = self.preds if down else self.succs
        pos, at = self.pos, self.at

        def visit(g: int) -> tuple[float, int]:
            items = at[g].get(r)
            total, count = 0.0, 0
            if not items:
                return total, count
            keyed: list[tuple[float, int]] = []
            for i, item in enumerate(items):
                if item >= 0:
                    nb = neighbours[item]
                    if not nb:
                        continue
                    k = float(pos[nb[0]]) if len(nb) == 1 else sum(pos[v] for v in nb) / len(nb)
                    keyed.append((k, i))
                    total += k
                    count += 1
                else:
                    sub_total, sub_count = visit(~item)
                    if sub_count:
                        keyed.append((sub_total / sub_count, i))
                        total += sub_total
                        count += sub_count
            if len(keyed) > 1:
                slots = [i for _, i in keyed]
                keyed.sort()
                if any(slot != i for slot, (_, i) in zip(slots, keyed, strict=True)):
                    new = items[:]
                    for slot, (_, i) in zip(slots, keyed, strict=True):
                        new[slot] = items[i]
                    old_groups = [item for item in items if item < 0]
                    at[g][r] = new
                    self.dirty[r] = True
                    if len(old_groups) > 1:
                        new_groups = [item for item in new if item < 0]
                        if new_groups != old_groups:
                            self._reorder_groups(g, r, new_groups)
            return total, count

        visit(0)

    def _reorder_groups(self, g: int, r: int, new_seq: list[int]) -> None:
        """Rank ``r`` changed the order of some child groups of ``g``: make every other rank
        agree, so sibling group boxes never swap places between ranks."""
        order = self.gorder[g]
        present = set(new_seq)
        slots = [i for i, item in enumerate(order) if item in present]
        for i, item in zip(slots, new_seq, strict=True):
            order[i] = item
        place = {item: i for i, item in enumerate(order)}
        for r2, items in self.at[g].items():
            if r2 == r:
                continue
            group_slots = [i for i, item in enumerate(items) if item < 0]
            if len(group_slots) < 2:
                continue
            ordered = sorted((items[i] for i in group_slots), key=place.__getitem__)
            for i, item in zip(group_slots, ordered, strict=True):
                if items[i] != item:
                    items[i] = item
                    self.dirty[r2] = True

    def _snapshot(self) -> tuple[list[dict[int, list[int]]], list[list[int]]]:
        return (
            [{r: items[:] for r, items in at.items()} for at in self.at],
            [order[:] for order in self.gorder],
        )

    def _refresh(self, r: int) -> None:
        if self.dirty[r]:
            self.orders[r] = self._flatten(r)
            self._set_positions(self.orders[r])
            self.dirty[r] = False

    def _reduce_crossings(self) -> None:
        n_ranks = self.n_ranks
        self.pos = [0] * len(self.kind)
        self.orders = [self._flatten(r) for r in range(n_ranks)]
        self.dirty = [False] * n_ranks
        for order in self.orders:
            self._set_positions(order)
        best = self._crossings(self.orders)
        saved = self._snapshot()
        iterations = 8 if len(self.kind) < 2000 else 4
        stale = 0
        busy = [r for r in range(n_ranks) if len(self.orders[r]) > 1]
        for _ in range(iterations):
            if best == 0:
                break
            for r in busy:
                if r > 0:
                    self._refresh(r - 1)
                    self._sort_rank(r, down=True)
            for r in reversed(busy):
                if r < n_ranks - 1:
                    self._refresh(r + 1)
                    self._sort_rank(r, down=False)
            for r in range(n_ranks):
                self._refresh(r)
            crossings = self._crossings(self.orders)
            if crossings < best:
                best, saved, stale = crossings, self._snapshot(), 0
            else:
                stale += 1
                if stale >= 2:
                    break
        self.at, self.gorder = saved
        self.crossings = best

    def _final_orders(self) -> None:
        """Positions per rank, and for each leaf the slot between the borders of the groups
        that span both this rank and the previous (next) one: an edge can only be drawn
        straight between two leaves in corresponding slots."""
        n_leaves = len(self.kind)
        self.pos = [0] * n_leaves
        self.slot_prev = [0] * n_leaves
        self.slot_next = [0] * n_leaves
        self.orders = []
        at, lo, hi = self.at, self.lo, self.hi
        for r in range(self.n_ranks):
            out: list[int] = []
            counts = [0, 0]

            def visit(g: int, r: int = r, out: list[int] = out, counts: list[int] = counts) -> None:
                for item in at[g].get(r, ()):
                    if item >= 0:
                        self.pos[item] = len(out)
                        out.append(item)
                        self.slot_prev[item] = counts[0]
                        self.slot_next[item] = counts[1]
                    else:
                        c = ~item
                        before, after = lo[c] < r, hi[c] > r
                        counts[0] += before
                        counts[1] += after
                        visit(c)
                        counts[0] += before
                        counts[1] += after

            visit(0)
            self.orders.append(out)

    # ----------------------------------------------------------------------------------------
    # Vertical placement

    def _constraints(self) -> None:
        """Separation constraints ``value[v] >= value[u] + d`` over leaf tops (variables
        0..n-1) and group tops and bottoms, from the order of each group's children per rank."""
        n_leaves = len(self.kind)
        self.n_vars = n_leaves + 2 * self.ng
        kind, h = self.kind, self.h
        top_inset = self.top_inset
        found: dict[tuple[int, int], float] = {}

        def add(u: int, v: int, d: float) -> None:
            old = found.get((u, v))
            if old is None or d > old:
                found[(u, v)] = d

        def top_var(item: int) -> int:
            return item if item >= 0 else n_leaves + 2 * ~item

        def margin(item: int) -> float:
            return _LEAF_MARGIN[kind[item]] if item >= 0 else _GROUP_MARGIN

        for g in range(self.ng):
            for items in self.at[g].values():
                if not items:
                    continue
                for a, b in pairwise(items):
                    sep = margin(a) + margin(b)
                    if a >= 0:
                        add(a, top_var(b), h[a] + sep)
                    else:
                        add(n_leaves + 2 * ~a + 1, top_var(b), sep)
                if g:
                    add(n_leaves + 2 * g, top_var(items[0]), top_inset[g])
                    last = items[-1]
                    if last >= 0:
                        add(last, n_leaves + 2 * g + 1, h[last] + GROUP_PADDING)
                    else:
                        add(n_leaves + 2 * ~last + 1, n_leaves + 2 * g + 1, GROUP_PADDING)
        anchor = self.anchor
        self.cu = [u for u, _ in found]
        self.cv = [v for _, v in found]
        # In edge-line terms: line[v] - anchor[v] >= line[u] - anchor[u] + d.
        self.cw = [
            d + (anchor[v] if v < n_leaves else 0.0) - (anchor[u] if u < n_leaves else 0.0)
            for (u, v), d in found.items()
        ]

    def _mark_conflicts(self) -> set[int]:
        """Brandes-Koepf type-1 conflicts: segments crossing a dummy-to-dummy segment are not
        aligned, so long edges stay straight."""
        marked: set[int] = set()
        n_leaves = len(self.kind)
        kind, preds, pos = self.kind, self.preds, self.pos
        for r in range(1, self.n_ranks):
            upper, lower = self.orders[r - 1], self.orders[r]
            k0 = 0
            scan = 0
            for l1, v in enumerate(lower):
                inner = -1
                if kind[v] in (_DUMMY, _LABEL):
                    for u in preds[v]:
                        if kind[u] in (_DUMMY, _LABEL):
                            inner = u
                if l1 == len(lower) - 1 or inner >= 0:
                    k1 = pos[inner] if inner >= 0 else len(upper) - 1
                    while scan <= l1:
                        w = lower[scan]
                        for u in preds[w]:
                            k = pos[u]
                            if k < k0 or k > k1:
                                marked.add(u * n_leaves + w)
                        scan += 1
                    k0 = k1
        return marked

    def _align(self, down: bool, top: bool, marked: set[int]) -> list[int]:
        """Brandes-Koepf vertical alignment: each leaf joins the block of a median neighbour
        in the previous rank, if that keeps blocks non-crossing and inside the same groups."""
        n_leaves = len(self.kind)
        root = list(range(n_leaves))
        taken = [False] * n_leaves
        pos = self.pos
        nbrs = self.sorted_preds if down else self.sorted_succs
        slot_u = self.slot_next if down else self.slot_prev
        slot_v = self.slot_prev if down else self.slot_next
        ranks = range(1, self.n_ranks) if down else range(self.n_ranks - 2, -1, -1)
        for r in ranks:
            order = self.orders[r]
            last = -1 if top else 1 << 30
            for v in order if top else reversed(order):
                nb = nbrs[v]
                m = len(nb)
                if not m:
                    continue
                first, second = nb[(m - 1) // 2], nb[m // 2]
                for u in (first, second) if top else (second, first):
                    if taken[u] or slot_u[u] != slot_v[v]:
                        continue
                    p = pos[u]
                    if (p <= last) if top else (p >= last):
                        continue
                    if (u * n_leaves + v if down else v * n_leaves + u) in marked:
                        continue
                    root[v] = root[u]
                    taken[u] = True
                    last = p
                    break
        return root

    def _compact(self, root: list[int], top: bool) -> list[float] | None:
        """Longest-path placement of the blocks (to the top or to the bottom); None if the
        alignment made the constraints cyclic. Block values are edge-line heights: a leaf's
        top is its block's value minus its anchor."""
        n_leaves, n_vars = len(self.kind), self.n_vars
        block = root + list(range(n_leaves, n_vars))
        cw = self.cw
        bus = [block[u] for u in self.cu]
        bvs = [block[v] for v in self.cv]
        # The block graph in compressed sparse rows (flat lists keep allocation low).
        first = [0] * (n_vars + 1)
        indegree = [0] * n_vars
        kept: list[int] = []
        for i, bu in enumerate(bus):
            bv = bvs[i]
            if bu == bv:
                if cw[i] > _EPS:
                    return None
                continue
            first[bu + 1] += 1
            indegree[bv] += 1
            kept.append(i)
        for b in range(n_vars):
            first[b + 1] += first[b]
        fill = first[:-1]
        targets = [0] * len(kept)
        weights = [0.0] * len(kept)
        for i in kept:
            bu = bus[i]
            j = fill[bu]
            targets[j] = bvs[i]
            weights[j] = cw[i]
            fill[bu] = j + 1
        active = [b for b in range(n_vars) if b >= n_leaves or root[b] == b]
        queue = [b for b in active if indegree[b] == 0]
        order: list[int] = []
        while queue:
            b = queue.pop()
            order.append(b)
            for j in range(first[b], first[b + 1]):
                c = targets[j]
                indegree[c] -= 1
                if indegree[c] == 0:
                    queue.append(c)
        if len(order) != len(active):
            return None
        value = [0.0] * n_vars
        if top:
            for b in order:
                vb = value[b]
                for j in range(first[b], first[b + 1]):
                    c = targets[j]
                    if vb + weights[j] > value[c]:
                        value[c] = vb + weights[j]
        else:
            for b in reversed(order):
                best = value[b]
                for j in range(first[b], first[b + 1]):
                    if value[targets[j]] - weights[j] < best:
                        best = value[targets[j]] - weights[j]
                value[b] = best
        anchor = self.anchor
        result = value[:]
        for x in range(n_leaves):
            result[x] = value[block[x]] - anchor[x]
        return result

    def _extent(self, values: list[float]) -> tuple[float, float]:
        n_leaves = len(self.kind)
        tops = [values[x] for x in range(n_leaves)]
        bottoms = [values[x] + self.h[x] for x in range(n_leaves)]
        tops += values[n_leaves + 2 :: 2]
        bottoms += values[n_leaves + 3 :: 2]
        return min(tops), max(bottoms)

    def _assign_y(self) -> None:
        self._constraints()
        pos = self.pos
        self.sorted_preds = [sorted(p, key=pos.__getitem__) for p in self.preds]
        self.sorted_succs = [sorted(s, key=pos.__getitem__) for s in self.succs]
        marked = self._mark_conflicts()
        identity = list(range(len(self.kind)))
        runs: list[tuple[bool, list[float]]] = []
        for down in (True, False):
            for top in (True, False):
                values = self._compact(self._align(down, top, marked), top)
                if values is None:  # never expected; an unaligned placement always exists
                    values = self._compact(identity, top)
                assert values is not None
                runs.append((top, values))
        extents = [self._extent(values) for _, values in runs]
        smallest = min(range(4), key=lambda i: extents[i][1] - extents[i][0])
        ref_top, ref_bottom = extents[smallest]
        shifted: list[list[float]] = []
        for (top, values), (lo, hi) in zip(runs, extents, strict=True):
            shift = ref_top - lo if top else ref_bottom - hi
            shifted.append([v + shift for v in values])
        combined = []
        for column in zip(*shifted, strict=True):
            ordered = sorted(column)
            combined.append((ordered[1] + ordered[2]) / 2)
        # Round edge lines to whole pixels (aligned leaves stay aligned), then fit the group
        # boxes tightly around the rounded leaves.
        n_leaves = len(self.kind)
        anchor = self.anchor
        self.y = [math.floor(combined[x] + anchor[x] + 0.5) - anchor[x] for x in range(n_leaves)]
        self._fit_groups_y()
        shift = MARGIN - min(min(self.y, default=0.0), min(self.gtop[1:], default=math.inf))
        self.y = [v + shift for v in self.y]
        self.gtop = [v + shift for v in self.gtop]
        self.gbottom = [v + shift for v in self.gbottom]
        self.line = [self.y[x] + anchor[x] for x in range(n_leaves)]

    def _fit_groups_y(self) -> None:
        y, h = self.y, self.h
        self.gtop = [0.0] * self.ng
        self.gbottom = [0.0] * self.ng
        for g in reversed(self.gpre):
            if not g:
                continue
            top, bottom = math.inf, -math.inf
            for x in self.direct[g]:
                top = min(top, y[x])
                bottom = max(bottom, y[x] + h[x])
            for c in self.gchildren[g]:
                top = min(top, self.gtop[c])
                bottom = max(bottom, self.gbottom[c])
            self.gtop[g] = top - self.top_inset[g]
            self.gbottom[g] = bottom + GROUP_PADDING

    # ----------------------------------------------------------------------------------------
    # Ports, columns and routes

    def _place_ports(self) -> None:
        """Spread the edge ends on each node side, each as close as it can be to the height of
        the line it connects to, keeping the order of those lines (no crossing at the node)."""
        n_nodes = len(self.nodes)
        line = self.line
        right: list[list[tuple[float, int, int]]] = [[] for _ in range(n_nodes)]
        left: list[list[tuple[float, int, int]]] = [[] for _ in range(n_nodes)]
        for k, chain in enumerate(self.chains):
            if len(chain) == 1:
                s = chain[0]
                right[s].append((line[s] - _SELF_LOOP_HALF, k, 0))
                right[s].append((line[s] + _SELF_LOOP_HALF, k, 1))
            else:
                right[chain[0]].append((line[chain[1]], k, 0))
                left[chain[-1]].append((line[chain[-2]], k, 1))
        self.port = [[0.0, 0.0] for _ in self.edges]
        for x in range(n_nodes):
            for ends in (right[x], left[x]):
                if not ends:
                    continue
                ends.sort()
                top = self.y[x]
                lo, hi = top + 4, top + ICON_TOP + ICON_SIZE + 4
                count = len(ends)
                if (count - 1) * _PORT_SEP > hi - lo:
                    hi = top + self.h[x] - 4
                sep = min(_PORT_SEP, (hi - lo) / (count - 1)) if count > 1 else 0.0
                ys = [min(max(want, lo), hi) for want, _, _ in ends]
                for i in range(1, count):
                    ys[i] = max(ys[i], ys[i - 1] + sep)
                if ys[-1] > hi:
                    ys[-1] = hi
                    for i in range(count - 2, -1, -1):
                        ys[i] = min(ys[i], ys[i + 1] - sep)
                for port_y, (_, k, end) in zip(ys, ends, strict=True):
                    self.port[k][end] = port_y

    def _place_x(self) -> None:
        """Place the columns left to right: each leaves room for the borders and titles of
        the groups that end before it or start at it, and for the channels of its gap."""
        n_ranks, ng = self.n_ranks, self.ng
        kind, w = self.kind, self.w
        # Edge bends per gap (the gap after rank r).
        self.jogs: list[list[tuple[int, int, float, float]]] = [[] for _ in range(n_ranks)]
        self.loops: list[list[int]] = [[] for _ in range(n_ranks)]
        for k, chain in enumerate(self.chains):
            if len(chain) == 1:
                self.loops[self.rank[chain[0]]].append(k)
                continue
            y_out = self.port[k][0]
            last = len(chain) - 1
            for i in range(last):
                y_in = self.port[k][1] if i + 1 == last else self.line[chain[i + 1]]
                if abs(y_in - y_out) > _EPS:
                    self.jogs[self.rank[chain[i]]].append((k, i, y_out, y_in))
                y_out = y_in
        col_w = [0.0] * n_ranks
        for r, order in enumerate(self.orders):
            for x in order:
                if w[x] > col_w[r]:
                    col_w[r] = w[x]
        starting: list[list[int]] = [[] for _ in range(n_ranks)]
        ending: list[list[int]] = [[] for _ in range(n_ranks)]
        for g in range(1, ng):
            starting[self.lo[g]].append(g)
            ending[self.hi[g]].append(g)
        for lists in (starting, ending):
            for gs in lists:
                gs.sort(key=lambda g: -self.gdepth[g])
        # Left border of a group relative to the left of its first column.
        rel_left = [0.0] * ng
        for r in range(n_ranks):
            for g in starting[r]:
                left = math.inf
                for item in self.at[g].get(r, ()):
                    if item >= 0:
                        left = min(left, (col_w[r] - w[item]) / 2)
                    elif self.lo[~item] == r:
                        left = min(left, rel_left[~item])
                rel_left[g] = (0.0 if left == math.inf else left) - GROUP_PADDING
        self.xs = [0.0] * len(kind)
        self.col_x = [0.0] * n_ranks
        self.col_w = col_w
        self.gleft = [0.0] * ng
        self.gright = [0.0] * ng
        self.zone_x = [0.0] * n_ranks
        cursor = MARGIN
        for r in range(n_ranks):
            need = max([0.0, *(-rel_left[g] for g in starting[r])])
            col = self.col_x[r] = cursor + need
            for x in self.orders[r]:
                self.xs[x] = col + (col_w[r] - w[x]) / 2
            for g in starting[r]:
                self.gleft[g] = col + rel_left[g]
            end = col + col_w[r]
            for g in ending[r]:
                right = -math.inf
                for item in self.at[g].get(r, ()):
                    if item >= 0:
                        right = max(right, self.xs[item] + w[item])
                    elif self.hi[~item] == r:
                        right = max(right, self.gright[~item])
                if right == -math.inf:
                    right = col + col_w[r]
                right = max(
                    right + GROUP_PADDING, self.gleft[g] + self.title_w[g] + 2 * TITLE_INSET_X
                )
                self.gright[g] = right
                end = max(end, right)
            channels = len(self.jogs[r]) + len(self.loops[r])
            self.zone_x[r] = end + _ZONE_MARGIN
            cursor = self.zone_x[r] + max(channels - 1, 0) * _CHANNEL_SEP + _ZONE_MARGIN

    @staticmethod
    def _jog_cost(first: tuple[float, float], second: tuple[float, float]) -> int:
        """Crossings when bend ``first`` takes a channel left of bend ``second``."""
        (a1, a2), (b1, b2) = first, second
        cost = 0
        if min(a1, a2) < b1 < max(a1, a2):
            cost += 1
        if min(b1, b2) < a2 < max(b1, b2):
            cost += 1
        if abs(b1 - a2) < _EPS:
            cost += 2  # the two horizontal pieces would overlap
        return cost

    def _order_jogs(
        self, jogs: list[tuple[int, int, float, float]]
    ) -> list[tuple[int, int, float, float]]:
        # Going down, the upper bend takes the channel further right (and vice versa going
        # up); then downs and ups are tried in both orders.
        downs = sorted((j for j in jogs if j[3] > j[2]), key=lambda j: (-j[2], -j[3], j[0]))
        ups = sorted((j for j in jogs if j[3] < j[2]), key=lambda j: (j[2], j[3], j[0]))
        best = downs + ups
        if downs and ups and len(jogs) <= 40:
            cost = self._jog_cost

            def total(seq: list[tuple[int, int, float, float]]) -> int:
                return sum(
                    cost((a[2], a[3]), (b[2], b[3]))
                    for i, a in enumerate(seq)
                    for b in seq[i + 1 :]
                )

            best = min([best, ups + downs], key=total)
            # Swapping two neighbours changes only the cost of that pair: swap while it helps.
            improved = True
            while improved:
                improved = False
                for i in range(len(best) - 1):
                    a, b = best[i], best[i + 1]
                    if cost((a[2], a[3]), (b[2], b[3])) > cost((b[2], b[3]), (a[2], a[3])):
                        best[i], best[i + 1] = b, a
                        improved = True
        # A bend starting at the height where another one ends must take a channel left of
        # it, or their horizontal pieces would lie on top of each other. Each height starts
        # at most one bend, so this is a set of chains (unless two bends swap heights).
        if downs and ups:
            starting_at = {j[2]: j for j in best}
            for _ in range(3):
                moved = False
                for j in list(best):
                    first = starting_at.get(j[3])
                    if first is not None and best.index(first) > best.index(j):
                        best.remove(first)
                        best.insert(best.index(j), first)
                        moved = True
                if not moved:
                    break
        return best

    def _route(self) -> None:
        channel: dict[tuple[int, int], float] = {}
        loop_x: dict[int, float] = {}
        for r in range(self.n_ranks):
            x = self.zone_x[r]
            for k in self.loops[r]:
                loop_x[k] = x
                x += _CHANNEL_SEP
            for k, i, _, _ in self._order_jogs(self.jogs[r]):
                channel[(k, i)] = x
                x += _CHANNEL_SEP
        xs, w = self.xs, self.w
        self.points: list[tuple[Point, ...]] = []
        self.label_rects: list[Rect | None] = []
        for k, chain in enumerate(self.chains):
            y_out, y_end = self.port[k]
            if len(chain) == 1:
                s = chain[0]
                x0 = xs[s] + w[s]
                pts = [(x0, y_out), (loop_x[k], y_out), (loop_x[k], y_end), (x0, y_end)]
            else:
                a, b = chain[0], chain[-1]
                pts = [(xs[a] + w[a], y_out)]
                last = len(chain) - 1
                for i in range(last):
                    y_in = y_end if i + 1 == last else self.line[chain[i + 1]]
                    if (k, i) in channel:
                        cx = channel[(k, i)]
                        pts.append((cx, y_out))
                        pts.append((cx, y_in))
                    y_out = y_in
                pts.append((xs[b], y_end))
                if self.reversed[k]:
                    pts.reverse()
            self.points.append(_simplify(pts))
            leaf = self.label_leaf[k]
            if leaf < 0:
                self.label_rects.append(None)
            else:
                self.label_rects.append(
                    Rect(xs[leaf], self.y[leaf], w[leaf], self.h[leaf] - _LABEL_LINE_GAP)
                )
        self.node_rects = [Rect(xs[x], self.y[x], w[x], self.h[x]) for x in range(len(self.nodes))]
        self.group_rects = [
            Rect(
                self.gleft[g],
                self.gtop[g],
                self.gright[g] - self.gleft[g],
                self.gbottom[g] - self.gtop[g],
            )
            for g in range(self.ng)
        ]
        self.pinned = [False] * len(self.nodes)

    # ----------------------------------------------------------------------------------------
    # Pins

    def apply_pins(self, pins: Mapping[str, tuple[float, float]]) -> None:
        moved = [i for i, node in enumerate(self.nodes) if node.id in pins]
        if not moved:
            return
        delta: dict[int, tuple[float, float]] = {}
        for i in moved:
            px, py = pins[self.nodes[i].id]
            old = self.node_rects[i]
            self.node_rects[i] = Rect(float(px), float(py), old.w, old.h)
            self.pinned[i] = True
            delta[i] = (float(px) - old.x, float(py) - old.y)
        # Grow the groups holding a pinned node (and their ancestors) to enclose it.
        grow = [False] * self.ng
        for i in moved:
            g = self.node_group[i]
            while g > 0:
                grow[g] = True
                g = self.gparent[g]
        for g in reversed(self.gpre):
            if not grow[g]:
                continue
            parts = [self.group_rects[g]]
            parts += [self.node_rects[x] for x in self.direct[g] if x < len(self.nodes)]
            inner = [self.group_rects[c] for c in self.gchildren[g]]
            inner += [self.node_rects[x] for x in self.direct[g] if x < len(self.nodes)]
            if inner:
                box = _union(inner)
                parts.append(
                    Rect(
                        box.x - GROUP_PADDING,
                        box.y - self.top_inset[g],
                        box.w + 2 * GROUP_PADDING,
                        box.h + self.top_inset[g] + GROUP_PADDING,
                    )
                )
            box = _union(parts)
            width = max(box.w, self.title_w[g] + 2 * TITLE_INSET_X)
            self.group_rects[g] = Rect(box.x, box.y, width, box.h)
        is_moved = set(moved)
        rerouted = [
            k
            for k in range(len(self.edges))
            if (self.src[k] in is_moved or self.tgt[k] in is_moved) and self.src[k] != self.tgt[k]
        ]
        # Spread the ends of the re-routed edges over each pinned node.
        ends: dict[int, list[tuple[int, int]]] = {}
        for k in rerouted:
            for side, x in enumerate((self.src[k], self.tgt[k])):
                if x in is_moved:
                    ends.setdefault(x, []).append((k, side))
        ports: dict[tuple[int, int], Point] = {}
        for x, node_ends in ends.items():
            rect = self.node_rects[x]
            m = len(node_ends)
            for j, key in enumerate(node_ends):
                ports[key] = (
                    rect.x + rect.w * (j + 1) / (m + 1),
                    rect.y + ICON_TOP + ICON_SIZE * (j + 1) / (m + 1),
                )
        old_points = self.points[:]
        for k in range(len(self.edges)):
            s, t = self.src[k], self.tgt[k]
            if s == t and s in is_moved:
                dx, dy = delta[s]
                self.points[k] = tuple((px + dx, py + dy) for px, py in self.points[k])
                label = self.label_rects[k]
                if label is not None:
                    self.label_rects[k] = Rect(label.x + dx, label.y + dy, label.w, label.h)
        for k in rerouted:
            self.points[k] = self._reroute(k, is_moved, ports, old_points[k])

    def _reroute(
        self,
        k: int,
        is_moved: set[int],
        ports: dict[tuple[int, int], Point],
        old: tuple[Point, ...],
    ) -> tuple[Point, ...]:
        """A fresh orthogonal route for an edge touching a pinned node, through its label.
        An end at a node that did not move keeps its old port."""
        s, t = self.src[k], self.tgt[k]
        obstacles = [
            r for i, r in enumerate(self.node_rects) if i not in is_moved or i not in (s, t)
        ]
        obstacles += [r for j, r in enumerate(self.label_rects) if r is not None and j != k]
        terminals: list[tuple[Rect, Point]] = []
        for side, x in enumerate((s, t)):
            if x in is_moved:
                terminals.append((self.node_rects[x], ports[(k, side)]))
            else:
                p = old[0] if side == 0 else old[-1]
                terminals.append((Rect(p[0], p[1], 0, 0), p))
        start, end = terminals
        label = self.label_rects[k]
        if label is None:
            return _simplify(_best_route(start, end, obstacles))
        own = [*obstacles, label]
        line_y = label.bottom + _LABEL_LINE_GAP
        left: tuple[Rect, Point] = (Rect(label.x, line_y, 0, 0), (label.x, line_y))
        right: tuple[Rect, Point] = (Rect(label.right, line_y, 0, 0), (label.right, line_y))
        first, second = (left, right) if start[1][0] <= label.center[0] else (right, left)
        return _simplify(_best_route(start, first, own) + _best_route(second, end, own))

    # ----------------------------------------------------------------------------------------
    # Result

    def result(self) -> Diagram:
        by_id_node = {n.id: i for i, n in enumerate(self.nodes)}
        nodes = tuple(
            replace(
                node,
                rect=self.node_rects[by_id_node[node.id]],
                pinned=self.pinned[by_id_node[node.id]],
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
        rects = [*self.node_rects, *self.group_rects[1:]]
        rects += [r for r in self.label_rects if r is not None]
        rects += [Rect(x, y, 0, 0) for pts in self.points for x, y in pts]
        box = _union(rects)
        x0, y0 = min(0.0, box.x - MARGIN), min(0.0, box.y - MARGIN)
        bounds = Rect(x0, y0, box.right + MARGIN - x0, box.bottom + MARGIN - y0)
        return replace(
            self.diagram,
            nodes=nodes,
            groups=groups,
            edges=tuple(e for e in edges if e is not None),
            bounds=bounds,
        )


def _route_candidates(s: Rect, sp: Point, t: Rect, tp: Point) -> list[list[Point]]:
    """Orthogonal routes from box ``s`` to box ``t`` (either may be a point), simplest first,
    leaving and entering near the preferred ports ``sp`` and ``tp`` (points inside the boxes)."""
    scx, scy = sp
    tcx, tcy = tp
    out: list[list[Point]] = []
    for forward in (True, False):
        xs, xt = (s.right, t.x) if forward else (s.x, t.right)
        if (xt >= xs) == forward and xt != xs:
            y0, y1 = max(s.y, t.y), min(s.bottom, t.bottom)
            if y0 < y1 or (y0 == y1 and s.h * t.h == 0):
                ym = next((y for y in (scy, tcy) if y0 <= y <= y1), (y0 + y1) / 2)
                out.append([(xs, ym), (xt, ym)])
            xm = (xs + xt) / 2
            out.append([(xs, scy), (xm, scy), (xm, tcy), (xt, tcy)])
        ys, yt = (s.bottom, t.y) if forward else (s.y, t.bottom)
        if (yt >= ys) == forward and yt != ys:
            x0, x1 = max(s.x, t.x), min(s.right, t.right)
            if x0 < x1 or (x0 == x1 and s.w * t.w == 0):
                xm = next((x for x in (scx, tcx) if x0 <= x <= x1), (x0 + x1) / 2)
                out.append([(xm, ys), (xm, yt)])
            ym = (ys + yt) / 2
            out.append([(scx, ys), (scx, ym), (tcx, ym), (tcx, yt)])
    # L shapes.
    if tcx >= s.right or tcx <= s.x:
        xs = s.right if tcx >= s.right else s.x
        if t.y >= scy:
            out.append([(xs, scy), (tcx, scy), (tcx, t.y)])
        if t.bottom <= scy:
            out.append([(xs, scy), (tcx, scy), (tcx, t.bottom)])
    if tcy >= s.bottom or tcy <= s.y:
        ys = s.bottom if tcy >= s.bottom else s.y
        if t.x >= scx:
            out.append([(scx, ys), (scx, tcy), (t.x, tcy)])
        if t.right <= scx:
            out.append([(scx, ys), (scx, tcy), (t.right, tcy)])
    # Detours around both boxes.
    for step in (1, 2, 4):
        d = _DETOUR * step
        xr = max(s.right, t.right) + d
        xl = min(s.x, t.x) - d
        yt_ = min(s.y, t.y) - d
        yb = max(s.bottom, t.bottom) + d
        out.append([(s.right, scy), (xr, scy), (xr, tcy), (t.right, tcy)])
        out.append([(s.x, scy), (xl, scy), (xl, tcy), (t.x, tcy)])
        out.append([(scx, s.y), (scx, yt_), (tcx, yt_), (tcx, t.y)])
        out.append([(scx, s.bottom), (scx, yb), (tcx, yb), (tcx, t.bottom)])
    return out


def _best_route(
    start: tuple[Rect, Point], end: tuple[Rect, Point], obstacles: Sequence[Rect]
) -> list[Point]:
    """The candidate route crossing the fewest obstacles, then with the fewest bends."""
    (s, sp), (t, tp) = start, end
    best: tuple[int, int, float] | None = None
    chosen: list[Point] = []
    for pts in _route_candidates(s, sp, t, tp):
        hits = 0
        length = 0.0
        for p, q in pairwise(pts):
            length += abs(p[0] - q[0]) + abs(p[1] - q[1])
            hits += sum(1 for r in obstacles if _segment_hits(p, q, r))
            hits += _segment_hits(p, q, s) + _segment_hits(p, q, t)
        score = (hits, len(pts), length)
        if best is None or score < best:
            best, chosen = score, pts
    return chosen
