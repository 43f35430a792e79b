"""``archassist recommend`` for a project with several inference paths (``paths:``).

Each path is decided on the shared answers with its own on top; ``--json`` prints one
recommendation per path and the one diagram that draws them all.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["paths_recommendation", "print_paths"]


def print_paths(pack: Any, answers: Mapping[str, Any], project: Any, as_json: bool) -> int:
    import json

    from .cli import jsonable, recommendation_json
    from .core.decide.multipath import recommend_paths
    from .core.pack.answers import normalize_answers

    named = [
        (p.name, normalize_answers(pack, {**answers, **p.answers}, f"path {p.name}"))
        for p in project.paths
    ]
    plan = recommend_paths(pack, named, project.pins)
    if as_json:
        out = {
            "paths": [
                {"name": p.name, **recommendation_json(p.recommendation)} for p in plan.paths
            ],
            "shared_nodes": list(plan.shared_nodes),
            "diagram": jsonable(plan.diagram),
        }
        print(json.dumps(out, indent=2))
        return 0
    for p in plan.paths:
        print(f"\n#### Path: {p.name}")
        for area in p.recommendation.areas:
            print(f"== {area.title}: {area.chosen.title if area.chosen else 'no option fits'}")
            for r in area.reasons[:1]:
                print(f"   because {r.text}")
            for w in area.warnings:
                if w.kind != "exam_notes":
                    print(f"   warning {w.text}")
    if plan.shared_nodes:
        print(f"\nShared by the paths: {', '.join(plan.shared_nodes)}")
    return 0


def paths_recommendation(pack: Any, answers: Mapping[str, Any], project: Any) -> Any:
    """The first path's recommendation carrying the diagram of all paths (for exports)."""
    from dataclasses import replace

    from .core.decide.multipath import recommend_paths
    from .core.pack.answers import normalize_answers

    named = [
        (p.name, normalize_answers(pack, {**answers, **p.answers}, f"path {p.name}"))
        for p in project.paths
    ]
    plan = recommend_paths(pack, named, project.pins, title=project.title)
    return replace(plan.paths[0].recommendation, diagram=plan.diagram)
