"""The architecture diagram model: nodes, nested groups and labelled edges.

A :class:`Diagram` is a value. :func:`assistant.core.diagram.layout.layout` returns a
copy with geometry filled in; renderers (the Qt scene, the exporters) only
read it.

>>> d = Diagram(nodes=(Node("a", "Client"), Node("b", "Endpoint")),
...             edges=(Edge("a", "b", "HTTPS"),))
>>> [n.id for n in d.nodes]
['a', 'b']
>>> d.node("b").label
'Endpoint'
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Diagram", "Edge", "Group", "Node", "Point", "Rect"]

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Rect:
    """An axis-aligned rectangle in diagram units (1 unit = 1 px at 100 %)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def center(self) -> Point:
        return (self.x + self.w / 2, self.y + self.h / 2)

    def intersects(self, other: Rect) -> bool:
        """True when the two rectangles overlap by more than a touching edge.

        >>> Rect(0, 0, 10, 10).intersects(Rect(10, 0, 5, 5))
        False
        >>> Rect(0, 0, 10, 10).intersects(Rect(9, 9, 5, 5))
        True
        """
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )

    def contains(self, other: Rect) -> bool:
        return (
            self.x <= other.x
            and self.y <= other.y
            and other.right <= self.right
            and other.bottom <= self.bottom
        )


@dataclass(frozen=True, slots=True)
class Node:
    """A box on the diagram: a service, a client, a data store.

    ``icon`` names an SVG in ``resources/icons`` (without extension);
    ``drawio`` is the draw.io aws4 shape name (e.g. ``mxgraph.aws4.sagemaker``);
    ``category`` drives the colour; ``service`` links back to the knowledge pack;
    ``label_side`` is where the label goes: ``below`` the icon (left-to-right layouts) or to
    its ``right`` (top-down layouts, where edges enter the icon's top and leave its bottom).
    """

    id: str
    label: str
    service: str | None = None
    icon: str = "generic"
    drawio: str | None = None
    category: str = "generic"
    group: str | None = None
    rect: Rect | None = None
    pinned: bool = False
    label_side: str = "below"


@dataclass(frozen=True, slots=True)
class Group:
    """A container drawn around its members, e.g. "SageMaker endpoint"."""

    id: str
    label: str
    parent: str | None = None
    style: str = "default"
    rect: Rect | None = None


@dataclass(frozen=True, slots=True)
class Edge:
    """A directed, optionally labelled connection between two nodes."""

    source: str
    target: str
    label: str = ""
    points: tuple[Point, ...] = ()
    label_rect: Rect | None = None

    @property
    def id(self) -> str:
        return f"{self.source}->{self.target}"


@dataclass(frozen=True, slots=True)
class Diagram:
    nodes: tuple[Node, ...] = ()
    groups: tuple[Group, ...] = ()
    edges: tuple[Edge, ...] = ()
    title: str = ""
    bounds: Rect | None = field(default=None)

    def node(self, node_id: str) -> Node:
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise KeyError(node_id)

    def group(self, group_id: str) -> Group:
        for g in self.groups:
            if g.id == group_id:
                return g
        raise KeyError(group_id)

    def group_chain(self, group_id: str | None) -> list[str]:
        """The ids from ``group_id`` up to its outermost ancestor."""
        chain: list[str] = []
        parents = {g.id: g.parent for g in self.groups}
        while group_id is not None and group_id not in chain:
            chain.append(group_id)
            group_id = parents.get(group_id)
        return chain
