"""Projects with several inference paths: one recommendation per path, one diagram for all.

A team with a real-time API *and* a nightly scoring job states both: each path is decided
on its own answers (the shared answers with the path's own on top), and the diagram draws
every path, once, sharing what the paths share - a node that every path holding it draws
the same way (the S3 bucket, the model artifacts, the training job) appears once; the rest
sits in a group per path.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..diagram.scene import Diagram, Edge, Group, Node
from ..diagram.stack import PATH_STYLE
from ..pack import model as m
from .engine import recommend
from .result import Recommendation

__all__ = [
    "SHAREABLE",
    "PathRecommendation",
    "PathsRecommendation",
    "merge_diagrams",
    "recommend_paths",
]

# Categories of what paths share when they draw it alike: data, ingestion, training and the
# model's artifacts. Serving (endpoints, functions, clients) belongs to each path.
SHAREABLE = frozenset(
    ("storage", "ingestion", "transformation", "analytics", "sagemaker-build", "sagemaker-train")
)


@dataclass(frozen=True, slots=True)
class PathRecommendation:
    name: str
    recommendation: Recommendation


@dataclass(frozen=True, slots=True)
class PathsRecommendation:
    """Every path's recommendation and the one diagram that draws them all."""

    paths: tuple[PathRecommendation, ...]
    diagram: Diagram
    shared_nodes: tuple[str, ...] = ()

    def path(self, name: str) -> Recommendation:
        for p in self.paths:
            if p.name == name:
                return p.recommendation
        raise KeyError(name)


def recommend_paths(
    pack: m.Pack,
    paths: Sequence[tuple[str, Mapping[str, m.AnswerValue]]],
    pins: Mapping[str, tuple[float, float]] | None = None,
    *,
    find_open_questions: bool = False,
    title: str = "",
) -> PathsRecommendation:
    """Decide each ``(name, answers)`` path and lay out one diagram of all of them.

    >>> from assistant.core.io.paths import default_pack_dir
    >>> from assistant.core.pack.loader import load_pack
    >>> pack = load_pack(default_pack_dir())
    >>> api = {"task": "custom-prediction", "latency": "interactive", "aws_account": "new"}
    >>> nightly = {**api, "latency": "offline", "dataset_upfront": True}
    >>> plan = recommend_paths(pack, [("api", api), ("nightly", nightly)])
    >>> [p.recommendation.chosen["deployment"] for p in plan.paths]
    ['realtime', 'batch']
    """
    from ..diagram.layout import layout  # local: layout is the heaviest import of the core

    results = tuple(
        PathRecommendation(
            name,
            recommend(
                pack,
                answers,
                find_open_questions=find_open_questions,
                title=title,
                lay_out=False,
            ),
        )
        for name, answers in paths
    )
    merged, shared = merge_diagrams([(p.name, p.recommendation.diagram) for p in results], title)
    diagram = layout(merged, pins)
    if len(results) == 1:  # one path: its recommendation carries the laid-out diagram too
        only = results[0]
        results = (replace(only, recommendation=replace(only.recommendation, diagram=diagram)),)
    return PathsRecommendation(results, diagram, shared)


def _slug(name: str) -> str:
    """A path name as an id prefix.

    >>> _slug("Nightly batch #2")
    'nightly-batch-2'
    """
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "path"


def merge_diagrams(
    named: Sequence[tuple[str, Diagram]], title: str = ""
) -> tuple[Diagram, tuple[str, ...]]:
    """One diagram of several paths' diagrams, and the ids of the nodes they share.

    A node of a :data:`SHAREABLE` category that every path holding it draws identically
    (label, service, icon) is shared and drawn once, outside the path groups; every other
    node moves into its path's group under the id ``PATH.ID``.
    """
    if len(named) == 1:
        return named[0][1], ()
    shared = _shared_nodes(named)
    nodes: dict[str, Node] = {}
    groups: dict[str, Group] = {}
    edges: dict[tuple[str, str], Edge] = {}
    for name, d in named:
        _add_path(name, d, shared, nodes, groups, edges)
    used: set[str] = {n.group for n in nodes.values() if n.group}
    for member_of in list(used):  # keep the parents of used groups
        up = groups[member_of].parent
        while up is not None and up not in used:
            used.add(up)
            up = groups[up].parent
    diagram = Diagram(
        nodes=tuple(nodes.values()),
        groups=tuple(g for g in groups.values() if g.id in used),
        edges=tuple(edges.values()),
        title=title,
    )
    return diagram, tuple(sorted(shared))


def _shared_nodes(named: Sequence[tuple[str, Diagram]]) -> set[str]:
    """The :data:`SHAREABLE` nodes every path holding them draws alike, and then the sources
    drawn alike whose every edge, in every path, feeds a shared node (the data sources of
    the shared raw data): drawn once with what they feed, not once per path."""
    seen: dict[str, list[Node]] = {}
    targets: dict[str, set[str]] = {}
    fed: set[str] = set()
    for _, d in named:
        for n in d.nodes:
            seen.setdefault(n.id, []).append(n)
        for e in d.edges:
            targets.setdefault(e.source, set()).add(e.target)
            fed.add(e.target)
    alike = {
        nid
        for nid, nodes in seen.items()
        if len(nodes) > 1 and all(_same(n, nodes[0]) for n in nodes)
    }
    shared = {nid for nid in alike if seen[nid][0].category in SHAREABLE}
    sources = {nid for nid in alike - shared - fed if targets.get(nid, set()) <= shared}
    return shared | {nid for nid in sources if nid in targets}


def _add_path(
    name: str,
    d: Diagram,
    shared: set[str],
    nodes: dict[str, Node],
    groups: dict[str, Group],
    edges: dict[tuple[str, str], Edge],
) -> None:
    """Put one path's nodes, groups and edges into the merged maps (ids prefixed)."""
    prefix = _slug(name)
    top = f"path-{prefix}"
    groups[top] = Group(top, f"Path: {name}", style=PATH_STYLE)
    own = {g.id for g in d.groups}

    def gid(group: str | None) -> str:
        return f"{prefix}.{group}" if group else top

    def nid(node: str) -> str:
        return node if node in shared else f"{prefix}.{node}"

    for g in d.groups:
        groups[gid(g.id)] = Group(
            gid(g.id), g.label, gid(g.parent) if g.parent in own else top, g.style
        )
    for n in d.nodes:
        if n.id in shared:
            nodes.setdefault(n.id, replace(n, group=None, rect=None))
        else:
            nodes[nid(n.id)] = replace(n, id=nid(n.id), group=gid(n.group), rect=None)
    for e in d.edges:
        key = (nid(e.source), nid(e.target))
        edges.setdefault(key, Edge(key[0], key[1], e.label))


def _same(a: Node, b: Node) -> bool:
    return (a.label, a.service, a.icon) == (b.label, b.service, b.icon)
