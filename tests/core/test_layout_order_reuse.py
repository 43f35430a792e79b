"""Work the layout no longer repeats, checked against doing it.

``auto`` lays a diagram out left to right, then top down; the top-down run takes the
crossing reduction of the first run over (the same leaves and ranks, only the sizes differ)
instead of repeating it. The drawing must be the one a top-down layout of its own gives."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.core.decide.engine import recommend
from assistant.core.diagram.layout import layout
from assistant.core.diagram.quality import crossings
from assistant.core.diagram.scene import Diagram, Edge, Group, Node, Point, Rect
from assistant.core.diagram.wrap import Drawing
from assistant.core.pack.answers import normalize_answers
from assistant.core.project import load_project

EXAMPLES = sorted(
    (Path(__file__).resolve().parents[2] / "knowledge/aws-ml/examples").glob("*.yaml")
)


def _unlaid(pack, example: Path) -> Diagram:  # type: ignore[no-untyped-def]
    project = load_project(example, pack)
    answers = normalize_answers(pack, dict(project.answers), str(example))
    return recommend(pack, answers, title=project.title, lay_out=False).diagram


def test_auto_top_down_is_the_top_down_layout_of_every_example(shipped_pack) -> None:  # type: ignore[no-untyped-def]
    top_down = 0
    for example in EXAMPLES:
        diagram = _unlaid(shipped_pack, example)
        auto = layout(diagram)
        if all(n.label_side == "right" for n in auto.nodes) and auto.nodes:
            top_down += 1
            assert auto == layout(diagram, direction="tb"), example.name
    assert top_down >= 10  # most examples draw top down: the reuse is exercised


# A graph (cycles included) whose crossing reduction reorders the ranks, which auto draws top
# down: a wrong reuse of the first run's order shows here.
_REORDERED = [(0, 4), (8, 7), (6, 4), (7, 5), (9, 3), (8, 2), (4, 2), (1, 9), (4, 8), (9, 2),
              (4, 1), (1, 10), (5, 7), (8, 1), (5, 6), (5, 9), (10, 3)]  # fmt: skip


@pytest.mark.parametrize("grouped", [False, True])
def test_auto_top_down_matches_where_the_order_is_reduced(grouped: bool) -> None:
    nodes = tuple(
        Node(f"n{i}", f"Service {i}", group=("g" if i % 3 == 0 else None) if grouped else None)
        for i in range(11)
    )
    edges = tuple(Edge(f"n{a}", f"n{b}") for a, b in _REORDERED)
    groups = (Group("g", "Account"),) if grouped else ()
    diagram = Diagram(nodes=nodes, groups=groups, edges=edges, title="t")
    auto = layout(diagram)
    if not grouped:
        assert auto.nodes[0].label_side == "right"  # auto took the top-down drawing
    if auto.nodes[0].label_side == "right":
        assert auto == layout(diagram, direction="tb")


# --- the quality counts and the extent, against their plain definitions ---------------------

_coord = st.integers(-5, 5).map(float)
_route = st.lists(st.tuples(_coord, _coord), min_size=2, max_size=5).map(tuple)


@given(st.lists(_route, max_size=6))
@settings(max_examples=200, deadline=None)
def test_crossings_counts_every_pair(routes: list[tuple[Point, ...]]) -> None:
    pieces = [(k, p, q) for k, pts in enumerate(routes) for p, q in pairwise(pts)]
    expected = sum(
        1
        for a, p, q in pieces
        if p[1] == q[1]
        for b, u, v in pieces
        if u[1] != v[1]
        and a != b
        and min(p[0], q[0]) < u[0] < max(p[0], q[0])
        and min(u[1], v[1]) < p[1] < max(u[1], v[1])
    )
    assert crossings(routes) == expected


_rect = st.builds(Rect, _coord, _coord, st.integers(0, 4).map(float), st.integers(0, 4).map(float))


@given(
    st.lists(_rect, max_size=3),
    st.lists(_rect, max_size=3),
    st.lists(st.none() | _rect, max_size=3),
    st.lists(_route, max_size=3),
)
@settings(max_examples=200, deadline=None)
def test_extent_is_the_union_of_boxes_and_points(nodes, groups, labels, edges) -> None:  # type: ignore[no-untyped-def]
    drawing = Drawing(tuple(nodes), (Rect(0, 0, 0, 0), *groups), tuple(labels), tuple(edges))
    boxes = [*nodes, *groups, *(r for r in labels if r is not None)]
    boxes += [Rect(x, y, 0, 0) for pts in edges for x, y in pts]
    if not boxes:
        assert drawing.extent() == Rect(0, 0, 0, 0)
        return
    x0, y0 = min(r.x for r in boxes), min(r.y for r in boxes)
    x1, y1 = max(r.right for r in boxes), max(r.bottom for r in boxes)
    assert drawing.extent() == Rect(x0, y0, x1 - x0, y1 - y0)
