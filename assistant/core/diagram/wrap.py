"""Long left-to-right diagrams wrapped into rows, so they fit a page.

A layered layout of a pipeline is one long row: 7:1 for a seven-stage chain, which a document
shrinks until its text cannot be read. :func:`wrap_rows` cuts the finished drawing between
columns (only where no node, group, label or vertical edge piece straddles the cut) and stacks
the pieces top to bottom. An edge crossing a cut leaves its row on the right, runs down through
the gap between the rows and enters the next row from the left, each crossing edge in its own
lane, ordered so that the lanes never cross each other.

A cycle's way back (an edge drawn right to left over the top of the long row) that crosses
one cut leaves its row straight up into the gap instead of running along the top of both rows
(:func:`_lift_back_edges`), so the lower row does not keep an empty track.

:func:`choose_rows` picks how many rows: the fewest that bring the drawing within the aspect
range and the reading width (see :data:`TARGET_WIDTH`); where to cut, the most even rows, or
for a part of a stacked page (whose width is given) the shortest drawing.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations, pairwise

from assistant.core.diagram.scene import Point, Rect

__all__ = [
    "ASPECT_RANGE",
    "TARGET_WIDTH",
    "Drawing",
    "choose_rows",
    "cut_positions",
    "fits_page",
    "wrap_rows",
]

TARGET_WIDTH = 1200.0
"""The width (px) a diagram should not exceed: a document page at 100 %, so 12 px text stays
12 px when the diagram is placed at full page width."""
ASPECT_RANGE = (0.6, 2.2)
"""Width / height the wrapping aims for; a little inside 0.5-2.5, for the title band and margins
the exporters add."""
MAX_ROWS = 6
_CLEAR = 6.0  # room kept between a cut and anything it must not cross
_LANE_SEP = 8.0  # between two lanes of edges that cross one cut
_LANE_PAD = 10.0  # between a row's content and the first lane
_MARGIN = 24.0  # left border of a wrapped row
_MAX_CANDIDATES = 24
_CROSSING_COST = 60.0
_TRIES = 4  # sets of cuts choose_rows(shortest=True) wraps to find one that fits


@dataclass(frozen=True, slots=True)
class Drawing:
    """The geometry of a laid-out diagram, as the layout engine holds it (group 0 is the
    invisible root and is ignored)."""

    nodes: tuple[Rect, ...]
    groups: tuple[Rect, ...]
    labels: tuple[Rect | None, ...]
    edges: tuple[tuple[Point, ...], ...]

    def extent(self) -> Rect:
        rects = [*self.nodes, *self.groups[1:], *(r for r in self.labels if r is not None)]
        xs = [r.x for r in rects]
        ys = [r.y for r in rects]
        rights = [r.right for r in rects]
        bottoms = [r.bottom for r in rects]
        for pts in self.edges:  # a point is a box of no size
            for x, y in pts:
                xs.append(x)
                ys.append(y)
                rights.append(x)
                bottoms.append(y)
        if not xs:
            return Rect(0, 0, 0, 0)
        x0, y0, x1, y1 = min(xs), min(ys), max(rights), max(bottoms)
        return Rect(x0, y0, x1 - x0, y1 - y0)


def _crossing_counts(drawing: Drawing, cuts: Sequence[float]) -> dict[float, int]:
    """How many edge pieces cross each cut."""
    counts = dict.fromkeys(cuts, 0)
    for pts in drawing.edges:
        for p, q in pairwise(pts):
            lo, hi = min(p[0], q[0]), max(p[0], q[0])
            for c in cuts:
                if lo < c < hi:
                    counts[c] += 1
    return counts


def cut_positions(drawing: Drawing) -> list[float]:
    """The x positions where the drawing can be cut: free of boxes and vertical edge pieces.

    >>> d = Drawing((Rect(0, 0, 100, 50), Rect(200, 0, 100, 50)), (Rect(0, 0, 0, 0),), (),
    ...             (((100, 25), (200, 25)),))
    >>> cut_positions(d)
    [150.0]
    """
    blocked: list[tuple[float, float]] = []
    for r in (*drawing.nodes, *drawing.groups[1:], *(r for r in drawing.labels if r)):
        blocked.append((r.x - _CLEAR, r.right + _CLEAR))
    for pts in drawing.edges:
        for p, q in pairwise(pts):
            if abs(p[0] - q[0]) < 0.01:
                blocked.append((p[0] - _CLEAR, p[0] + _CLEAR))
    blocked.sort()
    cuts: list[float] = []
    reach = -math.inf
    for lo, hi in blocked:
        if reach != -math.inf and lo > reach:
            cuts.append((reach + lo) / 2)
        reach = max(reach, hi)
    return cuts


def _choose_cuts(
    candidates: Sequence[float], crossing: dict[float, int], extent: Rect, rows: int
) -> list[float] | None:
    """``rows - 1`` cuts that make the widest row as narrow as possible, each edge crossing a
    cut counting as :data:`_CROSSING_COST` px more (their lanes are what makes a wrap busy)."""
    if rows <= 1:
        return []
    if len(candidates) < rows - 1:
        return None
    cands = list(candidates)
    if len(cands) > _MAX_CANDIDATES:
        step = len(cands) / _MAX_CANDIDATES
        cands = [cands[int(i * step)] for i in range(_MAX_CANDIDATES)]
    best: tuple[float, list[float]] | None = None
    for combo in combinations(cands, rows - 1):
        edges_ = [extent.x, *combo, extent.right]
        widest = max(b - a for a, b in pairwise(edges_))
        cost = widest + _CROSSING_COST * sum(crossing[c] for c in combo)
        if best is None or cost < best[0]:
            best = (cost, list(combo))
    return best[1] if best else None


def _slab_spans(drawing: Drawing, candidates: Sequence[float]) -> list[tuple[float, float]]:
    """Top and bottom of what lies between each two neighbouring candidate cuts (boxes by
    their centre, edge pieces wherever they run)."""
    spans = [(math.inf, -math.inf)] * (len(candidates) + 1)

    def extend(j: int, y0: float, y1: float) -> None:
        top, bottom = spans[j]
        spans[j] = (min(top, y0), max(bottom, y1))

    for r in (*drawing.nodes, *drawing.groups[1:], *(r for r in drawing.labels if r)):
        extend(bisect_left(candidates, r.center[0]), r.y, r.bottom)
    for pts in drawing.edges:
        for p, q in pairwise(pts):
            first = bisect_left(candidates, min(p[0], q[0]))  # as _band counts, sorted
            last = bisect_left(candidates, max(p[0], q[0]))
            for j in range(first, last + 1):
                extend(j, min(p[1], q[1]), max(p[1], q[1]))
    return spans


def _shortest_cuts(
    drawing: Drawing,
    candidates: Sequence[float],
    crossing: dict[float, int],
    rows: int,
    width: float,
) -> list[list[float]]:
    """Sets of ``rows - 1`` cuts whose rows look no wider than ``width``, the shortest stack
    first (each row as tall as what lies in it, each gap as deep as its lanes), then the
    narrowest: a part of a stacked page has its width given and wants no height to spare."""
    cands = list(candidates)
    if len(cands) > _MAX_CANDIDATES:
        step = len(cands) / _MAX_CANDIDATES
        cands = [cands[int(i * step)] for i in range(_MAX_CANDIDATES)]
    spans = _slab_spans(drawing, candidates)
    extent = drawing.extent()
    ranked: list[tuple[float, float, list[float]]] = []
    index = {c: i for i, c in enumerate(candidates)}
    for combo in combinations(cands, rows - 1):
        slabs = [0, *(index[c] + 1 for c in combo), len(candidates) + 1]
        lanes = [crossing[c] for c in combo]
        # where each row ends on the right, as wrap_rows moves it (its lanes beyond the cut)
        ends = [combo[0] + lanes[0] * _LANE_SEP]
        for b in range(1, rows):
            right = combo[b] if b < rows - 1 else extent.right
            out = lanes[b] if b < rows - 1 else 0
            ends.append(_MARGIN + (lanes[b - 1] + out) * _LANE_SEP + right - combo[b - 1])
        widest = max(ends) - min(extent.x, _MARGIN)
        if widest > width:
            continue
        height = sum(2 * _LANE_PAD + max(m - 1, 0) * _LANE_SEP for m in lanes)
        for lo, hi in pairwise(slabs):
            tops, bottoms = zip(*spans[lo:hi], strict=True)
            if min(tops) < math.inf:
                height += max(bottoms) - min(tops)
        ranked.append((height, widest, list(combo)))
    ranked.sort(key=lambda t: (t[0], t[1]))
    return [combo for _, _, combo in ranked]


def _band(x: float, cuts: Sequence[float]) -> int:
    return sum(1 for c in cuts if x > c)


@dataclass(slots=True)
class _Crossing:
    edge: int
    cut: int
    y: float
    forward: bool  # the edge runs left to right here
    order: int = 0
    rise: float | None = None  # a lifted back edge leaves its row straight up here


def _split(
    pts: tuple[Point, ...], cuts: Sequence[float], k: int
) -> tuple[list[list[Point]], list[_Crossing]]:
    """An edge's polyline cut into one piece per row it passes, and where it crosses."""
    pieces: list[list[Point]] = [[pts[0]]]
    crossings: list[_Crossing] = []
    for p, q in pairwise(pts):
        if abs(p[1] - q[1]) < 0.01 and abs(p[0] - q[0]) > 0.01:
            forward = q[0] > p[0]
            hit = [c for c in cuts if min(p[0], q[0]) < c < max(p[0], q[0])]
            for c in sorted(hit, reverse=not forward):
                pieces[-1].append((c, p[1]))
                index = list(cuts).index(c)
                crossings.append(_Crossing(k, index, p[1], forward))
                pieces.append([(c, p[1])])
        pieces[-1].append(q)
    return pieces, crossings


def wrap_rows(drawing: Drawing, rows: int, cuts: Sequence[float] | None = None) -> Drawing | None:
    """The drawing cut into ``rows`` rows stacked top to bottom (at ``cuts``, by default
    where the widest row is narrowest); None when it cannot be cut that often.

    >>> d = Drawing((Rect(0, 0, 100, 50), Rect(200, 0, 100, 50)), (Rect(0, 0, 0, 0),), (),
    ...             (((100, 25), (200, 25)),))
    >>> w = wrap_rows(d, 2)
    >>> w.nodes[1].y > w.nodes[0].bottom and w.nodes[1].x < w.nodes[0].right
    True
    >>> w.edges[0][0], w.edges[0][-1]
    ((100.0, 25.0), (82.0, 95.0))
    """
    if rows <= 1:
        return drawing
    extent = drawing.extent()
    if cuts is None:
        candidates = cut_positions(drawing)
        cuts = _choose_cuts(candidates, _crossing_counts(drawing, candidates), extent, rows)
    if cuts is None:
        return None
    if not cuts:
        return drawing
    split = [_split(pts, cuts, k) for k, pts in enumerate(drawing.edges)]
    by_cut = _lanes_by_cut(split, len(cuts))
    drawing = _lift_back_edges(drawing, cuts, split)
    tops, bottoms = _row_extents(drawing, cuts, split)
    dx, dy, lane_y = _offsets(cuts, tops, bottoms, [len(g) for g in by_cut])

    def move(r: Rect) -> Rect:
        b = _band(r.center[0], cuts)
        return Rect(r.x + dx[b], r.y + dy[b], r.w, r.h)

    edges: list[tuple[Point, ...]] = []
    for pieces, crossings in split:
        out: list[Point] = []
        for i, piece in enumerate(pieces):
            band = _band(sum(p[0] for p in piece) / len(piece), cuts)
            out += [(x + dx[band], y + dy[band]) for x, y in piece]
            if i < len(crossings):
                out += _connector(crossings[i], cuts, dx, dy, lane_y, len(by_cut[crossings[i].cut]))
        edges.append(_simplify(out))
    wrapped = Drawing(
        tuple(move(r) for r in drawing.nodes),
        (drawing.groups[0], *(move(r) for r in drawing.groups[1:])),
        tuple(move(r) if r is not None else None for r in drawing.labels),
        tuple(edges),
    )
    # The first row may start lower than the tallest column did: start at the old top-left.
    now = wrapped.extent()
    return _shifted(wrapped, extent.x - now.x, extent.y - now.y)


def _lanes_by_cut(
    split: list[tuple[list[list[Point]], list[_Crossing]]], n_cuts: int
) -> list[list[_Crossing]]:
    """The crossings at each cut, top to bottom, each numbered by its lane (``order``)."""
    by_cut: list[list[_Crossing]] = [[] for _ in range(n_cuts)]
    for _, crossings in split:
        for c in crossings:
            by_cut[c.cut].append(c)
    for group in by_cut:
        group.sort(key=lambda c: (c.y, c.edge))
        for j, c in enumerate(group):
            c.order = j
    return by_cut


def _tops(
    drawing: Drawing, cuts: Sequence[float], split: list[tuple[list[list[Point]], list[_Crossing]]]
) -> list[list[tuple[float, int]]]:
    """Per row: the top of each thing in it, with its edge's number (-1 for a node or group)."""
    tops: list[list[tuple[float, int]]] = [[] for _ in range(len(cuts) + 1)]
    for r in (*drawing.nodes, *drawing.groups[1:]):
        tops[_band(r.center[0], cuts)].append((r.y, -1))
    for k, label in enumerate(drawing.labels):
        if label is not None:
            tops[_band(label.center[0], cuts)].append((label.y, k))
    for k, (pieces, _) in enumerate(split):
        for piece in pieces:
            band = _band(sum(p[0] for p in piece) / len(piece), cuts)
            tops[band].append((min(p[1] for p in piece), k))
    return tops


def _lift_back_edges(
    drawing: Drawing, cuts: Sequence[float], split: list[tuple[list[list[Point]], list[_Crossing]]]
) -> Drawing:
    """Back edges that run over the top of two neighbouring rows, lifted out of the lower one.

    An edge drawn right to left in the long row (a cycle's way back) runs above everything,
    so wrapped it takes the top of the row it leaves and of the row it enters, and a connector
    around the upper row. When it crosses one cut and is the topmost thing of both rows, it
    now leaves its row straight up into its lane (the deepest of the gap) and runs up the
    upper row's right end, as before; its label moves onto the part above the upper row. The
    lower row loses the track and the label above it. ``split`` is changed in place; the
    drawing with the moved labels is returned.
    """
    back = [k for k, (_, cs) in enumerate(split) if len(cs) == 1 and not cs[0].forward]
    back = [k for k in back if split[k][1][0].order == 0]  # the top lane of its cut
    if not back:
        return drawing
    labels = list(drawing.labels)
    tops = _tops(drawing, cuts, split)
    for k in back:
        pieces, (c,) = split[k]
        low, high = pieces
        track = _track(low, high)
        if track is None:
            continue  # not: up from its source, then along a track to the cut
        xs, yt, cut_x, x1 = track
        label = labels[k]
        if any(y <= yt + 0.01 for b in (c.cut, c.cut + 1) for y, e in tops[b] if e != k):
            continue  # something else is as high as the track in one of the two rows
        if label is not None and _band(label.center[0], cuts) == c.cut + 1:
            if cut_x - x1 < label.w + 2 * _CLEAR or abs(label.bottom - yt) > 4.0:
                continue  # no room for the label on the upper part, or it is not on the track
            labels[k] = Rect((x1 + cut_x - label.w) / 2, label.y, label.w, label.h)
        pieces[0] = low[:-2]
        c.rise = xs
    return Drawing(drawing.nodes, drawing.groups, tuple(labels), drawing.edges)


def _track(low: list[Point], high: list[Point]) -> tuple[float, float, float, float] | None:
    """For a back edge cut in two, the piece in the row it leaves (``low``) going up from its
    source and then along a track to the cut, and on (``high``) to ``x1`` in the row it
    enters: (x where it goes up, the track's y, the cut's x, x1); else None."""
    if len(low) < 3 or len(high) < 2:
        return None
    (xs, ys), (bx, yt), (_, cy) = low[-3:]
    (cut_x, _), (x1, y1) = high[:2]
    if abs(bx - xs) > 0.01 or abs(cy - yt) > 0.01 or abs(y1 - yt) > 0.01 or ys <= yt:
        return None
    return xs, yt, cut_x, x1


def _row_extents(
    drawing: Drawing, cuts: Sequence[float], split: list[tuple[list[list[Point]], list[_Crossing]]]
) -> tuple[list[float], list[float]]:
    """Top and bottom of each row's content in the original coordinates: boxes, and the
    edge pieces in it."""
    n_bands = len(cuts) + 1
    tops = [math.inf] * n_bands
    bottoms = [-math.inf] * n_bands
    spans: list[tuple[float, float, float]] = []  # x centre, top, bottom
    boxes = [*drawing.nodes, *drawing.groups[1:], *(r for r in drawing.labels if r is not None)]
    spans += [(r.center[0], r.y, r.bottom) for r in boxes]
    for pieces, _ in split:
        for piece in pieces:
            ys = [p[1] for p in piece]
            spans.append((sum(p[0] for p in piece) / len(piece), min(ys), max(ys)))
    for x, y0, y1 in spans:
        band = _band(x, cuts)
        tops[band] = min(tops[band], y0)
        bottoms[band] = max(bottoms[band], y1)
    return tops, bottoms


def _offsets(
    cuts: Sequence[float], tops: list[float], bottoms: list[float], lanes: list[int]
) -> tuple[list[float], list[float], list[float]]:
    """How far each row moves (dx, dy), and the deepest lane of each gap between rows."""
    n_bands = len(cuts) + 1
    dx = [0.0] * n_bands
    dy = [0.0] * n_bands
    lane_y = [0.0] * len(cuts)
    for b in range(1, n_bands):
        m = lanes[b - 1]
        dx[b] = _MARGIN + m * _LANE_SEP - cuts[b - 1]
        gap_top = bottoms[b - 1] + dy[b - 1] + _LANE_PAD
        lane_y[b - 1] = gap_top + max(m - 1, 0) * _LANE_SEP
        top = lane_y[b - 1] + _LANE_PAD
        dy[b] = top - tops[b] if tops[b] != math.inf else top
    return dx, dy, lane_y


def _shifted(d: Drawing, dx: float, dy: float) -> Drawing:
    def move(r: Rect) -> Rect:
        return Rect(r.x + dx, r.y + dy, r.w, r.h)

    return Drawing(
        tuple(move(r) for r in d.nodes),
        (d.groups[0], *(move(r) for r in d.groups[1:])),
        tuple(move(r) if r is not None else None for r in d.labels),
        tuple(tuple((x + dx, y + dy) for x, y in pts) for pts in d.edges),
    )


def _connector(
    c: _Crossing,
    cuts: Sequence[float],
    dx: Sequence[float],
    dy: Sequence[float],
    lane_y: Sequence[float],
    m: int,
) -> list[Point]:
    """The lanes from a row's right end down to the next row's left end (reversed for an
    edge that runs right to left there). The upper edge at a cut takes the outer lane on the
    right and the deeper lane in the gap, the lower one the outer lane on the left."""
    i, j = c.cut, c.order
    ya, yb = c.y + dy[i], c.y + dy[i + 1]
    x_right = cuts[i] + dx[i] + (m - j) * _LANE_SEP
    y_gap = lane_y[i] - j * _LANE_SEP
    if c.rise is not None:  # straight up out of the lower row (see _lift_back_edges)
        return [(c.rise + dx[i + 1], y_gap), (x_right, y_gap), (x_right, ya)]
    x_left = cuts[i] + dx[i + 1] - (j + 1) * _LANE_SEP
    pts = [(x_right, ya), (x_right, y_gap), (x_left, y_gap), (x_left, yb)]
    return pts if c.forward else pts[::-1]


def _simplify(points: list[Point]) -> tuple[Point, ...]:
    out: list[Point] = []
    for p in points:
        if out and abs(out[-1][0] - p[0]) < 0.01 and abs(out[-1][1] - p[1]) < 0.01:
            continue
        if len(out) >= 2:
            a, b = out[-2], out[-1]
            same_x = abs(a[0] - b[0]) < 0.01 and abs(b[0] - p[0]) < 0.01
            same_y = abs(a[1] - b[1]) < 0.01 and abs(b[1] - p[1]) < 0.01
            if same_x or same_y:
                out[-1] = p
                continue
        out.append(p)
    return tuple(out)


def _score(
    drawing: Drawing,
    title_band: float,
    width: float,
    aspect_range: tuple[float, float],
    margin: float,
) -> tuple[bool, float]:
    e = drawing.extent()
    w, h = e.w + 2 * margin, e.h + 2 * margin + title_band
    aspect = w / h if h else 1.0
    lo, hi = aspect_range
    fits = lo <= aspect <= hi and w <= width
    miss = math.log(lo / aspect) if aspect < lo else math.log(aspect / hi) if aspect > hi else 0.0
    return fits, miss + max(0.0, w / width - 1)


def fits_page(
    drawing: Drawing,
    title_band: float = 40.0,
    width: float = TARGET_WIDTH,
    aspect_range: tuple[float, float] = ASPECT_RANGE,
    margin: float = _MARGIN,
) -> bool:
    """True when ``drawing`` (with ``margin`` around it and the title band) is within
    ``aspect_range`` and no wider than ``width``, as :func:`choose_rows` asks of its rows.

    >>> fits_page(Drawing((Rect(0, 0, 600, 300),), (), (), ()))
    True
    >>> fits_page(Drawing((Rect(0, 0, 1400, 600),), (), (), ()))
    False
    """
    return _score(drawing, title_band, width, aspect_range, margin)[0]


def choose_rows(
    drawing: Drawing,
    title_band: float = 40.0,
    width: float = TARGET_WIDTH,
    aspect_range: tuple[float, float] = ASPECT_RANGE,
    margin: float = _MARGIN,
    shortest: bool = False,
) -> Drawing:
    """The drawing in the fewest rows that fit ``aspect_range`` and ``width`` (with the
    ``margin`` around it and the title band the exporters add); when no count fits, the one
    that misses least. A part of a larger drawing (a path of a stacked layout) asks for a
    width alone: ``aspect_range=(0, math.inf), margin=0``, and ``shortest``: of the cuts
    into that many rows that fit, the ones giving the shortest drawing (a few are tried, the
    shortest by estimate first), not the most even rows."""
    best: tuple[float, int, Drawing] | None = None
    candidates = cut_positions(drawing) if shortest else []
    crossing = _crossing_counts(drawing, candidates) if shortest else {}
    for rows in range(1, MAX_ROWS + 1):
        if shortest and 1 < rows <= len(candidates) + 1:
            for cuts in _shortest_cuts(drawing, candidates, crossing, rows, width)[:_TRIES]:
                short = wrap_rows(drawing, rows, cuts)
                if short is not None and _score(short, title_band, width, aspect_range, margin)[0]:
                    return short
        wrapped = wrap_rows(drawing, rows)
        if wrapped is None:
            break
        fits, miss = _score(wrapped, title_band, width, aspect_range, margin)
        if fits:
            return wrapped
        if best is None or miss < best[0]:
            best = (miss, rows, wrapped)
        e = wrapped.extent()
        if e.w < aspect_range[0] * e.h:
            break  # already too tall: more rows only make it taller
    return best[2] if best is not None else drawing
