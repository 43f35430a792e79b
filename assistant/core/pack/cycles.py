"""Relation kinds that form a hierarchy must not loop back on themselves.

``part_of`` is containment: a service or feature cannot be part of itself, directly or
through others. A cycle is reported once, named in full at the place of its first relation.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import model as m
from .reader import Reader

__all__ = ["ACYCLIC_KINDS", "check_cycles", "find_cycles"]

ACYCLIC_KINDS = ("part_of",)


def find_cycles(relations: Iterable[m.Relation], kind: str) -> list[list[m.Relation]]:
    """The simple cycles among the relations of ``kind``, each as the relations along it.

    >>> r = [m.Relation("a", "part_of", "b"), m.Relation("b", "part_of", "a")]
    >>> [[x.source for x in c] for c in find_cycles(r, "part_of")]
    [['a', 'b']]
    """
    edges: dict[tuple[str, str], m.Relation] = {}
    for rel in relations:
        if rel.kind == kind:
            edges.setdefault((rel.source, rel.target), rel)
    if not _has_cycle(edges):
        return []
    # networkx only now: importing it costs a third of a second of every start-up
    import networkx as nx

    graph = nx.DiGraph(list(edges))
    found = []
    for cycle in sorted(nx.simple_cycles(graph), key=lambda c: (len(c), sorted(c))):
        start = cycle.index(min(cycle))  # name each cycle from the same end every time
        nodes = cycle[start:] + cycle[:start]
        found.append([edges[(a, nodes[(i + 1) % len(nodes)])] for i, a in enumerate(nodes)])
    return found


def _has_cycle(edges: Iterable[tuple[str, str]]) -> bool:
    """Whether the directed graph of ``edges`` has a cycle (Kahn: some node never frees).

    >>> _has_cycle([("a", "b"), ("b", "c")]), _has_cycle([("a", "b"), ("b", "a")])
    (False, True)
    """
    targets: dict[str, list[str]] = {}
    incoming: dict[str, int] = {}
    for a, b in edges:
        targets.setdefault(a, []).append(b)
        incoming[b] = incoming.get(b, 0) + 1
        incoming.setdefault(a, 0)
    free = [n for n, count in incoming.items() if count == 0]
    seen = 0
    while free:
        node = free.pop()
        seen += 1
        for b in targets.get(node, ()):
            incoming[b] -= 1
            if incoming[b] == 0:
                free.append(b)
    return seen < len(incoming)


def check_cycles(r: Reader, relations: Iterable[m.Relation]) -> None:
    """An error for each cycle of an :data:`ACYCLIC_KINDS` relation, naming every step."""
    rels = list(relations)
    for kind in ACYCLIC_KINDS:
        for cycle in find_cycles(rels, kind):
            path = " -> ".join([c.source for c in cycle] + [cycle[0].source])
            r.error(cycle[0].loc, f"'{kind}' relations form a cycle: {path}")
