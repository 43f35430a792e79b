"""Stage 1 of the layout: break cycles, put nodes in ranks (topological generations), turn
long edges and edge labels into leaves, and build the group blocks per rank."""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from assistant.core.diagram.scene import Edge
from assistant.core.diagram.sizes import (
    ICON_SIZE,
    ICON_TOP,
    LABEL_PADDING,
    node_size,
    side_node_size,
)
from assistant.core.diagram.state import (
    DUMMY,
    FILLER,
    LABEL,
    LABEL_LINE_GAP,
    NODE,
    PORT_BOX,
    PORT_FIRST,
    PORT_LAST,
    LayoutState,
)

__all__ = ["Ranking", "feedback_edges", "topological_generations"]


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


def feedback_edges(n: int, src: Sequence[int], tgt: Sequence[int]) -> list[bool]:
    """Which edges to reverse to make the graph acyclic (self-loops are left alone).

    The greedy heuristic of Eades, Lin and Smyth: repeatedly take sinks to the end of a
    sequence and sources to its start, else the node with most outgoing minus incoming edges
    (lowest number on ties); edges pointing backwards in the sequence are reversed.

    >>> feedback_edges(3, [0, 1, 2], [1, 2, 0])
    [False, False, True]
    """
    seq = _GreedySequence(n, src, tgt)
    position = [0] * n
    for i, v in enumerate(seq.run()):
        position[v] = i
    return [position[a] > position[b] for a, b in zip(src, tgt, strict=True)]


class _GreedySequence:
    """The vertex sequence of :func:`feedback_edges`, built by removing sinks and sources."""

    def __init__(self, n: int, src: Sequence[int], tgt: Sequence[int]) -> None:
        self.outs: list[list[int]] = [[] for _ in range(n)]
        self.ins: list[list[int]] = [[] for _ in range(n)]
        for a, b in zip(src, tgt, strict=True):
            if a != b:
                self.outs[a].append(b)
                self.ins[b].append(a)
        self.out_deg = [len(o) for o in self.outs]
        self.in_deg = [len(i) for i in self.ins]
        self.removed = [False] * n
        self.sinks = [v for v in range(n) if self.out_deg[v] == 0]
        self.sources = [v for v in range(n) if self.in_deg[v] == 0 and self.out_deg[v] > 0]
        heapq.heapify(self.sinks)
        heapq.heapify(self.sources)
        self.balance = [(self.in_deg[v] - self.out_deg[v], v) for v in range(n)]
        heapq.heapify(self.balance)
        self.left = n

    def remove(self, v: int) -> None:
        in_deg, out_deg, removed = self.in_deg, self.out_deg, self.removed
        removed[v] = True
        self.left -= 1
        for w in self.outs[v]:
            if not removed[w]:
                in_deg[w] -= 1
                heapq.heappush(self.balance, (in_deg[w] - out_deg[w], w))
                if in_deg[w] == 0 and out_deg[w] > 0:
                    heapq.heappush(self.sources, w)
        for u in self.ins[v]:
            if not removed[u]:
                out_deg[u] -= 1
                heapq.heappush(self.balance, (in_deg[u] - out_deg[u], u))
                if out_deg[u] == 0:
                    heapq.heappush(self.sinks, u)

    def run(self) -> list[int]:
        head: list[int] = []
        tail: list[int] = []
        removed = self.removed
        while self.left:
            if self.sinks:
                v = heapq.heappop(self.sinks)
                if not removed[v]:
                    tail.append(v)
                    self.remove(v)
            elif self.sources:
                v = heapq.heappop(self.sources)
                if not removed[v]:
                    head.append(v)
                    self.remove(v)
            else:
                delta, v = heapq.heappop(self.balance)
                if not removed[v] and delta == self.in_deg[v] - self.out_deg[v]:
                    head.append(v)
                    self.remove(v)
        return head + tail[::-1]


def _pull_right(dag_succs: list[list[int]], indegree: list[int]) -> list[int]:
    """Layers: topological generations, then sources pulled right, renumbered densely.

    Generations put every node as far left as it can go, so a chain hanging off a late stage
    would start in layer 0 and need one long edge. Move right, next to its first successor,
    each node with more outgoing than incoming edges, and each node whose ancestors only lead
    to it (they follow it): edges get shorter, none longer.

    >>> _pull_right([[2], [2], [3], []], [0, 0, 2, 1])
    [0, 0, 1, 2]
    >>> _pull_right([[3], [2], [3], []], [0, 0, 1, 2])
    [1, 0, 1, 2]
    """
    n = len(dag_succs)
    layer = [0] * n
    topo: list[int] = []
    for i, generation in enumerate(topological_generations(dag_succs, indegree)):
        for v in generation:
            layer[v] = i
            topo.append(v)
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
    return layer


def _preorder(dag_succs: list[list[int]], indegree: list[int]) -> list[int]:
    """A depth-first preorder from the sources: the initial order within each rank.

    >>> _preorder([[2], [2], []], [0, 0, 2])
    [0, 2, 1]
    """
    n = len(dag_succs)
    preorder = [0] * n
    seen = [False] * n
    counter = 0
    for start in sorted(range(n), key=lambda v: (indegree[v] > 0, v)):
        stack = [start]
        while stack:
            v = stack.pop()
            if seen[v]:
                continue
            seen[v] = True
            preorder[v] = counter
            counter += 1
            stack.extend(reversed(dag_succs[v]))
    return preorder


class Ranking(LayoutState):
    """Ranks, leaves and group blocks."""

    def _layer(self) -> None:
        """Break cycles, then layer by topological generations."""
        n = len(self.nodes)
        index = self.node_index
        self.src = [index[e.source] for e in self.edges]
        self.tgt = [index[e.target] for e in self.edges]
        self.reversed = feedback_edges(n, self.src, self.tgt)
        is_port, side = self.is_port, self.port_side
        for k in range(len(self.edges)):  # ports: an edge into a first or out of a last one
            s, t = self.src[k], self.tgt[k]  # runs backwards
            if is_port[s] != is_port[t]:
                self.reversed[k] = side[t] == PORT_FIRST or side[s] == PORT_LAST
        dag_succs: list[list[int]] = [[] for _ in range(n)]
        indegree = [0] * n
        core_succs: list[list[int]] = [[] for _ in range(n)]  # without the ports
        core_indegree = [0] * n
        for k in range(len(self.edges)):
            a, b = self.src[k], self.tgt[k]
            if a == b:
                continue
            if self.reversed[k]:
                a, b = b, a
            dag_succs[a].append(b)
            indegree[b] += 1
            if not (is_port[a] or is_port[b]):
                core_succs[a].append(b)
                core_indegree[b] += 1
        self.layer = self._isolated_beside_group(
            _pull_right(core_succs, core_indegree), core_indegree, core_succs
        )
        if any(is_port):  # the ports alone in the first or the last rank
            shift = int(PORT_FIRST in side)
            last = max((x for v, x in enumerate(self.layer) if not is_port[v]), default=-1)
            where = (0, 0, last + shift + 1)
            self.layer = [
                where[side[v]] if side[v] else x + shift for v, x in enumerate(self.layer)
            ]
        self.preorder = _preorder(dag_succs, indegree)

    def _isolated_beside_group(
        self, layer: list[int], indegree: list[int], dag_succs: list[list[int]]
    ) -> list[int]:
        """A node without edges stands in the first layer of the other members of its group
        (nested groups included), not in layer 0, which would stretch the group across the
        whole drawing."""
        first: dict[int, int] = {}
        linked = [bool(indegree[v] or dag_succs[v]) for v in range(len(layer))]
        for v, g in enumerate(self.node_group):
            while g > 0 and linked[v]:  # the group and every group around it
                first[g] = min(first.get(g, layer[v]), layer[v])
                g = self.gparent[g]
        moved = list(layer)
        for v, g in enumerate(self.node_group):
            if g in first and not linked[v]:
                moved[v] = first[g]
        used = sorted(set(moved))
        renumber = {old: new for new, old in enumerate(used)}
        return [renumber[x] for x in moved]

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
            if self.is_port[i]:
                w = h = PORT_BOX
                anchor = PORT_BOX / 2
            elif self.top_down:  # engine w, h = the real height and width
                h, w = side_node_size(node.label, measure)
                anchor = ICON_SIZE / 2  # the icon's centre, from the box's left side
            else:
                w, h = node_size(node.label, measure)
                anchor = ICON_TOP + ICON_SIZE / 2
            self._add_leaf(
                NODE,
                2 * self.layer[i],
                w,
                h,
                anchor,
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
        self.chains = []
        self.label_leaf = [-1] * len(self.edges)
        for k, edge in enumerate(self.edges):
            self.chains.append(self._edge_chain(k, edge, node_lo, node_hi))
        self._add_fillers()

    def _edge_chain(self, k: int, edge: Edge, node_lo: list[int], node_hi: list[int]) -> list[int]:
        """The leaves edge ``k`` passes, source rank to target rank: dummies and its label."""
        measure = self.measure
        s, t = self.src[k], self.tgt[k]
        label_size = (0.0, 0.0)
        if edge.label:
            lw, lh = measure(edge.label)
            if self.top_down:  # beside a vertical line: real width along the order axis
                lw, lh = lh, lw
            label_size = (lw + 2 * LABEL_PADDING, lh + 2 * LABEL_PADDING)
        if s == t:
            if edge.label:
                leaf = self._add_label(
                    label_size, self.rank[s] + 1, self.grp[s], (self.preorder[s], k)
                )
                self._link(s, leaf)
                self.label_leaf[k] = leaf
            return [s]
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
                leaf = self._add_leaf(DUMMY, r, 0.0, 0.0, 0.0, group, key)
            self._link(chain[-1], leaf)
            chain.append(leaf)
        self._link(chain[-1], b)
        chain.append(b)
        return chain

    def _add_fillers(self) -> None:
        """A group with no node still gets a box: give it an invisible filler leaf."""
        has_leaf = [False] * self.ng
        for g in self.grp:
            while g > 0 and not has_leaf[g]:
                has_leaf[g] = True
                g = self.gparent[g]
        for g in reversed(self.gpre):
            if g and not has_leaf[g]:
                self._add_leaf(FILLER, 0, 0.0, 0.0, 0.0, g, (len(self.nodes) + g, 0))
                while g > 0 and not has_leaf[g]:
                    has_leaf[g] = True
                    g = self.gparent[g]

    def _add_label(
        self, size: tuple[float, float], rank: int, group: int, key: tuple[int, int]
    ) -> int:
        # The label box sits just above the edge line, which runs along the leaf's bottom.
        h = size[1] + LABEL_LINE_GAP
        return self._add_leaf(LABEL, rank, size[0], h, h, group, key)

    def _build_blocks(self) -> None:
        """Group spans, and each group's children per rank in one initial global order."""
        ng, n_leaves = self.ng, len(self.kind)
        self.n_ranks = max(self.rank) + 1
        lo = [1 << 30] * ng
        hi = [-1] * ng
        self.direct = [[] for _ in range(ng)]
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
        self.at = [{} for _ in range(ng)]
        self.gorder = [[] for _ in range(ng)]
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
