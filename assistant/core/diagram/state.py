"""The state one layout run shares between its stages (ranking, ordering, placement,
routing, pins): leaves, groups and their per-rank orders, in flat lists indexed by number."""

from __future__ import annotations

from collections.abc import Mapping

from assistant.core.diagram.scene import Diagram, Point, Rect
from assistant.core.diagram.sizes import (
    GROUP_PADDING,
    TITLE_GAP,
    TITLE_INSET_Y,
    Measure,
)

__all__ = [
    "CHANNEL_SEP",
    "DETOUR",
    "DUMMY",
    "EPS",
    "FILLER",
    "GROUP_MARGIN",
    "LABEL",
    "LABEL_LINE_GAP",
    "LEAF_MARGIN",
    "NODE",
    "PORT_BOX",
    "PORT_FIRST",
    "PORT_INSET",
    "PORT_LAST",
    "PORT_SEP",
    "SELF_LOOP_HALF",
    "TITLE_CLEAR",
    "ZONE_MARGIN",
    "LayoutState",
]

NODE, DUMMY, LABEL, FILLER = 0, 1, 2, 3
# Half of the minimum vertical distance between two leaves in one rank, by kind.
LEAF_MARGIN = (12.0, 4.0, 4.0, 0.0)
GROUP_MARGIN = 10.0
LABEL_LINE_GAP = 2.0  # between an edge label's box and the edge line below it
ZONE_MARGIN = 16.0  # between a column (or a group border) and the first or last channel
CHANNEL_SEP = 8.0  # between two vertical channels in one gap
PORT_SEP = 10.0  # between two edge ends on one side of a node
PORT_FIRST, PORT_LAST = 1, 2
PORT_BOX = 8.0  # side of the box a port (see LayoutState.is_port) takes in its rank
PORT_INSET = 4.0  # between an edge end and the top or bottom of the icon
SELF_LOOP_HALF = 6.0
TITLE_CLEAR = 6.0  # between the end of a group's title and an edge passing beside it
DETOUR = 24.0
EPS = 0.01


class LayoutState:
    """The state of one layout run. Leaves (nodes, dummies, edge labels, fillers for empty
    groups) and groups are numbered; group 0 is the invisible root. An ordering item is a leaf
    number ``x >= 0`` or ``~g`` for group ``g``."""

    # Set by the stages (see each mixin); declared here so every stage sees their types.
    src: list[int]
    tgt: list[int]
    reversed: list[bool]
    layer: list[int]
    preorder: list[int]
    chains: list[list[int]]
    label_leaf: list[int]
    n_ranks: int
    direct: list[list[int]]
    lo: list[int]
    hi: list[int]
    at: list[dict[int, list[int]]]
    gorder: list[list[int]]
    crossings: int
    slot_prev: list[int]
    slot_next: list[int]
    n_vars: int
    cu: list[int]
    cv: list[int]
    cw: list[float]
    sorted_preds: list[list[int]]
    sorted_succs: list[list[int]]
    y: list[float]
    line: list[float]
    port: list[list[float]]
    jogs: list[list[tuple[int, int, float, float]]]
    loops: list[list[int]]
    xs: list[float]
    col_x: list[float]
    col_w: list[float]
    gleft: list[float]
    gright: list[float]
    zone_x: list[float]
    points: list[tuple[Point, ...]]
    label_rects: list[Rect | None]
    node_rects: list[Rect]
    group_rects: list[Rect]
    pinned: list[bool]
    title_clear: list[list[int]]

    def __init__(
        self,
        diagram: Diagram,
        measure: Measure,
        top_down: bool = False,
        ports: Mapping[str, str] | None = None,
    ) -> None:
        self.diagram = diagram
        self.measure = measure
        # Top down, the engine still works in its own "left to right" frame (ranks along x,
        # order along y) and the result is transposed: a node's label then sits to the right
        # of its icon, and a group's title band lies along the rank axis.
        self.top_down = top_down
        self.label_side = "right" if top_down else "below"
        self.nodes = sorted(diagram.nodes, key=lambda n: n.id)
        self.node_index = {n.id: i for i, n in enumerate(self.nodes)}
        # Ports: points (not drawn) alone in the first (PORT_FIRST) or last (PORT_LAST) rank,
        # where an edge leaves the drawing to the left or right; a stacked layout (see
        # .stack) joins them to the rest of the diagram.
        sides = {"first": PORT_FIRST, "last": PORT_LAST}
        self.port_side = [sides[ports[n.id]] if ports and n.id in ports else 0 for n in self.nodes]
        self.is_port = [side > 0 for side in self.port_side]
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
        self.title_band = [0.0] * ng  # real top of a group box to its members: the title
        self.top_inset = [0.0] * ng  # engine: order-axis start of a group box to its members
        self.rank_inset = [0.0] * ng  # engine: rank-axis start of a group box to its members
        for g in range(1, ng):
            tw, th = measure(self.groups[g - 1].label)
            self.title_w[g] = tw
            self.title_band[g] = TITLE_INSET_Y + th + TITLE_GAP
            self.top_inset[g] = GROUP_PADDING if top_down else self.title_band[g]
            self.rank_inset[g] = self.title_band[g] if top_down else GROUP_PADDING
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
