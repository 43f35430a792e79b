"""The knowledge graph: services, facts and options as a networkx MultiDiGraph.

Nodes are keyed ``service:<id>``, ``fact:<id>`` and ``option:<area>.<id>``; each edge
has a ``kind`` (the pack's relation kinds, plus ``about`` from a fact to its
services, ``uses`` from an option to its service and ``cites`` from an option to
the facts its rules compare against).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import networkx as nx

from . import model as m
from .conditions import facts_in

__all__ = [
    "KnowledgeGraph",
    "Match",
    "build_graph",
    "search",
]


class KnowledgeGraph:
    """Queries over one pack's graph."""

    def __init__(self, pack: m.Pack) -> None:
        self.pack = pack
        g: nx.MultiDiGraph = nx.MultiDiGraph()
        for s in pack.services.values():
            g.add_node(f"service:{s.id}", type="service", id=s.id)
        for f in pack.facts.values():
            g.add_node(f"fact:{f.id}", type="fact", id=f.id)
            for s_id in f.about:
                g.add_edge(f"fact:{f.id}", f"service:{s_id}", kind="about")
        for r in pack.relations:
            g.add_edge(f"service:{r.source}", f"service:{r.target}", kind=r.kind, label=r.label)
        for s in pack.services.values():
            if s.part_of:
                g.add_edge(f"service:{s.id}", f"service:{s.part_of}", kind="part_of", label="")
        for area in pack.areas:
            for o in area.options:
                key = f"option:{area.id}.{o.id}"
                g.add_node(key, type="option", id=f"{area.id}.{o.id}")
                if o.service:
                    g.add_edge(key, f"service:{o.service}", kind="uses")
                for rule in (*o.exclude, *o.prefer):
                    for fid in facts_in(rule.when):
                        g.add_edge(key, f"fact:{fid}", kind="cites")
                for w in o.warn:
                    for fid in w.facts:
                        g.add_edge(key, f"fact:{fid}", kind="cites")
        self.graph = g

    def _related(self, key: str, kinds: Iterable[str], both: bool = True) -> list[str]:
        wanted = set(kinds)
        out: dict[str, None] = {}
        for _, v, k in self.graph.out_edges(key, data="kind"):
            if k in wanted:
                out[v] = None
        if both:
            for u, _, k in self.graph.in_edges(key, data="kind"):
                if k in wanted:
                    out[u] = None
        return [n.split(":", 1)[1] for n in out]

    def neighbours(self, service_id: str) -> list[tuple[str, str, str, str]]:
        """Relations touching a service as (source, kind, target, label), both directions."""
        key = f"service:{service_id}"
        out = []
        for u, v, data in self.graph.out_edges(key, data=True):
            if data["kind"] not in ("about", "uses", "cites"):
                out.append(
                    (u.split(":", 1)[1], data["kind"], v.split(":", 1)[1], data.get("label", ""))
                )
        for u, v, data in self.graph.in_edges(key, data=True):
            if data["kind"] not in ("about", "uses", "cites") and u.startswith("service:"):
                out.append(
                    (u.split(":", 1)[1], data["kind"], v.split(":", 1)[1], data.get("label", ""))
                )
        return out

    def alternatives(self, service_id: str) -> list[str]:
        return self._related(f"service:{service_id}", ["alternative_to"])

    def incompatible(self, service_id: str) -> list[str]:
        return self._related(f"service:{service_id}", ["incompatible_with"])

    def facts_about(self, service_id: str) -> list[m.Fact]:
        ids = [
            u
            for u, _, k in self.graph.in_edges(f"service:{service_id}", data="kind")
            if k == "about"
        ]
        return [self.pack.facts[i.split(":", 1)[1]] for i in ids]

    def options_using(self, service_id: str) -> list[str]:
        """``area.option`` ids of the options that stand for a service."""
        return [
            u.split(":", 1)[1]
            for u, _, k in self.graph.in_edges(f"service:{service_id}", data="kind")
            if k == "uses"
        ]

    def citing(self, fact_id: str) -> list[str]:
        """``area.option`` ids of the options whose rules or warnings cite a fact."""
        return sorted(
            {
                u.split(":", 1)[1]
                for u, _, k in self.graph.in_edges(f"fact:{fact_id}", data="kind")
                if k == "cites"
            }
        )

    def neighbourhood(self, service_id: str, radius: int = 1) -> list[str]:
        """Service ids within ``radius`` relation steps (either direction)."""
        services = self.graph.subgraph(n for n in self.graph if n.startswith("service:"))
        und = services.to_undirected(as_view=True)
        near = nx.single_source_shortest_path_length(und, f"service:{service_id}", cutoff=radius)
        return sorted(n.split(":", 1)[1] for n in near)


@lru_cache(maxsize=8)
def build_graph(pack: m.Pack) -> KnowledgeGraph:
    return KnowledgeGraph(pack)


@dataclass(frozen=True, slots=True)
class Match:
    kind: str  # "service" | "fact"
    id: str
    title: str
    score: int


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def search(pack: m.Pack, term: str, limit: int = 50) -> list[Match]:
    """Services and facts matching ``term``, best first.

    An exact id, name or alias scores highest, then a word-prefix match, then a
    match anywhere in the name, aliases, summary or statement.
    """
    t = _norm(term)
    if not t:
        return []
    words = t.split()
    out: list[Match] = []
    for s in pack.services.values():
        names = [_norm(x) for x in (s.id, s.name, s.short, *s.aliases) if x]
        hay = " ".join([*names, _norm(s.summary), *(_norm(u) for u in s.use_cases)])
        if t in names:
            score = 100
        elif any(n.startswith(t) or f" {t}" in f" {n}" for n in names):
            score = 80
        elif all(w in " ".join(names) for w in words):
            score = 60
        elif all(w in hay for w in words):
            score = 30
        else:
            continue
        out.append(Match("service", s.id, s.name, score))
    for f in pack.facts.values():
        names = [_norm(x) for x in (f.id, *f.terms)]
        hay = " ".join([*names, _norm(f.statement)])
        if t in names:
            score = 90
        elif all(w in " ".join(names) for w in words):
            score = 50
        elif all(w in hay for w in words):
            score = 20
        else:
            continue
        out.append(Match("fact", f.id, f.statement, score))
    out.sort(key=lambda x: (-x.score, x.kind != "service", x.title.lower()))
    return out[:limit]
