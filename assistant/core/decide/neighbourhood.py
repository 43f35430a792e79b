"""The neighbourhood of a service as a diagram: the services one relation away, and the
relations that touch it as labelled edges, laid out by the core layout.

The Explore workspace draws it, and exports it, like the Plan diagram: one scene, so the
canvas and every export agree.
"""

from __future__ import annotations

from ..diagram.layout import layout
from ..diagram.ring import ring_layout
from ..diagram.scene import Diagram, Edge, Node
from ..pack import model as m
from ..pack.graph import KnowledgeGraph
from ..vocab import RELATION_WORDS as KIND_WORDS

__all__ = ["RING_FROM", "SYMMETRIC_KINDS", "neighbourhood_diagram"]

RING_FROM = 7
"""With more nodes than this, the neighbourhood is drawn as a ring around its subject."""

# Relations that read the same both ways: the neighbourhood graph may draw them either way.
SYMMETRIC_KINDS = frozenset({"alternative_to", "incompatible_with", "integrates_with"})
SYMMETRIC = "\0symmetric"  # a key in neighbourhood_diagram's edge map, never a service id


def neighbourhood_diagram(pack: m.Pack, graph: KnowledgeGraph, service_id: str) -> Diagram:
    """The services one relation away from ``service_id``, with their relations as edges.

    The layout runs left to right, so a service that only points at the subject stands to
    its left and one the subject points at to its right. Symmetric relations ("alternative
    to", "incompatible with", "integrates with") may point either way: they are turned so
    the two sides hold about as many services, which halves the height of a hub's graph
    and so doubles the size it can be drawn at.
    """
    centre = pack.services[service_id]
    suggested = [x for x in centre.status.suggest if x in pack.services]
    ids = list(dict.fromkeys([*graph.neighbourhood(service_id, radius=1), *suggested]))
    nodes = tuple(_node(pack.services[sid]) for sid in ids)
    labels = _relation_labels(pack, service_id, set(ids))
    for x in suggested:  # what AWS suggests instead of a closed service belongs next to it
        labels.setdefault((service_id, x), []).append("AWS suggests instead")
    edges = _directed_edges(labels, service_id)
    diagram = Diagram(
        nodes=nodes,
        edges=tuple(Edge(a, b, "; ".join(t)) for (a, b), t in edges.items()),
        title=f"Around {centre.name}",
    )
    if len(nodes) > RING_FROM:  # a hub: a ring, not a comb of two tall columns
        return ring_layout(diagram, service_id)
    return layout(diagram, direction="lr")


def _node(s: m.Service) -> Node:
    return Node(
        id=s.id,
        label=s.label,
        service=s.id,
        icon=s.icon,
        drawio=s.drawio or None,
        category=s.category,
    )


def _relation_labels(
    pack: m.Pack, service_id: str, near: set[str]
) -> dict[tuple[str, str], list[str]]:
    """The texts of the relations between ``service_id`` and the services ``near`` it, by
    (source, target); a symmetric relation is keyed (SYMMETRIC, other) and kept once."""
    labels: dict[tuple[str, str], list[str]] = {}
    relations = [(r.source, r.kind, r.target, r.label) for r in pack.relations]
    relations += [(s.id, "part_of", s.part_of, "") for s in pack.services.values() if s.part_of]
    for source, kind, target, label in relations:
        # only edges touching the centre: the neighbours' own web would hide the subject
        if source == target or service_id not in (source, target):
            continue
        if source not in near or target not in near:
            continue
        key = (source, target)
        text = label or KIND_WORDS.get(kind, kind)
        if kind in SYMMETRIC_KINDS:
            if (target, source) in labels:
                continue  # symmetric relations once
            key = (SYMMETRIC, source if target == service_id else target)
        texts = labels.setdefault(key, [])
        if text not in texts:
            texts.append(text)
    return labels


def _directed_edges(
    labels: dict[tuple[str, str], list[str]], service_id: str
) -> dict[tuple[str, str], list[str]]:
    """``labels`` with each symmetric relation turned: beside the other's directed edge with
    the subject if it has one, else to the side that holds fewer services."""
    directed = {other for pair in labels if pair[0] != SYMMETRIC for other in pair}
    left = sum(1 for a, b in labels if b == service_id and a != SYMMETRIC)
    right = sum(1 for a, b in labels if a == service_id)
    edges: dict[tuple[str, str], list[str]] = {}
    for (a, b), texts in labels.items():
        if a == SYMMETRIC:
            if b in directed and (service_id, b) in labels:
                a, b = service_id, b  # beside its other edge with the subject
            elif b in directed:
                a, b = b, service_id
            elif left < right:
                a, b, left = b, service_id, left + 1
            else:
                a, b, right = service_id, b, right + 1
        kept = edges.setdefault((a, b), [])
        for text in texts:
            if text not in kept:
                kept.append(text)
    return edges
