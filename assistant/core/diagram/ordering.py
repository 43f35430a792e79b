"""Stage 2 of the layout: order the leaves in each rank (barycenter sweeps over group
blocks) to reduce edge crossings."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.core.diagram.state import (
    LayoutState,
)

__all__ = ["Ordering", "inversions"]


def inversions(seq: Sequence[int], size: int) -> int:
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


class Ordering(LayoutState):
    """Crossing reduction and the final order of every rank."""

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
                total += inversions(seq, len(orders[r + 1]))
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

    def same_structure(self, other: Ordering) -> bool:
        """True when ``other`` (the same diagram, laid out in the other direction) built the
        same leaves, ranks, groups, links and initial keys as this run: crossing reduction
        reads nothing else (positions are indices, never sizes), so its outcome is the same."""
        return (
            self.kind == other.kind
            and self.rank == other.rank
            and self.grp == other.grp
            and self.key == other.key
            and self.preds == other.preds
            and self.succs == other.succs
            and self.gparent == other.gparent
        )

    def adopt_order(self, other: Ordering) -> None:
        """Take the reduced order of ``other`` (see :meth:`same_structure`) instead of
        reducing the crossings again."""
        self.at, self.gorder = other._snapshot()
        self.crossings = other.crossings

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
