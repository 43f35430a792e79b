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
