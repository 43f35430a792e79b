"""The decision engine: answers in, a reasoned :class:`Recommendation` out.

``recommend(pack, answers)`` is deterministic and works on partial answers: a rule
that looks at an unanswered question neither rules an option out nor adds to its
score, and the result lists the unanswered questions that could still change it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from ..diagram.scene import Diagram, Edge, Group, Node
from ..pack import model as m
from ..pack.conditions import Context, ValueUnknown, evaluate, render, thresholds, value_of
from .reasons import explain_area, status_blocks
from .result import (
    Alternative,
    AreaResult,
    Choice,
    ConfigValue,
    Reason,
    Recommendation,
    Warning,
)

__all__ = [
    "Alternative",
    "AreaPass",
    "AreaResult",
    "Choice",
    "ConfigValue",
    "Reason",
    "Recommendation",
    "Snapshot",
    "Warning",
    "compose_diagram",
    "configure",
    "decide_areas",
    "explain_area",
    "is_ruled_out",
    "probe_values",
    "recommend",
]


# --- the decision pass ------------------------------------------------------------------------


@dataclass(slots=True)
class AreaPass:
    """The outcome of deciding every area once (no explanations, no diagram)."""

    effective: dict[str, m.AnswerValue]
    relevant: list[str]
    chosen: dict[str, str | None]
    applicable: list[m.Area]


Snapshot = tuple[dict[str, m.AnswerValue], dict[str, str | None], int, int]


def decide_areas(
    pack: m.Pack,
    answers: Mapping[str, m.AnswerValue],
    *,
    start: int = 0,
    resume: AreaPass | None = None,
    snapshots: list[Snapshot] | None = None,
) -> AreaPass:
    """Decide every area in order.

    An answer only counts from its own area on (earlier areas never see it), so a
    caller that changes one answer can ``resume`` from the state before that area,
    recorded in ``snapshots`` by an earlier call.
    """
    if resume is not None and snapshots:
        eff, cho, n_relevant, n_applicable = snapshots[start]
        effective = dict(eff)
        chosen = dict(cho)
        relevant = resume.relevant[:n_relevant]
        applicable = resume.applicable[:n_applicable]
    else:
        start = 0
        effective, chosen, relevant, applicable = {}, {}, [], []
    by_area = _questions_by_area(pack)
    existing = None
    for area in pack.areas[start:]:
        if snapshots is not None and resume is None:
            snapshots.append((dict(effective), dict(chosen), len(relevant), len(applicable)))
        ctx = Context(pack, effective, chosen)
        area_on = evaluate(area.when, ctx) is True
        for q in by_area.get(area.id, ()):
            if area_on and evaluate(q.when, Context(pack, effective, chosen)) is True:
                relevant.append(q.id)
                if q.id in answers:
                    effective[q.id] = answers[q.id]
        if not area_on:
            chosen[area.id] = None
            continue
        applicable.append(area)
        ctx = Context(pack, effective, chosen)
        if existing is None or pack.existing_customer is not None:
            existing = _is_existing_customer(pack, ctx)
        best: tuple[float, int] | None = None
        best_id: str | None = None
        for index, option in enumerate(area.options):
            if is_ruled_out(pack, option, ctx, existing):
                continue
            score = option.score + sum(r.score for r in option.prefer if evaluate(r.when, ctx))
            if best is None or (score, -index) > best:
                best, best_id = (score, -index), option.id
        chosen[area.id] = best_id
    return AreaPass(effective, relevant, chosen, applicable)


def _is_existing_customer(pack: m.Pack, ctx: Context) -> bool:
    """Closed services stay usable only when the pack can ask, and the answers say so."""
    return pack.existing_customer is not None and evaluate(pack.existing_customer, ctx) is True


@lru_cache(maxsize=8)
def _questions_by_area(pack: m.Pack) -> dict[str, list[m.Question]]:
    out: dict[str, list[m.Question]] = {}
    for q in pack.questions.values():
        out.setdefault(q.area, []).append(q)
    return out


def is_ruled_out(pack: m.Pack, option: m.Option, ctx: Context, existing: bool) -> bool:
    if status_blocks(pack, option, existing) is not None:
        return True
    return any(evaluate(r.when, ctx) for r in option.exclude)


def configure(option: m.Option, ctx: Context) -> tuple[ConfigValue, ...]:
    out: dict[str, ConfigValue] = {}
    for entry in option.config:
        if entry.key in out or evaluate(entry.when, ctx) is not True:
            continue
        try:
            value = value_of(entry.value, ctx)
        except ValueUnknown:
            continue
        out[entry.key] = ConfigValue(
            entry.key, value, entry.unit, entry.api, entry.path, render(entry.note, ctx)
        )
    return tuple(out.values())


# --- the diagram ------------------------------------------------------------------------------


def compose_diagram(
    pack: m.Pack, options: list[m.Option], ctx: Context, title: str = ""
) -> Diagram:
    """The union of the chosen options' diagram fragments (first definition of an id wins)."""
    groups, nodes = _fragment_boxes(pack, options, ctx)
    edges: dict[tuple[str, str], Edge] = {}
    for option in options:
        for e in option.diagram.edges:
            key = (e.source, e.target)
            if key in edges or evaluate(e.when, ctx) is not True:
                continue
            if e.source in nodes and e.target in nodes and e.source != e.target:
                edges[key] = Edge(e.source, e.target, render(e.label, ctx))
    # A node that no edge reaches and no group holds says nothing about the architecture
    # (e.g. "SageMaker AI" beside training on containers): leave it out of the drawing.
    linked = {end for key in edges for end in key}
    nodes = {i: n for i, n in nodes.items() if i in linked or n.group is not None or not edges}
    final_nodes, final_groups = _tidy_groups(nodes, groups)
    return Diagram(nodes=final_nodes, groups=final_groups, edges=tuple(edges.values()), title=title)


def _fragment_boxes(
    pack: m.Pack, options: list[m.Option], ctx: Context
) -> tuple[dict[str, Group], dict[str, Node]]:
    """The groups and nodes of the fragments whose conditions hold."""
    nodes: dict[str, Node] = {}
    groups: dict[str, Group] = {}
    for option in options:
        frag = option.diagram
        for g in frag.groups:
            if g.id not in groups and evaluate(g.when, ctx) is True:
                groups[g.id] = Group(g.id, render(g.label, ctx), g.parent, g.style)
        for n in frag.nodes:
            if n.id in nodes or evaluate(n.when, ctx) is not True:
                continue
            service = pack.services.get(n.service) if n.service else None
            nodes[n.id] = Node(
                id=n.id,
                label=render(n.label, ctx) if n.label else (service.label if service else n.id),
                service=n.service,
                icon=n.icon or (service.icon if service else "generic"),
                drawio=service.drawio if service and service.drawio else None,
                category=service.category if service else "client",
                group=n.group,
            )
    return groups, nodes


def _tidy_groups(
    nodes: dict[str, Node], groups: dict[str, Group]
) -> tuple[tuple[Node, ...], tuple[Group, ...]]:
    """Drop dangling group references; groups without members are left out."""
    fixed_groups = {
        gid: Group(g.id, g.label, g.parent if g.parent in groups else None, g.style)
        for gid, g in groups.items()
    }
    used: set[str] = set()
    final_nodes = []
    for node in nodes.values():
        group = node.group if node.group in fixed_groups else None
        final_nodes.append(replace(node, group=group) if group != node.group else node)
        gid = group
        while gid is not None and gid not in used:
            used.add(gid)
            gid = fixed_groups[gid].parent
    return tuple(final_nodes), tuple(g for g in fixed_groups.values() if g.id in used)


# --- open questions -----------------------------------------------------------------------------


@lru_cache(maxsize=512)
def probe_values(pack: m.Pack, q: m.Question) -> list[m.AnswerValue]:
    if q.kind == "single":
        return [o.id for o in q.options]
    if q.kind == "multiple":
        return [(o.id,) for o in q.options]
    if q.kind == "boolean":
        return [True, False]
    points: set[float] = set()
    if q.min is not None:
        points.add(q.min)
    if q.max is not None:
        points.add(q.max)
    for t in thresholds(pack).get(q.id, ()):
        points.update({t, t * 0.999 if t else -1e-6, t * 1.001 if t else 1e-6})
    lo = q.min if q.min is not None else float("-inf")
    hi = q.max if q.max is not None else float("inf")
    return [p for p in sorted(points) if lo <= p <= hi]


def _open_questions(
    pack: m.Pack, base: AreaPass, snapshots: list[Snapshot]
) -> dict[str, list[str]]:
    """For each area, the unanswered relevant questions whose answer could change its choice."""
    out: dict[str, list[str]] = {}
    area_index = {a.id: i for i, a in enumerate(pack.areas)}
    for qid in base.relevant:
        if qid in base.effective:
            continue
        q = pack.questions[qid]
        changed: set[str] = set()
        for value in probe_values(pack, q):
            trial = decide_areas(
                pack,
                {**base.effective, qid: value},
                start=area_index[q.area],
                resume=base,
                snapshots=snapshots,
            )
            for area_id, option_id in trial.chosen.items():
                if option_id != base.chosen.get(area_id) and option_id is not None:
                    changed.add(area_id)
        for area_id in sorted(changed):
            out.setdefault(area_id, []).append(qid)
    return out


# --- entry point ---------------------------------------------------------------------------------


def recommend(
    pack: m.Pack,
    answers: Mapping[str, m.AnswerValue],
    pins: Mapping[str, tuple[float, float]] | None = None,
    *,
    find_open_questions: bool = True,
    title: str = "",
    lay_out: bool = True,
) -> Recommendation:
    """Decide every applicable area for ``answers`` (already checked with
    :func:`assistant.core.pack.answers.normalize_answers`) and compose the laid-out diagram.

    Without any answer nothing is decided: the result lists the first questions only.
    ``lay_out=False`` leaves the diagram without geometry (for callers that merge several)."""
    from ..diagram.layout import layout  # local: layout is the heaviest import of the core

    snapshots: list[Snapshot] = []
    base = decide_areas(pack, answers, snapshots=snapshots if find_open_questions else None)
    if not answers:
        # An empty project decides nothing: no defaults dressed up as a plan (issue 11).
        return Recommendation(
            pack_id=pack.id,
            pack_version=pack.version,
            answers={},
            relevant_questions=tuple(base.relevant),
            areas=(),
            diagram=Diagram(nodes=(), groups=(), edges=(), title=title),
            open_questions=tuple(base.relevant),
        )
    ctx = Context(pack, base.effective, base.chosen)
    existing = _is_existing_customer(pack, ctx)
    open_by_area = _open_questions(pack, base, snapshots) if find_open_questions else {}
    results: list[AreaResult] = []
    upstream: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    chosen_options: list[m.Option] = []
    config: dict[str, object] = {}
    for area in base.applicable:
        res = explain_area(pack, area, ctx, base.chosen.get(area.id), existing, upstream)
        upstream[area.id] = (
            tuple(dict.fromkeys(f for r in res.reasons for f in r.facts)),
            tuple(dict.fromkeys(q for r in res.reasons for q in r.questions)),
        )
        res = AreaResult(
            res.id,
            res.title,
            res.chosen,
            res.reasons,
            res.alternatives,
            res.warnings,
            res.config,
            res.tradeoffs,
            tuple(open_by_area.get(area.id, ())),
        )
        results.append(res)
        if res.chosen is not None:
            chosen_options.append(pack.option(area.id, res.chosen.id))
            for c in res.config:
                config.setdefault(c.key, c.value)
    dctx = Context(pack, base.effective, base.chosen, config)
    diagram = compose_diagram(pack, chosen_options, dctx, title)
    if lay_out:
        diagram = layout(diagram, pins)
    open_all: dict[str, None] = {}
    for qids in open_by_area.values():
        open_all.update(dict.fromkeys(qids))
    return Recommendation(
        pack_id=pack.id,
        pack_version=pack.version,
        answers=dict(answers),
        relevant_questions=tuple(base.relevant),
        areas=tuple(results),
        diagram=diagram,
        open_questions=tuple(q for q in base.relevant if q in open_all),
        ignored_answers=tuple(q for q in answers if q not in base.effective),
    )
