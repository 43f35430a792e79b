"""The knowledge graph: services, facts and options as a networkx MultiDiGraph.

Nodes are keyed ``service:<id>``, ``fact:<id>`` and ``option:<area>.<id>``; each edge
has a ``kind`` (the pack's relation kinds, plus ``about`` from a fact to its
services, ``uses`` from an option to its service and ``cites`` from an option to
the facts its rules compare against).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import networkx as nx

from . import model as m
from .conditions import facts_in

__all__ = [
    "STRONG",
    "KnowledgeGraph",
    "Match",
    "build_graph",
    "is_strong",
    "nearest",
    "search",
]

# Scores from this up mean the entry is about the term (names, aliases, ids, search terms);
# below it the term only appears in a summary, a use case or a statement.
STRONG = 50


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


# A query word this short must be a whole word: "q" is not the start of "quicksight".
MIN_PREFIX = 3


def _has_words(words: list[str], text: str) -> bool:
    """Every query word is a word of ``text``, or (3+ letters) the start of one.

    >>> _has_words(["amazon", "q"], "amazon quicksight"), _has_words(["serverl"], "serverless")
    (False, True)
    """
    have = text.split()
    return all(
        any(x == w or (len(w) >= MIN_PREFIX and x.startswith(w)) for x in have) for w in words
    )


def _starts_name(t: str, name: str) -> bool:
    """``t`` starts ``name`` or one of its words, ending on a word unless its last word is long."""
    for start in (0, *(i + 1 for i, ch in enumerate(name) if ch == " ")):
        rest = name[start:]
        if rest.startswith(t) and (
            len(rest) == len(t) or rest[len(t)] == " " or len(t.split()[-1]) >= MIN_PREFIX
        ):
            return True
    return False


def _service_score(s: m.Service, t: str, words: list[str]) -> int:
    names = [_norm(x) for x in (s.id, s.name, s.short, *s.aliases) if x]
    if t in (_norm(s.id), _norm(s.name), _norm(s.short)):
        return 100
    if t in names:
        return 95
    if any(_starts_name(t, n) for n in names):
        return 80
    if _has_words(words, " ".join(names)):
        return 60
    hay = " ".join([*names, _norm(s.summary), *(_norm(u) for u in s.use_cases)])
    return 30 if _has_words(words, hay) else 0


def _fact_score(f: m.Fact, t: str, words: list[str]) -> int:
    names = [_norm(x) for x in (f.id, *f.terms)]
    if t in names:
        return 90
    if _has_words(words, " ".join(names)):
        return 50
    return 20 if _has_words(words, " ".join([*names, _norm(f.statement)])) else 0


def search(pack: m.Pack, term: str, limit: int = 50) -> list[Match]:
    """Services and facts matching ``term``, best first.

    An exact id or name scores highest, then an exact alias, then a name that starts with
    the term, then all words in the names; a term found only in a summary, use case or
    statement scores below ``STRONG`` - it mentions the term but is not about it. Words
    match whole, or by their start when the query word has three letters or more.
    """
    t = _norm(term)
    if not t:
        return []
    words = t.split()
    out = [
        Match("service", s.id, s.name, score)
        for s in pack.services.values()
        if (score := _service_score(s, t, words))
    ]
    out += [
        Match("fact", f.id, f.statement, score)
        for f in pack.facts.values()
        if (score := _fact_score(f, t, words))
    ]
    # at equal scores an open service comes before a closed or discontinued one
    gone = {s.id for s in pack.services.values() if s.status.state != "available"}
    out.sort(key=lambda x: (-x.score, x.kind != "service", x.id in gone, x.title.lower()))
    return out[:limit]


def is_strong(match: Match) -> bool:
    """Whether a match is about the term (a name, alias, id or search term), not a mention."""
    return match.score >= STRONG


def nearest(pack: m.Pack, term: str, limit: int = 5) -> list[Match]:
    """What comes closest to a term nothing is about: near spellings of names, then mentions.

    Near spellings are names, aliases, ids and search terms that ``difflib`` finds
    similar to the whole term; mentions are weak matches of :func:`search`.
    """
    t = _norm(term)
    if not t:
        return []
    labels: dict[str, Match] = {}
    for s in pack.services.values():
        for x in (s.id, s.name, s.short, *s.aliases):
            if x:
                labels.setdefault(_norm(x), Match("service", s.id, s.name, 0))
    for f in pack.facts.values():
        for x in (f.id, *f.terms):
            labels.setdefault(_norm(x), Match("fact", f.id, f.statement, 0))
    similar = difflib.get_close_matches(t, list(labels), n=limit * 2, cutoff=0.75)
    mentions = [h for h in search(pack, term) if not is_strong(h)]
    out: dict[tuple[str, str], Match] = {}
    for hit in (*(labels[x] for x in similar), *mentions):
        out.setdefault((hit.kind, hit.id), hit)
    return list(out.values())[:limit]
