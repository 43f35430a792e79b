"""Stage 3 of the layout: vertical positions (separation constraints compacted
Brandes-Koepf style), edge ports on node sides, and the columns left to right."""

from __future__ import annotations

import math
from itertools import pairwise

from assistant.core.diagram.sizes import (
    GROUP_PADDING,
    ICON_SIZE,
    ICON_TOP,
    MARGIN,
    TITLE_GAP,
    TITLE_INSET_X,
    TITLE_INSET_Y,
)
from assistant.core.diagram.state import (
    CHANNEL_SEP,
    DUMMY,
    EPS,
    GROUP_MARGIN,
    LABEL,
    LEAF_MARGIN,
    PORT_INSET,
    PORT_SEP,
    SELF_LOOP_HALF,
    TITLE_CLEAR,
    ZONE_MARGIN,
    LayoutState,
)

__all__ = ["Placement"]


class Placement(LayoutState):
    """Where every leaf, group border and edge port goes."""

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
            return LEAF_MARGIN[kind[item]] if item >= 0 else GROUP_MARGIN

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
                    add(n_leaves + 2 * g, n_leaves + 2 * g + 1, self._min_extent(g))
                    add(n_leaves + 2 * g, top_var(items[0]), top_inset[g])
                    last = items[-1]
                    if last >= 0:
                        add(last, n_leaves + 2 * g + 1, h[last] + GROUP_PADDING)
                    else:
                        add(n_leaves + 2 * ~last + 1, n_leaves + 2 * g + 1, GROUP_PADDING)
        self.title_clear = self._entries_below_titles()
        for g, entries in enumerate(self.title_clear):
            for x in entries:
                add(n_leaves + 2 * g, x, self._title_clearance(g))
        anchor = self.anchor
        self.cu = [u for u, _ in found]
        self.cv = [v for _, v in found]
        # In edge-line terms: line[v] - anchor[v] >= line[u] - anchor[u] + d.
        self.cw = [
            d + (anchor[v] if v < n_leaves else 0.0) - (anchor[u] if u < n_leaves else 0.0)
            for (u, v), d in found.items()
        ]

    def _entries_below_titles(self) -> list[list[int]]:
        """Top down, per group: the leaves of its first rank (its own or its subgroups') that
        an edge comes into from above. The group's title is drawn top left, across the order
        axis, so these keep clear of it along that axis (:meth:`_title_clearance`) and no edge
        enters the group through its title. Left to right, none (see :meth:`_title_end`)."""
        out: list[list[int]] = [[] for _ in range(self.ng)]
        if not self.top_down:
            return out
        for g in range(1, self.ng):
            r = self.lo[g]
            items = list(self.at[g].get(r, ()))
            while items:
                item = items.pop()
                if item >= 0:
                    if self.preds[item]:
                        out[g].append(item)
                elif self.lo[~item] == r:
                    items.extend(self.at[~item].get(r, ()))
        return out

    def _title_clearance(self, g: int) -> float:
        """Order-axis distance from group ``g``'s top to a leaf kept clear of its title."""
        return TITLE_INSET_X + self.title_w[g] + TITLE_CLEAR

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
                if kind[v] in (DUMMY, LABEL):
                    for u in preds[v]:
                        if kind[u] in (DUMMY, LABEL):
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
        graph = self._block_graph(block)
        if graph is None:
            return None
        first, targets, weights, order = graph
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

    def _block_graph(
        self, block: list[int]
    ) -> tuple[list[int], list[int], list[float], list[int]] | None:
        """The constraints between blocks in compressed sparse rows (flat lists keep
        allocation low) and a topological order of the blocks; None when cyclic."""
        n_leaves, n_vars = len(self.kind), self.n_vars
        cw = self.cw
        bus = [block[u] for u in self.cu]
        bvs = [block[v] for v in self.cv]
        first = [0] * (n_vars + 1)
        indegree = [0] * n_vars
        kept: list[int] = []
        for i, bu in enumerate(bus):
            bv = bvs[i]
            if bu == bv:
                if cw[i] > EPS:
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
        active = [b for b in range(n_vars) if b >= n_leaves or block[b] == b]
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
        return first, targets, weights, order

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
        self._fit_groups_y(combined[n_leaves:])
        shift = MARGIN - min(min(self.y, default=0.0), min(self.gtop[1:], default=math.inf))
        self.y = [v + shift for v in self.y]
        self.gtop = [v + shift for v in self.gtop]
        self.gbottom = [v + shift for v in self.gbottom]
        self.line = [self.y[x] + anchor[x] for x in range(n_leaves)]

    def _min_extent(self, g: int) -> float:
        """Top down, a group is at least as wide (engine: tall) as its title."""
        return self.title_w[g] + 2 * TITLE_INSET_X if self.top_down else 0.0

    def _fit_groups_y(self, spans: list[float]) -> None:
        """Each group box tight around its members; one shorter than its minimum extent (top
        down: its title) grows inside the span the constraints gave it (``spans``: top and
        bottom per group), which the neighbouring blocks keep clear."""
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
            top -= self.top_inset[g]
            for x in self.title_clear[g]:
                top = min(top, y[x] - self._title_clearance(g))
            bottom += GROUP_PADDING
            short = self._min_extent(g) - (bottom - top)
            if short > 0:
                bottom = max(bottom, min(spans[2 * g + 1], top + self._min_extent(g)))
                top = min(top, bottom - self._min_extent(g))
            self.gtop[g], self.gbottom[g] = top, bottom

    def _place_ports(self) -> None:
        """Spread the edge ends on each side of a node's icon, each as close as it can be to the
        height of the line it connects to, keeping the order of those lines (no crossing at the
        node); many ends share the icon's side more tightly than :data:`PORT_SEP`."""
        n_nodes = len(self.nodes)
        line = self.line
        right: list[list[tuple[float, int, int]]] = [[] for _ in range(n_nodes)]
        left: list[list[tuple[float, int, int]]] = [[] for _ in range(n_nodes)]
        for k, chain in enumerate(self.chains):
            if len(chain) == 1:
                s = chain[0]
                right[s].append((line[s] - SELF_LOOP_HALF, k, 0))
                right[s].append((line[s] + SELF_LOOP_HALF, k, 1))
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
                # On the icon's side (the edge ends there), clear of its rounded corners.
                icon_top = top + (0.0 if self.top_down else ICON_TOP)
                lo = icon_top + PORT_INSET
                hi = icon_top + ICON_SIZE - PORT_INSET
                if self.is_port[x]:  # one edge, at the port's middle
                    lo = hi = line[x]
                count = len(ends)
                sep = min(PORT_SEP, (hi - lo) / (count - 1)) if count > 1 else 0.0
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
        self._collect_jogs()
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
        rel_left = self._relative_lefts(starting, col_w)
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
                self.gright[g] = self._group_right(g, r, col + col_w[r])
                end = max(end, self.gright[g])
            end = self._title_end(r, end)
            channels = len(self.jogs[r]) + len(self.loops[r])
            self.zone_x[r] = end + ZONE_MARGIN
            cursor = self.zone_x[r] + max(channels - 1, 0) * CHANNEL_SEP + ZONE_MARGIN

    def _title_end(self, r: int, end: float) -> float:
        """Left to right, where the channels of the gap after rank ``r`` may begin: past the
        title of a group that spans the gap when a bend there would cross the title's band
        (a long title reaches over its first columns). Top down, titles lie in the band the
        rank axis keeps before a group's first column, clear of every channel."""
        if self.top_down:
            return end
        for g in range(1, self.ng):
            title_right = self.gleft[g] + TITLE_INSET_X + self.title_w[g] + TITLE_CLEAR
            if not self.lo[g] <= r < self.hi[g] or title_right <= end:
                continue
            top = self.gtop[g] + TITLE_INSET_Y
            bottom = self.gtop[g] + self.title_band[g] - TITLE_GAP
            for _, _, y_out, y_in in self.jogs[r]:
                if min(y_out, y_in) < bottom and top < max(y_out, y_in):
                    end = title_right
                    break
        return end

    def _collect_jogs(self) -> None:
        """Edge bends (and self-loops) per gap, the gap after rank r."""
        n_ranks = self.n_ranks
        self.jogs = [[] for _ in range(n_ranks)]
        self.loops = [[] for _ in range(n_ranks)]
        for k, chain in enumerate(self.chains):
            if len(chain) == 1:
                self.loops[self.rank[chain[0]]].append(k)
                continue
            y_out = self.port[k][0]
            last = len(chain) - 1
            for i in range(last):
                y_in = self.port[k][1] if i + 1 == last else self.line[chain[i + 1]]
                if abs(y_in - y_out) > EPS:
                    self.jogs[self.rank[chain[i]]].append((k, i, y_out, y_in))
                y_out = y_in

    def _relative_lefts(self, starting: list[list[int]], col_w: list[float]) -> list[float]:
        """Left border of each group relative to the left of its first column."""
        w = self.w
        rel_left = [0.0] * self.ng
        for r in range(self.n_ranks):
            for g in starting[r]:
                left = math.inf
                for item in self.at[g].get(r, ()):
                    if item >= 0:
                        left = min(left, (col_w[r] - w[item]) / 2)
                    elif self.lo[~item] == r:
                        left = min(left, rel_left[~item])
                rel_left[g] = (0.0 if left == math.inf else left) - self.rank_inset[g]
        return rel_left

    def _group_right(self, g: int, r: int, column_right: float) -> float:
        """Right border of group ``g``, which ends in rank ``r``: past its members and title."""
        w = self.w
        right = -math.inf
        for item in self.at[g].get(r, ()):
            if item >= 0:
                right = max(right, self.xs[item] + w[item])
            elif self.hi[~item] == r:
                right = max(right, self.gright[~item])
        if right == -math.inf:
            right = column_right
        if self.top_down:  # the title runs across the order axis (see _constraints)
            return right + GROUP_PADDING
        return max(right + GROUP_PADDING, self.gleft[g] + self.title_w[g] + 2 * TITLE_INSET_X)
