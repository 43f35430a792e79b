"""Tests for assistant.core.diagram.stack: multi-path diagrams, the shared band over one frame
per path, checked with the same invariants as every layout (test_layout.check_layout)."""

from __future__ import annotations

import math
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from test_layout import PROPERTY, check_layout, check_layout_edges_only

from assistant.core.decide.multipath import recommend_paths
from assistant.core.diagram.layout import TITLE_BAND, layout
from assistant.core.diagram.scene import Diagram, Edge, Group, Node, Rect
from assistant.core.diagram.stack import PAGE_WIDTH, PATH_STYLE, path_groups
from assistant.core.diagram.wrap import Drawing, choose_rows, wrap_rows
from assistant.core.pack import model as m
from assistant.core.project import load_project

EXAMPLES = Path(__file__).parents[2] / "knowledge/aws-ml/examples"


def _two_paths() -> Diagram:
    return Diagram(
        nodes=(
            Node("raw", "S3 raw data"),
            Node("train", "Training job"),
            Node("art", "Model artifacts"),
            Node("a.client", "Client", group="path-a"),
            Node("a.fn", "Lambda", group="path-a"),
            Node("a.model", "Model", group="a.endpoint"),
            Node("b.in", "S3 input", group="path-b"),
            Node("b.job", "Transform", group="b.job"),
            Node("b.out", "S3 output", group="path-b"),
        ),
        groups=(
            Group("path-a", "Path: api", style=PATH_STYLE),
            Group("a.endpoint", "Endpoint", parent="path-a"),
            Group("path-b", "Path: nightly", style=PATH_STYLE),
            Group("b.job", "Batch transform job", parent="path-b"),
        ),
        edges=(
            Edge("raw", "train", "training data"),
            Edge("train", "art", "best model"),
            Edge("a.client", "a.fn", "HTTPS"),
            Edge("a.fn", "a.model", "InvokeEndpoint"),
            Edge("art", "a.model", "model.tar.gz"),
            Edge("raw", "b.in"),
            Edge("b.in", "b.job", "SplitType Line"),
            Edge("b.job", "b.out"),
            Edge("art", "b.job", "model"),
            Edge("a.client", "raw", "PutObject"),
        ),
        title="Two paths",
    )


def test_paths_are_stacked_frames_under_the_shared_band() -> None:
    d = layout(_two_paths())
    check_layout(d)
    a, b = d.group("path-a").rect, d.group("path-b").rect
    assert a is not None and b is not None
    assert a.bottom < b.y and a.x == b.x and a.w == b.w  # one above the other, aligned
    for shared in ("raw", "train", "art"):
        rect = d.node(shared).rect
        assert rect is not None and rect.bottom < a.y  # the band on top
    assert layout(_two_paths()) == d


def test_other_directions_keep_one_layered_drawing() -> None:
    for direction in ("lr", "tb"):
        check_layout(layout(_two_paths(), direction=direction))


def test_path_groups_only_top_level_path_style() -> None:
    d = _two_paths()
    assert [g.id for g in path_groups(d)] == ["path-a", "path-b"]


def test_pins_apply_to_a_stacked_drawing() -> None:
    free = layout(_two_paths())
    d = layout(_two_paths(), pins={"a.fn": (900.0, 40.0)})
    rect = d.node("a.fn").rect
    assert rect is not None and (rect.x, rect.y) == (900.0, 40.0) and d.node("a.fn").pinned
    assert d.node("raw").rect == free.node("raw").rect
    group = d.group("path-a").rect
    assert group is not None and group.contains(rect)
    check_layout_edges_only(d)


def test_examples_with_paths_are_stacked_within_the_page(shipped_pack: m.Pack) -> None:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        project = load_project(path, shipped_pack)
        if not project.paths:
            continue
        d = recommend_paths(shipped_pack, project.path_answers(), title=project.title).diagram
        check_layout(d)
        assert d.bounds is not None and d.bounds.w <= PAGE_WIDTH, path.name


@st.composite
def multipath(draw: st.DrawFn) -> Diagram:
    n_paths = draw(st.integers(1, 3))
    groups = [
        Group(f"p{i}", f"Path: {'x' * draw(st.integers(1, 30))}", style=PATH_STYLE)
        for i in range(n_paths)
    ]
    for i in range(n_paths):
        if draw(st.booleans()):
            groups.append(Group(f"p{i}.g", "Endpoint", parent=f"p{i}"))
            if draw(st.booleans()):
                groups.append(Group(f"p{i}.v", "Variant", parent=f"p{i}.g"))
    homes = [None, *(g.id for g in groups)]
    n = draw(st.integers(1, 12))
    nodes = tuple(
        Node(
            f"n{i}",
            draw(st.sampled_from(["S3", "Lambda", "SageMaker real-time endpoint"])),
            group=draw(st.sampled_from(homes)),
        )
        for i in range(n)
    )
    pairs = [(i, j) for i in range(n) for j in range(n)]
    chosen = draw(st.lists(st.sampled_from(pairs), max_size=16))
    labels = st.sampled_from(["", "HTTPS", "a much longer edge label"])
    edges = tuple(Edge(f"n{i}", f"n{j}", draw(labels)) for i, j in chosen)
    return Diagram(nodes=nodes, groups=tuple(groups), edges=edges)


@PROPERTY
@given(multipath())
def test_random_multipath_diagrams_never_overlap(d: Diagram) -> None:
    out = layout(d)
    check_layout(out)
    assert out == layout(d)


@PROPERTY
@given(multipath(), st.data())
def test_random_pins_on_multipath_diagrams_are_respected(d: Diagram, data: st.DataObject) -> None:
    coords = st.floats(-500, 2000, allow_nan=False).map(round)
    pins = {
        n.id: (data.draw(coords), data.draw(coords)) for n in d.nodes if data.draw(st.booleans())
    }
    out = layout(d, pins=pins)
    for n in out.nodes:
        assert n.rect is not None and n.pinned == (n.id in pins)
        if n.id in pins:
            assert (n.rect.x, n.rect.y) == pins[n.id]
    for g in out.groups:
        for n in out.nodes:
            if g.id in out.group_chain(n.group):
                assert g.rect is not None and n.rect is not None and g.rect.contains(n.rect)
    check_layout_edges_only(out)


def test_a_part_is_wrapped_where_the_stack_is_shortest() -> None:
    """A path is given its width: of the cuts into two rows that fit it, the one that gives
    the shortest drawing (here the lone first column alone), not the most even rows."""
    tall = [Rect(x, y, 100, 50) for x in (200, 400, 600) for y in (0, 100)]
    d = Drawing((Rect(0, 0, 100, 50), *tall), (Rect(0, 0, 0, 0),), (), ())
    even = choose_rows(d, 0.0, 620.0, (0.0, math.inf), 0.0)
    short = choose_rows(d, 0.0, 620.0, (0.0, math.inf), 0.0, shortest=True)
    assert even.extent().w <= 620 and short.extent().w <= 620
    assert short.extent().h < even.extent().h
    assert short.nodes[0].y < short.nodes[1].y  # the first column is a row of its own
    assert all(r.y > short.nodes[0].bottom for r in short.nodes[1:])


def test_four_workloads_has_room_to_spare(shipped_pack: m.Pack) -> None:
    """The largest example stacks four paths; each part's rows are chosen to be short, so
    the page keeps a margin above the document checks' 0.5:1 (it was 0.504:1)."""
    project = load_project(EXAMPLES / "four-workloads-platform.archassist.yaml", shipped_pack)
    d = recommend_paths(shipped_pack, project.path_answers(), title=project.title).diagram
    assert d.bounds is not None
    assert d.bounds.w / (d.bounds.h + TITLE_BAND) >= 0.6


def test_a_back_edge_over_two_rows_leaves_the_lower_row_straight_up() -> None:
    """A cycle's way back runs over the top of the long row; wrapped, it no longer takes the
    top of the row it leaves (a track and its label there): it goes straight up into the gap
    and its label moves onto its part over the upper row."""
    a, b, c = Rect(0, 40, 100, 50), Rect(200, 40, 100, 50), Rect(600, 40, 100, 50)
    back = ((600, 50), (580, 50), (580, 20), (150, 20), (150, 55), (100, 55))
    d = Drawing(
        (a, b, c),
        (Rect(0, 0, 0, 0),),
        (None, None, Rect(420, 2, 100, 16)),
        (((100, 65), (200, 65)), ((300, 65), (600, 65)), back),
    )
    w = wrap_rows(d, 2, [350.0])
    assert w is not None
    a2, b2, c2 = w.nodes
    route = w.edges[2]
    assert c2.y > b2.bottom  # C alone in the second row
    assert c2.y - b2.bottom < 40  # no track nor label above C: only the gap's two lanes
    (x0, y0), (x1, y1), (x2, y2) = route[:3]
    assert (x0, y0) == (c2.x, c2.y + 10) and y1 == y0 and x2 == x1 and b2.bottom < y2 < c2.y
    label = w.labels[2]
    assert label is not None and label.x > 150 and label.right < 350  # over the upper row
    assert label.bottom == route[-4][1] - 2 < a2.y  # on the track, above the row
    assert route[-1] == (a2.right, a2.y + 15)
