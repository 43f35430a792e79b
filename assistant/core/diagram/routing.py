"""Stage 4 of the layout: orthogonal edge routes through the channels between columns, and
the free-form router used around pinned nodes."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from assistant.core.diagram.scene import Point, Rect
from assistant.core.diagram.sizes import ICON_SIZE
from assistant.core.diagram.state import (
    CHANNEL_SEP,
    DETOUR,
    EPS,
    LABEL_LINE_GAP,
    LayoutState,
)

__all__ = ["Routing", "best_route", "route_candidates", "segment_hits", "simplify", "union"]


def segment_hits(p: Point, q: Point, r: Rect) -> bool:
    """True when the axis-parallel segment p-q passes through the inside of ``r``."""
    if p[1] == q[1]:
        lo, hi = min(p[0], q[0]), max(p[0], q[0])
        return r.y < p[1] < r.bottom and max(lo, r.x) < min(hi, r.right)
    lo, hi = min(p[1], q[1]), max(p[1], q[1])
    return r.x < p[0] < r.right and max(lo, r.y) < min(hi, r.bottom)


def simplify(points: list[Point]) -> tuple[Point, ...]:
    """Drop repeated points and the middle of three collinear points."""
    out: list[Point] = []
    for p in points:
        if out and abs(out[-1][0] - p[0]) < EPS and abs(out[-1][1] - p[1]) < EPS:
            continue
        if len(out) >= 2:
            a, b = out[-2], out[-1]
            if (abs(a[0] - b[0]) < EPS and abs(b[0] - p[0]) < EPS) or (
                abs(a[1] - b[1]) < EPS and abs(b[1] - p[1]) < EPS
            ):
                out[-1] = p
                continue
        out.append(p)
    return tuple(out)


def union(rects: Sequence[Rect]) -> Rect:
    x0 = min(r.x for r in rects)
    y0 = min(r.y for r in rects)
    x1 = max(r.right for r in rects)
    y1 = max(r.bottom for r in rects)
    return Rect(x0, y0, x1 - x0, y1 - y0)


class Routing(LayoutState):
    """Channels for the edge bends and the routes through them."""

    @staticmethod
    def _jog_cost(first: tuple[float, float], second: tuple[float, float]) -> int:
        """Crossings when bend ``first`` takes a channel left of bend ``second``."""
        (a1, a2), (b1, b2) = first, second
        cost = 0
        if min(a1, a2) < b1 < max(a1, a2):
            cost += 1
        if min(b1, b2) < a2 < max(b1, b2):
            cost += 1
        if abs(b1 - a2) < EPS:
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
                x += CHANNEL_SEP
            for k, i, _, _ in self._order_jogs(self.jogs[r]):
                channel[(k, i)] = x
                x += CHANNEL_SEP
        xs, w = self.xs, self.w
        self.points = []
        self.label_rects = []
        for k, chain in enumerate(self.chains):
            y_out, y_end = self.port[k]
            if len(chain) == 1:
                s = chain[0]
                x0 = xs[s] + (w[s] + ICON_SIZE) / 2  # the icon's right side
                pts = [(x0, y_out), (loop_x[k], y_out), (loop_x[k], y_end), (x0, y_end)]
            else:
                a, b = chain[0], chain[-1]
                # Edges start and end on the sides of the icons, centred in their node boxes.
                right = xs[a] + (w[a] if self.is_port[a] else (w[a] + ICON_SIZE) / 2)
                pts = [(right, y_out)]
                last = len(chain) - 1
                for i in range(last):
                    y_in = y_end if i + 1 == last else self.line[chain[i + 1]]
                    if (k, i) in channel:
                        cx = channel[(k, i)]
                        pts.append((cx, y_out))
                        pts.append((cx, y_in))
                    y_out = y_in
                pts.append((xs[b] + (0.0 if self.is_port[b] else (w[b] - ICON_SIZE) / 2), y_end))
                if self.reversed[k]:
                    pts.reverse()
            self.points.append(simplify(pts))
            leaf = self.label_leaf[k]
            if leaf < 0:
                self.label_rects.append(None)
            else:
                self.label_rects.append(
                    Rect(xs[leaf], self.y[leaf], w[leaf], self.h[leaf] - LABEL_LINE_GAP)
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


def route_candidates(s: Rect, sp: Point, t: Rect, tp: Point) -> list[list[Point]]:
    """Orthogonal routes from box ``s`` to box ``t`` (either may be a point), simplest first,
    leaving and entering near the preferred ports ``sp`` and ``tp`` (points inside the boxes)."""
    out = _straight_candidates(s, sp, t, tp)
    out += _elbow_candidates(s, sp, t, tp)
    out += _detour_candidates(s, sp, t, tp)
    return out


def _straight_candidates(s: Rect, sp: Point, t: Rect, tp: Point) -> list[list[Point]]:
    """Straight lines and Z shapes between facing sides."""
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
    return out


def _elbow_candidates(s: Rect, sp: Point, t: Rect, tp: Point) -> list[list[Point]]:
    """L shapes: out of one side of ``s``, into the top, bottom or a side of ``t``."""
    scx, scy = sp
    tcx, tcy = tp
    out: list[list[Point]] = []
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
    return out


def _detour_candidates(s: Rect, sp: Point, t: Rect, tp: Point) -> list[list[Point]]:
    """Detours around both boxes, at growing distances."""
    scx, scy = sp
    tcx, tcy = tp
    out: list[list[Point]] = []
    for step in (1, 2, 4):
        d = DETOUR * step
        xr = max(s.right, t.right) + d
        xl = min(s.x, t.x) - d
        yt_ = min(s.y, t.y) - d
        yb = max(s.bottom, t.bottom) + d
        out.append([(s.right, scy), (xr, scy), (xr, tcy), (t.right, tcy)])
        out.append([(s.x, scy), (xl, scy), (xl, tcy), (t.x, tcy)])
        out.append([(scx, s.y), (scx, yt_), (tcx, yt_), (tcx, t.y)])
        out.append([(scx, s.bottom), (scx, yb), (tcx, yb), (tcx, t.bottom)])
    return out


def best_route(
    start: tuple[Rect, Point], end: tuple[Rect, Point], obstacles: Sequence[Rect]
) -> list[Point]:
    """The candidate route crossing the fewest obstacles, then with the fewest bends."""
    (s, sp), (t, tp) = start, end
    best: tuple[int, int, float] | None = None
    chosen: list[Point] = []
    for pts in route_candidates(s, sp, t, tp):
        hits = 0
        length = 0.0
        for p, q in pairwise(pts):
            length += abs(p[0] - q[0]) + abs(p[1] - q[1])
            hits += sum(1 for r in obstacles if segment_hits(p, q, r))
            hits += segment_hits(p, q, s) + segment_hits(p, q, t)
        score = (hits, len(pts), length)
        if best is None or score < best:
            best, chosen = score, pts
    return chosen
