"""Tests for assistant.core.diagram.layout: geometry invariants on fixed and generated diagrams."""

from __future__ import annotations

import doctest
import random
import subprocess
import sys
from collections import Counter
from itertools import combinations, pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.core.diagram.layout import LayoutError, layout, node_size, title_rect
from assistant.core.diagram.quality import bends, clearance_problems, crossings
from assistant.core.diagram.scene import Diagram, Edge, Group, Node, Point, Rect
from assistant.core.diagram.sizes import icon_rect

EPS = 1e-6


# --------------------------------------------------------------------------------------------
# Invariant checks


def _on_border(p: Point, r: Rect) -> bool:
    x, y = p
    within_x = r.x - EPS <= x <= r.right + EPS
    within_y = r.y - EPS <= y <= r.bottom + EPS
    on_side = min(abs(x - r.x), abs(x - r.right)) < EPS and within_y
    on_top_or_bottom = min(abs(y - r.y), abs(y - r.bottom)) < EPS and within_x
    return on_side or on_top_or_bottom


def _crosses_inside(p: Point, q: Point, r: Rect) -> bool:
    """The axis-parallel segment p-q passes through the interior of r."""
    if abs(p[1] - q[1]) < EPS:
        lo, hi = sorted((p[0], q[0]))
        return r.y < p[1] < r.bottom and max(lo, r.x) < min(hi, r.right)
    lo, hi = sorted((p[1], q[1]))
    return r.x < p[0] < r.right and max(lo, r.y) < min(hi, r.bottom)


def _strictly_inside(inner: Rect, outer: Rect) -> bool:
    return (
        outer.x < inner.x
        and outer.y < inner.y
        and inner.right < outer.right
        and inner.bottom < outer.bottom
    )


def _members(d: Diagram) -> dict[str, set[str]]:
    """Group id -> ids of all nodes inside it (at any depth)."""
    members: dict[str, set[str]] = {g.id: set() for g in d.groups}
    for n in d.nodes:
        for g in d.group_chain(n.group):
            members[g].add(n.id)
    return members


def check_layout(d: Diagram, *, routed_around_nodes: bool = True) -> None:
    """Every invariant a laid-out diagram must satisfy."""
    assert d.bounds is not None
    nodes = {n.id: n for n in d.nodes}
    groups = {g.id: g for g in d.groups}
    for n in d.nodes:
        assert n.rect is not None, n.id
        assert d.bounds.contains(n.rect), n.id
    for g in d.groups:
        assert g.rect is not None, g.id
        assert d.bounds.contains(g.rect), g.id

    # Nodes never overlap.
    for a, b in combinations(d.nodes, 2):
        assert a.rect is not None and b.rect is not None
        assert not a.rect.intersects(b.rect), (a.id, b.id)

    # Groups enclose every member (at any depth) and nothing else.
    members = _members(d)
    for g in d.groups:
        assert g.rect is not None
        for n in d.nodes:
            assert n.rect is not None
            if n.id in members[g.id]:
                assert g.rect.contains(n.rect), (g.id, n.id)
            else:
                assert not g.rect.intersects(n.rect), (g.id, n.id)
        if g.parent is not None:
            parent = groups[g.parent].rect
            assert parent is not None and _strictly_inside(g.rect, parent), (g.parent, g.id)
    for a, b in combinations(d.groups, 2):
        assert a.rect is not None and b.rect is not None
        if a.id in d.group_chain(b.id) or b.id in d.group_chain(a.id):
            continue
        assert not a.rect.intersects(b.rect), (a.id, b.id)

    # Group titles sit inside their box, clear of nodes and of the groups inside them.
    titles = {g.id: title_rect(g) for g in d.groups}
    for g in d.groups:
        assert g.rect is not None
        t = titles[g.id]
        assert g.rect.contains(t), g.id
        for n in d.nodes:
            assert n.rect is not None
            assert not t.intersects(n.rect), (g.id, n.id)
        for other in d.groups:
            if other.id != g.id and g.id in d.group_chain(other.id):
                assert other.rect is not None
                assert not t.intersects(other.rect), (g.id, other.id)

    # Edge labels overlap no node, no group title and no other label.
    labels = [(e, e.label_rect) for e in d.edges if e.label_rect is not None]
    for e in d.edges:
        assert (e.label_rect is not None) == bool(e.label), e.id
    for e, r in labels:
        assert d.bounds.contains(r), e.id
        for n in d.nodes:
            assert n.rect is not None
            assert not r.intersects(n.rect), (e.id, n.id)
        for gid, t in titles.items():
            assert not r.intersects(t), (e.id, gid)
    for (e1, r1), (e2, r2) in combinations(labels, 2):
        assert not r1.intersects(r2), (e1.id, e2.id)

    # Edges: orthogonal polylines from icon side to icon side, never through another node's
    # box (nor through the icons of their own ends).
    verticals: list[tuple[float, float, float, int]] = []
    for i, e in enumerate(d.edges):
        pts = e.points
        assert len(pts) >= 2, e.id
        src, tgt = nodes[e.source].rect, nodes[e.target].rect
        assert src is not None and tgt is not None
        assert _on_border(pts[0], icon_rect(src, nodes[e.source].label_side)), (e.id, pts[0], src)
        assert _on_border(pts[-1], icon_rect(tgt, nodes[e.target].label_side)), (e.id, pts[-1], tgt)
        for p, q in pairwise(pts):
            assert abs(p[0] - q[0]) < EPS or abs(p[1] - q[1]) < EPS, (e.id, p, q)
            assert p != q, e.id
            assert d.bounds.contains(Rect(min(p[0], q[0]), min(p[1], q[1]), 0, 0)), e.id
            if abs(p[0] - q[0]) < EPS:
                verticals.append((p[0], min(p[1], q[1]), max(p[1], q[1]), i))
            if routed_around_nodes:
                for n in d.nodes:
                    assert n.rect is not None
                    box = (
                        icon_rect(n.rect, n.label_side) if n.id in (e.source, e.target) else n.rect
                    )
                    assert not _crosses_inside(p, q, box), (e.id, n.id, p, q)
    # Vertical pieces of different edges never lie on top of each other.
    if routed_around_nodes:
        for (x1, a1, b1, i1), (x2, a2, b2, i2) in combinations(verticals, 2):
            if i1 != i2 and abs(x1 - x2) < EPS:
                assert min(b1, b2) - max(a1, a2) <= EPS, (d.edges[i1].id, d.edges[i2].id)
        # No edge through a group title or another edge's label; labels beside their line.
        assert not clearance_problems(d)


def positions(d: Diagram) -> dict[str, object]:
    """Geometry keyed by ids, independent of the order of the tuples."""
    out: dict[str, object] = {n.id: n.rect for n in d.nodes}
    out.update({"group:" + g.id: g.rect for g in d.groups})
    out["edges"] = Counter((e.source, e.target, e.label, e.points, e.label_rect) for e in d.edges)
    out["bounds"] = d.bounds
    return out


# --------------------------------------------------------------------------------------------
# Fixtures


def typical() -> Diagram:
    """A real-time inference architecture: 12 nodes, nested groups, labelled edges."""
    return Diagram(
        nodes=(
            Node("client", "Client app"),
            Node("apigw", "Amazon API Gateway", group="cloud"),
            Node("lambda", "AWS Lambda", group="cloud"),
            Node("va", "Variant A (90%)", group="endpoint"),
            Node("vb", "Variant B (10%)", group="endpoint"),
            Node("s3", "Amazon S3 model artifacts", group="cloud"),
            Node("cw", "Amazon CloudWatch", group="cloud"),
            Node("kds", "Kinesis Data Streams", group="ingest"),
            Node("kdf", "Kinesis Data Firehose", group="ingest"),
            Node("raw", "S3 raw data", group="cloud"),
            Node("train", "SageMaker training job", group="training"),
            Node("registry", "Model Registry", group="training"),
        ),
        groups=(
            Group("cloud", "AWS Cloud"),
            Group("vpc", "VPC", parent="cloud"),
            Group("endpoint", "SageMaker real-time endpoint", parent="vpc"),
            Group("ingest", "Ingestion", parent="cloud"),
            Group("training", "Training", parent="cloud"),
        ),
        edges=(
            Edge("client", "apigw", "HTTPS"),
            Edge("apigw", "lambda", "invoke"),
            Edge("lambda", "va", "90%"),
            Edge("lambda", "vb", "10%"),
            Edge("va", "cw", "metrics"),
            Edge("vb", "cw"),
            Edge("s3", "va", "model"),
            Edge("s3", "vb"),
            Edge("client", "kds", "events"),
            Edge("kds", "kdf"),
            Edge("kdf", "raw", "buffer 60 s"),
            Edge("raw", "train", "training data"),
            Edge("train", "registry"),
            Edge("registry", "s3", "approved"),
            Edge("cw", "lambda", "scale"),
        ),
    )


def chain(n: int) -> Diagram:
    nodes = tuple(Node(f"n{i}", f"Node {i}") for i in range(n))
    edges = tuple(Edge(f"n{i}", f"n{i + 1}") for i in range(n - 1))
    return Diagram(nodes=nodes, edges=edges)


def shuffled(d: Diagram, seed: int) -> Diagram:
    rng = random.Random(seed)
    nodes, groups, edges = list(d.nodes), list(d.groups), list(d.edges)
    rng.shuffle(nodes)
    rng.shuffle(groups)
    rng.shuffle(edges)
    return Diagram(nodes=tuple(nodes), groups=tuple(groups), edges=tuple(edges), title=d.title)


# --------------------------------------------------------------------------------------------
# Tests


def test_typical_diagram_satisfies_every_invariant() -> None:
    d = layout(typical())
    check_layout(d)
    assert all(n.pinned is False for n in d.nodes)


def test_result_is_a_copy_in_input_order() -> None:
    src = typical()
    d = layout(src)
    assert [n.id for n in d.nodes] == [n.id for n in src.nodes]
    assert [g.id for g in d.groups] == [g.id for g in src.groups]
    assert [e.id for e in d.edges] == [e.id for e in src.edges]
    assert all(n.rect is None for n in src.nodes)
    assert src.bounds is None


def test_layers_run_left_to_right() -> None:
    d = layout(chain(5), direction="lr")
    xs = [d.node(f"n{i}").rect.x for i in range(5)]  # type: ignore[union-attr]
    assert xs == sorted(xs) and len(set(xs)) == 5
    ys = {d.node(f"n{i}").rect.y for i in range(5)}  # type: ignore[union-attr]
    assert len(ys) == 1, "a simple chain is drawn straight"
    for e in d.edges:
        assert len(e.points) == 2
    check_layout(d)


def test_top_down_direction() -> None:
    d = layout(typical(), direction="tb")
    check_layout(d)
    assert all(n.label_side == "right" for n in d.nodes)
    c = layout(chain(4), direction="tb")
    ys = [c.node(f"n{i}").rect.y for i in range(4)]  # type: ignore[union-attr]
    assert ys == sorted(ys) and len(set(ys)) == 4  # ranks run top down
    xs = {c.node(f"n{i}").rect.x for i in range(4)}  # type: ignore[union-attr]
    assert len(xs) == 1, "a simple chain is drawn straight"
    check_layout(c)


def test_auto_direction_wraps_a_long_chain_into_rows() -> None:
    lr = layout(chain(9), direction="lr")
    d = layout(chain(9))
    assert lr.bounds is not None and d.bounds is not None
    assert lr.bounds.w / lr.bounds.h > 2.5
    assert 0.5 <= d.bounds.w / d.bounds.h <= 2.5
    tops = sorted({d.node(f"n{i}").rect.y for i in range(9)})  # type: ignore[union-attr]
    assert len(tops) >= 2  # rows
    check_layout(d)
    with pytest.raises(LayoutError, match="unknown direction 'up'"):
        layout(chain(2), direction="up")


def _routes(d: Diagram) -> list[tuple[Point, ...]]:
    return [e.points for e in d.edges]


def _fits_page(d: Diagram) -> bool:
    """What auto asks of a drawing (wrap.fits_page): 0.6-2.2:1 and at most 1,200 px wide."""
    assert d.bounds is not None
    return 0.6 <= d.bounds.w / d.bounds.h <= 2.2 and d.bounds.w <= 1200


def test_auto_draws_top_down_when_it_reads_better() -> None:
    plan = Diagram(
        nodes=(Node("client", "Client application"), Node("model", "Model", group="ep")),
        groups=(Group("ep", "SageMaker endpoint"),),
        edges=(Edge("client", "model", "HTTPS"),),
    )
    lr, tb, auto = (layout(plan, direction=d) for d in ("lr", "tb", "auto"))
    assert not _fits_page(lr)  # one row is too wide for its height: rows or top down
    assert auto == tb and _fits_page(tb) and bends(_routes(tb)) == 0
    check_layout(auto)
    # A long chain top down is far taller than a page: it stays in rows.
    rows = layout(chain(9))
    assert all(n.label_side == "below" for n in rows.nodes)
    assert not _fits_page(layout(chain(9), direction="tb"))


def test_node_boxes_fit_their_labels() -> None:
    d = layout(typical())
    for n in d.nodes:
        assert n.rect is not None
        assert (n.rect.w, n.rect.h) == node_size(n.label)
        assert n.rect.w >= 120 and n.rect.h >= 96


def test_custom_measure_sizes_labels() -> None:
    def wide(text: str) -> tuple[float, float]:
        return (11.0 * len(text), 20.0)

    d = layout(typical(), measure=wide)
    check_layout(d)
    for e in d.edges:
        if e.label:
            assert e.label_rect is not None
            assert e.label_rect.w >= 11.0 * len(e.label)
            assert e.label_rect.h >= 20.0


def test_fan_out_ports_are_spread() -> None:
    nodes = (Node("hub", "Hub"), *(Node(f"t{i}", f"Target {i}") for i in range(4)))
    edges = tuple(Edge("hub", f"t{i}", f"e{i}") for i in range(4))
    d = layout(Diagram(nodes=nodes, edges=edges))
    check_layout(d)
    starts = [e.points[0] for e in d.edges]
    assert len({p[1] for p in starts}) == 4
    hub = d.node("hub").rect
    assert hub is not None and all(p[0] == icon_rect(hub).right for p in starts)


def test_long_and_backward_edges_avoid_nodes() -> None:
    d0 = chain(5)
    d = layout(
        replace_edges(
            d0,
            (
                *d0.edges,
                Edge("n0", "n4", "skip"),
                Edge("n1", "n3"),
                Edge("n4", "n0", "feedback"),
                Edge("n3", "n1"),
            ),
        )
    )
    check_layout(d)


def replace_edges(d: Diagram, edges: tuple[Edge, ...]) -> Diagram:
    return Diagram(nodes=d.nodes, groups=d.groups, edges=edges, title=d.title)


@pytest.mark.parametrize(
    "edges",
    [
        (Edge("a", "b"), Edge("b", "c"), Edge("c", "a")),
        (Edge("a", "b", "request"), Edge("b", "a", "response")),
        (Edge("a", "a", "retry"), Edge("a", "b")),
        (Edge("a", "a"), Edge("b", "b", "poll"), Edge("c", "c")),
        (Edge("a", "b", "x"), Edge("a", "b", "x"), Edge("b", "a", "y"), Edge("b", "a")),
    ],
    ids=["triangle", "two-cycle", "self-loop", "self-loops", "multi-edges"],
)
def test_cycles_are_handled(edges: tuple[Edge, ...]) -> None:
    nodes = (Node("a", "A", group="g"), Node("b", "B"), Node("c", "C", group="g"))
    d = layout(Diagram(nodes=nodes, groups=(Group("g", "Group"),), edges=edges))
    check_layout(d)


def test_nested_groups_are_strictly_nested() -> None:
    groups = (
        Group("outer", "Outer"),
        Group("mid", "Middle", parent="outer"),
        Group("inner", "Inner", parent="mid"),
        Group("side", "Side", parent="outer"),
        Group("empty", "Empty group with a long title", parent="outer"),
    )
    nodes = (
        Node("a", "A"),
        Node("b", "B", group="inner"),
        Node("c", "C", group="mid"),
        Node("d", "D", group="side"),
        Node("e", "E", group="outer"),
        Node("f", "F"),
    )
    edges = (
        Edge("a", "b"),
        Edge("b", "c"),
        Edge("a", "d"),
        Edge("d", "e"),
        Edge("c", "f"),
        Edge("e", "f"),
    )
    d = layout(Diagram(nodes=nodes, groups=groups, edges=edges))
    check_layout(d)
    empty = d.group("empty").rect
    assert empty is not None and empty.w >= title_rect(d.group("empty")).w


def test_group_box_is_wide_enough_for_its_title() -> None:
    d = layout(
        Diagram(
            nodes=(Node("a", "A", group="g"), Node("b", "B")),
            groups=(Group("g", "A very long group title that is wider than one node"),),
            edges=(Edge("a", "b", "label"),),
        )
    )
    check_layout(d)


def test_groups_in_groups_only() -> None:
    d = layout(Diagram(groups=(Group("a", "A"), Group("b", "B", parent="a"))))
    check_layout(d)


def test_empty_diagram() -> None:
    assert layout(Diagram()).bounds == Rect(0, 0, 0, 0)


def test_unknown_edge_end_is_reported_by_edge() -> None:
    d = Diagram(nodes=(Node("a", "A"),), edges=(Edge("a", "b"), Edge("zz", "a")))
    with pytest.raises(ValueError, match="a->b") as info:
        layout(d)
    assert "zz->a" in str(info.value), "every bad edge is reported at once"
    assert isinstance(info.value, LayoutError)


@pytest.mark.parametrize(
    ("diagram", "message"),
    [
        (Diagram(nodes=(Node("a", "A"), Node("a", "B"))), "duplicate"),
        (Diagram(nodes=(Node("a", "A", group="nope"),)), "unknown group"),
        (Diagram(groups=(Group("g", "G", parent="nope"),)), "unknown parent"),
        (Diagram(groups=(Group("g", "G", parent="h"), Group("h", "H", parent="g"))), "cycle"),
    ],
)
def test_structural_errors(diagram: Diagram, message: str) -> None:
    with pytest.raises(LayoutError, match=message):
        layout(diagram)


def test_deterministic() -> None:
    assert layout(typical()) == layout(typical())


@pytest.mark.parametrize("seed", range(5))
def test_input_order_does_not_matter(seed: int) -> None:
    assert positions(layout(shuffled(typical(), seed))) == positions(layout(typical()))


def test_pins_are_respected() -> None:
    free = layout(typical())
    pins = {"lambda": (40.0, 700.0), "va": (1500.0, 20.0), "no-such-node": (0.0, 0.0)}
    d = layout(typical(), pins=pins)
    for node_id, (x, y) in pins.items():
        if node_id == "no-such-node":
            continue
        rect = d.node(node_id).rect
        assert rect is not None and (rect.x, rect.y) == (x, y)
        assert d.node(node_id).pinned
    for n in d.nodes:
        if n.id not in pins:
            assert not n.pinned
            assert n.rect == free.node(n.id).rect, "unpinned nodes stay where they were"
    members = _members(d)
    for g in d.groups:
        for node_id in members[g.id]:
            assert g.rect is not None and g.rect.contains(d.node(node_id).rect)  # type: ignore[arg-type]
    # Edges still run orthogonally from border to border; pins may force crossings.
    check_layout_edges_only(d)


def check_layout_edges_only(d: Diagram) -> None:
    assert d.bounds is not None
    for e in d.edges:
        src, tgt = d.node(e.source).rect, d.node(e.target).rect
        assert src is not None and tgt is not None
        assert _on_border(e.points[0], icon_rect(src, d.node(e.source).label_side)), e.id
        assert _on_border(e.points[-1], icon_rect(tgt, d.node(e.target).label_side)), e.id
        for p, q in pairwise(e.points):
            assert abs(p[0] - q[0]) < EPS or abs(p[1] - q[1]) < EPS, e.id
            assert d.bounds.contains(Rect(min(p[0], q[0]), min(p[1], q[1]), 0, 0))


def test_pinned_edges_route_around_nodes_when_there_is_room() -> None:
    d = layout(chain(3), pins={"n2": (24.0, 400.0)})
    check_layout_edges_only(d)
    e = d.edges[1]
    for n in d.nodes:
        assert n.rect is not None
        box = icon_rect(n.rect, n.label_side) if n.id in (e.source, e.target) else n.rect
        for p, q in pairwise(e.points):
            assert not _crosses_inside(p, q, box)


def test_pin_at_the_computed_position_changes_nothing_else() -> None:
    free = layout(typical())
    rect = free.node("s3").rect
    assert rect is not None
    d = layout(typical(), pins={"s3": (rect.x, rect.y)})
    assert [n.rect for n in d.nodes] == [n.rect for n in free.nodes]
    assert d.node("s3").pinned


def test_doctests() -> None:
    """The examples in the module's docstrings (pytest collects only tests/ by default)."""
    import assistant.core.diagram.layout

    result = doctest.testmod(assistant.core.diagram.layout)
    assert result.attempted > 0 and result.failed == 0


def test_core_does_not_import_qt() -> None:
    code = "import sys, assistant.core.diagram.layout; sys.exit('PySide6' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# --------------------------------------------------------------------------------------------
# Property test: random small diagrams with random nested groups


@st.composite
def diagrams(draw: st.DrawFn, acyclic: bool = True) -> Diagram:
    n = draw(st.integers(1, 10))
    n_groups = draw(st.integers(0, 5))
    groups = []
    for g in range(n_groups):
        parent = draw(st.one_of(st.none(), st.integers(0, g - 1))) if g else None
        groups.append(
            Group(
                f"g{g}",
                draw(st.sampled_from(["G", "Group", "A rather long group title"])),
                parent=None if parent is None else f"g{parent}",
            )
        )
    group_ids = [None, *(g.id for g in groups)]
    nodes = tuple(
        Node(
            f"n{i}",
            draw(st.sampled_from(["S3", "Lambda", "SageMaker real-time endpoint"])),
            group=draw(st.sampled_from(group_ids)),
        )
        for i in range(n)
    )
    pairs = [(i, j) for i in range(n) for j in range(n) if (i < j if acyclic else True)]
    chosen = draw(st.lists(st.sampled_from(pairs), max_size=14)) if pairs else []
    labels = st.sampled_from(["", "", "HTTPS", "invoke", "a much longer edge label"])
    edges = tuple(Edge(f"n{i}", f"n{j}", draw(labels)) for i, j in chosen)
    return Diagram(nodes=nodes, groups=tuple(groups), edges=edges)


PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


DIRECTIONS = st.sampled_from(["lr", "tb", "auto"])


@PROPERTY
@given(diagrams(), DIRECTIONS)
def test_random_dags_never_overlap(d: Diagram, direction: str) -> None:
    check_layout(layout(d, direction=direction))


@PROPERTY
@given(diagrams(acyclic=False), DIRECTIONS)
def test_random_graphs_with_cycles_never_overlap(d: Diagram, direction: str) -> None:
    out = layout(d, direction=direction)
    check_layout(out)
    assert out == layout(d, direction=direction)


@PROPERTY
@given(diagrams(acyclic=False), st.data(), DIRECTIONS)
def test_random_pins_are_respected(d: Diagram, data: st.DataObject, direction: str) -> None:
    coords = st.floats(-500, 2000, allow_nan=False).map(round)
    pins = {
        n.id: (data.draw(coords), data.draw(coords)) for n in d.nodes if data.draw(st.booleans())
    }
    out = layout(d, pins=pins, direction=direction)
    assert out.bounds is not None
    for n in out.nodes:
        assert n.rect is not None and n.pinned == (n.id in pins)
        assert out.bounds.contains(n.rect)
        if n.id in pins:
            assert (n.rect.x, n.rect.y) == pins[n.id]
    members = _members(out)
    for g in out.groups:
        assert g.rect is not None
        for node_id in members[g.id]:
            rect = out.node(node_id).rect
            assert rect is not None and g.rect.contains(rect), (g.id, node_id)
        if g.parent is not None:
            parent = out.group(g.parent).rect
            assert parent is not None and parent.contains(g.rect)
    check_layout_edges_only(out)


@PROPERTY
@given(diagrams(acyclic=False))
def test_auto_is_one_row_rows_or_top_down_by_the_rule(d: Diagram) -> None:
    """auto: one row when it fits the page; else top down when that fits, with no more
    crossings and fewer bends than the rows auto would draw; else the rows."""
    auto, lr, tb = layout(d), layout(d, direction="lr"), layout(d, direction="tb")
    if _fits_page(lr):
        assert auto == lr
    elif any(n.label_side == "right" for n in auto.nodes):
        assert auto == tb and _fits_page(tb)
    else:
        assert all(n.label_side == "below" for n in auto.nodes)
        wins = crossings(_routes(tb)) <= crossings(_routes(auto))
        assert not (_fits_page(tb) and wins and bends(_routes(tb)) < bends(_routes(auto)))


def test_generations_match_networkx() -> None:
    """Our Kahn generations equal networkx's on random DAGs (the layout avoids importing it)."""
    import random

    import networkx as nx

    from assistant.core.diagram.layout import topological_generations

    rng = random.Random(3)
    for _ in range(200):
        n = rng.randint(1, 30)
        edges = [(a, b) for a in range(n) for b in range(a + 1, n) if rng.random() < 0.15]
        succs: list[list[int]] = [[] for _ in range(n)]
        indegree = [0] * n
        for a, b in edges:
            succs[a].append(b)
            indegree[b] += 1
        g = nx.DiGraph()
        g.add_nodes_from(range(n))
        g.add_edges_from(edges)
        expected = [sorted(gen) for gen in nx.topological_generations(g)]
        assert [sorted(gen) for gen in topological_generations(succs, indegree)] == expected
