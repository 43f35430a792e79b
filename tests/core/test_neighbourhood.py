"""The Explore neighbourhood diagram, built in the core from the pack and its graph."""

from __future__ import annotations

from assistant.core.decide.neighbourhood import neighbourhood_diagram
from assistant.core.pack import model as m
from assistant.core.pack.graph import build_graph


def test_closed_service_shows_what_aws_suggests(mini_pack: m.Pack) -> None:
    d = neighbourhood_diagram(mini_pack, build_graph(mini_pack), "oldsvc")
    assert {n.id for n in d.nodes} == {"oldsvc", "hosting"}
    assert all(n.rect is not None for n in d.nodes)  # laid out by the core layout
    assert d.title.startswith("Around ")


def test_every_edge_touches_the_subject_once(shipped_pack: m.Pack) -> None:
    graph = build_graph(shipped_pack)
    for s in shipped_pack.services:
        d = neighbourhood_diagram(shipped_pack, graph, s)
        pairs = [frozenset((e.source, e.target)) for e in d.edges]
        assert all(s in p for p in pairs) and len(pairs) == len(set(pairs)), s
        assert all(e.points for e in d.edges), s


def test_symmetric_relations_balance_the_sides(shipped_pack: m.Pack) -> None:
    d = neighbourhood_diagram(shipped_pack, build_graph(shipped_pack), "sagemaker-serverless")
    centre = d.node("sagemaker-serverless").rect
    assert centre is not None
    sides = [n.rect is not None and n.rect.x < centre.x for n in d.nodes if n.rect != centre]
    assert 2 <= sum(sides) <= 3  # five neighbours, about half on each side


def test_a_hub_is_a_ring_not_a_comb(shipped_pack: m.Pack) -> None:
    from itertools import combinations

    from assistant.core.decide.neighbourhood import RING_FROM
    from assistant.core.diagram.sizes import icon_rect

    graph = build_graph(shipped_pack)
    for hub in ("s3", "sagemaker"):
        d = neighbourhood_diagram(shipped_pack, graph, hub)
        assert len(d.nodes) > RING_FROM and d.bounds is not None
        assert 0.5 <= d.bounds.w / d.bounds.h <= 2.5, hub  # a comb was ~0.3
        rects = [n.rect for n in d.nodes if n.rect is not None]
        assert len(rects) == len(d.nodes)
        assert not any(a.intersects(b) for a, b in combinations(rects, 2)), hub
        for e in d.edges:
            for point, node_id in ((e.points[0], e.source), (e.points[-1], e.target)):
                box = icon_rect(d.node(node_id).rect)  # type: ignore[arg-type]
                on_side = min(
                    abs(point[0] - box.x),
                    abs(point[0] - box.right),
                    abs(point[1] - box.y),
                    abs(point[1] - box.bottom),
                )
                assert on_side < 0.01, (hub, e.id)
        labels = [e.label_rect for e in d.edges if e.label_rect is not None]
        clashes = sum(a.intersects(b) for a, b in combinations(labels, 2))
        assert clashes == 0, (hub, clashes)
