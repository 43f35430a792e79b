"""Stage 5 of the layout: nodes the user pinned are moved there, the groups holding them
grow, and the edges touching them are re-routed around node boxes."""

from __future__ import annotations

from collections.abc import Mapping

from assistant.core.diagram.routing import best_route, simplify, union
from assistant.core.diagram.scene import Point, Rect
from assistant.core.diagram.sizes import (
    GROUP_PADDING,
    TITLE_INSET_X,
    icon_rect,
)
from assistant.core.diagram.state import (
    LABEL_LINE_GAP,
    LayoutState,
)

__all__ = ["Pins"]


class Pins(LayoutState):
    """User pins applied to a finished layout."""

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
        self._grow_groups(moved)
        is_moved = set(moved)
        rerouted = [
            k
            for k in range(len(self.edges))
            if (self.src[k] in is_moved or self.tgt[k] in is_moved) and self.src[k] != self.tgt[k]
        ]
        ports = self._pin_ports(rerouted, is_moved)
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

    def _grow_groups(self, moved: list[int]) -> None:
        """Grow the groups holding a pinned node (and their ancestors) to enclose it."""
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
                box = union(inner)
                parts.append(
                    Rect(
                        box.x - GROUP_PADDING,
                        box.y - self.title_band[g],
                        box.w + 2 * GROUP_PADDING,
                        box.h + self.title_band[g] + GROUP_PADDING,
                    )
                )
            box = union(parts)
            width = max(box.w, self.title_w[g] + 2 * TITLE_INSET_X)
            self.group_rects[g] = Rect(box.x, box.y, width, box.h)

    def _pin_ports(self, rerouted: list[int], is_moved: set[int]) -> dict[tuple[int, int], Point]:
        """Spread the ends of the re-routed edges over each pinned node."""
        ends: dict[int, list[tuple[int, int]]] = {}
        for k in rerouted:
            for side, x in enumerate((self.src[k], self.tgt[k])):
                if x in is_moved:
                    ends.setdefault(x, []).append((k, side))
        ports: dict[tuple[int, int], Point] = {}
        for x, node_ends in ends.items():
            icon = icon_rect(self.node_rects[x], self.label_side)
            m = len(node_ends)
            for j, key in enumerate(node_ends):
                ports[key] = (
                    icon.x + icon.w * (j + 1) / (m + 1),
                    icon.y + icon.h * (j + 1) / (m + 1),
                )
        return ports

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
                terminals.append((icon_rect(self.node_rects[x], self.label_side), ports[(k, side)]))
            else:
                p = old[0] if side == 0 else old[-1]
                terminals.append((Rect(p[0], p[1], 0, 0), p))
        start, end = terminals
        label = self.label_rects[k]
        if label is None:
            return simplify(best_route(start, end, obstacles))
        own = [*obstacles, label]
        line_y = label.bottom + LABEL_LINE_GAP
        left: tuple[Rect, Point] = (Rect(label.x, line_y, 0, 0), (label.x, line_y))
        right: tuple[Rect, Point] = (Rect(label.right, line_y, 0, 0), (label.right, line_y))
        first, second = (left, right) if start[1][0] <= label.center[0] else (right, left)
        return simplify(best_route(start, first, own) + best_route(second, end, own))
